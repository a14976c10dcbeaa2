//! Tasks: the units of work the loop runs one at a time, each followed by a microtask checkpoint.

use boa_engine::job::{NativeAsyncJob, NativeJob};

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
}

impl TaskRun {
    /// HTML's timer nesting level while this task runs: a timer's own level, else 0.
    pub(crate) fn nesting(&self) -> u32 {
        match self {
            Self::Timer(timer) => timer.nesting,
            Self::Native(_) | Self::Async(_) => 0,
        }
    }
}
