//! Reporting what escaped: uncaught errors, unhandled rejections and runaway tasks, worded as
//! Chrome words them.

use std::path::Path;
use std::rc::Rc;

use boa_engine::{
    Context, JsError, JsObject, JsString, JsValue,
    builtins::promise::PromiseState,
    error::{EngineError, RuntimeLimitError},
    js_string,
    object::builtins::JsPromise,
    vm::SourcePath,
};

use rustc_hash::FxHashMap;

use super::EventLoop;
use crate::console::inspect::{InspectOptions, inspect};
use crate::trace::{EventKind, Location};

/// Names of functions and files, rendered once per run and shared by every [`Location`]
/// that mentions them: a trace of 1e5 awaits in one function holds one copy of its name.
#[derive(Default)]
pub(crate) struct SiteNames {
    functions: FxHashMap<JsString, Rc<str>>,
    /// Keeping the engine's `Rc<Path>` keeps its address unique while it is a key.
    files: Vec<(Rc<Path>, Rc<str>)>,
}

impl SiteNames {
    /// The innermost JavaScript frame on the engine's stack: where something was queued.
    pub(crate) fn caller(&mut self, context: &Context) -> Option<Location> {
        let frame = context.stack_trace().next()?;
        self.location(frame)
    }

    /// The innermost frame of the snippet's own code, skipping the web prelude's: where a web API
    /// written in JavaScript was called.
    pub(crate) fn snippet_caller(&mut self, context: &Context) -> Option<Location> {
        let prelude = Path::new(crate::globals::web::PRELUDE_PATH);
        let frame = context.stack_trace().find(|frame| {
            !matches!(&frame.position().path, SourcePath::Path(path) if path.as_ref() == prelude)
        })?;
        self.location(frame)
    }

    fn location(&mut self, frame: &boa_engine::vm::CallFrame) -> Option<Location> {
        let site = frame.position();
        let position = site.position?;
        let function = match self.functions.get(&site.function_name) {
            Some(name) => name.clone(),
            None => {
                let name: Rc<str> = site.function_name.to_std_string_escaped().into();
                self.functions.insert(site.function_name, name.clone());
                name
            }
        };
        let file = match &site.path {
            SourcePath::Path(path) => Some(self.file(path)),
            _ => None,
        };
        Some(Location {
            function,
            file,
            line: position.line_number(),
            column: position.column_number(),
        })
    }

    fn file(&mut self, path: &Rc<Path>) -> Rc<str> {
        if let Some((_, name)) = self.files.iter().find(|(known, _)| Rc::ptr_eq(known, path)) {
            return name.clone();
        }
        let name: Rc<str> = path.display().to_string().into();
        self.files.push((path.clone(), name.clone()));
        name
    }
}

/// Reports an exception that escaped a task or microtask (HTML's "report an exception": the
/// `error` event first, once the web APIs are in use), and counts it as a failure unless a
/// listener canceled the event.
pub(crate) fn uncaught(event_loop: &EventLoop, error: JsError, context: &mut Context) {
    if let Some(engine) = error.as_engine() {
        event_loop.note_failure();
        let message = match engine {
            EngineError::RuntimeLimit(
                RuntimeLimitError::Recursion | RuntimeLimitError::StackSize,
            ) => "Uncaught RangeError: Maximum call stack size exceeded".to_owned(),
            EngineError::RuntimeLimit(RuntimeLimitError::LoopIteration) => format!(
                "Uncaught RangeError: a loop ran more than {} iterations in one call; the task was stopped",
                context.runtime_limits_mut().loop_iteration_limit()
            ),
            other => format!("Uncaught InternalError: {other}"),
        };
        event_loop.record(EventKind::RuntimeLimit { message });
        return;
    }
    let value = match error.into_opaque(context) {
        Ok(value) => value,
        Err(error) => JsValue::from(js_string!(error.to_string())),
    };
    if !crate::globals::web::report_exception(&value, context) {
        print_uncaught(event_loop, &value, context);
    }
}

/// The console report of an uncaught exception (after its `error` event, if any), counted as a
/// failure.
pub(crate) fn print_uncaught(event_loop: &EventLoop, value: &JsValue, context: &mut Context) {
    event_loop.note_failure();
    let (text, stack) = describe_thrown(value, context);
    event_loop.record(EventKind::UncaughtError {
        message: format!("Uncaught {text}"),
        stack,
        location: None,
    });
}

/// Reports a promise still rejected without a handler at the end of a checkpoint: its
/// `unhandledrejection` event, then, unless a listener canceled it, the console report.
pub(crate) fn unhandled_rejection(
    event_loop: &EventLoop,
    promise: JsObject,
    context: &mut Context,
) {
    let reason = match JsPromise::from_object(promise.clone()).map(|promise| promise.state()) {
        Ok(PromiseState::Rejected(reason)) => reason,
        _ => return,
    };
    event_loop.begin_rejection_dispatch(&promise);
    let not_canceled = crate::globals::web::notify_rejection(&promise, &reason, context);
    event_loop.end_rejection_dispatch();
    if !not_canceled {
        return;
    }
    event_loop.note_failure();
    let (text, stack) = describe_thrown(&reason, context);
    event_loop.record(EventKind::UnhandledRejection {
        message: format!("Uncaught (in promise) {text}"),
        stack,
    });
}

/// The first line Chrome shows for a thrown value (`TypeError: x is not a function`, `42`,
/// `oops`), and the error's stack lines without their `at ` prefix.
pub(crate) fn describe_thrown(value: &JsValue, context: &mut Context) -> (String, Vec<String>) {
    if let Some(object) = value.as_object()
        && object.is::<boa_engine::builtins::error::Error>()
    {
        let name = string_property(&object, "name", context).unwrap_or_else(|| "Error".to_owned());
        let message = string_property(&object, "message", context).unwrap_or_default();
        let head = if message.is_empty() {
            name
        } else if name.is_empty() {
            message
        } else {
            format!("{name}: {message}")
        };
        let stack = string_property(&object, "stack", context)
            .map(|stack| {
                stack
                    .lines()
                    .filter_map(|line| line.trim_start().strip_prefix("at ").map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        return (head, stack);
    }
    let text = match value.as_string() {
        Some(string) => string.to_std_string_escaped(),
        None => inspect(value, &InspectOptions::default(), context),
    };
    (text, Vec::new())
}

/// Reads a property as a string, treating a throwing getter or a non-string as absent.
fn string_property(object: &JsObject, key: &str, context: &mut Context) -> Option<String> {
    let value = object.get(js_string!(key), context).ok()?;
    if value.is_undefined() {
        return None;
    }
    value
        .to_string(context)
        .ok()
        .map(|string| string.to_std_string_escaped())
}
