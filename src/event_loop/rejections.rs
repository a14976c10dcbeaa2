//! HTML's bookkeeping of rejected promises: which ones to report after a microtask checkpoint.

use boa_engine::JsObject;

/// Promises rejected with no handler, waiting for the end of the checkpoint.
#[derive(Default)]
pub(crate) struct RejectionTracker {
    /// HTML's "about-to-be-notified rejected promises list".
    about_to_be_notified: Vec<JsObject>,
}

impl RejectionTracker {
    /// A promise was rejected while it had no handler.
    pub(crate) fn rejected(&mut self, promise: JsObject) {
        self.about_to_be_notified.push(promise);
    }

    /// A handler was attached to a rejected promise: it is no longer a candidate for reporting.
    pub(crate) fn handled(&mut self, promise: &JsObject) {
        self.about_to_be_notified
            .retain(|candidate| !JsObject::equals(candidate, promise));
    }

    /// The promises still unhandled at the end of a checkpoint, oldest first.
    pub(crate) fn take_unhandled(&mut self) -> Vec<JsObject> {
        std::mem::take(&mut self.about_to_be_notified)
    }
}
