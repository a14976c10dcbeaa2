//! Printing a run's events: console entries and errors to stdout and stderr, as Node does.

use std::io::Write;

use tickscope::trace::{EventKind, Location, TraceEvent};

/// Where a rendered event goes.
pub enum Stream {
    Stdout,
    Stderr,
}

/// The text an event prints, and on which stream; `None` for scheduling events.
pub fn render(event: &TraceEvent) -> Option<(Stream, String)> {
    match &event.kind {
        EventKind::Console { level, text } => Some((
            if level.is_stderr() {
                Stream::Stderr
            } else {
                Stream::Stdout
            },
            text.clone(),
        )),
        EventKind::UncaughtError {
            message,
            stack,
            location,
        } => Some((
            Stream::Stderr,
            with_stack(message, stack, location.as_ref()),
        )),
        EventKind::UnhandledRejection { message, stack } => {
            Some((Stream::Stderr, with_stack(message, stack, None)))
        }
        EventKind::RuntimeLimit { message } => Some((Stream::Stderr, message.clone())),
        _ => None,
    }
}

fn with_stack(message: &str, stack: &[String], location: Option<&Location>) -> String {
    let mut text = message.to_owned();
    for frame in stack {
        text.push_str("\n    at ");
        text.push_str(frame);
    }
    if let Some(location) = location {
        let file = location.file.as_deref().unwrap_or("<input>");
        text.push_str(&format!(
            "\n    at {file}:{}:{}",
            location.line, location.column
        ));
    }
    text
}

/// Prints events' output lines to stdout and stderr.
pub fn print(events: &[TraceEvent]) {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    for event in events {
        if let Some((stream, text)) = render(event) {
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = match stream {
                Stream::Stdout => writeln!(out, "{text}"),
                Stream::Stderr => {
                    let _ = out.flush();
                    writeln!(err, "{text}")
                }
            };
        }
    }
    let _ = out.flush();
}
