//! What the loop is running, in words, for a watchdog that stops a run from outside.
//!
//! A task that never ends cannot be interrupted from inside the engine: the host's watchdog
//! (the CLI's `--timeout`, on another thread) stops the whole run instead, and says which task
//! was running from what the loop last wrote here.

use std::cell::Cell;
use std::sync::{Arc, Mutex, PoisonError};

use super::TaskRun;
use super::timers::{Timer, TimerCallback};
use crate::trace::{Location, TaskSource};

/// A shared description of what the loop is running; cheap to clone and to read from any
/// thread.
#[derive(Debug, Clone, Default)]
pub struct TaskWatch(Arc<Mutex<Running>>);

#[derive(Debug, Default)]
struct Running {
    /// The task started last, in words.
    task: Option<String>,
    /// Whether the loop is inside that task or its microtask checkpoint.
    busy: bool,
    /// Whether the task's own code ended and its microtasks run.
    in_checkpoint: bool,
}

impl TaskWatch {
    /// A watch that has seen no task yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// What the loop is running, in words (`the timer 2 set at main.js:3:1`, `the microtasks
    /// after the script main.js`); `None` when it runs nothing (it waits for a timer or a host
    /// operation).
    pub fn current(&self) -> Option<String> {
        let running = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let task = running.task.as_ref().filter(|_| running.busy)?;
        Some(if running.in_checkpoint {
            format!("the microtasks after {task}")
        } else {
            task.clone()
        })
    }

    /// Notes that a task starts.
    pub(crate) fn task_started(&self, source: &TaskSource, run: &TaskRun) {
        let text = match run {
            TaskRun::Timer(timer) => describe_timer(timer),
            _ => describe_source(source),
        };
        let mut running = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *running = Running {
            task: Some(text),
            busy: true,
            in_checkpoint: false,
        };
    }

    /// Notes that the task's own code ended and its microtask checkpoint begins.
    pub(crate) fn checkpoint_started(&self) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .in_checkpoint = true;
    }

    /// Notes that the checkpoint ended: the loop runs nothing until the next task.
    pub(crate) fn checkpoint_ended(&self) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).busy = false;
    }
}

/// A timer in words, with the line that set it when the trace knows it.
pub(crate) fn describe_timer(timer: &Timer) -> String {
    let what = match (&timer.callback, timer.repeat) {
        (TimerCallback::Host { completion, .. }, _) => {
            return format!("the host task {completion}");
        }
        (_, Some(_)) => format!("the interval {}", timer.id),
        (_, None) => format!("the timer {}", timer.id),
    };
    match &timer.by {
        Some(location) => format!("{what} set at {}", place(location)),
        None => what,
    }
}

fn describe_source(source: &TaskSource) -> String {
    match source {
        TaskSource::Script { name } => format!("the script {name}"),
        TaskSource::Module { name } => format!("the module {name}"),
        TaskSource::Timer { id } => format!("the timer {id}"),
        TaskSource::Interval { id } => format!("the interval {id}"),
        TaskSource::HostOp { name, .. } => format!("the host task {name}"),
        TaskSource::Eval => "a REPL line".to_owned(),
        TaskSource::RejectionReport => "the report of unhandled rejections".to_owned(),
        TaskSource::Engine => "an engine job".to_owned(),
        TaskSource::PostedMessage { port } => format!("a message to the port {port}"),
        TaskSource::RejectionHandled => "the rejectionhandled event".to_owned(),
        TaskSource::AnimationFrame { id, .. } => format!("the animation frame callback {id}"),
        TaskSource::IdleCallback { id, .. } => format!("the idle callback {id}"),
        TaskSource::Scheduler {
            id, continuation, ..
        } => {
            if *continuation {
                format!("the continuation {id} after scheduler.yield()")
            } else {
                format!("the scheduler task {id}")
            }
        }
    }
}

/// `file:line:column`, or `line:column` for code without a file name.
fn place(location: &Location) -> String {
    match &location.file {
        Some(file) => format!("{file}:{}:{}", location.line, location.column),
        None => format!("{}:{}", location.line, location.column),
    }
}

/// Tells the host, once per task, that the running task has gone on for a long time.
///
/// The loop cannot see a task from inside while it runs; it hears of it again only when the task
/// calls into the host (reads the clock, logs, sets a timer). A busy wait does so all the time, so
/// its host hears of it soon after `after_ms`; a loop that calls nothing is not heard of.
pub(crate) struct LongTaskAlarm {
    after_ms: f64,
    notify: Box<dyn Fn(String)>,
    started_wall: Cell<f64>,
    rung: Cell<bool>,
}

impl LongTaskAlarm {
    /// An alarm that rings `notify` after `after_ms` of one task.
    pub(crate) fn new(after_ms: f64, notify: Box<dyn Fn(String)>) -> Self {
        Self {
            after_ms,
            notify,
            started_wall: Cell::new(0.0),
            rung: Cell::new(false),
        }
    }

    /// A task starts at real time `wall`.
    pub(crate) fn task_started(&self, wall: f64) {
        self.started_wall.set(wall);
        self.rung.set(false);
    }

    /// The running task called into the host at real time `wall`.
    pub(crate) fn check(&self, wall: f64, watch: Option<&TaskWatch>) {
        if self.rung.get() || wall - self.started_wall.get() < self.after_ms {
            return;
        }
        if let Some(task) = watch.and_then(TaskWatch::current) {
            self.rung.set(true);
            (self.notify)(task);
        }
    }
}
