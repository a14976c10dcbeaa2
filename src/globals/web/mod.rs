//! The web platform's event-loop APIs for snippets: `EventTarget`, `Event` and its subclasses, the
//! global object as an `EventTarget` with its `error` and rejection events, `AbortController` and
//! `AbortSignal`, `DOMException`, `MessageChannel`, `structuredClone` and the task scheduler
//! (`scheduler`, `TaskController`, `TaskSignal`).
//!
//! They are written in JavaScript (`js/*.js`, WebIDL interfaces as classes, the way Deno writes its
//! `ext/web`), over a few Rust functions ([`ops`]) handed to the prelude as an argument, never as a
//! global. The prelude is evaluated on first use: at start the global only gets accessor properties
//! ([`install_lazy`]) whose getter or setter evaluates it and then reads or writes the real property,
//! so a snippet that uses none of these APIs pays only for defining those accessors.

mod ops;

use boa_engine::{
    Context, JsData, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    Source, js_string,
    object::{FunctionObjectBuilder, builtins::JsFunction},
    property::{Attribute, PropertyDescriptor, PropertyKey},
    script::Script,
};
use boa_gc::{Finalize, Trace};

/// The prelude: every file of `js/` inside one function of `(ops, global, scope)`, which installs the
/// APIs and returns the hooks the loop calls.
const PRELUDE: &str = concat!(
    "(function (ops, global, scope) {\n'use strict';\n",
    include_str!("js/common.js"),
    include_str!("js/dom_exception.js"),
    include_str!("js/events.js"),
    include_str!("js/abort.js"),
    include_str!("js/error_events.js"),
    include_str!("js/messages.js"),
    include_str!("js/scheduler.js"),
    include_str!("js/clone.js"),
    include_str!("js/scope.js"),
    "\n})"
);

/// The name the prelude's code has in stack traces; frames there are not the snippet's.
pub(crate) const PRELUDE_PATH: &str = "tickscope:web";

/// Interface objects: own data properties of the global once installed (writable, configurable,
/// not enumerable), unless the snippet declared a global of that name first.
const INTERFACES: [&str; 17] = [
    "AbortController",
    "AbortSignal",
    "CustomEvent",
    "DOMException",
    "DedicatedWorkerGlobalScope",
    "ErrorEvent",
    "Event",
    "EventTarget",
    "MessageChannel",
    "MessageEvent",
    "MessagePort",
    "PromiseRejectionEvent",
    "Scheduler",
    "TaskController",
    "TaskPriorityChangeEvent",
    "TaskSignal",
    "WorkerGlobalScope",
];

/// What the global reaches through its prototype chain once installed (`EventTarget.prototype`'s
/// methods, `WorkerGlobalScope.prototype`'s handlers and operations): enumerable, as WebIDL has them.
const SCOPE_MEMBERS: [&str; 9] = [
    "addEventListener",
    "removeEventListener",
    "dispatchEvent",
    "onerror",
    "onrejectionhandled",
    "onunhandledrejection",
    "reportError",
    "scheduler",
    "structuredClone",
];

/// The prelude's state in the realm: the global's prototype before installation, then the hooks.
#[derive(Trace, Finalize, JsData)]
struct WebState {
    /// The global's prototype (`DedicatedWorkerGlobalScope.prototype`).
    scope: JsObject,
    /// What the prelude returned, once it has run.
    hooks: Option<JsObject>,
    /// Whether the prelude is being (or has been) evaluated.
    #[unsafe_ignore_trace]
    started: bool,
}

/// Gives the global a prototype of its own and the lazy accessors that install the prelude.
///
/// The accessors live on an object two steps up the global's prototype chain (global →
/// `DedicatedWorkerGlobalScope.prototype` → the accessors → `Object.prototype`), never on the
/// global or its prototype: Boa 0.22 caches a global name found on either of those by the
/// global's shape and the property's slot, and caches it *after* running a getter, so a getter
/// that reshapes the global (the install defines the interfaces there) left a cache entry
/// pointing at a slot that no longer held the accessor (a panic or a wrong value the second
/// time a function read `structuredClone` or `EventTarget`). A property found further up is
/// never cached. The install takes the accessors' object out of the chain.
pub(crate) fn install_lazy(context: &mut Context) -> JsResult<()> {
    let global = context.global_object();
    let lazy = JsObject::with_object_proto(context.intrinsics());
    for name in INTERFACES {
        define_lazy(&lazy, name, false, context)?;
    }
    for name in SCOPE_MEMBERS {
        define_lazy(&lazy, name, true, context)?;
    }
    let scope = JsObject::with_null_proto();
    scope.set_prototype(Some(lazy));
    scope.define_property_or_throw(
        boa_engine::JsSymbol::to_string_tag(),
        PropertyDescriptor::builder()
            .value(js_string!("DedicatedWorkerGlobalScope"))
            .writable(false)
            .enumerable(false)
            .configurable(true),
        context,
    )?;
    global.set_prototype(Some(scope.clone()));
    context.realm().host_defined_mut().insert(WebState {
        scope,
        hooks: None,
        started: false,
    });
    Ok(())
}

