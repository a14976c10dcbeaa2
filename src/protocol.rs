//! The messages between the playground page and its worker.
//!
//! Both sides are Rust compiled to wasm32; messages cross `postMessage` as JSON strings of these
//! types. The worker sends at most one [`FromWorker::Frame`] per animation frame, carrying every
//! trace event recorded in that frame, never one message per event.

use serde::{Deserialize, Serialize};

use crate::trace::TraceEvent;
use crate::{ClockKind, Pending};

/// A text file of the playground, readable and writable by `require("fs")` in the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Its name, relative to the playground's root (`data.txt`, `notes/a.md`).
    pub name: String,
    /// Its contents.
    pub text: String,
}

/// A message from the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToWorker {
    /// Start a fresh runtime on `source`, dropping any run in progress.
    Run {
        /// The snippet's JavaScript source.
        source: String,
        /// Whether the snippet is an ES module (top-level `await`, `import`).
        #[serde(default)]
        module: bool,
        /// Which clock drives the loop.
        clock: ClockKind,
        /// The seed of `Math.random()` ([`crate::RuntimeOptions::seed`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seed: Option<u64>,
        /// When the run starts as `Date` sees it, in ms since the Unix epoch
        /// ([`crate::RuntimeOptions::start_time`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start_time: Option<f64>,
        /// The playground's files, for `require("fs")`.
        #[serde(default)]
        files: Vec<FileEntry>,
        /// Start paused: nothing runs until [`ToWorker::Step`] or [`ToWorker::Resume`].
        #[serde(default)]
        paused: bool,
        /// Engine time per animation frame in milliseconds; the worker's default if absent.
        #[serde(default)]
        budget_ms: Option<f64>,
    },
    /// In a paused run: run one task's own code or one microtask, then stay paused.
    Step,
    /// In a paused run: run freely from here on.
    Resume,
    /// Evaluate a REPL line in the live context of the current run.
    Eval {
        /// Echoed in the [`FromWorker::EvalResult`].
        id: u64,
        /// The line.
        line: String,
    },
    /// The page has read one more [`FromWorker::Frame`]. A worker that has heard this keeps the
    /// page's pace: it runs no further frame while the page has a few frames unread.
    FrameRead,
}

/// Where the loop stands after a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoopState {
    /// Work is ready: more frames follow.
    Busy,
    /// Timers or host operations are pending; nothing is ready yet.
    Waiting,
    /// A paused run, waiting for [`ToWorker::Step`] or [`ToWorker::Resume`].
    Paused,
    /// Nothing ready or pending: the run is finished (its context stays live for `Eval`).
    Idle,
}

/// The loop's state as the page's status line shows it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LoopStatus {
    /// Busy, waiting, paused or idle.
    pub state: LoopState,
    /// What is queued and pending.
    pub pending: Pending,
    /// The active clock's time, in milliseconds since the run started.
    pub now_ms: f64,
    /// When the next timer is due, in loop time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_due_ms: Option<f64>,
}

/// A message from the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker's engine is loaded and it listens for requests.
    Ready {
        /// How it paces the loop: `animation_frame` or `timeout` (where a worker has no
        /// `requestAnimationFrame`).
        ticker: String,
    },
    /// One animation frame's worth of the loop (or one step of a paused run).
    Frame {
        /// The frame's number within the run, from 1.
        frame: u64,
        /// The loop's state after this frame.
        status: LoopStatus,
        /// The trace events recorded during this frame, in order.
        events: Vec<TraceEvent>,
    },
    /// The snippet could not be started (a syntax error); the run is over.
    LoadError {
        /// The engine's message.
        message: String,
        /// 1-based line, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<u32>,
        /// 1-based column, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        column: Option<u32>,
        /// Events recorded before the failure (the syntax error's report among them).
        events: Vec<TraceEvent>,
    },
    /// The answer to [`ToWorker::Eval`].
    EvalResult {
        /// The request's id.
        id: u64,
        /// The value as Node's REPL prints it, or the error as Chrome reports it.
        text: String,
        /// Whether the line threw.
        thrown: bool,
    },
    /// `require("fs")` wrote a file: the page keeps its copy in step.
    FileWritten {
        /// The file as written.
        file: FileEntry,
    },
    /// A Rust panic in the worker: the page shows it and starts a fresh worker.
    Crashed {
        /// The panic's message.
        message: String,
    },
    /// A task has been running for a long time (it called into the host after
    /// [`crate::web::session::LONG_TASK_NOTICE_MS`]): if the page stops the worker, this is
    /// the task it stops.
    LongTask {
        /// The task in words: `the timer 1 set at main.js:2:12`.
        task: String,
    },
    /// The page sent something the worker does not understand.
    Invalid {
        /// What was wrong.
        message: String,
    },
}

impl ToWorker {
    /// The message as the JSON text that crosses `postMessage`.
    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }

    /// Reads a message from its JSON text.
    pub fn from_json(text: &str) -> serde_json::Result<Self> {
        serde_json::from_str(text)
    }
}

impl FromWorker {
    /// The message as the JSON text that crosses `postMessage`.
    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }

    /// Reads a message from its JSON text.
    pub fn from_json(text: &str) -> serde_json::Result<Self> {
        serde_json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_round_trip_through_json() {
        let run = ToWorker::Run {
            source: "console.log('é ✓')".to_owned(),
            module: false,
            clock: ClockKind::Virtual,
            seed: Some(7),
            start_time: None,
            files: vec![FileEntry {
                name: "data.txt".to_owned(),
                text: "hello".to_owned(),
            }],
            paused: true,
            budget_ms: None,
        };
        let text = run.to_json().expect("serialises");
        assert!(text.contains(r#""type":"run""#), "{text}");
        assert_eq!(ToWorker::from_json(&text).expect("parses"), run);
        let minimal = r#"{"type":"run","source":"1","clock":"real"}"#;
        assert!(matches!(
            ToWorker::from_json(minimal),
            Ok(ToWorker::Run { paused: false, .. })
        ));
        assert!(ToWorker::from_json(r#"{"type":"launch"}"#).is_err());
        assert_eq!(
            ToWorker::from_json(r#"{"type":"frame_read"}"#).expect("parses"),
            ToWorker::FrameRead
        );
    }
}
