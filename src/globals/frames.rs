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

/// The first argument as a function, or Chromium's `TypeError` naming `method`.
pub(crate) fn callback_argument(args: &[JsValue], method: &str) -> JsResult<JsFunction> {
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

/// A handle argument (`long`) as an id; 0 (no callback has it) for anything not positive.
pub(crate) fn handle_argument(args: &[JsValue], context: &mut Context) -> JsResult<u32> {
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
    let id = handle_argument(args, context)?;
    if id > 0 {
        event_loop(context)?.cancel_animation_frame(id);
    }
    Ok(JsValue::undefined())
}
