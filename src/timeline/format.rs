//! Words and numbers for the timeline and the queues view: task names, source locations, times.
//!
//! Shared by the browser views so a task is called the same thing in the timeline's tooltip and in
//! the queues view, and tested natively.

use crate::trace::{ConsoleLevel, EventKind, Location, MicrotaskSource, TaskPriority, TaskSource};

/// The longest console text or error message [`event`] quotes, in characters.
const QUOTE_CHARS: usize = 80;

/// A task's name, as the timeline and the Chrome export show it: `script main.js`, `setTimeout #3`,
/// `setInterval #2`, a host completion's name (`timer.sleep.settle`), `repl`, …
pub fn task_name(source: &TaskSource) -> String {
    match source {
        TaskSource::Script { name } => format!("script {name}"),
        TaskSource::Module { name } => format!("module {name}"),
        TaskSource::Timer { id } => format!("setTimeout #{id}"),
        TaskSource::Interval { id } => format!("setInterval #{id}"),
        TaskSource::HostOp { name, .. } => name.clone(),
        TaskSource::Eval => "repl".to_owned(),
        TaskSource::RejectionReport => "unhandled rejection report".to_owned(),
        TaskSource::Engine => "engine job".to_owned(),
        TaskSource::PostedMessage { port } => format!("message to port #{port}"),
        TaskSource::RejectionHandled => "rejectionhandled event".to_owned(),
        TaskSource::AnimationFrame { id, .. } => format!("requestAnimationFrame #{id}"),
        TaskSource::IdleCallback { id, timed_out } => {
            let why = if *timed_out { " (timed out)" } else { "" };
            format!("requestIdleCallback #{id}{why}")
        }
        TaskSource::Scheduler {
            id,
            priority,
            continuation,
        } => scheduler_task(*id, *priority, *continuation),
    }
}

/// A scheduler task's name: `postTask #2 (background)`, `yield continuation #3 (user-visible)`.
pub fn scheduler_task(id: u32, priority: TaskPriority, continuation: bool) -> String {
    let what = if continuation {
        "yield continuation"
    } else {
        "postTask"
    };
    format!("{what} #{id} ({})", priority.as_str())
}

/// Why a microtask was queued, in words: `promise reaction` or `queueMicrotask`.
pub fn microtask_source(source: MicrotaskSource) -> &'static str {
    match source {
        MicrotaskSource::Promise => "promise reaction",
        MicrotaskSource::QueueMicrotask => "queueMicrotask",
    }
}

