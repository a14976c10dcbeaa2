//! Which task the loop takes next across its task sources, and when it must wake up for one:
//! the frame being run, the task queue, the rendering step and idle periods.

use boa_engine::object::builtins::JsFunction;

use super::frames::{FRAME_INTERVAL_MS, FrameSource, next_grid_time};
use super::idle::{self, IdleRequest};
use super::tasks::{Task, TaskRun};
use super::timers::{NewTimer, TimerCallback};
use super::{EventLoop, LoopState};
use crate::trace::{EventKind, Location, TaskSource};

impl LoopState {
    /// Whether something other than the task queue has a task ready at `now`: a frame being
    /// run, a frame due, or an idle callback that may run.
    pub(super) fn ready_besides_tasks(&self, now: f64) -> bool {
        !self.rendering.is_empty()
            || self.scheduler.has_ready()
            || self.animation.due().is_some_and(|due| due <= now)
            || self.idle.has_runnable(now)
            || (self.idle.is_waiting()
                && self.idle.deadline().is_none_or(|deadline| now >= deadline)
                && self.idle_period_deadline(now).is_some())
    }

    /// The earliest loop time at which something may become ready: a timer, a grid frame, or
    /// the end of the idle period in progress when callbacks wait for the next one.
    pub(super) fn next_wake(&self, _now: f64) -> Option<f64> {
        let idle_end = self.idle.deadline().filter(|_| self.idle.is_waiting());
        [self.timers.next_due(), self.animation.due(), idle_end]
            .into_iter()
            .flatten()
            .min_by(f64::total_cmp)
    }

    /// The deadline of an idle period that may start at `now`, if one may: while frames are
    /// drawn only right after one, until the next; otherwise up to 50 ms, until the next timer.
    fn idle_period_deadline(&self, now: f64) -> Option<f64> {
        let next_frame = if self.animation.is_waiting() {
            let last = self.animation.last()?;
            let next = match self.animation.source() {
                FrameSource::Clock => self.animation.due()?,
                FrameSource::Host => last + FRAME_INTERVAL_MS,
            };
            // Only in the gap between the last frame and the one after it.
            let right_after = match self.animation.source() {
                FrameSource::Clock => next <= next_grid_time(last) + 1e-9,
                FrameSource::Host => true,
            };
            if !right_after || now >= next {
                return None;
            }
            Some(next)
        } else {
            None
        };
        idle::period_deadline(now, self.timers.next_due(), next_frame)
    }
}

impl EventLoop {
    /// Takes the next ready task at `now`, in the order Chromium runs its sources: the frame
    /// being run, a frame that is due, the task queue and the scheduler's queues by priority,
    /// then idle callbacks.
    pub(super) fn take_ready(&self, now: f64) -> Option<Task> {
        let due_frame = {
            let mut state = self.state.borrow_mut();
            if let Some(task) = state.rendering.pop_front() {
                return Some(task);
            }
            state.animation.due().filter(|due| *due <= now)
        };
        if let Some(due) = due_frame {
            self.begin_frame(due);
            if let Some(task) = self.state.borrow_mut().rendering.pop_front() {
                return Some(task);
            }
        }
        if let Some(task) = self.take_scheduled() {
            return Some(task);
        }
        if let Some(task) = self.state.borrow_mut().tasks.pop_front() {
            return Some(task);
        }
        if let Some(task) = self.take_any_scheduled() {
            return Some(task);
        }
        self.take_idle(now)
    }

    /// Begins the rendering step of a frame with `timestamp`: queues every waiting callback.
    pub(super) fn begin_frame(&self, timestamp: f64) {
        let Some((frame, callbacks)) = self.state.borrow_mut().animation.begin(timestamp) else {
            return;
        };
        self.record(EventKind::RenderingStep { frame, timestamp });
        for callback in callbacks {
            let task = self.new_task(
                TaskSource::AnimationFrame {
                    id: callback.id,
                    frame,
                },
                TaskRun::AnimationFrame(callback),
            );
            self.state.borrow_mut().rendering.push_back(task);
        }
    }

