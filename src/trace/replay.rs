//! Rebuilding the loop's queues at any point of a run from its events alone.
//!
//! Stepping backwards and forwards through a run is replay, not re-execution: a
//! [`QueueSnapshot`] is what the task queue, the microtask queue, the pending timers and host
//! operations and the log held after a given event.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::{EventKind, Location, MicrotaskSource, TaskSource, TraceEvent};

/// A task waiting in the task queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuedTask {
    /// The task's id.
    pub task: u64,
    /// What it will run.
    pub source: TaskSource,
}

/// A microtask waiting in the microtask queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuedMicrotask {
    /// The microtask's id.
    pub microtask: u64,
    /// Why it was queued.
    pub source: MicrotaskSource,
    /// Who queued it.
    pub by: Option<Location>,
}

/// A timer that has not fired yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingTimer {
    /// The timer's id.
    pub id: u32,
    /// When it is due, in loop time.
    pub due: f64,
    /// Its delay after clamping.
    pub delay: f64,
    /// Whether it is an interval.
    pub repeat: bool,
    /// Who set it.
    pub by: Option<Location>,
}

/// A host operation in flight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingHostOp {
    /// The operation's id.
    pub op: u64,
    /// Its name, such as `fetch.get`.
    pub name: String,
    /// Its arguments, rendered for display.
    pub args: String,
}

/// What is running at a point of the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Running {
    /// A task's own code.
    Task {
        /// The task's id.
        task: u64,
        /// What it runs.
        source: TaskSource,
    },
    /// A microtask.
    Microtask {
        /// The microtask's id.
        microtask: u64,
    },
}

/// The loop's queues after some event of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueueSnapshot {
    /// How many events have been applied.
    pub applied: usize,
    /// What is running, if anything.
    pub running: Option<Running>,
    /// The task queue, oldest first.
    pub tasks: VecDeque<QueuedTask>,
    /// The microtask queue, oldest first.
    pub microtasks: VecDeque<QueuedMicrotask>,
    /// Pending timers, in firing order.
    pub timers: Vec<PendingTimer>,
    /// Host operations in flight, oldest first.
    pub host_ops: Vec<PendingHostOp>,
    /// How many events so far were program output (console entries and errors).
    pub output: usize,
}

