//! The `console` global: levels, counters, groups, timers, tables and traces, formatted as
//! Node formats them, each entry recorded as a trace event.

pub mod format;
pub mod inspect;
mod table;

use std::cell::RefCell;
use std::collections::HashMap;

use boa_engine::{
    Context, JsResult, JsValue, NativeFunction, js_string, native_function::NativeFunctionPointer,
    object::ObjectInitializer, property::Attribute,
};

use crate::globals::timers::event_loop;
use crate::trace::{ConsoleLevel, EventKind};
use format::format_args;
use inspect::{InspectOptions, inspect};

/// Per-context console state: counters, timers and the group indentation.
#[derive(Debug, Default)]
struct ConsoleState {
    counts: HashMap<String, u64>,
    timers: HashMap<String, f64>,
    indent: usize,
}

/// Installs the `console` global.
pub(crate) fn install(context: &mut Context) -> JsResult<()> {
    context.insert_data(RefCell::new(ConsoleState::default()));
    let methods: [(&str, NativeFunctionPointer); 19] = [
        ("log", log),
        ("info", info),
        ("debug", debug),
        ("warn", warn),
        ("error", error),
        ("dir", dir),
        ("assert", assert),
        ("count", count),
        ("countReset", count_reset),
        ("group", group),
        ("groupCollapsed", group),
        ("groupEnd", group_end),
        ("table", table),
        ("time", time),
        ("timeLog", time_log),
        ("timeEnd", time_end),
        ("trace", trace),
        ("clear", clear),
        ("dirxml", log),
    ];
    let mut console = ObjectInitializer::new(context);
    for (name, function) in methods {
        console.function(NativeFunction::from_fn_ptr(function), js_string!(name), 0);
    }
    let console = console.build();
    context.register_global_property(
        js_string!("console"),
        console,
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )
}

fn with_state<T>(context: &Context, f: impl FnOnce(&mut ConsoleState) -> T) -> T {
    match context.get_data::<RefCell<ConsoleState>>() {
        Some(state) => f(&mut state.borrow_mut()),
        None => f(&mut ConsoleState::default()),
    }
}

