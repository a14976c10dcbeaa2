//! What every native module needs: promises to settle later, errors JavaScript can inspect,
//! and the location of the call that started a host operation.

use boa_engine::{
    Context, JsNativeError, JsResult, JsValue, js_string,
    object::builtins::{JsFunction, JsPromise},
};

use crate::event_loop::EventLoop;
use crate::host::HostError;
use crate::trace::Location;

/// The two functions that settle a pending promise.
pub(crate) struct Settle {
    /// Fulfils (or adopts) with a value.
    pub(crate) resolve: JsFunction,
    /// Rejects with a reason.
    pub(crate) reject: JsFunction,
}

impl Settle {
    /// Fulfils the promise with `value`.
    pub(crate) fn resolve(&self, value: JsValue, context: &mut Context) -> JsResult<()> {
        self.resolve
            .call(&JsValue::undefined(), &[value], context)
            .map(drop)
    }

    /// Rejects the promise with `reason`.
    pub(crate) fn reject(&self, reason: JsValue, context: &mut Context) -> JsResult<()> {
        self.reject
            .call(&JsValue::undefined(), &[reason], context)
            .map(drop)
    }
}

/// A new pending promise and the functions that settle it.
pub(crate) fn pending_promise(context: &mut Context) -> (JsPromise, Settle) {
    let (promise, functions) = JsPromise::new_pending(context);
    (
        promise,
        Settle {
            resolve: functions.resolve,
            reject: functions.reject,
        },
    )
}

/// An error object, as JavaScript sees it, from a native error.
pub(crate) fn error_value(error: JsNativeError, context: &mut Context) -> JsValue {
    error.into_opaque(context).into()
}

/// An `Error` carrying Node's `code` (`ENOENT`, …) for a failed host operation.
pub(crate) fn host_error_value(error: &HostError, context: &mut Context) -> JsResult<JsValue> {
    let object = JsNativeError::error()
        .with_message(error.message.clone())
        .into_opaque(context);
    object.set(
        js_string!("code"),
        js_string!(error.code.as_node_code()),
        false,
        context,
    )?;
    Ok(object.into())
}

/// Where the JavaScript that started a host operation is, when the trace wants it.
pub(crate) fn caller(event_loop: &EventLoop, context: &Context) -> Option<Location> {
    event_loop.caller(context)
}
