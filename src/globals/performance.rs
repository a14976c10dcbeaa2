//! `performance.now()` and `performance.timeOrigin`, following the loop's active clock.

use boa_engine::{
    Context, JsResult, JsValue, NativeFunction, js_string, object::ObjectInitializer,
    property::Attribute,
};

use super::timers::event_loop;

/// Installs the `performance` global.
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
    )
}

fn now(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(event_loop(context)?.clock().now()))
}
