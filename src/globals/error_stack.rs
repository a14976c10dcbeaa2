//! `error.stack` as Chrome writes it: the `Name: message` line, then one `    at …` line per frame.
//! Boa's own accessor gives only the frames; snippets that print `e.stack` should read as they do
//! in the browser. One difference stays: V8 writes the header when the error is made, this getter
//! when `stack` is read, so a `name` set after `super(message)` in a subclass's constructor shows.

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::property::{PropertyDescriptor, PropertyKey};
use boa_engine::{Context, JsObject, JsResult, JsValue, NativeFunction, js_string};

use crate::console::inspect::{own_descriptor, v8_stack};

/// Replaces the getter of `Error.prototype.stack` with one that adds the header line; the setter
/// stays the engine's.
pub(crate) fn install(context: &mut Context) -> JsResult<()> {
    let prototype = context.intrinsics().constructors().error().prototype();
    let key = PropertyKey::from(js_string!("stack"));
    let Some(existing) = own_descriptor(&prototype, &key, context) else {
        return Ok(());
    };
    let Some(frames) = existing.get.as_object() else {
        return Ok(());
    };
    let getter = FunctionObjectBuilder::new(
        context.realm(),
        NativeFunction::from_copy_closure_with_captures(get_stack, frames),
    )
    .name(js_string!("get stack"))
    .length(0)
    .build();
    let mut descriptor = PropertyDescriptor::builder()
        .get(getter)
        .enumerable(false)
        .configurable(true);
    if !existing.set.is_undefined() {
        descriptor = descriptor.set(existing.set);
    }
    prototype.define_property_or_throw(key, descriptor, context)?;
    Ok(())
}

/// The header (`Error.prototype.toString` of the error, never a user's own `toString`) and the
/// engine's frames ([`v8_stack`]); `undefined` where the engine has no stack (not an error object).
fn get_stack(
    this: &JsValue,
    args: &[JsValue],
    frames: &JsObject,
    context: &mut Context,
) -> JsResult<JsValue> {
    let stack = frames.call(this, args, context)?;
    let (Some(lines), Some(error)) = (stack.as_string(), this.as_object()) else {
        return Ok(stack);
    };
    // Frames of tickscope's web prelude (an EventTarget's dispatch, …) are the platform's, which
    // browsers do not show either.
    let lines: String = lines
        .to_std_string_lossy()
        .lines()
        .filter(|line| !line.contains(crate::globals::web::PRELUDE_PATH))
        .map(|line| format!("{line}\n"))
        .collect();
    Ok(js_string!(v8_stack(&error, &lines, context)).into())
}
