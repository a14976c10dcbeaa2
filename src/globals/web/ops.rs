//! The Rust functions the web prelude calls (its "ops"): the loop's clock, tasks and timers, error
//! reporting and the trace, and what only the engine knows about a value (its internal slots).
//! They reach JavaScript only as properties of the object handed to the prelude.

use boa_engine::{
    Context, JsArgs, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    builtins::{
        array_buffer::{ArrayBuffer, SharedArrayBuffer},
        dataview::DataView,
        date::Date,
        error::Error,
        map::ordered_map::OrderedMap,
        proxy::Proxy,
        regexp::RegExp,
        set::ordered_set::OrderedSet,
        typed_array::TypedArray,
    },
    job::NativeJob,
    js_string,
    object::builtins::{JsArray, JsArrayBuffer},
    object::{ObjectInitializer, builtins::JsFunction},
};

use crate::event_loop::scheduler::{PostTask, Scheduler, SchedulerRun};
use crate::event_loop::{TaskRun, describe_thrown};
use crate::globals::timers::event_loop;
use crate::trace::{EventKind, TaskPriority, TaskSource};

/// The ops object.
pub(super) fn build(context: &mut Context) -> JsObject {
    let functions: [(
        &str,
        usize,
        boa_engine::native_function::NativeFunctionPointer,
    ); 17] = [
        ("now", 0, now),
        ("checkpointIfNoScript", 0, checkpoint_if_no_script),
        ("postTask", 5, post_task),
        ("abortTask", 1, abort_task),
        ("schedulerQueue", 1, scheduler_queue),
        ("setQueuePriority", 2, set_queue_priority),
        ("schedulingState", 0, scheduling_state),
        ("setTimer", 2, set_timer),
        ("queueMessage", 2, queue_message),
        ("messagePosted", 1, message_posted),
        ("printUncaught", 1, print_uncaught),
        ("errorMessage", 1, error_message),
        ("location", 1, location),
        ("recordEvent", 2, record_event),
        ("cloneKind", 1, clone_kind),
        ("bufferDetached", 1, buffer_detached),
        ("transferBuffer", 1, transfer_buffer),
    ];
    let mut ops = ObjectInitializer::new(context);
    for (name, length, function) in functions {
        ops.function(
            NativeFunction::from_fn_ptr(function),
            js_string!(name),
            length,
        );
    }
    ops.build()
}

/// A function argument, or a `TypeError` naming the op.
fn function_arg(args: &[JsValue], index: usize, op: &str) -> JsResult<JsFunction> {
    args.get_or_undefined(index)
        .as_callable()
        .and_then(JsFunction::from_object)
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message(format!("{op}: expected a function"))
                .into()
        })
}

/// `now()`: the loop's clock, as `performance.now()` reads it (an event's `timeStamp`).
fn now(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(event_loop(context)?.clock().now()))
}

/// `setTimer(ms, callback)`: a timer of the loop (`AbortSignal.timeout`), shown in the trace like a
/// `setTimeout` but with an id from the host range, which `clearTimeout` never reaches.
fn set_timer(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let delay = args.get_or_undefined(0).to_number(context)?;
    let callback = function_arg(args, 1, "setTimer")?;
    let event_loop = event_loop(context)?;
    let by = event_loop.snippet_caller(context);
    event_loop.set_platform_timer(callback, delay.max(0.0), by);
    Ok(JsValue::undefined())
}

/// `queueMessage(port, callback)`: a task of the posted message task source for port `port`.
fn queue_message(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let port = args.get_or_undefined(0).to_u32(context)?;
    let callback = function_arg(args, 1, "queueMessage")?;
    event_loop(context)?.push_task(
        TaskSource::PostedMessage { port },
        TaskRun::Native(NativeJob::new(move |context| {
            callback.call(&JsValue::undefined(), &[], context)
        })),
    );
    Ok(JsValue::undefined())
}

/// A priority argument (`'user-blocking'`, …); the prelude has already checked it.
fn priority_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<TaskPriority> {
    let name = args.get_or_undefined(index).to_string(context)?;
    match name.to_std_string_escaped().as_str() {
        "user-blocking" => Ok(TaskPriority::UserBlocking),
        "user-visible" => Ok(TaskPriority::UserVisible),
        "background" => Ok(TaskPriority::Background),
        other => Err(JsNativeError::typ()
            .with_message(format!("not a task priority: {other}"))
            .into()),
    }
}

