//! Clock controls for tests: move the virtual clock by hand and run what becomes due on the way,
//! on the real microtask queue (the vocabulary of sinon's fake timers, Jest and Vitest).

use super::Runtime;
use crate::{ClockKind, StepOutcome};

/// A clock control was asked of a runtime on the real clock, whose time cannot be moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RealClockError;

impl std::fmt::Display for RealClockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("clock controls need the virtual clock (the real clock cannot be moved)")
    }
}

impl std::error::Error for RealClockError {}

impl Runtime {
    /// Moves the virtual clock forward by `ms`, running on the way every task, microtask and
    /// timer that becomes due, each at its own time (sinon's `tick`, Jest's
    /// `advanceTimersByTime`). Returns what is left.
    ///
    /// ```
    /// # use std::rc::Rc;
    /// # use tickscope::{ClockKind, Runtime, RuntimeOptions, host::NullHost};
    /// let options = RuntimeOptions { clock: ClockKind::Virtual, ..RuntimeOptions::default() };
    /// let mut runtime = Runtime::new(options, Rc::new(NullHost))?;
    /// runtime.load_script("a.js", "setTimeout(() => console.log('at 100'), 100);
    ///                              setTimeout(() => console.log('at 300'), 300);")?;
    /// runtime.advance_clock(150.0)?;
    /// assert_eq!(runtime.now_ms(), 150.0);
    /// assert_eq!(runtime.pending_timers(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn advance_clock(&mut self, ms: f64) -> Result<StepOutcome, RealClockError> {
        let until = self.now_ms() + ms.max(0.0);
        self.run_until(until)
    }

    /// Runs until the virtual clock reads `loop_ms` (milliseconds since the run started),
    /// running everything due before it; a time already passed runs only what is ready.
    ///
    /// ```
    /// # use std::rc::Rc;
    /// # use tickscope::{ClockKind, Runtime, RuntimeOptions, host::NullHost};
    /// let options = RuntimeOptions { clock: ClockKind::Virtual, ..RuntimeOptions::default() };
    /// let mut runtime = Runtime::new(options, Rc::new(NullHost))?;
    /// runtime.load_script("a.js", "setInterval(() => console.log('tick'), 10);")?;
    /// runtime.run_until(35.0)?;
    /// let ticks = runtime.take_events().iter()
    ///     .filter(|e| matches!(e.kind, tickscope::trace::EventKind::Console { .. }))
    ///     .count();
    /// assert_eq!(ticks, 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run_until(&mut self, loop_ms: f64) -> Result<StepOutcome, RealClockError> {
        self.virtual_only()?;
        Ok(self.event_loop.run_until(&mut self.context, loop_ms))
    }

    /// Runs what is ready, then moves the clock to the next timer and runs it alone with its
    /// microtasks (sinon's `next`, Jest's `advanceTimersToNextTimer`).
    ///
    /// ```
    /// # use std::rc::Rc;
    /// # use tickscope::{ClockKind, Runtime, RuntimeOptions, host::NullHost};
    /// let options = RuntimeOptions { clock: ClockKind::Virtual, ..RuntimeOptions::default() };
    /// let mut runtime = Runtime::new(options, Rc::new(NullHost))?;
    /// runtime.load_script("a.js", "setTimeout(() => {}, 40); setTimeout(() => {}, 90);")?;
    /// runtime.run_to_next_timer()?;
    /// // The script's own work took a few virtual nanoseconds too.
    /// assert_eq!((runtime.now_ms().round(), runtime.pending_timers()), (40.0, 1));
    /// runtime.run_to_next_timer()?;
    /// assert_eq!((runtime.now_ms().round(), runtime.pending_timers()), (90.0, 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run_to_next_timer(&mut self) -> Result<StepOutcome, RealClockError> {
        self.virtual_only()?;
        Ok(self.event_loop.run_to_next_timer(&mut self.context))
    }

    /// Runs the timers pending now, up to the latest of them, but not the later ones they set
    /// (sinon's `runToLast`, Jest's `runOnlyPendingTimers`).
    ///
    /// ```
    /// # use std::rc::Rc;
    /// # use tickscope::{ClockKind, Runtime, RuntimeOptions, host::NullHost};
    /// let options = RuntimeOptions { clock: ClockKind::Virtual, ..RuntimeOptions::default() };
    /// let mut runtime = Runtime::new(options, Rc::new(NullHost))?;
    /// // Each firing sets the next one, 50 ms later, for ever.
    /// runtime.load_script("a.js", "(function again() { setTimeout(again, 50); })();")?;
    /// runtime.run_to_last_timer()?;
    /// assert_eq!((runtime.now_ms().round(), runtime.pending_timers()), (50.0, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run_to_last_timer(&mut self) -> Result<StepOutcome, RealClockError> {
        self.virtual_only()?;
        let ready = self.now_ms();
        let outcome = self.event_loop.run_until(&mut self.context, ready);
        match self.event_loop.last_timer_due() {
            Some(last) => Ok(self.event_loop.run_until(&mut self.context, last)),
            None => Ok(outcome),
        }
    }

    /// How many timers (timeouts, intervals and clock-based host operations) are pending.
    ///
    /// ```
    /// # use std::rc::Rc;
    /// # use tickscope::{ClockKind, Runtime, RuntimeOptions, host::NullHost};
    /// let options = RuntimeOptions { clock: ClockKind::Virtual, ..RuntimeOptions::default() };
    /// let mut runtime = Runtime::new(options, Rc::new(NullHost))?;
    /// runtime.load_script("a.js", "setTimeout(() => {}, 5); clearTimeout(setTimeout(() => {}, 9));")?;
    /// runtime.step();
    /// assert_eq!(runtime.pending_timers(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pending_timers(&self) -> usize {
        self.pending().timers
    }

    fn virtual_only(&self) -> Result<(), RealClockError> {
        if self.event_loop.clock().kind() == ClockKind::Virtual {
            Ok(())
        } else {
            Err(RealClockError)
        }
    }
}
