//! The few methods tickscope calls on the global scope, bound once for windows and workers alike
//! (web-sys binds them separately on `Window` and `WorkerGlobalScope`).

use js_sys::{Function, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::RequestInit;

#[wasm_bindgen]
extern "C" {
    /// `globalThis`: a window or a worker's global scope.
    #[derive(Debug, Clone)]
    pub(crate) type Global;

    /// `fetch(input, init)`: a Promise of a `Response`.
    #[wasm_bindgen(method, catch, js_name = fetch)]
    pub(crate) fn fetch_with_init(
        this: &Global,
        input: &str,
        init: &RequestInit,
    ) -> Result<Promise, JsValue>;

    /// `setTimeout(handler, ms)`: the timer's id.
    #[wasm_bindgen(method, catch, js_name = setTimeout)]
    pub(crate) fn set_timeout(
        this: &Global,
        handler: &Function,
        ms: f64,
    ) -> Result<JsValue, JsValue>;

    /// `clearTimeout(id)`.
    #[wasm_bindgen(method, catch, js_name = clearTimeout)]
    pub(crate) fn clear_timeout(this: &Global, id: &JsValue) -> Result<(), JsValue>;

    /// `requestAnimationFrame(callback)`: present in windows, and in dedicated workers of the
    /// browsers that have it there (Chromium, Firefox).
    #[wasm_bindgen(method, catch, js_name = requestAnimationFrame)]
    pub(crate) fn request_animation_frame(
        this: &Global,
        callback: &Function,
    ) -> Result<JsValue, JsValue>;

    /// `cancelAnimationFrame(id)`.
    #[wasm_bindgen(method, catch, js_name = cancelAnimationFrame)]
    pub(crate) fn cancel_animation_frame(this: &Global, id: &JsValue) -> Result<(), JsValue>;
}

/// The current global scope.
pub(crate) fn global() -> Global {
    js_sys::global().unchecked_into()
}

/// Whether the global scope has a `requestAnimationFrame` function.
pub(crate) fn has_animation_frames() -> bool {
    js_sys::Reflect::get(
        &js_sys::global(),
        &JsValue::from_str("requestAnimationFrame"),
    )
    .is_ok_and(|value| value.is_function())
}

/// A thrown JavaScript value as text: an `Error`'s message, or the value as a string.
pub(crate) fn describe_js_error(error: &JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        let name = String::from(error.name());
        let message = String::from(error.message());
        return if name.is_empty() || name == "Error" {
            message
        } else {
            format!("{name}: {message}")
        };
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}
