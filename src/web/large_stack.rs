//! Runs the worker's work on a stack of its own, twice the size of a worker thread's.
//!
//! Chromium gives a worker thread's JavaScript (and the wasm it calls) a 500 KB stack, half the
//! page's. The engine keeps plain JavaScript calls on the heap, but every level of recursion
//! through a native callback (`[0].map(f)` inside `f`, a getter, a sort comparator) nests wasm
//! calls on that stack. JavaScript Promise Integration (`WebAssembly.promising`) runs an export
//! on a separate stack of the browser's default size (about 1 MB), so calling the work through
//! it about doubles how deep such recursion can go (the figures are in [`super`]'s "Crashes,
//! stack and recursion"). Where the browser has no JSPI the work runs where it is.
//!
//! When the stack runs out inside the work anyway, the browser rejects the call's promise
//! instead of throwing through the caller. The module's state is then broken, as it is after a
//! trap: [`run`] runs nothing more, and the rejection reaches the worker's plain-JavaScript crash
//! report ([`super::worker::error_listener`]).

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

/// The name of the export that [`run`] calls through `WebAssembly.promising`.
const ENTRY: &str = "tickscope_large_stack_entry";

/// Builds the caller: a function of no arguments that calls the export through
/// `WebAssembly.promising` and hands a rejection to `report` as an `error` event would, or
/// `null` where the browser has no JSPI.
const CALLER_JS: &str = r#"
if (typeof WebAssembly.promising !== "function" || typeof entry !== "function") { return null; }
var promising = WebAssembly.promising(entry);
return function () {
  promising().then(undefined, function (reason) {
    report({ message: "Uncaught " + String(reason), error: reason });
  });
};
"#;

thread_local! {
    /// The work [`run`] hands to the export.
    static WORK: RefCell<Option<Box<dyn FnOnce()>>> = RefCell::new(None);
    /// Whether the export ran its work to the end.
    static FINISHED: Cell<bool> = const { Cell::new(false) };
    /// Whether work is running on the large stack now (work it starts runs where it is).
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    /// Whether a run of the work never returned: the module's state can no longer be trusted.
    static BROKEN: Cell<bool> = const { Cell::new(false) };
    /// The caller built by [`install`], if the browser has JSPI.
    static CALLER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Prepares [`run`]: a rejection of the large stack's call is handed to `report`, the worker's
/// crash listener. Without it (or without JSPI in the browser) [`run`] runs work where it is.
pub fn install(report: &js_sys::Function) -> Result<(), JsValue> {
    let entry = js_sys::Reflect::get(&wasm_bindgen::exports(), &JsValue::from_str(ENTRY))?;
    let factory = js_sys::Function::new_with_args("entry, report", CALLER_JS);
    let caller = factory.call2(&JsValue::UNDEFINED, &entry, report)?;
    CALLER.with_borrow_mut(|slot| *slot = caller.dyn_into::<js_sys::Function>().ok());
    Ok(())
}

/// Runs `work` on the large stack, or where it is when there is none or when already on it.
/// After a run whose stack overflowed, runs nothing: the crash report is on its way.
pub fn run(work: impl FnOnce() + 'static) {
    if BROKEN.get() {
        return;
    }
    let caller = CALLER.with_borrow(Clone::clone);
    let Some(caller) = caller.filter(|_| !ACTIVE.get()) else {
        work();
        return;
    };
    WORK.with_borrow_mut(|slot| *slot = Some(Box::new(work)));
    FINISHED.set(false);
    let called = caller.call0(&JsValue::UNDEFINED).is_ok();
    if let Some(work) = WORK.with_borrow_mut(Option::take) {
        // The browser did not get as far as the export: run the work here.
        work();
    } else if !called || !FINISHED.get() {
        BROKEN.set(true);
    }
}

/// The export [`run`] calls on the large stack: runs the work handed to it.
#[wasm_bindgen(js_name = tickscope_large_stack_entry)]
pub fn large_stack_entry() {
    let Some(work) = WORK.with_borrow_mut(Option::take) else {
        return;
    };
    ACTIVE.set(true);
    work();
    ACTIVE.set(false);
    FINISHED.set(true);
}
