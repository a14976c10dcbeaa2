//! The loop's notion of time: real (wall time) or virtual (moves with the work JavaScript does
//! and jumps to the next due timer when nothing is ready).

pub mod cost;
mod start_time;

pub use start_time::parse_start_time;

use std::cell::Cell;
use std::rc::Rc;

use boa_engine::context::time::{Clock as BoaClock, JsInstant};

use crate::host::Host;
use cost::WorkMeter;

/// Where the virtual clock's `Date` starts unless told otherwise: 2024-01-01T00:00:00.000Z.
pub const DEFAULT_VIRTUAL_START_MS: f64 = 1_704_067_200_000.0;

/// Which clock drives a runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClockKind {
    /// Wall time: timers fire when their delay has really passed.
    #[default]
    Real,
    /// Simulated time: it moves with the work JavaScript does (see [`cost`]) and, when nothing
    /// is ready, jumps to the next due timer. Deterministic: the same program gets the same
    /// times on every machine.
    Virtual,
}

impl std::str::FromStr for ClockKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "real" => Ok(Self::Real),
            "virtual" => Ok(Self::Virtual),
            other => Err(format!(
                "unknown clock '{other}' (expected 'real' or 'virtual')"
            )),
        }
    }
}

/// The clock shared by the event loop, `performance.now()` and `Date`.
///
/// Times are milliseconds since the runtime started ("loop time").
pub struct LoopClock {
    kind: ClockKind,
    host: Rc<dyn Host>,
    /// The host's monotonic time when the runtime started.
    origin_ms: f64,
    /// The Unix epoch time when the runtime started.
    epoch_origin_ms: f64,
    /// Current virtual time; unused under the real clock.
    virtual_ms: Cell<f64>,
    /// The engine's work not yet charged to virtual time.
    work: WorkMeter,
}

impl std::fmt::Debug for LoopClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoopClock")
            .field("kind", &self.kind)
            .field("now", &self.now())
            .finish_non_exhaustive()
    }
}

impl LoopClock {
    /// Starts a clock of the given kind at loop time zero, which falls at the Unix epoch time
    /// `start_epoch_ms` (default: the host's wall time under the real clock,
    /// [`DEFAULT_VIRTUAL_START_MS`] under the virtual one).
    pub fn new(kind: ClockKind, host: Rc<dyn Host>, start_epoch_ms: Option<f64>) -> Self {
        let origin_ms = host.now_ms();
        let epoch_origin_ms = start_epoch_ms.unwrap_or_else(|| match kind {
            ClockKind::Real => host.epoch_ms(),
            ClockKind::Virtual => DEFAULT_VIRTUAL_START_MS,
        });
        Self {
            kind,
            host,
            origin_ms,
            epoch_origin_ms,
            virtual_ms: Cell::new(0.0),
            work: WorkMeter::default(),
        }
    }

    /// Which kind of clock this is.
    pub fn kind(&self) -> ClockKind {
        self.kind
    }

    /// The active clock's time: what timers and `performance.now()` see.
    pub fn now(&self) -> f64 {
        match self.kind {
            ClockKind::Real => self.wall(),
            ClockKind::Virtual => self.virtual_ms.get(),
        }
    }

    /// Both [`Self::now`] and [`Self::wall`], reading the host once.
    pub fn now_and_wall(&self) -> (f64, f64) {
        let wall = self.wall();
        match self.kind {
            ClockKind::Real => (wall, wall),
            ClockKind::Virtual => (self.virtual_ms.get(), wall),
        }
    }

    /// Real time elapsed since the runtime started, whatever the active clock.
    pub fn wall(&self) -> f64 {
        (self.host.now_ms() - self.origin_ms).max(0.0)
    }

    /// Moves virtual time forward to `to_ms`; never backwards, and a no-op on the real clock.
    pub fn advance_to(&self, to_ms: f64) {
        if self.kind == ClockKind::Virtual && to_ms > self.virtual_ms.get() {
            self.virtual_ms.set(to_ms);
        }
    }

    /// Charges the engine's work since the last call to virtual time, given its count of
    /// instructions it may still run; a no-op on the real clock.
    pub(crate) fn charge_work(&self, instructions_remaining: usize) {
        if self.kind == ClockKind::Virtual {
            let spent = self.work.take(instructions_remaining);
            self.virtual_ms.set(self.virtual_ms.get() + spent);
        }
    }

    /// The time a script reads (`performance.now()`): under the virtual clock the read itself
    /// takes [`cost::CLOCK_READ_MS`], so a loop that waits for the clock makes progress.
    pub fn read(&self) -> f64 {
        if self.kind == ClockKind::Virtual {
            self.virtual_ms
                .set(self.virtual_ms.get() + cost::CLOCK_READ_MS);
        }
        self.now()
    }