/// One event in words, for the step-through's "this step" line: `task #5 starts: setTimeout #3`,
/// `microtask #12 queued (promise reaction) at main.js:4:15`, `timer #3 fired`, …
pub fn event(kind: &EventKind) -> String {
    match kind {
        EventKind::TaskQueued { task, source } => {
            format!("task #{task} queued: {}", task_name(source))
        }
        EventKind::TaskStart { task, source } => {
            format!("task #{task} starts: {}", task_name(source))
        }
        EventKind::TaskEnd { task } => format!("task #{task} ends"),
        EventKind::MicrotaskEnqueued {
            microtask,
            source,
            by,
        } => format!(
            "microtask #{microtask} queued ({}){}",
            microtask_source(*source),
            at(by)
        ),
        EventKind::MicrotaskStart {
            microtask,
            function,
        } => match function {
            Some(function) => format!("microtask #{microtask} starts: {function}"),
            None => format!("microtask #{microtask} starts"),
        },
        EventKind::MicrotaskEnd { microtask } => format!("microtask #{microtask} ends"),
        EventKind::TimerSet {
            id,
            delay,
            due,
            repeat,
            by,
            ..
        } => format!(
            "timer #{id} set: {}({delay}), due at {}{}",
            if *repeat { "setInterval" } else { "setTimeout" },
            millis(*due),
            at(by)
        ),
        EventKind::TimerCleared { id } => format!("timer #{id} cleared"),
        EventKind::TimerFired { id } => format!("timer #{id} fired"),
        EventKind::HostOpStarted { op, name, args, by } => {
            format!("host operation #{op} started: {name}({args}){}", at(by))
        }
        EventKind::HostOpSettled { op, name, ok } => format!(
            "host operation #{op} settled: {name} ({})",
            if *ok { "ok" } else { "failed" }
        ),
        EventKind::HostOpAborted { op, name } => {
            format!("host operation #{op} aborted: {name}")
        }
        EventKind::GlobalEvent { name, canceled } => format!(
            "'{name}' event fired at the global{}",
            if *canceled { " (canceled)" } else { "" }
        ),
        EventKind::Frame { frame } => format!("frame {frame}"),
        EventKind::AnimationFrameRequested { id, by } => {
            format!("animation frame callback #{id} requested{}", at(by))
        }
        EventKind::AnimationFrameCancelled { id } => {
            format!("animation frame callback #{id} cancelled")
        }
        EventKind::RenderingStep { frame, timestamp } => format!(
            "rendering step of frame {frame} (timestamp {})",
            millis(*timestamp)
        ),
        EventKind::IdleCallbackRequested { id, timeout, by } => match timeout {
            Some(timeout) => format!(
                "idle callback #{id} requested, timeout {}{}",
                millis(*timeout),
                at(by)
            ),
            None => format!("idle callback #{id} requested{}", at(by)),
        },
        EventKind::IdleCallbackCancelled { id } => format!("idle callback #{id} cancelled"),
        EventKind::SchedulerTaskPosted {
            id,
            priority,
            delay,
            continuation,
            by,
        } => {
            let what = scheduler_task(*id, *priority, *continuation);
            match delay {
                Some(delay) => format!("{what} posted, delay {}{}", millis(*delay), at(by)),
                None => format!("{what} posted{}", at(by)),
            }
        }
        EventKind::SchedulerTaskAborted { id } => format!("scheduler task #{id} aborted"),
        EventKind::MessagePosted { port, by } => {
            format!("message posted to port #{port}{}", at(by))
        }
        EventKind::IdlePeriod { deadline } => {
            format!("idle period until {}", millis(*deadline))
        }
        EventKind::Console { level, text } => {
            let method = match level {
                ConsoleLevel::Log => "log",
                ConsoleLevel::Info => "info",
                ConsoleLevel::Debug => "debug",
                ConsoleLevel::Warn => "warn",
                ConsoleLevel::Error => "error",
            };
            format!("console.{method}: {}", quote(text))
        }
        EventKind::UncaughtError { message, .. }
        | EventKind::UnhandledRejection { message, .. }
        | EventKind::RuntimeLimit { message } => quote(message),
    }
}

/// The first line of `text`, cut to [`QUOTE_CHARS`] characters with an ellipsis.
fn quote(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(QUOTE_CHARS).collect();
    if line.chars().nth(QUOTE_CHARS).is_some() || line.len() < text.trim_end().len() {
        out.push('…');
    }
    out
}

/// ` at main.js:3:14` (with the function, as [`location`] writes it) after an event's words, or
/// nothing when the event has no location.
pub fn at(by: &Option<Location>) -> String {
    match by {
        Some(by) => format!(" at {}", location(by)),
        None => String::new(),
    }
}

/// A source location as `line:column`, with the file in front when known: `main.js:3:14`.
pub fn location_place(location: &Location) -> String {
    match &location.file {
        Some(file) => format!("{file}:{}:{}", location.line, location.column),
        None => format!("{}:{}", location.line, location.column),
    }
}

/// A source location with its function, as a stack line reads: `outer (main.js:3:14)`, or just
/// the place for top-level code and anonymous functions.
pub fn location(location: &Location) -> String {
    let place = location_place(location);
    match &*location.function {
        "" | "<main>" => place,
        function => format!("{function} ({place})"),
    }
}

/// A time or duration in milliseconds with about four significant digits, in the unit that suits
/// it: `250 µs`, `12.35 ms`, `1.500 s`.
pub fn millis(ms: f64) -> String {
    if !ms.is_finite() {
        return "–".to_owned();
    }
    let magnitude = ms.abs();
    if magnitude == 0.0 {
        "0 ms".to_owned()
    } else if magnitude < 1.0 {
        let us = ms * 1000.0;
        format!("{} µs", fixed(us, digits_for(us.abs())))
    } else if magnitude < 1000.0 {
        format!("{} ms", fixed(ms, digits_for(magnitude)))
    } else {
        let s = ms / 1000.0;
        format!("{} s", fixed(s, digits_for(s.abs())))
    }
}

