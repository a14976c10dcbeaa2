//! The browser's [`Host`]: time from `performance.now()` and `Date.now()`.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Performance;

use crate::host::Host;

/// The [`Host`] of a page or a Web Worker.
///
/// Monotonic time comes from the global `performance.now()` (there is one in windows and in
/// workers alike); where a global scope has none, it falls back to `Date.now()`, which is
/// wall time and may jump, but keeps the runtime working.
#[derive(Debug, Clone)]
pub struct BrowserHost {
    performance: Option<Performance>,
}

impl BrowserHost {
    /// Makes a host for the current global scope (window or worker).
    pub fn new() -> Self {
        let performance = Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
            .ok()
            .and_then(|value| value.dyn_into::<Performance>().ok());
        Self { performance }
    }
}

impl Default for BrowserHost {
    fn default() -> Self {
        Self::new()
    }
}

impl Host for BrowserHost {
    fn now_ms(&self) -> f64 {
        match &self.performance {
            Some(performance) => performance.now(),
            None => js_sys::Date::now(),
        }
    }

    fn epoch_ms(&self) -> f64 {
        js_sys::Date::now()
    }
}
