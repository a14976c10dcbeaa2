//! [`NativeHost`]: the operating system's clocks and a blocking wait for the CLI.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::host::Host;

/// The host for native runs: a monotonic clock from `Instant`, wall time from `SystemTime`,
/// and a park that sleeps until the next timer is due.
#[derive(Debug, Clone, Copy)]
pub struct NativeHost {
    origin: Instant,
}

impl Default for NativeHost {
    fn default() -> Self {
        Self::new()
    }
}

impl NativeHost {
    /// A host whose monotonic clock starts now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
        }
    }
}

impl Host for NativeHost {
    fn now_ms(&self) -> f64 {
        self.origin.elapsed().as_secs_f64() * 1000.0
    }

    fn epoch_ms(&self) -> f64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |since| since.as_secs_f64() * 1000.0)
    }

    fn park(&self, deadline_ms: Option<f64>) {
        // Nothing posts completions yet, so a wait without a deadline is a short nap.
        let wait_ms = deadline_ms.map_or(1.0, |deadline| deadline - self.now_ms());
        if wait_ms > 0.0 {
            std::thread::sleep(Duration::from_secs_f64(wait_ms / 1000.0));
        }
    }
}
