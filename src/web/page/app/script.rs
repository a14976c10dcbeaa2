//! What the page knows about the main script: its name, the text a first visit shows, whether it
//! must run as a module, and where in it an error happened.

use super::stepper;
use crate::trace::EventKind;

/// The name the worker gives the main script in locations and stacks.
pub const SCRIPT_NAME: &str = "main.js";

/// The snippet shown on a first visit.
pub const DEFAULT_CODE: &str = r#"// tickscope: JavaScript's event loop, step by step.
// Run (Ctrl+Enter), then step through the run with ← and →.
const { sleep } = require("timer");

console.log("script start");

setTimeout(() => console.log("timeout 0 ms"), 0);
setTimeout(() => console.log("timeout 50 ms"), 50);

Promise.resolve()
  .then(() => console.log("microtask 1"))
  .then(() => console.log("microtask 2"));

queueMicrotask(() => console.log("queueMicrotask"));

(async () => {
  await sleep(20);
  console.log("after sleep(20)", { answer: 42, list: [1, 2, 3] });
})();

console.log("script end");
"#;

/// Whether a script must be run as an ES module: a line that starts with `import` or `export`
/// (dynamic `import(…)` works in scripts too, so it does not count).
pub fn looks_like_module(source: &str) -> bool {
    source.lines().any(|line| {
        let line = line.trim_start();
        let keyword = if let Some(rest) = line.strip_prefix("import") {
            rest
        } else if let Some(rest) = line.strip_prefix("export") {
            rest
        } else {
            return false;
        };
        keyword
            .chars()
            .next()
            .is_some_and(|c| c.is_whitespace() || matches!(c, '{' | '*' | '"' | '\''))
    })
}

/// The line, column and message to underline for an uncaught error in the main script.
pub fn error_location(kind: &EventKind) -> Option<(u32, u32, String)> {
    match kind {
        EventKind::UncaughtError {
            message,
            stack,
            location,
        } => {
            let place = match location {
                Some(location)
                    if location
                        .file
                        .as_deref()
                        .is_none_or(|file| file == SCRIPT_NAME) =>
                {
                    Some((location.line, location.column))
                }
                _ => stepper::stack_location(stack, SCRIPT_NAME),
            };
            place.map(|(line, column)| (line, column, message.clone()))
        }
        EventKind::UnhandledRejection { message, stack } => {
            stepper::stack_location(stack, SCRIPT_NAME)
                .map(|(line, column)| (line, column, message.clone()))
        }
        _ => None,
    }
}