/// `postTask(queue, delay, continuation, run, state)`: a scheduler task of queue `queue` (a fixed
/// priority's or a `TaskSignal`'s), queued after `delay` ms; returns its id, for `abortTask`.
fn post_task(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let queue = args.get_or_undefined(0).to_u32(context)?;
    let delay = args.get_or_undefined(1).to_number(context)?;
    let continuation = args.get_or_undefined(2).to_boolean();
    let run = function_arg(args, 3, "postTask")?;
    let state = args.get_or_undefined(4).clone();
    let event_loop = event_loop(context)?;
    let by = event_loop.snippet_caller(context);
    let id = event_loop.post_scheduler_task(PostTask {
        queue,
        delay: if delay.is_finite() {
            delay.max(0.0)
        } else {
            0.0
        },
        continuation,
        run: SchedulerRun { run, state },
        by,
    });
    Ok(JsValue::from(id))
}

/// `abortTask(id)`: a scheduler task's signal aborted before it ran.
fn abort_task(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = args.get_or_undefined(0).to_u32(context)?;
    event_loop(context)?.abort_scheduler_task(id);
    Ok(JsValue::undefined())
}

/// `schedulerQueue(priority)`: a new scheduler queue, for a `TaskSignal`; `schedulerQueue()` with a
/// priority and no signal gives that priority's fixed queue.
fn scheduler_queue(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let priority = priority_arg(args, 0, context)?;
    let fixed = args.get_or_undefined(1).to_boolean();
    let queue = if fixed {
        Scheduler::fixed(priority)
    } else {
        event_loop(context)?.new_scheduler_queue(priority)
    };
    Ok(JsValue::from(queue))
}

/// `setQueuePriority(queue, priority)`: a `TaskSignal`'s priority changed.
fn set_queue_priority(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let queue = args.get_or_undefined(0).to_u32(context)?;
    let priority = priority_arg(args, 1, context)?;
    event_loop(context)?.set_scheduler_queue_priority(queue, priority);
    Ok(JsValue::undefined())
}

/// `schedulingState()`: what the running scheduler task passed as its `state`, else `undefined`.
fn scheduling_state(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(event_loop(context)?.scheduling_state())
}

/// `checkpointIfNoScript()`: HTML's microtask checkpoint after a callback the loop called (a listener
/// of an event it fired), when none of the snippet's code is on the stack.
fn checkpoint_if_no_script(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if running_frame(context).is_none() {
        event_loop(context)?.microtask_checkpoint(context);
    }
    Ok(JsValue::undefined())
}

/// `messagePosted(port)`: a [`EventKind::MessagePosted`] for port `port`, posted from the snippet's
/// innermost frame.
fn message_posted(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let port = args.get_or_undefined(0).to_u32(context)?;
    let event_loop = event_loop(context)?;
    let by = event_loop.snippet_caller(context);
    event_loop.record(EventKind::MessagePosted { port, by });
    Ok(JsValue::undefined())
}

/// `printUncaught(value)`: the console report of an uncaught exception, counted as a failure.
fn print_uncaught(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let event_loop = event_loop(context)?;
    crate::event_loop::print_uncaught(&event_loop, args.get_or_undefined(0), context);
    Ok(JsValue::undefined())
}

/// `errorMessage(value)`: an `ErrorEvent`'s message as Chromium writes it: `Uncaught Error: boom`
/// for an error, `Uncaught ` and the value as a string otherwise.
fn error_message(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let value = args.get_or_undefined(0);
    let is_error = value.as_object().is_some_and(|object| object.is::<Error>());
    let text = if is_error {
        describe_thrown(value, context).0
    } else {
        match value.to_string(context) {
            Ok(text) => text.to_std_string_escaped(),
            Err(_) => describe_thrown(value, context).0,
        }
    };
    Ok(JsString::from(format!("Uncaught {text}")).into())
}

/// `location(value)`: `[filename, lineno, colno]` of where an error was made (the first frame of
/// its stack outside the prelude), else of the innermost frame of the snippet running now, else
/// `['', 0, 0]`.
fn location(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let value = args.get_or_undefined(0);
    let from_stack = value
        .as_object()
        .filter(|object| object.is::<Error>())
        .and_then(|object| object.get(js_string!("stack"), context).ok())
        .and_then(|stack| stack.as_string().map(|s| s.to_std_string_escaped()))
        .and_then(|stack| first_frame(&stack));
    let (file, line, column) = from_stack
        .or_else(|| running_frame(context))
        .unwrap_or_default();
    Ok(JsArray::from_iter(
        [
            JsString::from(file).into(),
            JsValue::from(line),
            JsValue::from(column),
        ],
        context,
    )
    .into())
}

/// The file, line and column of the first `at …` line of a V8-style stack that is not the prelude's.
fn first_frame(stack: &str) -> Option<(String, u32, u32)> {
    stack
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("at "))
        .filter(|frame| !frame.contains(super::PRELUDE_PATH))
        .find_map(parse_frame)
}

