//! Timers the platform itself sets (HTML's "run steps after a timeout", as `AbortSignal.timeout`
//! uses it), and the rejection bookkeeping around the `unhandledrejection` and `rejectionhandled`
//! events.

use boa_engine::{
    JsObject, JsValue,
    builtins::promise::PromiseState,
    job::NativeJob,
    object::builtins::{JsFunction, JsPromise},
};

use super::timers::{NewTimer, TimerCallback};
use super::{EventLoop, TaskRun};
use crate::trace::{EventKind, Location, TaskSource};

impl EventLoop {
    /// A one-shot timer of the loop that calls `callback` after `delay` ms: recorded as set and
    /// fired like a `setTimeout`, with an id from the host range (`clearTimeout` cannot reach it and
    /// the ids of the snippet's own timers stay as in browsers), no nesting level and no clamp; a
    /// zero delay queues it at once, as Chromium posts a task with no delay. `by` is the snippet's
    /// call that asked for it (`AbortSignal.timeout`).
    pub(crate) fn set_platform_timer(
        &self,
        callback: JsFunction,
        delay: f64,
        by: Option<Location>,
    ) -> u32 {
        let (id, due) = {
            let mut state = self.state.borrow_mut();
            let id = state.timers.allocate_host_id();
            let due = self.clock.now() + delay;
            state.timers.insert(
                id,
                NewTimer {
                    callback: TimerCallback::Function(callback),
                    args: Vec::new(),
                    repeat: None,
                    nesting: 0,
                    due,
                    by: by.clone(),
                },
            );
            (id, due)
        };
        self.record(EventKind::TimerSet {
            id,
            delay,
            due,
            repeat: false,
            nesting: 0,
            by,
        });
        if delay == 0.0 {
            self.post_at_once(id);
        }
        id
    }

    /// The `unhandledrejection` event of `promise` is about to be dispatched.
    pub(crate) fn begin_rejection_dispatch(&self, promise: &JsObject) {
        self.state.borrow_mut().rejections.begin_dispatch(promise);
    }

    /// The `unhandledrejection` event was dispatched.
    pub(crate) fn end_rejection_dispatch(&self) {
        self.state.borrow_mut().rejections.end_dispatch();
    }

    /// Queues the `rejectionhandled` event of a reported promise that has just got a handler.
    pub(crate) fn queue_rejection_handled(&self, promise: JsObject) {
        self.push_task(
            TaskSource::RejectionHandled,
            TaskRun::Native(NativeJob::new(move |context| {
                let reason = match JsPromise::from_object(promise.clone()).map(|p| p.state()) {
                    Ok(PromiseState::Rejected(reason)) => reason,
                    _ => JsValue::undefined(),
                };
                crate::globals::web::rejection_handled(&promise, &reason, context)?;
                Ok(JsValue::undefined())
            })),
        );
    }
}
