//! `setTimeout`, `setInterval`, `clearTimeout`, `clearInterval` and `queueMicrotask`.

use std::rc::Rc;

use boa_engine::{
    Context, JsNativeError, JsResult, JsValue, NativeFunction, js_string,
    object::builtins::JsFunction,
};

use crate::event_loop::{EventLoop, timers::TimerCallback, timers::coerce_delay};

/// Installs the timer and microtask globals.
pub(crate) fn install(context: &mut Context) -> JsResult<()> {
    let globals: [(
        &str,
        usize,
        boa_engine::native_function::NativeFunctionPointer,
    ); 5] = [
        ("setTimeout", 1, set_timeout),
        ("setInterval", 1, set_interval),
        ("clearTimeout", 0, clear_timer),
        ("clearInterval", 0, clear_timer),
        ("queueMicrotask", 1, queue_microtask),
    ];
    for (name, length, function) in globals {
        context.register_global_callable(
            js_string!(name),
            length,
            NativeFunction::from_fn_ptr(function),
        )?;
    }
    Ok(())
}

/// The loop the context runs on (every tickscope context has one), with the work the engine
/// has done so far charged to its clock: every host function reaches the loop through here, so
/// whatever it reads or schedules sees the time that work took.
pub(crate) fn event_loop(context: &Context) -> JsResult<Rc<EventLoop>> {
    let event_loop = context
        .downcast_job_executor::<EventLoop>()
        .ok_or_else(|| {
            JsNativeError::error().with_message("this context has no tickscope event loop")
        })?;
    event_loop.charge_work(context);
    Ok(event_loop)
}

fn set_timeout(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    schedule(args, false, context)
}

fn set_interval(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    schedule(args, true, context)
}

fn schedule(args: &[JsValue], repeat: bool, context: &mut Context) -> JsResult<JsValue> {
    let event_loop = event_loop(context)?;
    let handler = args.first().cloned().unwrap_or_default();
    let callback = match handler.as_callable().and_then(JsFunction::from_object) {
        Some(function) => TimerCallback::Function(function),
        None => TimerCallback::Code(handler.to_string(context)?),
    };
    let delay = coerce_delay(
        args.get(1)
            .cloned()
            .unwrap_or_default()
            .to_number(context)?,
    );
    let extra = args.get(2..).map(<[JsValue]>::to_vec).unwrap_or_default();
    let by = event_loop.caller(context);
    let id = event_loop.set_timer(callback, extra, delay, repeat, by);
    Ok(JsValue::from(id))
}

fn clear_timer(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = coerce_delay(
        args.first()
            .cloned()
            .unwrap_or_default()
            .to_number(context)?,
    );
    if id >= 1.0 {
        event_loop(context)?.clear_timer(id as u32);
    }
    Ok(JsValue::undefined())
}

fn queue_microtask(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let callback = args
        .first()
        .and_then(JsValue::as_callable)
        .and_then(JsFunction::from_object)
        .ok_or_else(|| {
            JsNativeError::typ().with_message(
                "Failed to execute 'queueMicrotask': The callback provided as parameter 1 is not a function.",
            )
        })?;
    event_loop(context)?.queue_microtask(callback, context);
    Ok(JsValue::undefined())
}
