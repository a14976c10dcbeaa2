//! The globals that read the loop's clock: `performance.now()`, `performance.timeOrigin` and
//! `Date.now()`. Each read goes through [`crate::clock::LoopClock::read`], so under the virtual
//! clock the work done so far and the read itself move time forward.

use boa_engine::{
    Context, JsResult, JsValue, NativeFunction, js_string,
    object::{FunctionObjectBuilder, ObjectInitializer},
    property::Attribute,
};

use super::timers::event_loop;

/// Installs the `performance` global and the loop's `Date.now`.
pub(crate) fn install(context: &mut Context) -> JsResult<()> {
    let origin = event_loop(context)?.clock().epoch_origin();
    let performance = ObjectInitializer::new(context)
        .function(NativeFunction::from_fn_ptr(now), js_string!("now"), 0)
        .property(
            js_string!("timeOrigin"),
            origin,
            Attribute::READONLY | Attribute::ENUMERABLE,
        )
        .build();
    context.register_global_property(
        js_string!("performance"),
        performance,
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )?;
    // Boa's own `Date.now` reads the clock without a context, so it could not see the work
    // done since the last host call; this one charges it first.
    let date_now =
        FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(date_now))
            .name(js_string!("now"))
            .length(0)
            .build();
    let date = context.intrinsics().constructors().date().constructor();
    date.set(js_string!("now"), date_now, true, context)?;
    Ok(())
}

fn now(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(event_loop(context)?.clock().read()))
}

fn date_now(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(event_loop(context)?.clock().read_epoch()))
}