/// A tick label on an axis whose ticks are `step` milliseconds apart and whose largest value is
/// about `magnitude` ms: every label on the axis uses the unit that suits `magnitude` (µs, ms or s)
/// and just enough decimals to tell neighbouring ticks apart (`8.5 ms`, `1.25 s`, `150 µs`).
pub fn tick(ms: f64, step: f64, magnitude: f64) -> String {
    let (scale, unit) = if magnitude >= 1000.0 {
        (1e-3, "s")
    } else if magnitude >= 1.0 {
        (1.0, "ms")
    } else {
        (1e3, "µs")
    };
    let (value, unit_step) = (ms * scale, step * scale);
    let decimals = if unit_step >= 1.0 {
        0
    } else {
        // A step of 0.5 needs one decimal, 0.02 two, and so on.
        (-unit_step.log10() - 1e-9).ceil().clamp(0.0, 9.0) as usize
    };
    // Avoid "-0" for a tick at zero reached from below.
    let value = if value.abs() < unit_step * 1e-6 {
        0.0
    } else {
        value
    };
    format!("{value:.decimals$} {unit}")
}

/// A time range and its length, with enough decimals to tell its ends apart:
/// `0.98 → 31.11 ms · 30.13 ms`, `300.9940 → 301.0000 ms · 6 µs`, `1.2 → 2.5 s · 1.3 s`.
pub fn range(start: f64, end: f64) -> String {
    if !(start.is_finite() && end.is_finite()) {
        return "–".to_owned();
    }
    let magnitude = start.abs().max(end.abs());
    let (scale, unit) = if magnitude >= 1000.0 {
        (1e-3, "s")
    } else if magnitude >= 1.0 {
        (1.0, "ms")
    } else {
        (1e3, "µs")
    };
    let length = (end - start) * scale;
    let base = digits_for((magnitude * scale).clamp(1.0, 999.0));
    let decimals = if length > 0.0 {
        base.max(((-length.log10()).ceil() + 1.0).clamp(0.0, 6.0) as usize)
    } else {
        base
    };
    format!(
        "{:.decimals$} → {:.decimals$} {unit} · {}",
        start * scale,
        end * scale,
        millis(end - start)
    )
}

/// How many decimals keep about four significant digits for a magnitude in `[1, 1000)`.
fn digits_for(magnitude: f64) -> usize {
    if magnitude >= 100.0 {
        1
    } else if magnitude >= 10.0 {
        2
    } else {
        3
    }
}

/// `value` with `decimals` decimals, trailing zeros and a trailing point removed.
fn fixed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// A count with thin-space thousands separators, as the lane titles and aggregates show it:
/// `31 234`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{2009}');
        }
        out.push(c);
    }
    out
}