/// An accessor for `name` on `holder` that installs the prelude, then reads or writes the property
/// the prelude put in its place.
fn define_lazy(
    holder: &JsObject,
    name: &'static str,
    enumerable: bool,
    context: &mut Context,
) -> JsResult<()> {
    let realm = context.realm().clone();
    let getter = FunctionObjectBuilder::new(
        &realm,
        NativeFunction::from_copy_closure(move |this, _, context| {
            let target = receiver(this, context);
            ensure(context)?;
            target.get(js_string!(name), context)
        }),
    )
    .name(js_string!(name))
    .length(0)
    .build();
    let setter = FunctionObjectBuilder::new(
        &realm,
        NativeFunction::from_copy_closure(move |this, args, context| {
            let target = receiver(this, context);
            ensure(context)?;
            let value = args.first().cloned().unwrap_or_default();
            target.set(js_string!(name), value, true, context)?;
            Ok(JsValue::undefined())
        }),
    )
    .name(js_string!(name))
    .length(1)
    .build();
    let mut attributes = Attribute::CONFIGURABLE;
    if enumerable {
        attributes |= Attribute::ENUMERABLE;
    }
    holder.define_property_or_throw(
        PropertyKey::from(js_string!(name)),
        PropertyDescriptor::builder()
            .get(getter)
            .set(setter)
            .enumerable(enumerable)
            .configurable(true),
        context,
    )?;
    let _ = attributes;
    Ok(())
}

/// The object a lazy accessor was reached through (the global for `undefined` or `null`).
fn receiver(this: &JsValue, context: &Context) -> JsObject {
    this.as_object().unwrap_or_else(|| context.global_object())
}

/// The prelude's hooks, evaluating it first if no snippet code has needed it yet.
fn ensure(context: &mut Context) -> JsResult<JsObject> {
    let (scope, started) = {
        let host = context.realm().host_defined();
        let state = host.get::<WebState>().ok_or_else(missing_state)?;
        if let Some(hooks) = &state.hooks {
            return Ok(hooks.clone());
        }
        (state.scope.clone(), state.started)
    };
    if started {
        return Err(JsNativeError::error()
            .with_message("tickscope's web prelude failed to install")
            .into());
    }
    if let Some(state) = context.realm().host_defined_mut().get_mut::<WebState>() {
        state.started = true;
    }
    // Installing is the host's work, not the snippet's: a browser has these APIs natively.
    let event_loop = crate::globals::timers::event_loop(context).ok();
    let hooks = evaluate_prelude(scope, context);
    if let Some(event_loop) = event_loop {
        event_loop.forgive_work(context);
    }
    let hooks = hooks?;
    if let Some(state) = context.realm().host_defined_mut().get_mut::<WebState>() {
        state.hooks = Some(hooks.clone());
    }
    Ok(hooks)
}

fn missing_state() -> JsError {
    JsNativeError::error()
        .with_message("this context has no tickscope web globals")
        .into()
}

/// Runs the prelude with its ops, the global and the global's prototype.
fn evaluate_prelude(scope: JsObject, context: &mut Context) -> JsResult<JsObject> {
    let source = Source::from_bytes(PRELUDE).with_path(std::path::Path::new(PRELUDE_PATH));
    let script = Script::parse(source, None, context)?;
    let function = script.evaluate(context)?;
    let function = function
        .as_callable()
        .and_then(JsFunction::from_object)
        .ok_or_else(|| JsNativeError::error().with_message("the web prelude is not a function"))?;
    let ops = ops::build(context);
    let global = context.global_object();
    let hooks = function.call(
        &JsValue::undefined(),
        &[ops.into(), global.into(), scope.into()],
        context,
    )?;
    hooks.as_object().ok_or_else(|| {
        JsNativeError::error()
            .with_message("the web prelude returned no hooks")
            .into()
    })
}

/// The hooks, if a snippet has used the web APIs (if not, no listener can exist).
fn installed(context: &Context) -> Option<JsObject> {
    context
        .realm()
        .host_defined()
        .get::<WebState>()
        .and_then(|state| state.hooks.clone())
}

