//! The boundary between the platform-free core and the platform it runs on.
//!
//! Everything the core needs from outside (time, and later files, HTTP and wake-ups) goes
//! through [`Host`]. The browser worker, the native CLI and tests each provide one.

/// What the core asks of the platform it runs on.
pub trait Host {
    /// Monotonic time in milliseconds from an arbitrary origin; drives the real clock.
    fn now_ms(&self) -> f64;

    /// Wall-clock time in milliseconds since the Unix epoch; what `Date.now()` starts from.
    fn epoch_ms(&self) -> f64;

    /// Blocks the calling thread until `deadline_ms` (on the [`Host::now_ms`] scale) or until
    /// background work has posted a completion, whichever comes first.
    ///
    /// Only blocking hosts (the CLI) implement this; the browser pumps the loop from
    /// `requestAnimationFrame` instead and keeps this default, which returns at once.
    fn park(&self, deadline_ms: Option<f64>) {
        let _ = deadline_ms;
    }
}

/// A host for tests and for runs under the virtual clock that never touch the outside world.
///
/// Its monotonic time stands still, so it is only meaningful with the virtual clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct NullHost;

impl Host for NullHost {
    fn now_ms(&self) -> f64 {
        0.0
    }

    fn epoch_ms(&self) -> f64 {
        0.0
    }
}
