//! The trace: every observable step of the loop as a typed event.
//!
//! From the events alone a viewer can rebuild the task queue, the microtask queue, the pending
//! timers and host operations and the log at any step (see [`crate::trace::replay`]). The JSON
//! form of [`TraceEvent`] is the trace's documented schema (`docs/trace-format.md`).

pub mod causes;
pub mod chrome;
pub mod replay;

use std::rc::Rc;

use serde::{Deserialize, Serialize};

/// Where in the user's code something happened: the innermost JavaScript frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The function's name as the engine reports it: `<main>` for top-level code, empty for
    /// anonymous functions.
    pub function: Rc<str>,
    /// The script or module's name, as given to the runtime.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub file: Option<Rc<str>>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// What started a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TaskSource {
    /// Evaluation of a classic script.
    Script {
        /// The script's name.
        name: String,
    },
    /// Evaluation of an ES module.
    Module {
        /// The module's name.
        name: String,
    },
    /// A `setTimeout` callback.
    Timer {
        /// The timer's id.
        id: u32,
    },
    /// One tick of a `setInterval`.
    Interval {
        /// The interval's id.
        id: u32,
    },
    /// A host operation's completion, posted back onto the loop.
    HostOp {
        /// The completion's name, such as `timer.sleep.settle`.
        name: String,
        /// The operation's id.
        op: u64,
    },
    /// A line typed into the REPL.
    Eval,
    /// HTML's "notify about rejected promises": reports those still without a handler.
    RejectionReport,
    /// A job Boa queued that is not a promise reaction.
    Engine,
    /// A message posted to a `MessagePort` (HTML's posted message task source): one task per message.
    PostedMessage {
        /// The receiving port's number, unique in the run (from 1, in creation order).
        port: u32,
    },
    /// HTML's `rejectionhandled` event, queued when a promise already reported as unhandled gets a
    /// handler (DOM manipulation task source).
    RejectionHandled,
    /// A `requestAnimationFrame` callback, run in a frame's rendering step.
    AnimationFrame {
        /// The callback's id (what `requestAnimationFrame` returned).
        id: u32,
        /// The frame it runs in (its `rendering_step`'s `frame`).
        frame: u64,
    },
    /// A `requestIdleCallback` callback, run in an idle period or after its timeout.
    IdleCallback {
        /// The callback's id (what `requestIdleCallback` returned).
        id: u32,
        /// Whether it runs because its timeout passed (`didTimeout`).
        timed_out: bool,
    },
    /// A `scheduler.postTask()` callback, or the continuation of a `scheduler.yield()`.
    Scheduler {
        /// The task's id (what its `scheduler_task_posted` event has), unique in the run.
        id: u32,
        /// Its priority when it was queued (in `task_queued`) or taken (in `task_start`).
        priority: TaskPriority,
        /// Whether it continues a task after `scheduler.yield()`.
        continuation: bool,
    },
}

/// The priority of a scheduler task (the Prioritized Task Scheduling API's `TaskPriority`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaskPriority {
    /// `user-blocking`: ahead of every other task.
    UserBlocking,
    /// `user-visible`: with timers, messages and host completions, in the order they were queued.
    UserVisible,
    /// `background`: when no other task is ready.
    Background,
}

impl TaskPriority {
    /// The priority's name in the API (`user-blocking`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UserBlocking => "user-blocking",
            Self::UserVisible => "user-visible",
            Self::Background => "background",
        }
    }
}

/// Why a microtask was queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MicrotaskSource {
    /// A promise reaction, an `await` continuation or a thenable job.
    Promise,
    /// `queueMicrotask(callback)`.
    QueueMicrotask,
}

/// How a console entry is shown: its stream and style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsoleLevel {
    /// `console.log`, `console.table`, `console.dir`, `console.group`, timers and counters.
    Log,
    /// `console.info`.
    Info,
    /// `console.debug`.
    Debug,
    /// `console.warn`.
    Warn,
    /// `console.error`, `console.assert` and `console.trace`.
    Error,
}

