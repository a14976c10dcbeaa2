//! The task queues of the Prioritized Task Scheduling API (`scheduler.postTask()`,
//! `scheduler.yield()`), and how their tasks rank against the loop's other tasks.
//!
//! As Chromium runs them: every scheduler queue has a priority, fixed (a `priority` option) or a
//! `TaskSignal`'s, which may change while tasks wait; the priority is read when the loop picks its
//! next task. `user-blocking` tasks go ahead of every other task, `user-visible` ones take their
//! turn with timers, messages and host completions in the order all were queued, and
//! `background` ones run only when nothing else is ready. The continuation of a
//! `scheduler.yield()` ranks just above the tasks of its own priority.

use std::collections::VecDeque;

use boa_engine::{JsValue, object::builtins::JsFunction};
use rustc_hash::FxHashMap;

use super::tasks::{Task, TaskRun};
use super::{EventLoop, LoopState};
use crate::trace::{EventKind, Location, TaskPriority, TaskSource};

/// A scheduler queue: one for each fixed priority ([`Scheduler::fixed`]), one per `TaskSignal`.
pub(crate) type QueueId = u32;

/// Where a posted task is: waiting for its delay (on this loop timer), or queued.
enum Posted {
    Delayed(u32),
    Queued,
}

/// One queue's tasks of one kind (posted tasks or continuations), oldest first.
struct Lane {
    queue: QueueId,
    continuation: bool,
    tasks: VecDeque<(u32, Task)>,
}

/// The scheduler queues of one runtime.
#[derive(Default)]
pub(crate) struct Scheduler {
    /// The priority of each queue, by its id.
    priorities: Vec<TaskPriority>,
    /// The non-empty lanes, in no particular order.
    lanes: Vec<Lane>,
    /// Tasks posted and not yet taken or aborted, by id.
    posted: FxHashMap<u32, Posted>,
    next_id: u32,
}

impl Scheduler {
    /// The queue of a fixed priority.
    pub(crate) fn fixed(priority: TaskPriority) -> QueueId {
        match priority {
            TaskPriority::UserBlocking => 0,
            TaskPriority::UserVisible => 1,
            TaskPriority::Background => 2,
        }
    }

    fn priority(&self, queue: QueueId) -> TaskPriority {
        match self.priorities.get(queue as usize) {
            Some(priority) => *priority,
            None => match queue {
                0 => TaskPriority::UserBlocking,
                2 => TaskPriority::Background,
                _ => TaskPriority::UserVisible,
            },
        }
    }

    fn ensure_fixed(&mut self) {
        if self.priorities.is_empty() {
            self.priorities = vec![
                TaskPriority::UserBlocking,
                TaskPriority::UserVisible,
                TaskPriority::Background,
            ];
        }
    }

    /// A new queue (a `TaskSignal`'s) with `priority`.
    pub(crate) fn new_queue(&mut self, priority: TaskPriority) -> QueueId {
        self.ensure_fixed();
        self.priorities.push(priority);
        (self.priorities.len() - 1) as QueueId
    }

    /// Changes the priority of a `TaskSignal`'s queue; the fixed queues keep theirs.
    pub(crate) fn set_priority(&mut self, queue: QueueId, priority: TaskPriority) {
        if queue > 2
            && let Some(slot) = self.priorities.get_mut(queue as usize)
        {
            *slot = priority;
        }
    }

    /// Whether any scheduler task is queued.
    pub(crate) fn has_ready(&self) -> bool {
        !self.lanes.is_empty()
    }

    /// How many scheduler tasks are queued.
    pub(crate) fn ready_len(&self) -> usize {
        self.lanes.iter().map(|lane| lane.tasks.len()).sum()
    }

    fn allocate_id(&mut self) -> u32 {
        self.next_id = self.next_id.wrapping_add(1).max(1);
        self.next_id
    }

    fn enqueue(&mut self, id: u32, queue: QueueId, continuation: bool, task: Task) {
        self.posted.insert(id, Posted::Queued);
        match self
            .lanes
            .iter_mut()
            .find(|lane| lane.queue == queue && lane.continuation == continuation)
        {
            Some(lane) => lane.tasks.push_back((id, task)),
            None => self.lanes.push(Lane {
                queue,
                continuation,
                tasks: VecDeque::from([(id, task)]),
            }),
        }
    }

