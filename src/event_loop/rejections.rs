//! HTML's bookkeeping of rejected promises: which to report, and when.
//!
//! After a microtask checkpoint the promises rejected without a handler are handed to a task
//! queued behind what is already queued (Chrome's order); a handler attached before that task
//! runs still saves them from being reported.

use boa_engine::JsObject;

/// Promises rejected with no handler, on their way to being reported.
#[derive(Default)]
pub(crate) struct RejectionTracker {
    /// HTML's "about-to-be-notified rejected promises list".
    about_to_be_notified: Vec<JsObject>,
    /// Promises handed to a queued notification task and still without a handler.
    awaiting_report: Vec<JsObject>,
    /// HTML's "outstanding rejected promises weak set": reported, and still without a handler; a
    /// handler attached later queues a `rejectionhandled` event.
    outstanding: Vec<JsObject>,
    /// The promise whose `unhandledrejection` event is being dispatched, and whether a listener
    /// attached a handler to it meanwhile.
    dispatching: Option<(JsObject, bool)>,
}

impl RejectionTracker {
    /// A promise was rejected while it had no handler.
    pub(crate) fn rejected(&mut self, promise: JsObject) {
        self.about_to_be_notified.push(promise);
    }

    /// A handler was attached to a rejected promise: it is no longer to be reported. Returns
    /// whether it had been reported already (so a `rejectionhandled` event is due).
    pub(crate) fn handled(&mut self, promise: &JsObject) -> bool {
        if let Some((dispatched, handled)) = &mut self.dispatching
            && JsObject::equals(dispatched, promise)
        {
            *handled = true;
            return false;
        }
        self.about_to_be_notified
            .retain(|candidate| !JsObject::equals(candidate, promise));
        self.awaiting_report
            .retain(|candidate| !JsObject::equals(candidate, promise));
        let before = self.outstanding.len();
        self.outstanding
            .retain(|candidate| !JsObject::equals(candidate, promise));
        self.outstanding.len() != before
    }

    /// The `unhandledrejection` event of `promise` is about to be dispatched.
    pub(crate) fn begin_dispatch(&mut self, promise: &JsObject) {
        self.dispatching = Some((promise.clone(), false));
    }

    /// The event was dispatched: unless a listener attached a handler, the promise joins the
    /// outstanding rejected promises.
    pub(crate) fn end_dispatch(&mut self) {
        if let Some((promise, false)) = self.dispatching.take() {
            self.outstanding.push(promise);
        }
    }

    /// At the end of a checkpoint: the batch for a notification task, if there is one.
    pub(crate) fn take_batch(&mut self) -> Option<Vec<JsObject>> {
        if self.about_to_be_notified.is_empty() {
            return None;
        }
        let batch = std::mem::take(&mut self.about_to_be_notified);
        self.awaiting_report.extend(batch.iter().cloned());
        Some(batch)
    }

    /// When the notification task runs: the promises of its batch still unhandled, in order.
    pub(crate) fn still_unhandled(&mut self, batch: Vec<JsObject>) -> Vec<JsObject> {
        batch
            .into_iter()
            .filter(|promise| {
                let position = self
                    .awaiting_report
                    .iter()
                    .position(|candidate| JsObject::equals(candidate, promise));
                position
                    .map(|index| self.awaiting_report.remove(index))
                    .is_some()
            })
            .collect()
    }
}
