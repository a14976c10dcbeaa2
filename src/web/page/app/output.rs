//! Program output as the console shows it: which trace events are console entries, at what
//! level, with what text. Uncaught errors and unhandled rejections read as Chrome prints them:
//! the message, then one `    at …` line per stack frame.

use crate::trace::{ConsoleLevel, EventKind};
use crate::web::page::views::console_model::Level;

/// A console entry made from a trace event.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// Its level.
    pub level: Level,
    /// `uncaught`, `rejection`, `limit`, or empty for console calls.
    pub kind: &'static str,
    /// The text shown.
    pub text: String,
}

/// The console entry an event makes, if it is program output.
pub fn of(kind: &EventKind) -> Option<Output> {
    match kind {
        EventKind::Console { level, text } => Some(Output {
            level: match level {
                ConsoleLevel::Log => Level::Log,
                ConsoleLevel::Info => Level::Info,
                ConsoleLevel::Debug => Level::Debug,
                ConsoleLevel::Warn => Level::Warn,
                ConsoleLevel::Error => Level::Error,
            },
            kind: "",
            text: text.clone(),
        }),
        EventKind::UncaughtError { message, stack, .. } => Some(Output {
            level: Level::Error,
            kind: "uncaught",
            text: with_stack(message, stack),
        }),
        EventKind::UnhandledRejection { message, stack } => Some(Output {
            level: Level::Error,
            kind: "rejection",
            text: with_stack(message, stack),
        }),
        EventKind::RuntimeLimit { message } => Some(Output {
            level: Level::Error,
            kind: "limit",
            text: message.clone(),
        }),
        _ => None,
    }
}

/// `message` followed by Chrome's `    at frame` stack lines.
pub fn with_stack(message: &str, stack: &[String]) -> String {
    let mut text = message.to_owned();
    for frame in stack {
        text.push_str("\n    at ");
        text.push_str(frame);
    }
    text
}
