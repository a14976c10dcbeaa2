//! What running JavaScript costs in virtual time.
//!
//! Under the virtual clock time does not stand still while code runs: every bytecode
//! instruction the engine executes takes [`INSTRUCTION_MS`], and every read of the clock by a
//! script (`performance.now()`, `Date.now()`, `new Date()`) takes [`CLOCK_READ_MS`]. Both are
//! counted, never measured, so a program gets the same times on every machine and in every
//! host. A busy wait (`while (Date.now() - start < 100) {}`) therefore ends after its virtual
//! 100 ms, having read the clock about 2,000 times; the timers that became due meanwhile then
//! run in the browser's order.
//!
//! Why these two prices: a clock read is what a busy wait repeats, and pricing it at half the
//! resolution of Chromium's `performance.now()` (100 µs outside cross-origin isolation) makes a
//! virtual wait of 10 s cost a few hundred thousand iterations, a fraction of a real second
//! even in the browser's worker. The instruction price makes loops that never read the clock
//! still take time (a loop of 2e7 iterations takes about a virtual half second), so
//! `performance.now()` around any work measures more than zero.

use std::cell::Cell;

/// Virtual milliseconds one bytecode instruction takes (5 ns).
pub const INSTRUCTION_MS: f64 = 5e-6;

/// Virtual milliseconds one read of the clock by a script takes (50 µs).
pub const CLOCK_READ_MS: f64 = 0.05;

/// The engine's instruction budget when a runtime starts: the counter only ever counts down
/// from here, and tickscope reads how far it went (see [`WorkMeter`]).
pub const INSTRUCTION_BUDGET: usize = usize::MAX;

/// Turns the engine's count of executed instructions into virtual time.
///
/// Boa counts down the instructions it may still run; the meter remembers the count at its
/// last reading, so each reading yields the work done since the one before.
#[derive(Debug)]
pub(crate) struct WorkMeter {
    last_remaining: Cell<usize>,
}

impl Default for WorkMeter {
    fn default() -> Self {
        Self {
            last_remaining: Cell::new(INSTRUCTION_BUDGET),
        }
    }
}

impl WorkMeter {
    /// Virtual milliseconds of work done since the last reading, given the engine's count of
    /// instructions it may still run.
    pub(crate) fn take(&self, remaining: usize) -> f64 {
        let last = self.last_remaining.replace(remaining);
        last.saturating_sub(remaining) as f64 * INSTRUCTION_MS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reading_charges_only_the_instructions_since_the_last() {
        let meter = WorkMeter::default();
        assert_eq!(meter.take(INSTRUCTION_BUDGET), 0.0);
        assert_eq!(meter.take(INSTRUCTION_BUDGET - 200_000), 1.0);
        assert_eq!(meter.take(INSTRUCTION_BUDGET - 200_000), 0.0);
        assert_eq!(meter.take(INSTRUCTION_BUDGET - 600_000), 2.0);
    }
}
