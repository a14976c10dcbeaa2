//! Small DOM helpers shared by the page's modules: finding and creating elements, flags, and event
//! listeners that live as long as the page, and promise callbacks.

use std::cell::RefCell;

use js_sys::Promise;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event, EventTarget, HtmlElement, Window};

thread_local! {
    /// The window's `performance`, looked up once.
    static PERFORMANCE: Option<web_sys::Performance> =
        window().ok().and_then(|window| window.performance());
}

/// `performance.now()`, or 0 where there is none.
pub fn now() -> f64 {
    PERFORMANCE.with(|performance| performance.as_ref().map_or(0.0, |p| p.now()))
}

/// The page's window.
pub fn window() -> Result<Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))
}

/// The page's document.
pub fn document() -> Result<Document, JsValue> {
    window()?
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// The element with `id`, as the type `T` (an error names the id when it is missing or of
/// another type).
pub fn by_id<T: JsCast>(document: &Document, id: &str) -> Result<T, JsValue> {
    document
        .get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("the page has no #{id}")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("#{id} is not the expected kind of element")))
}

/// Creates an element with a class (none when `class` is empty).
pub fn create(document: &Document, tag: &str, class: &str) -> Result<HtmlElement, JsValue> {
    let el: HtmlElement = document.create_element(tag)?.dyn_into()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    Ok(el)
}

/// Sets the boolean attribute `name` when `on`, removes it otherwise.
pub fn set_flag(el: &Element, name: &str, on: bool) -> Result<(), JsValue> {
    if on {
        el.set_attribute(name, "")
    } else {
        el.remove_attribute(name)
    }
}

/// Adds an event listener that lives as long as the page (the page is never torn down).
pub fn listen(
    target: &EventTarget,
    kind: &str,
    handler: impl FnMut(Event) + 'static,
) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
    closure.forget();
    Ok(())
}

/// Calls `f` once, after `ms` milliseconds (a timer task).
pub fn after(ms: i32, f: impl FnOnce() + 'static) -> Result<(), JsValue> {
    later(ms, Box::new(f))
}

/// Calls `f` once, when the browser is next idle (`requestIdleCallback`, after at most
/// `timeout_ms`), or after a zero-delay timer where there is no `requestIdleCallback`.
pub fn when_idle(timeout_ms: u32, f: impl FnOnce() + 'static) -> Result<(), JsValue> {
    let window = window()?;
    if js_sys::Reflect::has(&window, &JsValue::from_str("requestIdleCallback")).unwrap_or(false) {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(timeout_ms);
        let callback = Closure::once_into_js(Box::new(f) as Box<dyn FnOnce()>);
        window.request_idle_callback_with_options(callback.unchecked_ref(), &options)?;
        Ok(())
    } else {
        later(0, Box::new(f))
    }
}

/// One shape for every one-off callback (each closure type would otherwise bring its own copy of
/// the glue into the page's wasm).
fn later(ms: i32, f: Box<dyn FnOnce()>) -> Result<(), JsValue> {
    let callback = Closure::once_into_js(f);
    window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms)?;
    Ok(())
}

/// Logs an error of the page to the browser's console.
pub fn log_error(context: &str, error: &JsValue) {
    web_sys::console::error_2(&JsValue::from_str(&format!("tickscope: {context}")), error);
}

/// Whether keyboard input aimed at `target` belongs to a text field or the editor (so page
/// shortcuts such as the arrow keys must leave it alone).
pub fn is_typing_target(target: Option<EventTarget>) -> bool {
    let Some(el) = target.and_then(|target| target.dyn_into::<Element>().ok()) else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    if matches!(tag.as_str(), "input" | "textarea" | "select") {
        return true;
    }
    matches!(el.closest(".cm-editor, [contenteditable]"), Ok(Some(_)))
}

/// Calls `ok` or `err` once `promise` settles. (The two small callbacks are kept for the page's
/// life: a handful per page.)
pub fn on_settle(
    promise: &Promise,
    ok: impl FnOnce(JsValue) + 'static,
    err: impl FnOnce(JsValue) + 'static,
) {
    let ok = RefCell::new(Some(ok));
    let err = RefCell::new(Some(err));
    let on_ok = Closure::<dyn FnMut(JsValue)>::new(move |value| {
        if let Some(ok) = ok.borrow_mut().take() {
            ok(value);
        }
    });
    let on_err = Closure::<dyn FnMut(JsValue)>::new(move |value| {
        if let Some(err) = err.borrow_mut().take() {
            err(value);
        }
    });
    let _ = promise.then2(&on_ok, &on_err);
    on_ok.forget();
    on_err.forget();
}
