//! `window.tickscope`: the page's script interface, for page tests, embedding pages and users'
//! own automation (`docs/page-contract.md`).
//!
//! | member | does |
//! |---|---|
//! | `setCode(text)` | replaces the editor's text |
//! | `getCode()` | the editor's text |
//! | `setClock("real" \| "virtual")` | the clock of the next run (throws on anything else) |
//! | `run()` | runs; a Promise of `{state, console, events}` once the run is idle, paused, stopped, failed or replaced |
//! | `stop()` | terminates the engine and starts a fresh one |
//! | `events()` | the trace so far, as plain objects |
//! | `seek(n)` | moves the step cursor to `n` events (as Step back / forward do); `seek(null)` follows the run again |
//! | `cursor()` | the step cursor (events at it), or `null` while it follows the run |

use std::rc::Weak;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::ClockKind;
use crate::web::page::app::App;
use crate::web::page::dom;

/// Installs `window.tickscope`, calling into `app` (a no-op once the app is gone).
pub fn install(app: Weak<App>) -> Result<(), JsValue> {
    let api = Object::new();
    let define = |name: &str, function: &Function| {
        Reflect::set(&api, &JsValue::from_str(name), function).map(drop)
    };

    let target = app.clone();
    define(
        "setCode",
        &function1(move |text: JsValue| {
            let text = text
                .as_string()
                .ok_or_else(|| type_error("setCode(text): text must be a string"))?;
            if let Some(app) = target.upgrade() {
                app.set_code(&text);
            }
            Ok(JsValue::UNDEFINED)
        }),
    )?;

    let target = app.clone();
    define(
        "getCode",
        &function0(move || {
            Ok(target
                .upgrade()
                .map_or(JsValue::UNDEFINED, |app| JsValue::from_str(&app.code())))
        }),
    )?;

    let target = app.clone();
    define(
        "setClock",
        &function1(move |clock: JsValue| {
            let clock = match clock.as_string().as_deref() {
                Some("real") => ClockKind::Real,
                Some("virtual") => ClockKind::Virtual,
                _ => {
                    return Err(type_error(
                        r#"setClock(clock): clock must be "real" or "virtual""#,
                    ));
                }
            };
            if let Some(app) = target.upgrade() {
                app.set_clock(clock);
            }
            Ok(JsValue::UNDEFINED)
        }),
    )?;

    let target = app.clone();
    define(
        "run",
        &function0(move || {
            let Some(app) = target.upgrade() else {
                return Err(JsValue::from_str("the page is gone"));
            };
            let mut resolver = None;
            let promise = Promise::new(&mut |resolve, _reject| resolver = Some(resolve));
            match resolver {
                Some(resolve) => app.run_then(resolve),
                None => return Err(JsValue::from_str("could not make a promise")),
            }
            Ok(promise.into())
        }),
    )?;

    let target = app.clone();
    define(
        "stop",
        &function0(move || {
            if let Some(app) = target.upgrade() {
                app.stop();
            }
            Ok(JsValue::UNDEFINED)
        }),
    )?;

    let target = app.clone();
    define(
        "seek",
        &function1(move |step: JsValue| {
            let step = if step.is_null() || step.is_undefined() {
                None
            } else {
                let n = step
                    .as_f64()
                    .filter(|n| n.is_finite() && *n >= 0.0 && n.fract() == 0.0);
                Some(n.ok_or_else(|| {
                    type_error("seek(n): n must be a whole number of events, or null")
                })? as usize)
            };
            if let Some(app) = target.upgrade() {
                app.seek(step);
            }
            Ok(JsValue::UNDEFINED)
        }),
    )?;

    let target = app.clone();
    define(
        "cursor",
        &function0(move || {
            let cursor = target.upgrade().and_then(|app| app.cursor());
            Ok(cursor.map_or(JsValue::NULL, |k| JsValue::from_f64(k as f64)))
        }),
    )?;

    let target = app;
    define(
        "events",
        &function0(move || match target.upgrade() {
            Some(app) => js_sys::JSON::parse(&app.events_json()?),
            None => Ok(js_sys::Array::new().into()),
        }),
    )?;

    let window: JsValue = dom::window()?.into();
    Reflect::set(&window, &JsValue::from_str("tickscope"), &api)?;
    Ok(())
}

/// A JavaScript function of no arguments, alive as long as the page.
fn function0(f: impl Fn() -> Result<JsValue, JsValue> + 'static) -> Function {
    Closure::<dyn Fn() -> Result<JsValue, JsValue>>::new(f)
        .into_js_value()
        .unchecked_into()
}

/// A JavaScript function of one argument, alive as long as the page.
fn function1(f: impl Fn(JsValue) -> Result<JsValue, JsValue> + 'static) -> Function {
    Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(f)
        .into_js_value()
        .unchecked_into()
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}
