//! `require("timer")`: `sleep(ms)`, a promise fulfilled after `ms` milliseconds of loop time.

use std::rc::Rc;

use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsValue, NativeFunction, js_string,
    object::ObjectInitializer,
};

use super::NativeModule;
use super::support::{caller, error_value, pending_promise};
use crate::globals::timers::event_loop;

/// The `timer` module.
#[derive(Debug, Clone, Copy, Default)]
pub struct TimerModule;

impl NativeModule for TimerModule {
    fn name(&self) -> &str {
        "timer"
    }

    fn exports(&self, context: &mut Context) -> JsResult<JsObject> {
        Ok(ObjectInitializer::new(context)
            .function(NativeFunction::from_fn_ptr(sleep), js_string!("sleep"), 1)
            .build())
    }
}

/// `sleep(ms)`: the host operation `timer.sleep`, settled by the task `timer.sleep.settle`.
/// An invalid duration rejects (in that task) with a `RangeError`; it never throws.
fn sleep(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    const COMPLETION: &str = "timer.sleep.settle";
    let event_loop = event_loop(context)?;
    let duration = args.first().cloned().unwrap_or_default();
    let (promise, settle) = pending_promise(context);
    let shown = duration
        .as_number()
        .map_or_else(|| duration.type_of().to_owned(), |ms| ms.to_string());
    let op = event_loop.begin_host_op("timer.sleep", shown, caller(&event_loop, context));
    match duration.as_number() {
        Some(ms) if ms >= 0.0 => {
            let work =
                Rc::new(move |context: &mut Context| settle.resolve(JsValue::undefined(), context));
            event_loop.host_timer(op, COMPLETION, ms, false, true, work);
        }
        _ => {
            let message = format!(
                "invalid duration: expected a non-negative number of milliseconds, got {}",
                describe(&duration, context)
            );
            event_loop.complete_now(op, COMPLETION, false, move |context| {
                let error = error_value(JsNativeError::range().with_message(message), context);
                settle.reject(error, context)
            });
        }
    }
    Ok(promise.into())
}

/// A short description of a bad argument for an error message.
fn describe(value: &JsValue, context: &mut Context) -> String {
    match value.as_number() {
        Some(number) => number.to_string(),
        None => match value.as_string() {
            Some(text) => format!("the string {:?}", text.to_std_string_escaped()),
            None => value.to_string(context).map_or_else(
                |_| value.type_of().to_owned(),
                |s| s.to_std_string_escaped(),
            ),
        },
    }
}
