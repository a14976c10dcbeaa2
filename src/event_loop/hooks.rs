//! The engine's host hooks: how Boa tells the loop about rejected promises and running callbacks.

use std::rc::Rc;

use boa_engine::{
    Context, JsObject, JsResult, JsValue,
    builtins::promise::{OperationType, Promise},
    context::HostHooks,
    job::JobCallback,
    js_string,
    property::PropertyKey,
};

use super::EventLoop;

/// Host hooks that feed the event loop's rejection tracking and trace.
pub(crate) struct LoopHooks {
    pub(crate) event_loop: Rc<EventLoop>,
}

impl HostHooks for LoopHooks {
    fn call_job_callback(
        &self,
        job: &JobCallback,
        this: &JsValue,
        args: &[JsValue],
        context: &mut Context,
    ) -> JsResult<JsValue> {
        if self.event_loop.tracing() {
            let callback: &JsObject = job.callback();
            if let Some(name) = own_name(callback) {
                self.event_loop.name_running_microtask(name);
            }
        }
        job.callback().call(this, args, context)
    }

    fn promise_rejection_tracker(
        &self,
        promise: &JsObject<Promise>,
        operation: OperationType,
        _context: &mut Context,
    ) {
        let promise = promise.clone().upcast();
        match operation {
            OperationType::Reject => self.event_loop.track_rejection(promise),
            OperationType::Handle => self.event_loop.track_handled(&promise),
        }
    }
}

/// A function's own `name` data property, read without running any getter.
pub(crate) fn own_name(function: &JsObject) -> Option<String> {
    let key = PropertyKey::from(js_string!("name"));
    let descriptor = function.borrow().properties().get(&key)?;
    let name = descriptor.value()?.as_string()?.to_std_string_escaped();
    (!name.is_empty()).then_some(name)
}