/// The call at `location` in `code`, as the queues view shows what an entry will run: the callee
/// and the start of its arguments, `then(v => console.log(v))` or `setTimeout(function tick() {…`.
/// `None` when `location` is not in `code` or not at a call's `(` (where the engine places a
/// call's position).
pub fn call_excerpt(code: &str, location: &Location) -> Option<String> {
    const ARGUMENT_CHARS: usize = 28;
    let line = code
        .lines()
        .nth(usize::try_from(location.line).ok()?.checked_sub(1)?)?;
    let chars: Vec<char> = line.chars().collect();
    let paren = usize::try_from(location.column).ok()?.checked_sub(1)?;
    if chars.get(paren) != Some(&'(') {
        return None;
    }
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let start = chars[..paren]
        .iter()
        .rposition(|c| !is_name(*c))
        .map_or(0, |before| before + 1);
    if start == paren {
        return None;
    }
    let callee: String = chars[start..paren].iter().collect();
    let rest: String = chars[paren + 1..].iter().collect();
    let mut depth = 1usize;
    let mut arguments = String::new();
    for c in rest.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return Some(format!("{callee}({arguments})"));
        }
        if arguments.chars().count() >= ARGUMENT_CHARS {
            // Cut at a word's end where there is one.
            let cut = arguments
                .rfind(char::is_whitespace)
                .unwrap_or(arguments.len());
            return Some(format!("{callee}({} …)", arguments[..cut].trim_end()));
        }
        arguments.push(c);
    }
    Some(format!("{callee}({}…)", arguments.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millis_picks_a_unit() {
        assert_eq!(millis(0.0), "0 ms");
        assert_eq!(millis(0.25), "250 µs");
        assert_eq!(millis(0.0012), "1.2 µs");
        assert_eq!(millis(12.3456), "12.35 ms");
        assert_eq!(millis(100.0), "100 ms");
        assert_eq!(millis(1500.0), "1.5 s");
        assert_eq!(millis(f64::NAN), "–");
    }

    #[test]
    fn ranges_tell_their_ends_apart() {
        assert_eq!(range(0.9777, 31.11), "0.98 → 31.11 ms · 30.13 ms");
        assert_eq!(range(300.994, 301.0), "300.9940 → 301.0000 ms · 6 µs");
        assert_eq!(range(1200.0, 2500.0), "1.200 → 2.500 s · 1.3 s");
        assert_eq!(range(0.25, 0.5), "250.0 → 500.0 µs · 250 µs");
        assert_eq!(range(5.0, 5.0), "5.000 → 5.000 ms · 0 ms");
    }

    #[test]
    fn ticks_share_a_unit() {
        assert_eq!(tick(0.0, 0.5, 10.0), "0.0 ms");
        assert_eq!(tick(8.5, 0.5, 12.0), "8.5 ms");
        assert_eq!(tick(20.0, 5.0, 90.0), "20 ms");
        assert_eq!(tick(2500.0, 500.0, 3000.0), "2.5 s");
        assert_eq!(tick(3000.0, 1000.0, 9000.0), "3 s");
        assert_eq!(tick(0.15, 0.05, 0.4), "150 µs");
        assert_eq!(tick(8.001, 0.001, 9.0), "8.001 ms");
        assert_eq!(tick(-1e-12, 1.0, 5.0), "0 ms");
    }

    #[test]
    fn locations_read_like_stack_lines() {
        let loc = Location {
            function: "outer".into(),
            file: Some("main.js".into()),
            line: 3,
            column: 14,
        };
        assert_eq!(location(&loc), "outer (main.js:3:14)");
        let top = Location {
            function: "<main>".into(),
            file: None,
            line: 1,
            column: 23,
        };
        assert_eq!(location(&top), "1:23");
    }

    #[test]
    fn events_read_as_sentences() {
        let by = Some(Location {
            function: "<main>".into(),
            file: Some("main.js".into()),
            line: 4,
            column: 15,
        });
        assert_eq!(
            event(&EventKind::MicrotaskEnqueued {
                microtask: 12,
                source: MicrotaskSource::Promise,
                by: by.clone(),
            }),
            "microtask #12 queued (promise reaction) at main.js:4:15"
        );
        assert_eq!(
            event(&EventKind::TaskStart {
                task: 5,
                source: TaskSource::Timer { id: 3 },
            }),
            "task #5 starts: setTimeout #3"
        );
        assert_eq!(
            event(&EventKind::TimerSet {
                id: 3,
                delay: 100.0,
                due: 100.0,
                repeat: false,
                nesting: 1,
                by,
            }),
            "timer #3 set: setTimeout(100), due at 100 ms at main.js:4:15"
        );
        assert_eq!(
            event(&EventKind::Console {
                level: ConsoleLevel::Warn,
                text: "first\nsecond".into(),
            }),
            "console.warn: first…"
        );
        let long = "x".repeat(200);
        assert_eq!(
            event(&EventKind::RuntimeLimit { message: long })
                .chars()
                .count(),
            QUOTE_CHARS + 1
        );
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(7), "7");
        assert_eq!(count(1000), "1\u{2009}000");
        assert_eq!(count(31234), "31\u{2009}234");
        assert_eq!(count(100000), "100\u{2009}000");
    }

    #[test]
    fn a_call_excerpt_names_the_callee_and_the_start_of_its_arguments() {
        let at = |line, column| Location {
            function: "<main>".into(),
            file: None,
            line,
            column,
        };
        let code = "console.log(1);\np.then(v => console.log(v));\nsetTimeout(function tick() { work(); more(); again(); }, 10);";
        assert_eq!(
            call_excerpt(code, &at(2, 7)).as_deref(),
            Some("then(v => console.log(v))")
        );
        assert_eq!(
            call_excerpt(code, &at(3, 11)).as_deref(),
            Some("setTimeout(function tick() { work(); …)")
        );
        assert_eq!(call_excerpt(code, &at(2, 3)), None, "not at a (");
        assert_eq!(call_excerpt(code, &at(9, 1)), None, "no such line");
        assert_eq!(call_excerpt("(1)", &at(1, 1)), None, "no callee");
    }
}
