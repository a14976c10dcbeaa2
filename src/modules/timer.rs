//! `require("timer")`: `sleep(ms)`, a promise fulfilled after `ms` milliseconds of loop time.

use std::rc::Rc;

use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsValue, NativeFunction, js_string,
    object::ObjectInitializer,
};

use super::NativeModule;
use super::support::{
    Abortable, abort_on_signal, caller, error_value, pending_promise, signal_option,
};
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

/// `sleep(ms[, { signal }])`: the host operation `timer.sleep`, settled by the task
/// `timer.sleep.settle`. An invalid duration rejects (in that task) with a `RangeError`; it never
/// throws. An `AbortSignal` that aborts first rejects the promise with its reason and cancels the
/// sleep (aborted in the trace); one aborted already rejects at once.
fn sleep(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    const COMPLETION: &str = "timer.sleep.settle";
    const NAME: &str = "timer.sleep";
    let event_loop = event_loop(context)?;
    let duration = args.first().cloned().unwrap_or_default();
    let options = args.get(1).cloned().unwrap_or_default();
    let signal = match options.as_object() {
        Some(options) => signal_option(Some(&options), "options", context)?,
        None if options.is_null_or_undefined() => None,
        None => {
            return Err(JsNativeError::typ()
                .with_message(format!(
                    "timer.sleep: options must be an object, got {}",
                    options.type_of()
                ))
                .into());
        }
    };
    let (promise, settle) = pending_promise(context);
    let shown = duration
        .as_number()
        .map_or_else(|| duration.type_of().to_owned(), |ms| ms.to_string());
    let op = event_loop.begin_host_op(NAME, shown, caller(&event_loop, context));
    if let Some(signal) = &signal
        && let Some(reason) = signal.reason(context)?
    {
        event_loop.note_aborted(op, NAME);
        settle.reject(reason, context)?;
        return Ok(promise.into());
    }
    match duration.as_number() {
        Some(ms) if ms >= 0.0 => {
            let resolve = settle.clone();
            let work = Rc::new(move |context: &mut Context| {
                resolve.resolve(JsValue::undefined(), context)
            });
            let id = event_loop.host_timer(op, COMPLETION, ms, false, true, work);
            if let Some(signal) = &signal {
                abort_on_signal(signal, op, NAME, Abortable::Timer(id), &settle, context)?;
            }
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
