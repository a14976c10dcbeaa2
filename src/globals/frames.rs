//! `requestAnimationFrame` and `cancelAnimationFrame`: callbacks for the loop's rendering step
//! (see [`crate::event_loop::frames`]).

use boa_engine::{
    Context, JsNativeError, JsResult, JsValue, NativeFunction, js_string,
    object::builtins::JsFunction,
};

use super::timers::event_loop;
use crate::event_loop::timers::coerce_delay;

/// Installs `requestAnimationFrame` and `cancelAnimationFrame`.
pub(crate) fn install(context: &mut Context) -> JsResult<()> {
    context.register_global_callable(
        js_string!("requestAnimationFrame"),
        1,
        NativeFunction::from_fn_ptr(request_animation_frame),
    )?;
    context.register_global_callable(
        js_string!("cancelAnimationFrame"),
        1,
        NativeFunction::from_fn_ptr(cancel_animation_frame),
    )?;
    Ok(())
}

/// WebIDL's check that `required` arguments were passed to `method` (of `Window`), with
/// Chromium's message.
pub(crate) fn require_arguments(args: &[JsValue], required: usize, method: &str) -> JsResult<()> {
    if args.len() >= required {
        return Ok(());
    }
    let plural = if required == 1 { "" } else { "s" };
    Err(JsNativeError::typ()
        .with_message(format!(
            "Failed to execute '{method}' on 'Window': {required} argument{plural} required, but \
             only {} present.",
            args.len()
        ))
        .into())
}

/// The first argument as a function, or Chromium's `TypeError` naming `method`.
pub(crate) fn callback_argument(args: &[JsValue], method: &str) -> JsResult<JsFunction> {
    require_arguments(args, 1, method)?;
    args.first()
        .and_then(JsValue::as_callable)
        .and_then(JsFunction::from_object)
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message(format!(
                    "Failed to execute '{method}' on 'Window': The callback provided as parameter \
                     1 is not a function."
                ))
                .into()
        })
}

/// A handle argument (`long`) of `method` as an id; 0 (no callback has it) for anything not
/// positive.
pub(crate) fn handle_argument(
    args: &[JsValue],
    method: &str,
    context: &mut Context,
) -> JsResult<u32> {
    require_arguments(args, 1, method)?;
    let number = args
        .first()
        .cloned()
        .unwrap_or_default()
        .to_number(context)?;
    Ok(coerce_delay(number) as u32)
}

fn request_animation_frame(
    _: &JsValue,
    args: &[JsValue],
    context: &mut Context,
) -> JsResult<JsValue> {
    let callback = callback_argument(args, "requestAnimationFrame")?;
    let event_loop = event_loop(context)?;
    let by = event_loop.caller(context);
    Ok(event_loop.request_animation_frame(callback, by).into())
}

fn cancel_animation_frame(
    _: &JsValue,
    args: &[JsValue],
    context: &mut Context,
) -> JsResult<JsValue> {
    let id = handle_argument(args, "cancelAnimationFrame", context)?;
    if id > 0 {
        event_loop(context)?.cancel_animation_frame(id);
    }
    Ok(JsValue::undefined())
}