    /// The lane whose first task goes next, if it goes ahead of a `user-visible` task queued as
    /// `other` (the loop's task queue's first task, if any).
    fn best_lane(&self, other: Option<u64>) -> Option<usize> {
        let rank = |lane: &Lane| rank(self.priority(lane.queue), lane.continuation);
        let (at, lane) = self.lanes.iter().enumerate().max_by(|(_, a), (_, b)| {
            let key = |lane: &Lane| (rank(lane), std::cmp::Reverse(lane.tasks[0].1.id));
            key(a).cmp(&key(b))
        })?;
        let beats_other = match other {
            None => true,
            Some(other) => {
                let normal = rank_of_other_tasks();
                rank(lane) > normal || (rank(lane) == normal && lane.tasks[0].1.id < other)
            }
        };
        beats_other.then_some(at)
    }

    /// Takes the first task of lane `at`, its source showing the priority it runs with.
    fn take(&mut self, at: usize) -> Option<Task> {
        let priority = self.priority(self.lanes[at].queue);
        let lane = &mut self.lanes[at];
        let (id, mut task) = lane.tasks.pop_front()?;
        if lane.tasks.is_empty() {
            self.lanes.swap_remove(at);
        }
        self.posted.remove(&id);
        if let TaskSource::Scheduler { priority: p, .. } = &mut task.source {
            *p = priority;
        }
        Some(task)
    }

    /// Forgets a task that has not run; returns its delay timer if it was still waiting on it.
    fn remove(&mut self, id: u32) -> Option<Option<u32>> {
        match self.posted.remove(&id)? {
            Posted::Delayed(timer) => Some(Some(timer)),
            Posted::Queued => {
                for at in 0..self.lanes.len() {
                    let lane = &mut self.lanes[at];
                    if let Some(index) = lane.tasks.iter().position(|(task, _)| *task == id) {
                        lane.tasks.remove(index);
                        if lane.tasks.is_empty() {
                            self.lanes.swap_remove(at);
                        }
                        break;
                    }
                }
                Some(None)
            }
        }
    }
}

/// Higher goes first: each priority's continuations just above its tasks.
fn rank(priority: TaskPriority, continuation: bool) -> u8 {
    let base = match priority {
        TaskPriority::UserBlocking => 4,
        TaskPriority::UserVisible => 2,
        TaskPriority::Background => 0,
    };
    base + u8::from(continuation)
}

/// The rank of the loop's other tasks (timers, messages, host completions): `user-visible`.
fn rank_of_other_tasks() -> u8 {
    rank(TaskPriority::UserVisible, false)
}

/// What a scheduler task runs: `run` is called with no arguments; `state` is the scheduling
/// state a `scheduler.yield()` in it (or in its microtasks) inherits.
pub(crate) struct SchedulerRun {
    pub(crate) run: JsFunction,
    pub(crate) state: JsValue,
}

/// A task for the scheduler to post.
pub(crate) struct PostTask {
    /// Its queue.
    pub(crate) queue: QueueId,
    /// Its delay in ms (0 for none).
    pub(crate) delay: f64,
    /// Whether it continues a task after `scheduler.yield()`.
    pub(crate) continuation: bool,
    /// What it runs.
    pub(crate) run: SchedulerRun,
    /// The snippet's frame that posted it.
    pub(crate) by: Option<Location>,
}

impl LoopState {
    /// Whether the scheduler's next task goes ahead of the task queue's first.
    pub(super) fn scheduler_goes_first(&self) -> Option<usize> {
        self.scheduler
            .best_lane(self.tasks.front().map(|task| task.id))
    }
}