/// Records one console entry, indented by the current group depth on every line.
fn emit(level: ConsoleLevel, text: &str, context: &mut Context) -> JsResult<JsValue> {
    let indent = with_state(context, |state| state.indent);
    let text = if indent == 0 {
        text.to_owned()
    } else {
        let pad = " ".repeat(indent);
        text.lines()
            .map(|line| format!("{pad}{line}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    event_loop(context)?.record(EventKind::Console { level, text });
    Ok(JsValue::undefined())
}

/// Records `format(args)`; a call without arguments prints nothing, as in Chromium.
fn emit_args(level: ConsoleLevel, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if args.is_empty() {
        return Ok(JsValue::undefined());
    }
    let text = format_args(args, context);
    emit(level, &text, context)
}

fn log(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    emit_args(ConsoleLevel::Log, args, context)
}

fn info(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    emit_args(ConsoleLevel::Info, args, context)
}

fn debug(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    emit_args(ConsoleLevel::Debug, args, context)
}

fn warn(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    emit_args(ConsoleLevel::Warn, args, context)
}

fn error(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    emit_args(ConsoleLevel::Error, args, context)
}

fn dir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let value = args.first().cloned().unwrap_or_default();
    let text = inspect(&value, &InspectOptions::default(), context);
    emit(ConsoleLevel::Log, &text, context)
}

fn assert(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if args.first().is_some_and(JsValue::to_boolean) {
        return Ok(JsValue::undefined());
    }
    let rest = args.get(1..).unwrap_or_default();
    let text = if rest.is_empty() {
        "Assertion failed".to_owned()
    } else {
        format!("Assertion failed: {}", format_args(rest, context))
    };
    emit(ConsoleLevel::Error, &text, context)
}

/// The label argument of count/time methods: `"default"` when absent or undefined.
fn label(args: &[JsValue], context: &mut Context) -> JsResult<String> {
    match args.first() {
        None => Ok("default".to_owned()),
        Some(value) if value.is_undefined() => Ok("default".to_owned()),
        Some(value) => Ok(value.to_string(context)?.to_std_string_escaped()),
    }
}

fn count(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let label = label(args, context)?;
    let n = with_state(context, |state| {
        let n = state.counts.entry(label.clone()).or_default();
        *n += 1;
        *n
    });
    emit(ConsoleLevel::Log, &format!("{label}: {n}"), context)
}

fn count_reset(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let label = label(args, context)?;
    let known = with_state(context, |state| {
        state.counts.insert(label.clone(), 0).is_some()
    });
    if !known {
        with_state(context, |state| state.counts.remove(&label));
        return emit(
            ConsoleLevel::Warn,
            &format!("Count for '{label}' does not exist"),
            context,
        );
    }
    Ok(JsValue::undefined())
}

fn group(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if !args.is_empty() {
        emit_args(ConsoleLevel::Log, args, context)?;
    }
    with_state(context, |state| state.indent += 2);
    Ok(JsValue::undefined())
}

fn group_end(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    with_state(context, |state| {
        state.indent = state.indent.saturating_sub(2)
    });
    Ok(JsValue::undefined())
}

fn table(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    match table::render(args, context)? {
        Some(text) => emit(ConsoleLevel::Log, &text, context),
        None => emit_args(
            ConsoleLevel::Log,
            args.get(..1).unwrap_or_default(),
            context,
        ),
    }
}

fn time(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let label = label(args, context)?;
    let now = event_loop(context)?.clock().now();
    let existed = with_state(context, |state| {
        if state.timers.contains_key(&label) {
            true
        } else {
            state.timers.insert(label.clone(), now);
            false
        }
    });
    if existed {
        return emit(
            ConsoleLevel::Warn,
            &format!("Warning: Label '{label}' already exists for console.time()"),
            context,
        );
    }
    Ok(JsValue::undefined())
}

fn time_log(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    elapsed(args, false, "timeLog", context)
}

fn time_end(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    elapsed(args, true, "timeEnd", context)
}

fn elapsed(args: &[JsValue], end: bool, method: &str, context: &mut Context) -> JsResult<JsValue> {
    let label = label(args, context)?;
    let now = event_loop(context)?.clock().now();
    let start = with_state(context, |state| {
        if end {
            state.timers.remove(&label)
        } else {
            state.timers.get(&label).copied()
        }
    });
    let Some(start) = start else {
        return emit(
            ConsoleLevel::Warn,
            &format!("Warning: No such label '{label}' for console.{method}()"),
            context,
        );
    };
    let mut text = format!("{label}: {}", format_duration(now - start));
    let extra = if end {
        &[][..]
    } else {
        args.get(1..).unwrap_or_default()
    };
    if !extra.is_empty() {
        text.push(' ');
        text.push_str(&format_args(extra, context));
    }
    emit(ConsoleLevel::Log, &text, context)
}

/// Node's rendering of a `console.time` duration: `12.345ms`, `1.500s`, `1:02.500 (m:ss.mmm)`.
fn format_duration(ms: f64) -> String {
    const SECOND: f64 = 1000.0;
    const MINUTE: f64 = 60.0 * SECOND;
    const HOUR: f64 = 60.0 * MINUTE;
    if ms >= MINUTE {
        let hours = (ms / HOUR).floor();
        let minutes = ((ms % HOUR) / MINUTE).floor();
        let seconds = format!("{:.3}", (ms % MINUTE) / SECOND);
        let (whole, fraction) = seconds.split_once('.').unwrap_or((&seconds, "000"));
        return if hours > 0.0 {
            format!("{hours}:{minutes:02}:{whole:0>2}.{fraction} (h:mm:ss.mmm)")
        } else {
            format!("{minutes}:{whole:0>2}.{fraction} (m:ss.mmm)")
        };
    }
    if ms >= SECOND {
        return format!("{:.3}s", ms / SECOND);
    }
    // Node prints Number(ms.toFixed(3)): no trailing zeros.
    let rounded: f64 = format!("{ms:.3}").parse().unwrap_or(ms);
    format!("{rounded}ms")
}

fn trace(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let mut text = String::from("Trace");
    if !args.is_empty() {
        text.push_str(": ");
        text.push_str(&format_args(args, context));
    }
    for frame in context.stack_trace() {
        let place = frame.position();
        let function = place.function_name.to_std_string_escaped();
        let function = if function.is_empty() {
            "<anonymous>".to_owned()
        } else {
            function
        };
        match place.position {
            Some(position) => text.push_str(&format!(
                "\n    at {function} ({}:{}:{})",
                place.path,
                position.line_number(),
                position.column_number()
            )),
            None => text.push_str(&format!("\n    at {function} ({})", place.path)),
        }
    }
    emit(ConsoleLevel::Error, &text, context)
}

fn clear(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::undefined())
}

#[cfg(test)]
mod tests {
    use super::format_duration;

    #[test]
    fn durations_read_like_node() {
        assert_eq!(format_duration(0.0), "0ms");
        assert_eq!(format_duration(100.0), "100ms");
        assert_eq!(format_duration(12.34567), "12.346ms");
        assert_eq!(format_duration(1500.0), "1.500s");
        assert_eq!(format_duration(62_500.0), "1:02.500 (m:ss.mmm)");
    }
}
