//! `requestIdleCallback`, `cancelIdleCallback` and the `IdleDeadline` their callbacks get (see
//! [`crate::event_loop::idle`] for when idle periods come).

use boa_engine::{
    Context, JsData, JsNativeError, JsObject, JsResult, JsValue, NativeFunction,
    class::{Class, ClassBuilder},
    js_string,
    object::FunctionObjectBuilder,
    property::Attribute,
};
use boa_gc::{Finalize, Trace};

use super::frames::{callback_argument, handle_argument};
use super::timers::event_loop;

/// Installs `requestIdleCallback`, `cancelIdleCallback` and the `IdleDeadline` interface.
pub(crate) fn install(context: &mut Context) -> JsResult<()> {
    context.register_global_class::<IdleDeadline>()?;
    context.register_global_callable(
        js_string!("requestIdleCallback"),
        1,
        NativeFunction::from_fn_ptr(request_idle_callback),
    )?;
    context.register_global_callable(
        js_string!("cancelIdleCallback"),
        1,
        NativeFunction::from_fn_ptr(cancel_idle_callback),
    )?;
    Ok(())
}

/// The `IdleDeadline` an idle callback is called with.
pub(crate) fn deadline_object(
    deadline: f64,
    timed_out: bool,
    context: &mut Context,
) -> JsResult<JsObject> {
    IdleDeadline::from_data(
        IdleDeadline {
            deadline,
            timed_out,
        },
        context,
    )
}

/// HTML's `IdleDeadline`: how long the idle period has left, and whether the callback runs
/// because its timeout passed.
#[derive(Debug, Trace, Finalize, JsData)]
struct IdleDeadline {
    /// The loop time the period ends at.
    #[unsafe_ignore_trace]
    deadline: f64,
    /// Whether the callback runs because its timeout passed.
    #[unsafe_ignore_trace]
    timed_out: bool,
}

impl IdleDeadline {
    fn data(this: &JsValue, member: &str) -> JsResult<(f64, bool)> {
        this.as_object()
            .and_then(|object| {
                object
                    .downcast_ref::<Self>()
                    .map(|data| (data.deadline, data.timed_out))
            })
            .ok_or_else(|| {
                JsNativeError::typ()
                    .with_message(format!("IdleDeadline.{member}: Illegal invocation"))
                    .into()
            })
    }

    /// `timeRemaining()`: milliseconds until the deadline (a read of the clock), 0 once it has
    /// passed or when the callback runs because of its timeout.
    fn time_remaining(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let (deadline, timed_out) = Self::data(this, "timeRemaining")?;
        if timed_out {
            return Ok(0.into());
        }
        let now = event_loop(context)?.clock().read();
        Ok((deadline - now).max(0.0).into())
    }

    fn did_timeout(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        Ok(Self::data(this, "didTimeout")?.1.into())
    }
}

impl Class for IdleDeadline {
    const NAME: &'static str = "IdleDeadline";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        class.method(
            js_string!("timeRemaining"),
            0,
            NativeFunction::from_fn_ptr(Self::time_remaining),
        );
        let getter = FunctionObjectBuilder::new(
            class.context().realm(),
            NativeFunction::from_fn_ptr(Self::did_timeout),
        )
        .name(js_string!("get didTimeout"))
        .length(0)
        .build();
        class.accessor(
            js_string!("didTimeout"),
            Some(getter),
            None,
            Attribute::CONFIGURABLE | Attribute::ENUMERABLE,
        );
        Ok(())
    }

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ()
            .with_message("Failed to construct 'IdleDeadline': Illegal constructor")
            .into())
    }
}

/// The `timeout` of `requestIdleCallback`'s options as WebIDL's `unsigned long`.
fn timeout_option(options: &JsValue, context: &mut Context) -> JsResult<Option<f64>> {
    if options.is_null_or_undefined() {
        return Ok(None);
    }
    let Some(object) = options.as_object() else {
        return Err(JsNativeError::typ()
            .with_message(
                "Failed to execute 'requestIdleCallback' on 'Window': The provided value is not \
                 of type 'IdleRequestOptions'.",
            )
            .into());
    };
    let timeout = object
        .get(js_string!("timeout"), context)?
        .to_number(context)?;
    if !timeout.is_finite() {
        return Ok(None);
    }
    let wrapped = (timeout.trunc() as i64 as u64 & 0xFFFF_FFFF) as f64;
    Ok((wrapped > 0.0).then_some(wrapped))
}

fn request_idle_callback(
    _: &JsValue,
    args: &[JsValue],
    context: &mut Context,
) -> JsResult<JsValue> {
    let callback = callback_argument(args, "requestIdleCallback")?;
    let timeout = timeout_option(&args.get(1).cloned().unwrap_or_default(), context)?;
    let event_loop = event_loop(context)?;
    let by = event_loop.caller(context);
    Ok(event_loop
        .request_idle_callback(callback, timeout, by)
        .into())
}

fn cancel_idle_callback(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = handle_argument(args, "cancelIdleCallback", context)?;
    if id > 0 {
        event_loop(context)?.cancel_idle_callback(id);
    }
    Ok(JsValue::undefined())
}
