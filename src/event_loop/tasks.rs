//! Tasks: the units of work the loop runs one at a time, each followed by a microtask checkpoint.

use boa_engine::{
    JsObject,
    job::{NativeAsyncJob, NativeJob},
};

use boa_engine::object::builtins::JsFunction;

use super::frames::FrameCallback;
use super::scheduler::SchedulerRun;
use super::timers::Timer;
use crate::trace::TaskSource;

/// A task in the task queue.
pub(crate) struct Task {
    pub(crate) id: u64,
    pub(crate) source: TaskSource,
    pub(crate) run: TaskRun,
}

/// What a task runs.
pub(crate) enum TaskRun {
    /// Rust code with the engine: script evaluation, host completions, engine jobs.
    Native(NativeJob),
    /// An engine job that is a future (module loading).
    Async(NativeAsyncJob),
    /// A timer that has become due.
    Timer(Timer),
    /// HTML's "notify about rejected promises" for one checkpoint's batch.
    ReportRejections(Vec<JsObject>),
    /// A `requestAnimationFrame` callback of the frame being run.
    AnimationFrame(FrameCallback),
    /// A `requestIdleCallback` callback, in an idle period or after its timeout.
    Idle {
        /// The callback.
        callback: JsFunction,
        /// The loop time its `IdleDeadline` counts down to.
        deadline: f64,
        /// Whether it runs because its timeout passed.
        timed_out: bool,
    },
    /// A `scheduler.postTask()` callback or a `scheduler.yield()` continuation.
    Scheduler(SchedulerRun),
}

impl TaskRun {
    /// HTML's timer nesting level while this task runs: a timer's own level, else 0.
    pub(crate) fn nesting(&self) -> u32 {
        match self {
            Self::Timer(timer) => timer.nesting,
            Self::Native(_)
            | Self::Async(_)
            | Self::ReportRejections(_)
            | Self::AnimationFrame(_)
            | Self::Idle { .. }
            | Self::Scheduler(_) => 0,
        }
    }
}