impl ConsoleLevel {
    /// Whether the CLI prints this level to standard error (as Node does).
    pub fn is_stderr(self) -> bool {
        matches!(self, Self::Warn | Self::Error)
    }
}

/// One observable step of the loop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// A task entered the task queue: a script to evaluate, a due timer, a host completion.
    TaskQueued {
        /// The task's id, unique in the run.
        task: u64,
        /// What the task runs.
        source: TaskSource,
    },
    /// A task began: the script, a timer callback, a host completion, a REPL line.
    TaskStart {
        /// The task's id, unique in the run.
        task: u64,
        /// What the task runs.
        source: TaskSource,
    },
    /// The task finished (its microtask checkpoint follows).
    TaskEnd {
        /// The task's id.
        task: u64,
    },
    /// A microtask entered the microtask queue.
    MicrotaskEnqueued {
        /// The microtask's id, unique in the run.
        microtask: u64,
        /// Why it was queued.
        source: MicrotaskSource,
        /// The innermost JavaScript frame that queued it.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        by: Option<Location>,
    },
    /// A microtask began.
    MicrotaskStart {
        /// The microtask's id.
        microtask: u64,
        /// The name of the callback it runs, where the engine exposes one.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        function: Option<String>,
    },
    /// The microtask finished.
    MicrotaskEnd {
        /// The microtask's id.
        microtask: u64,
    },
    /// `setTimeout` or `setInterval` registered a timer.
    TimerSet {
        /// The timer's id (shared by timeouts and intervals).
        id: u32,
        /// The delay after coercion and clamping, in milliseconds.
        delay: f64,
        /// When it becomes due, in loop time.
        due: f64,
        /// Whether it repeats (`setInterval`).
        repeat: bool,
        /// The HTML timer nesting level of the task it will run as: 1 when set outside a
        /// timer task, one more than the setting task's otherwise; from 7 on, delays under
        /// 4 ms are clamped to 4 ms.
        nesting: u32,
        /// The innermost JavaScript frame that set it.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        by: Option<Location>,
    },
    /// `clearTimeout` or `clearInterval` removed a pending timer.
    TimerCleared {
        /// The timer's id.
        id: u32,
    },
    /// A timer became due and its callback was queued as a task.
    TimerFired {
        /// The timer's id.
        id: u32,
    },
    /// A host operation started in the background.
    HostOpStarted {
        /// The operation's id, unique in the run.
        op: u64,
        /// Its name, such as `timer.sleep` or `fetch.get`.
        name: String,
        /// Its arguments, rendered for display.
        args: String,
        /// The innermost JavaScript frame that started it.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        by: Option<Location>,
    },
    /// A host operation finished and posted its completion onto the loop.
    HostOpSettled {
        /// The operation's id.
        op: u64,
        /// The completion's name, such as `timer.sleep.settle`.
        name: String,
        /// Whether it succeeded.
        ok: bool,
    },
    /// A host operation was aborted through an `AbortSignal` before it settled: its promise was
    /// rejected with the signal's reason and its outcome, if it ever comes, is dropped.
    HostOpAborted {
        /// The operation's id.
        op: u64,
        /// The operation's name, such as `fetch` or `timer.sleep`.
        name: String,
    },
    /// The loop fired an event at the global object: `error` (an uncaught exception or
    /// `reportError`), `unhandledrejection` or `rejectionhandled`. Recorded only once the snippet
    /// has used the web APIs (before that, nothing can listen).
    GlobalEvent {
        /// The event's type.
        name: String,
        /// Whether a listener canceled it (`preventDefault()`, or `true` from `onerror`): the console
        /// report was then left out and the failure not counted.
        canceled: bool,
    },
    /// The host drew a frame (the worker's `requestAnimationFrame`).
    Frame {
        /// The frame's number, from 1.
        frame: u64,
    },
    /// `requestAnimationFrame` registered a callback for the next frame.
    AnimationFrameRequested {
        /// The callback's id.
        id: u32,
        /// The innermost JavaScript frame that registered it.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        by: Option<Location>,
    },
    /// `cancelAnimationFrame` removed a callback before it ran.
    AnimationFrameCancelled {
        /// The callback's id.
        id: u32,
    },
    /// A frame's rendering step began: the `animation_frame` tasks queued next are its callbacks.
    RenderingStep {
        /// The snippet's frame number, from 1 (frames that ran callbacks).
        frame: u64,
        /// The timestamp every callback of the frame gets, in loop time.
        timestamp: f64,
    },
    /// `requestIdleCallback` queued a callback for an idle period.
    IdleCallbackRequested {
        /// The callback's id.
        id: u32,
        /// Its `timeout` option in ms, when positive.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        timeout: Option<f64>,
        /// The innermost JavaScript frame that queued it.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        by: Option<Location>,
    },
    /// `cancelIdleCallback` removed a callback before it ran.
    IdleCallbackCancelled {
        /// The callback's id.
        id: u32,
    },
    /// `postMessage` on a `MessagePort` sent a message to port `port`; each `posted_message` task of
    /// that port delivers the oldest message not yet delivered.
    MessagePosted {
        /// The receiving port's number.
        port: u32,
        /// The innermost JavaScript frame that posted it.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        by: Option<Location>,
    },
    /// `scheduler.postTask()` or `scheduler.yield()` posted a scheduler task.
    SchedulerTaskPosted {
        /// The task's id (its `scheduler` task source's `id`).
        id: u32,
        /// Its priority when posted; a `TaskSignal`'s priority may change before it runs.
        priority: TaskPriority,
        /// Its `delay` option in ms, when positive: it is queued once that has passed.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        delay: Option<f64>,
        /// Whether it continues a task after `scheduler.yield()`.
        continuation: bool,
        /// The innermost JavaScript frame that posted it.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        by: Option<Location>,
    },
    /// A scheduler task's signal aborted before the task ran: it never will.
    SchedulerTaskAborted {
        /// The task's id.
        id: u32,
    },
    /// An idle period began: the idle callbacks waiting now may run until `deadline`.
    IdlePeriod {
        /// When it ends, in loop time (what `timeRemaining()` counts down to).
        deadline: f64,
    },
    /// A console entry.
    Console {
        /// Its level.
        level: ConsoleLevel,
        /// The formatted text, group indentation included.
        text: String,
    },
    /// An exception escaped a task or microtask.
    UncaughtError {
        /// Chrome's wording: `Uncaught Error: message`.
        message: String,
        /// Stack lines, innermost first, without the `at` prefix.
        #[serde(skip_serializing_if = "Vec::is_empty", default)]
        stack: Vec<String>,
        /// Where it was thrown, when known (syntax errors).
        #[serde(skip_serializing_if = "Option::is_none", default)]
        location: Option<Location>,
    },
    /// A promise was rejected and no handler was attached by the end of the microtask checkpoint.
    UnhandledRejection {
        /// Chrome's wording: `Uncaught (in promise) Error: message`.
        message: String,
        /// Stack lines, innermost first, without the `at` prefix.
        #[serde(skip_serializing_if = "Vec::is_empty", default)]
        stack: Vec<String>,
    },
    /// A task was stopped by a runtime limit (runaway loop or recursion).
    RuntimeLimit {
        /// What was exceeded, in words.
        message: String,
    },
}