impl EventLoop {
    /// Posts a scheduler task; returns its id, for [`Self::abort_scheduler_task`].
    pub(crate) fn post_scheduler_task(&self, post: PostTask) -> u32 {
        let PostTask {
            queue,
            delay,
            continuation,
            run,
            by,
        } = post;
        let (id, priority) = {
            let mut state = self.state.borrow_mut();
            let id = state.scheduler.allocate_id();
            (id, state.scheduler.priority(queue))
        };
        let delay = (delay > 0.0).then_some(delay);
        self.record(EventKind::SchedulerTaskPosted {
            id,
            priority,
            delay,
            continuation,
            by,
        });
        match delay {
            Some(delay) => {
                let queue_it = move |event_loop: &EventLoop| {
                    event_loop.queue_scheduler_task(id, queue, continuation, run);
                };
                let timer = self.loop_timer(delay, Box::new(queue_it));
                self.state
                    .borrow_mut()
                    .scheduler
                    .posted
                    .insert(id, Posted::Delayed(timer));
            }
            None => self.queue_scheduler_task(id, queue, continuation, run),
        }
        id
    }

    fn queue_scheduler_task(&self, id: u32, queue: QueueId, continuation: bool, run: SchedulerRun) {
        let priority = self.state.borrow().scheduler.priority(queue);
        let task = self.new_task(
            TaskSource::Scheduler {
                id,
                priority,
                continuation,
            },
            TaskRun::Scheduler(run),
        );
        self.state
            .borrow_mut()
            .scheduler
            .enqueue(id, queue, continuation, task);
    }

    /// A scheduler task's signal aborted: it leaves its queue (or its delay) without running.
    pub(crate) fn abort_scheduler_task(&self, id: u32) {
        let removed = self.state.borrow_mut().scheduler.remove(id);
        if let Some(timer) = removed {
            if let Some(timer) = timer {
                self.state.borrow_mut().timers.cancel(timer);
            }
            self.record(EventKind::SchedulerTaskAborted { id });
        }
    }

    /// A new scheduler queue (a `TaskSignal`'s) with `priority`.
    pub(crate) fn new_scheduler_queue(&self, priority: TaskPriority) -> QueueId {
        self.state.borrow_mut().scheduler.new_queue(priority)
    }

    /// A `TaskSignal`'s priority changed: its queue's tasks now rank by `priority`.
    pub(crate) fn set_scheduler_queue_priority(&self, queue: QueueId, priority: TaskPriority) {
        self.state
            .borrow_mut()
            .scheduler
            .set_priority(queue, priority);
    }

    /// The scheduling state of the scheduler task running now (or of the task whose microtasks
    /// run now), `undefined` outside one.
    pub(crate) fn scheduling_state(&self) -> JsValue {
        self.state.borrow().scheduling.clone()
    }

    /// The scheduler's next task, when it goes ahead of the task queue's first.
    pub(super) fn take_scheduled(&self) -> Option<Task> {
        let mut state = self.state.borrow_mut();
        let at = state.scheduler_goes_first()?;
        state.scheduler.take(at)
    }

    /// The scheduler's next task, whatever its priority (the task queue is empty).
    pub(super) fn take_any_scheduled(&self) -> Option<Task> {
        let mut state = self.state.borrow_mut();
        let at = state.scheduler.best_lane(None)?;
        state.scheduler.take(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations_rank_just_above_their_priority() {
        let order = [
            rank(TaskPriority::UserBlocking, true),
            rank(TaskPriority::UserBlocking, false),
            rank(TaskPriority::UserVisible, true),
            rank(TaskPriority::UserVisible, false),
            rank(TaskPriority::Background, true),
            rank(TaskPriority::Background, false),
        ];
        assert!(order.windows(2).all(|pair| pair[0] > pair[1]), "{order:?}");
        assert_eq!(
            rank_of_other_tasks(),
            rank(TaskPriority::UserVisible, false)
        );
    }

    #[test]
    fn a_signal_queue_changes_priority_and_fixed_ones_do_not() {
        let mut scheduler = Scheduler::default();
        let queue = scheduler.new_queue(TaskPriority::Background);
        assert_eq!(scheduler.priority(queue), TaskPriority::Background);
        scheduler.set_priority(queue, TaskPriority::UserBlocking);
        assert_eq!(scheduler.priority(queue), TaskPriority::UserBlocking);
        let fixed = Scheduler::fixed(TaskPriority::Background);
        scheduler.set_priority(fixed, TaskPriority::UserBlocking);
        assert_eq!(scheduler.priority(fixed), TaskPriority::Background);
    }
}