/// Calls the hook `name` with `args`.
fn call_hook(
    hooks: &JsObject,
    name: &str,
    args: &[JsValue],
    context: &mut Context,
) -> JsResult<JsValue> {
    let function = hooks.get(JsString::from(name), context)?;
    let function = function
        .as_callable()
        .ok_or_else(|| JsNativeError::error().with_message(format!("no web hook {name}")))?;
    function.call(&JsValue::undefined(), args, context)
}

/// HTML's "report an exception" for a value that escaped a task or microtask: the `error` event at
/// the global, then the console report unless a listener canceled it. Returns `false` when the
/// prelude is not installed (the caller reports the value itself) or could not dispatch.
pub(crate) fn report_exception(value: &JsValue, context: &mut Context) -> bool {
    let Some(hooks) = installed(context) else {
        return false;
    };
    call_hook(
        &hooks,
        "reportException",
        std::slice::from_ref(value),
        context,
    )
    .is_ok()
}

/// The `unhandledrejection` event for `promise`; `true` when the console report should follow
/// (no listener canceled it, or nothing could listen).
pub(crate) fn notify_rejection(
    promise: &JsObject,
    reason: &JsValue,
    context: &mut Context,
) -> bool {
    let Some(hooks) = installed(context) else {
        return true;
    };
    match call_hook(
        &hooks,
        "notifyRejection",
        &[promise.clone().into(), reason.clone()],
        context,
    ) {
        Ok(not_canceled) => not_canceled.to_boolean(),
        Err(_) => true,
    }
}

/// The `rejectionhandled` event for `promise`, reported earlier, that now has a handler.
pub(crate) fn rejection_handled(
    promise: &JsObject,
    reason: &JsValue,
    context: &mut Context,
) -> JsResult<()> {
    let Some(hooks) = installed(context) else {
        return Ok(());
    };
    call_hook(
        &hooks,
        "rejectionHandled",
        &[promise.clone().into(), reason.clone()],
        context,
    )
    .map(drop)
}

/// An `AbortSignal` given to a native API (`fetch(url, { signal })`, `sleep(ms, { signal })`).
pub(crate) struct Signal {
    signal: JsObject,
    hooks: JsObject,
}

impl Signal {
    /// The `signal` member of an options object: `None` when absent (or `undefined`), a `TypeError`
    /// naming `what` (`RequestInit`) when it is not an `AbortSignal`.
    pub(crate) fn from_options(
        options: &JsObject,
        what: &str,
        context: &mut Context,
    ) -> JsResult<Option<Self>> {
        let value = options.get(js_string!("signal"), context)?;
        if value.is_undefined() {
            return Ok(None);
        }
        let not_a_signal = || -> JsError {
            JsNativeError::typ()
                .with_message(format!(
                    "Failed to read the 'signal' property from '{what}': Failed to convert value to 'AbortSignal'."
                ))
                .into()
        };
        // Without the prelude there is no AbortSignal the value could be.
        let (Some(hooks), Some(signal)) = (installed(context), value.as_object()) else {
            return Err(not_a_signal());
        };
        if !call_hook(
            &hooks,
            "isAbortSignal",
            std::slice::from_ref(&value),
            context,
        )?
        .to_boolean()
        {
            return Err(not_a_signal());
        }
        Ok(Some(Self { signal, hooks }))
    }

    /// The abort reason, if the signal has already aborted.
    pub(crate) fn reason(&self, context: &mut Context) -> JsResult<Option<JsValue>> {
        let state = call_hook(
            &self.hooks,
            "signalState",
            &[self.signal.clone().into()],
            context,
        )?;
        let state = state
            .as_object()
            .ok_or_else(|| JsNativeError::error().with_message("bad signal state"))?;
        let aborted = state.get(0, context)?.to_boolean();
        aborted.then(|| state.get(1, context)).transpose()
    }

    /// Calls `algorithm` with the abort reason when the signal aborts (DOM's "add an abort
    /// algorithm"); build it with `NativeFunction::from_copy_closure_with_captures` so what it holds
    /// is traced.
    pub(crate) fn on_abort(
        &self,
        algorithm: NativeFunction,
        context: &mut Context,
    ) -> JsResult<()> {
        let function = FunctionObjectBuilder::new(context.realm(), algorithm)
            .length(1)
            .build();
        call_hook(
            &self.hooks,
            "onAbort",
            &[self.signal.clone().into(), function.into()],
            context,
        )
        .map(drop)
    }
}
