//! What every native module needs: promises to settle later, errors JavaScript can inspect,
//! and the location of the call that started a host operation.

use boa_engine::{
    Context, JsNativeError, JsResult, JsValue, js_string,
    object::builtins::{JsFunction, JsPromise},
};

use boa_engine::{NativeFunction, object::JsObject};
use boa_gc::{Finalize, Trace};

use crate::event_loop::EventLoop;
use crate::globals::timers::event_loop;
use crate::globals::web::Signal;
use crate::host::HostError;
use crate::trace::Location;

/// The two functions that settle a pending promise.
#[derive(Clone)]
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

/// How a host operation stops when its `AbortSignal` aborts.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Abortable {
    /// Background work answering through a reply.
    Reply,
    /// Work on the loop's clock, under this host timer id.
    Timer(u32),
}

/// What the abort algorithm of a host operation needs.
#[derive(Trace, Finalize)]
struct AbortTarget {
    reject: JsFunction,
    #[unsafe_ignore_trace]
    op: u64,
    #[unsafe_ignore_trace]
    name: &'static str,
    #[unsafe_ignore_trace]
    how: Abortable,
}

/// Ties host operation `op` (named `name`) to `signal`: when it aborts, the operation ends as
/// aborted in the trace and its promise is rejected with the signal's reason, as `fetch` does.
pub(crate) fn abort_on_signal(
    signal: &Signal,
    op: u64,
    name: &'static str,
    how: Abortable,
    settle: &Settle,
    context: &mut Context,
) -> JsResult<()> {
    let target = AbortTarget {
        reject: settle.reject.clone(),
        op,
        name,
        how,
    };
    let algorithm = NativeFunction::from_copy_closure_with_captures(
        |_, args, target: &AbortTarget, context| {
            let event_loop = event_loop(context)?;
            match target.how {
                Abortable::Reply => event_loop.abort_host_op(target.op, target.name),
                Abortable::Timer(id) => event_loop.abort_host_timer(target.op, id, target.name),
            };
            let reason = args.first().cloned().unwrap_or_default();
            target
                .reject
                .call(&JsValue::undefined(), &[reason], context)?;
            Ok(JsValue::undefined())
        },
        target,
    );
    signal.on_abort(algorithm, context)
}

/// The `signal` member of a native API's options (`{ signal }`), if there is one.
pub(crate) fn signal_option(
    options: Option<&JsObject>,
    what: &str,
    context: &mut Context,
) -> JsResult<Option<Signal>> {
    match options {
        Some(options) => Signal::from_options(options, what, context),
        None => Ok(None),
    }
}