    /// The next idle callback, starting an idle period first if one may start at `now`.
    fn take_idle(&self, now: f64) -> Option<Task> {
        let started = {
            let mut state = self.state.borrow_mut();
            state.idle.expire(now);
            if !state.idle.is_waiting() {
                return None;
            }
            match state.idle.deadline() {
                Some(_) => None,
                None => {
                    let deadline = state.idle_period_deadline(now)?;
                    state.idle.start_period(deadline);
                    Some(deadline)
                }
            }
        };
        if let Some(deadline) = started {
            self.record(EventKind::IdlePeriod { deadline });
        }
        let (request, deadline) = self.state.borrow_mut().idle.next_runnable(now)?;
        if let Some(timer) = request.timeout_timer {
            self.state.borrow_mut().timers.cancel(timer);
        }
        Some(self.new_task(
            TaskSource::IdleCallback {
                id: request.id,
                timed_out: false,
            },
            TaskRun::Idle {
                callback: request.callback,
                deadline,
                timed_out: false,
            },
        ))
    }

    /// `requestAnimationFrame`: registers `callback` for the next frame and returns its id.
    pub(crate) fn request_animation_frame(
        &self,
        callback: JsFunction,
        by: Option<Location>,
    ) -> u32 {
        let now = self.clock.now();
        let id = self.state.borrow_mut().animation.request(callback, now);
        self.record(EventKind::AnimationFrameRequested { id, by });
        id
    }

    /// `cancelAnimationFrame`: unknown ids and callbacks that ran are ignored.
    pub(crate) fn cancel_animation_frame(&self, id: u32) {
        if self.state.borrow_mut().animation.cancel(id) {
            self.record(EventKind::AnimationFrameCancelled { id });
        }
    }

    /// `requestIdleCallback`: queues `callback` for an idle period, or as a task once
    /// `timeout` ms (when positive) have passed without one; returns its id.
    pub(crate) fn request_idle_callback(
        &self,
        callback: JsFunction,
        timeout: Option<f64>,
        by: Option<Location>,
    ) -> u32 {
        let timeout = timeout.filter(|timeout| *timeout > 0.0);
        let id = self.state.borrow_mut().idle.allocate_id();
        let timeout_timer = timeout.map(|timeout| {
            self.loop_timer(
                timeout,
                Box::new(move |event_loop: &EventLoop| event_loop.idle_timed_out(id)),
            )
        });
        self.state.borrow_mut().idle.push(IdleRequest {
            id,
            callback,
            timeout_timer,
        });
        self.record(EventKind::IdleCallbackRequested { id, timeout, by });
        id
    }

    /// `cancelIdleCallback`: unknown ids and callbacks that ran are ignored.
    pub(crate) fn cancel_idle_callback(&self, id: u32) {
        let removed = self.state.borrow_mut().idle.remove(id);
        if let Some(request) = removed {
            if let Some(timer) = request.timeout_timer {
                self.state.borrow_mut().timers.cancel(timer);
            }
            self.record(EventKind::IdleCallbackCancelled { id });
        }
    }

    /// An idle callback's timeout passed before an idle period ran it: it runs as a task.
    fn idle_timed_out(&self, id: u32) {
        let removed = self.state.borrow_mut().idle.remove(id);
        if let Some(request) = removed {
            let now = self.clock.now();
            self.push_task(
                TaskSource::IdleCallback {
                    id,
                    timed_out: true,
                },
                TaskRun::Idle {
                    callback: request.callback,
                    deadline: now,
                    timed_out: true,
                },
            );
        }
    }

    /// Schedules loop work `delay` ms from now on the timer heap (an idle callback's timeout,
    /// a delayed scheduler task): when due it runs `on_due`, which queues what it needs. The
    /// id, from the host range, is for [`super::timers::TimerHeap::cancel`].
    pub(crate) fn loop_timer(&self, delay: f64, on_due: super::timers::LoopTimer) -> u32 {
        let mut state = self.state.borrow_mut();
        let id = state.timers.allocate_host_id();
        let due = self.clock.now() + delay;
        state.timers.insert(
            id,
            NewTimer {
                callback: TimerCallback::Loop(on_due),
                args: Vec::new(),
                repeat: None,
                nesting: 0,
                due,
                by: None,
            },
        );
        id
    }
}