    /// The Unix epoch time a script reads (`Date.now()`, `new Date()`), in whole
    /// milliseconds; a read like [`Self::read`].
    pub fn read_epoch(&self) -> f64 {
        (self.epoch_origin_ms + self.read()).floor()
    }

    /// The Unix epoch time, in milliseconds, at which loop time zero fell.
    pub fn epoch_origin(&self) -> f64 {
        self.epoch_origin_ms
    }

    /// The host this clock reads, for parking until a deadline.
    pub(crate) fn host(&self) -> &Rc<dyn Host> {
        &self.host
    }

    /// Converts loop time to the host's monotonic scale (for [`Host::park`]).
    pub(crate) fn to_host_ms(&self, loop_ms: f64) -> f64 {
        self.origin_ms + loop_ms
    }
}

/// Lets Boa's `Date` follow the loop's clock, so `Date.now()` moves with virtual time too.
#[derive(Debug)]
pub(crate) struct EngineClock(pub(crate) Rc<LoopClock>);

impl BoaClock for EngineClock {
    fn now(&self) -> JsInstant {
        let nanos = (self.0.now().max(0.0) * 1_000_000.0) as u128;
        let secs = (nanos / 1_000_000_000) as u64;
        JsInstant::new(secs, (nanos % 1_000_000_000) as u32)
    }

    fn system_time_millis(&self) -> i64 {
        self.0.read_epoch() as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct StepHost(Cell<f64>);

    impl Host for StepHost {
        fn now_ms(&self) -> f64 {
            self.0.get()
        }
        fn epoch_ms(&self) -> f64 {
            1_000_000.0 + self.0.get()
        }
    }

    #[test]
    fn virtual_time_only_moves_forward_and_ignores_the_host() {
        let host = Rc::new(StepHost::default());
        let clock = LoopClock::new(ClockKind::Virtual, host.clone(), None);
        host.0.set(500.0);
        assert_eq!(clock.now(), 0.0);
        clock.advance_to(10.0);
        clock.advance_to(5.0);
        assert_eq!(clock.now(), 10.0);
        assert_eq!(clock.wall(), 500.0);
    }

    #[test]
    fn real_time_follows_the_host_from_the_start() {
        let host = Rc::new(StepHost::default());
        host.0.set(100.0);
        let clock = LoopClock::new(ClockKind::Real, host.clone(), None);
        host.0.set(142.5);
        assert_eq!(clock.now(), 42.5);
        clock.advance_to(1000.0);
        assert_eq!(clock.now(), 42.5);
    }

    #[test]
    fn date_follows_the_virtual_clock_from_its_start_instant() {
        let host = Rc::new(StepHost::default());
        let clock = Rc::new(LoopClock::new(ClockKind::Virtual, host, Some(1_000_000.0)));
        let engine = EngineClock(clock.clone());
        assert_eq!(engine.system_time_millis(), 1_000_000);
        clock.advance_to(250.0);
        assert_eq!(engine.system_time_millis(), 1_000_250);
    }

    #[test]
    fn the_virtual_clock_starts_at_a_fixed_instant_and_the_real_one_at_the_hosts() {
        let host = Rc::new(StepHost::default());
        let virtual_clock = LoopClock::new(ClockKind::Virtual, host.clone(), None);
        assert_eq!(virtual_clock.epoch_origin(), DEFAULT_VIRTUAL_START_MS);
        let real = LoopClock::new(ClockKind::Real, host.clone(), None);
        assert_eq!(real.epoch_origin(), 1_000_000.0);
        let pinned = LoopClock::new(ClockKind::Real, host, Some(5.0));
        assert_eq!(pinned.epoch_origin(), 5.0);
    }

    #[test]
    fn reading_the_virtual_clock_takes_time_and_work_is_charged_once() {
        let host = Rc::new(StepHost::default());
        let clock = LoopClock::new(ClockKind::Virtual, host.clone(), None);
        let first = clock.read();
        let second = clock.read();
        assert!((second - first - cost::CLOCK_READ_MS).abs() < 1e-12);
        let before = clock.now();
        clock.charge_work(cost::INSTRUCTION_BUDGET - 1_000_000);
        clock.charge_work(cost::INSTRUCTION_BUDGET - 1_000_000);
        assert!((clock.now() - before - 1_000_000.0 * cost::INSTRUCTION_MS).abs() < 1e-9);
        let real = LoopClock::new(ClockKind::Real, host, None);
        real.charge_work(0);
        assert_eq!(real.read(), 0.0);
    }
}