impl QueueSnapshot {
    /// Applies one event.
    pub fn apply(&mut self, event: &TraceEvent) {
        self.applied += 1;
        match &event.kind {
            EventKind::TaskQueued { task, source } => self.tasks.push_back(QueuedTask {
                task: *task,
                source: source.clone(),
            }),
            EventKind::TaskStart { task, source } => {
                // The task that starts is almost always the oldest: look from the front.
                if let Some(at) = self.tasks.iter().position(|queued| queued.task == *task) {
                    self.tasks.remove(at);
                }
                self.running = Some(Running::Task {
                    task: *task,
                    source: source.clone(),
                });
            }
            EventKind::TaskEnd { .. } | EventKind::MicrotaskEnd { .. } => self.running = None,
            EventKind::MicrotaskEnqueued {
                microtask,
                source,
                by,
            } => self.microtasks.push_back(QueuedMicrotask {
                microtask: *microtask,
                source: *source,
                by: by.clone(),
            }),
            EventKind::MicrotaskStart { microtask, .. } => {
                if let Some(at) = self
                    .microtasks
                    .iter()
                    .position(|queued| queued.microtask == *microtask)
                {
                    self.microtasks.remove(at);
                }
                self.running = Some(Running::Microtask {
                    microtask: *microtask,
                });
            }
            EventKind::TimerSet {
                id,
                delay,
                due,
                repeat,
                by,
                ..
            } => {
                let timer = PendingTimer {
                    id: *id,
                    due: *due,
                    delay: *delay,
                    repeat: *repeat,
                    by: by.clone(),
                };
                let at = self.timers.partition_point(|pending| pending.due <= *due);
                self.timers.insert(at, timer);
            }
            EventKind::TimerFired { id } => self.timers.retain(|timer| timer.id != *id),
            EventKind::TimerCleared { id } => {
                self.timers.retain(|timer| timer.id != *id);
                self.tasks.retain(|queued| {
                    !matches!(queued.source,
                        TaskSource::Timer { id: t } | TaskSource::Interval { id: t } if t == *id)
                });
            }
            EventKind::HostOpStarted { op, name, args, .. } => self.host_ops.push(PendingHostOp {
                op: *op,
                name: name.clone(),
                args: args.clone(),
            }),
            EventKind::HostOpSettled { op, .. } | EventKind::HostOpAborted { op, .. } => {
                self.host_ops.retain(|pending| pending.op != *op)
            }
            EventKind::Console { .. }
            | EventKind::UncaughtError { .. }
            | EventKind::UnhandledRejection { .. }
            | EventKind::RuntimeLimit { .. } => self.output += 1,
            EventKind::AnimationFrameCancelled { id } => self.tasks.retain(|queued| {
                !matches!(queued.source, TaskSource::AnimationFrame { id: cancelled, .. } if cancelled == *id)
            }),
            EventKind::SchedulerTaskAborted { id } => self.tasks.retain(|queued| {
                !matches!(queued.source, TaskSource::Scheduler { id: aborted, .. } if aborted == *id)
            }),
            EventKind::Frame { .. }
            | EventKind::GlobalEvent { .. }
            | EventKind::SchedulerTaskPosted { .. }
            | EventKind::MessagePosted { .. }
            | EventKind::AnimationFrameRequested { .. }
            | EventKind::RenderingStep { .. }
            | EventKind::IdleCallbackRequested { .. }
            | EventKind::IdleCallbackCancelled { .. }
            | EventKind::IdlePeriod { .. } => {}
        }
    }

    /// The queues after the first `count` events.
    pub fn after(events: &[TraceEvent], count: usize) -> Self {
        let mut snapshot = Self::default();
        for event in events.iter().take(count) {
            snapshot.apply(event);
        }
        snapshot
    }
}

/// How many events apart [`Replay`] keeps copies of the queues.
pub const CHECKPOINT_EVERY: usize = 2048;

/// The queues at a point of a run that moves back and forth, for stepping through it: moving
/// forward applies the events in between, moving back starts again from the nearest copy kept
/// every [`CHECKPOINT_EVERY`] events instead of from the first event. The events given must be
/// the same run each time, growing at most at its end.
#[derive(Debug, Clone, Default)]
pub struct Replay {
    snapshot: QueueSnapshot,
    /// The queues after `(i + 1) * CHECKPOINT_EVERY` events, for each `i` replayed so far.
    checkpoints: Vec<QueueSnapshot>,
}

impl Replay {
    /// The queues where the replay is.
    pub fn snapshot(&self) -> &QueueSnapshot {
        &self.snapshot
    }

    /// Moves to `count` events of `events` (at most all of them) and returns the queues there.
    pub fn seek(&mut self, events: &[TraceEvent], count: usize) -> &QueueSnapshot {
        let count = count.min(events.len());
        if count < self.snapshot.applied {
            let nearest = (count / CHECKPOINT_EVERY).min(self.checkpoints.len());
            self.snapshot = match nearest.checked_sub(1) {
                Some(index) => self.checkpoints[index].clone(),
                None => QueueSnapshot::default(),
            };
        }
        while self.snapshot.applied < count && self.advance(events) {}
        &self.snapshot
    }

    /// Applies the next event of `events`; `false` when there is none.
    pub fn advance(&mut self, events: &[TraceEvent]) -> bool {
        let Some(event) = events.get(self.snapshot.applied) else {
            return false;
        };
        self.snapshot.apply(event);
        let applied = self.snapshot.applied;
        if applied.is_multiple_of(CHECKPOINT_EVERY)
            && applied / CHECKPOINT_EVERY == self.checkpoints.len() + 1
        {
            self.checkpoints.push(self.snapshot.clone());
        }
        true
    }
}