/// A [`EventKind`] stamped with its place in the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceEvent {
    /// Sequence number, from 0, with no gaps.
    pub seq: u64,
    /// The active clock's time (virtual or real) in milliseconds since the run started.
    pub time: f64,
    /// Real time in milliseconds since the run started, whatever the active clock.
    pub wall: f64,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

impl TraceEvent {
    /// Whether this event is program output (console, errors), which is recorded even when the
    /// full trace is off.
    pub fn is_output(&self) -> bool {
        self.kind.is_output()
    }
}

impl EventKind {
    /// The event's `type` in the JSON trace (`docs/trace-format.md`): `task_start`, …
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::TaskQueued { .. } => "task_queued",
            Self::TaskStart { .. } => "task_start",
            Self::TaskEnd { .. } => "task_end",
            Self::MicrotaskEnqueued { .. } => "microtask_enqueued",
            Self::MicrotaskStart { .. } => "microtask_start",
            Self::MicrotaskEnd { .. } => "microtask_end",
            Self::TimerSet { .. } => "timer_set",
            Self::TimerCleared { .. } => "timer_cleared",
            Self::TimerFired { .. } => "timer_fired",
            Self::HostOpStarted { .. } => "host_op_started",
            Self::HostOpSettled { .. } => "host_op_settled",
            Self::HostOpAborted { .. } => "host_op_aborted",
            Self::GlobalEvent { .. } => "global_event",
            Self::Frame { .. } => "frame",
            Self::AnimationFrameRequested { .. } => "animation_frame_requested",
            Self::AnimationFrameCancelled { .. } => "animation_frame_cancelled",
            Self::RenderingStep { .. } => "rendering_step",
            Self::IdleCallbackRequested { .. } => "idle_callback_requested",
            Self::IdleCallbackCancelled { .. } => "idle_callback_cancelled",
            Self::MessagePosted { .. } => "message_posted",
            Self::SchedulerTaskPosted { .. } => "scheduler_task_posted",
            Self::SchedulerTaskAborted { .. } => "scheduler_task_aborted",
            Self::IdlePeriod { .. } => "idle_period",
            Self::Console { .. } => "console",
            Self::UncaughtError { .. } => "uncaught_error",
            Self::UnhandledRejection { .. } => "unhandled_rejection",
            Self::RuntimeLimit { .. } => "runtime_limit",
        }
    }

    /// Whether this is program output (console, errors), recorded even when the full trace is
    /// off.
    pub fn is_output(&self) -> bool {
        matches!(
            self,
            EventKind::Console { .. }
                | EventKind::UncaughtError { .. }
                | EventKind::UnhandledRejection { .. }
                | EventKind::RuntimeLimit { .. }
        )
    }
}

