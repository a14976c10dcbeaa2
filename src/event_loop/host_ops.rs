//! Host operations: work done outside the engine (a sleep, an HTTP request, a file read) that
//! settles its promise or callback in a named completion task on the loop.
//!
//! Every operation shows in the trace as started and settled. Three ways to finish one:
//! [`EventLoop::await_reply`] for background work that answers through a [`Reply`] (possibly
//! from another thread), [`EventLoop::complete_now`] for work whose outcome is known at once
//! (files), and [`EventLoop::host_timer`] for work scheduled on the loop's own clock (sleeps,
//! stream ticks), which is why the virtual clock keeps their place in the order.

use std::any::Any;
use std::rc::Rc;

use boa_engine::{Context, JsResult, job::NativeJob};

use super::timers::{NewTimer, TimerCallback};
use super::{EventLoop, TaskRun};
use crate::host::{HostError, Reply};
use crate::trace::{EventKind, Location, TaskSource};

/// Turns a posted payload into the operation's success flag and its completion job.
pub(super) type Answer = Box<dyn FnOnce(Box<dyn Any + Send>) -> (bool, NativeJob)>;

/// An operation waiting for its [`Reply`].
pub(super) struct AwaitingReply {
    pub(super) completion: String,
    pub(super) answer: Answer,
}

/// JavaScript work a host timer runs each time it fires.
pub(crate) type TimerWork = Rc<dyn Fn(&mut Context) -> JsResult<()>>;

impl EventLoop {
    /// Starts a host operation: records it and counts it as pending until it settles.
    pub(crate) fn begin_host_op(&self, name: &str, args: String, by: Option<Location>) -> u64 {
        let op = {
            let mut state = self.state.borrow_mut();
            let op = state.next_op;
            state.next_op += 1;
            state.pending_ops += 1;
            op
        };
        self.record(EventKind::HostOpStarted {
            op,
            name: name.to_owned(),
            args,
            by,
        });
        op
    }

    /// Marks a host operation settled; `completion` names the task that reports it.
    pub(crate) fn end_host_op(&self, op: u64, completion: &str, ok: bool) {
        {
            let mut state = self.state.borrow_mut();
            state.pending_ops = state.pending_ops.saturating_sub(1);
        }
        self.record(EventKind::HostOpSettled {
            op,
            name: completion.to_owned(),
            ok,
        });
    }

    /// A [`Reply`] for background work; once it is sent, a task named `completion` runs
    /// `settle` with the outcome.
    pub(crate) fn await_reply<T: Send + 'static>(
        &self,
        op: u64,
        completion: &str,
        settle: impl FnOnce(Result<T, HostError>, &mut Context) -> JsResult<()> + 'static,
    ) -> Reply<T> {
        let answer: Answer = Box::new(move |payload| {
            let outcome = match payload.downcast::<Result<T, HostError>>() {
                Ok(outcome) => *outcome,
                Err(_) => Err(HostError::new(
                    crate::host::ErrorCode::Other,
                    "a host operation answered with the wrong type",
                )),
            };
            let ok = outcome.is_ok();
            (
                ok,
                NativeJob::new(move |context| {
                    settle(outcome, context).map(|()| Default::default())
                }),
            )
        });
        self.state.borrow_mut().awaiting.insert(
            op,
            AwaitingReply {
                completion: completion.to_owned(),
                answer,
            },
        );
        Reply::new(self.mailbox.clone(), op)
    }

    /// Settles a host operation whose outcome is already known: its completion task is queued
    /// now and runs after the current task, like any other completion.
    pub(crate) fn complete_now(
        &self,
        op: u64,
        completion: &str,
        ok: bool,
        job: impl FnOnce(&mut Context) -> JsResult<()> + 'static,
    ) {
        self.end_host_op(op, completion, ok);
        // Timers already due were posted earlier, so their tasks go first.
        self.queue_due_timers(self.clock.now());
        self.push_task(
            TaskSource::HostOp {
                name: completion.to_owned(),
                op,
            },
            TaskRun::Native(NativeJob::new(move |context| {
                job(context).map(|()| Default::default())
            })),
        );
    }

    /// Schedules `work` on the loop's clock as part of operation `op`, once or every `delay`
    /// milliseconds; each firing is a task named `completion`. A one-shot timer that `settles`
    /// marks the operation settled when it fires. Returns an id for [`Self::cancel_host_timer`].
    pub(crate) fn host_timer(
        &self,
        op: u64,
        completion: &str,
        delay: f64,
        repeat: bool,
        settles: bool,
        work: TimerWork,
    ) -> u32 {
        let mut state = self.state.borrow_mut();
        let id = state.timers.allocate_host_id();
        let due = self.clock.now() + delay;
        state.timers.insert(
            id,
            NewTimer {
                callback: TimerCallback::Host {
                    op,
                    completion: completion.to_owned(),
                    settles,
                    work,
                },
                args: Vec::new(),
                repeat: repeat.then_some(delay),
                nesting: 0,
                due,
                by: None,
            },
        );
        id
    }

    /// Cancels a host timer, whether pending or already queued to fire.
    pub(crate) fn cancel_host_timer(&self, id: u32) {
        let mut state = self.state.borrow_mut();
        if !state.timers.cancel(id) {
            state.fired_timers.remove(&id);
        }
    }

    /// Aborts a host operation waiting for its [`Reply`] (an `AbortSignal` fired): its outcome,
    /// if it ever comes, is dropped. Returns whether it was still pending.
    pub(crate) fn abort_host_op(&self, op: u64, name: &str) -> bool {
        let pending = self.state.borrow_mut().awaiting.remove(&op).is_some();
        if pending {
            self.note_aborted(op, name);
        }
        pending
    }

    /// Aborts a host operation scheduled on the loop's clock by [`Self::host_timer`] (timer
    /// `id`): the timer is cancelled. Returns whether it was still pending.
    pub(crate) fn abort_host_timer(&self, op: u64, id: u32, name: &str) -> bool {
        let pending = self.state.borrow_mut().timers.cancel(id);
        if pending {
            self.note_aborted(op, name);
        }
        pending
    }

    /// Records an operation started with [`Self::begin_host_op`] as aborted and no longer pending.
    pub(crate) fn note_aborted(&self, op: u64, name: &str) {
        {
            let mut state = self.state.borrow_mut();
            state.pending_ops = state.pending_ops.saturating_sub(1);
        }
        self.record(EventKind::HostOpAborted {
            op,
            name: name.to_owned(),
        });
    }

    /// Queues the completion tasks of everything background work has posted.
    pub(super) fn collect_replies(&self) {
        for posted in self.mailbox.take() {
            let awaiting = self.state.borrow_mut().awaiting.remove(&posted.op);
            let Some(AwaitingReply { completion, answer }) = awaiting else {
                continue;
            };
            let (ok, job) = answer(posted.payload);
            self.end_host_op(posted.op, &completion, ok);
            self.queue_due_timers(self.clock.now());
            self.push_task(
                TaskSource::HostOp {
                    name: completion,
                    op: posted.op,
                },
                TaskRun::Native(job),
            );
        }
    }
}