/// `name (file:line:col)` or `file:line:col`.
fn parse_frame(frame: &str) -> Option<(String, u32, u32)> {
    let place = match frame.rfind(" (") {
        Some(start) if frame.ends_with(')') => &frame[start + 2..frame.len() - 1],
        _ => frame,
    };
    let (rest, column) = place.rsplit_once(':')?;
    let (file, line) = rest.rsplit_once(':')?;
    Some((file.to_owned(), line.parse().ok()?, column.parse().ok()?))
}

/// The innermost frame of the engine's stack that is the snippet's.
fn running_frame(context: &Context) -> Option<(String, u32, u32)> {
    context.stack_trace().find_map(|frame| {
        let site = frame.position();
        let position = site.position?;
        let file = match &site.path {
            boa_engine::vm::SourcePath::Path(path) => path.display().to_string(),
            _ => String::new(),
        };
        (file != super::PRELUDE_PATH)
            .then(|| (file, position.line_number(), position.column_number()))
    })
}

/// `recordEvent(type, canceled)`: a [`EventKind::GlobalEvent`] in the trace.
fn record_event(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let name = args
        .get_or_undefined(0)
        .to_string(context)?
        .to_std_string_escaped();
    let canceled = args.get_or_undefined(1).to_boolean();
    event_loop(context)?.record(EventKind::GlobalEvent { name, canceled });
    Ok(JsValue::undefined())
}

/// `cloneKind(value)`: what HTML's structured serialization sees in an object: the internal slots it
/// has (`Date`, `Map`, `ArrayBuffer`, `Error`, …), `Array`, `Object` for an ordinary object with none,
/// `Function`, `Proxy`, or `Other` (a promise, a weak map, a platform object of tickscope's own).
fn clone_kind(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let kind = match args.get_or_undefined(0).as_object() {
        None => "Primitive",
        Some(object) => object_kind(&object),
    };
    Ok(js_string!(kind).into())
}

fn object_kind(object: &JsObject) -> &'static str {
    if object.is_callable() {
        "Function"
    } else if object.is::<Proxy>() {
        "Proxy"
    } else if object.is_array() {
        "Array"
    } else if object.is::<bool>() {
        "Boolean"
    } else if object.is::<f64>() {
        "Number"
    } else if object.is::<JsString>() {
        "String"
    } else if object.is::<boa_engine::JsBigInt>() {
        "BigInt"
    } else if object.is::<boa_engine::JsSymbol>() {
        "Symbol"
    } else if object.is::<Date>() {
        "Date"
    } else if object.is::<RegExp>() {
        "RegExp"
    } else if object.is::<OrderedMap<JsValue>>() {
        "Map"
    } else if object.is::<OrderedSet>() {
        "Set"
    } else if object.is::<ArrayBuffer>() {
        "ArrayBuffer"
    } else if object.is::<SharedArrayBuffer>() {
        "SharedArrayBuffer"
    } else if object.is::<TypedArray>() {
        "TypedArray"
    } else if object.is::<DataView>() {
        "DataView"
    } else if object.is::<Error>() {
        "Error"
    } else if object.is_ordinary() {
        "Object"
    } else {
        "Other"
    }
}

/// The `ArrayBuffer` argument of a buffer op.
fn buffer_arg(args: &[JsValue], op: &str) -> JsResult<JsArrayBuffer> {
    args.get_or_undefined(0)
        .as_object()
        .and_then(|object| JsArrayBuffer::from_object(object).ok())
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message(format!("{op}: expected an ArrayBuffer"))
                .into()
        })
}

/// `bufferDetached(buffer)`: whether an `ArrayBuffer` is detached (the engine has no
/// `ArrayBuffer.prototype.detached`).
fn buffer_detached(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(buffer_arg(args, "bufferDetached")?.data().is_none().into())
}

/// `transferBuffer(buffer)`: a new `ArrayBuffer` with the bytes of `buffer`, which is detached
/// (the engine has no `ArrayBuffer.prototype.transfer`).
fn transfer_buffer(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let buffer = buffer_arg(args, "transferBuffer")?;
    let bytes = buffer.detach(&JsValue::undefined())?;
    Ok(JsArrayBuffer::from_byte_block(bytes, context)?.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_read_with_and_without_a_function_name() {
        assert_eq!(
            parse_frame("f (/tmp/a.js:2:13)"),
            Some(("/tmp/a.js".to_owned(), 2, 13))
        );
        assert_eq!(
            parse_frame("main.js:4:1"),
            Some(("main.js".to_owned(), 4, 1))
        );
        let stack = "Error: x\n    at f (tickscope:web:10:3)\n    at <main> (s.js:5:9)";
        assert_eq!(first_frame(stack), Some(("s.js".to_owned(), 5, 9)));
    }
}