/// How much a runtime records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TraceMode {
    /// Every event.
    #[default]
    Full,
    /// Only program output: console entries, uncaught errors, unhandled rejections.
    Output,
}

/// The in-memory event log of one runtime.
#[derive(Debug, Default)]
pub struct Trace {
    mode: TraceMode,
    next_seq: u64,
    pending: Vec<TraceEvent>,
}

impl Trace {
    /// An empty trace recording in `mode`.
    pub fn new(mode: TraceMode) -> Self {
        Self {
            mode,
            next_seq: 0,
            pending: Vec::new(),
        }
    }

    /// Whether scheduling events (tasks, microtasks, timers, host operations) are recorded.
    pub fn is_full(&self) -> bool {
        self.mode == TraceMode::Full
    }

    /// Records an event at the given times; scheduling events are dropped unless the trace is full.
    pub fn record(&mut self, time: f64, wall: f64, kind: EventKind) {
        let event = TraceEvent {
            seq: self.next_seq,
            time,
            wall,
            kind,
        };
        if self.mode == TraceMode::Full || event.is_output() {
            self.next_seq += 1;
            self.pending.push(event);
        }
    }

    /// The most recent event not yet drained, for filling in details known only later.
    pub(crate) fn last_mut(&mut self) -> Option<&mut TraceEvent> {
        self.pending.last_mut()
    }

    /// Takes every event recorded since the last call.
    pub fn drain(&mut self) -> Vec<TraceEvent> {
        std::mem::take(&mut self.pending)
    }
}

/// Serialises events as the trace's JSON document: `{"version": 1, "events": [...]}`.
pub fn to_json(events: &[TraceEvent]) -> serde_json::Result<String> {
    #[derive(Serialize)]
    struct Document<'a> {
        version: u32,
        events: &'a [TraceEvent],
    }
    serde_json::to_string_pretty(&Document { version: 1, events })
}
