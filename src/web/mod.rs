//! The browser side of tickscope: everything here may touch the browser (js-sys, web-sys), and
//! nothing in the core may depend on it.
//!
//! - [`host`]: the browser's [`crate::host::Host`] (clocks from `performance.now()` and `Date.now()`).
//! - [`worker`]: the Web Worker that owns a [`crate::Runtime`] and pumps its event loop once per
//!   animation frame, posting what happened to the page.
//!
//! # The page ↔ worker protocol
//! Messages in both directions are JSON strings (one `JSON.parse` on each side, no per-field glue).
//!
//! Page to worker, see [`worker::Request`]:
//! - `{"type":"run","source":"…","clock":"virtual"|"real","budget_ms":6}`: start a fresh runtime on the
//!   snippet (`clock` and `budget_ms` are optional). A run already going is dropped.
//!
//! Worker to page, see [`worker::Reply`]:
//! - `{"type":"ready","ticker":"animation_frame"|"timeout"}` once the module is instantiated;
//! - `{"type":"frame","frame":N,"outcome":"busy"|"waiting"|"idle","next_due_ms":…,"events":[…]}` once per
//!   animation frame while the loop has work, carrying the trace events drained in that frame
//!   (console lines are the events with `"type":"console"`);
//! - `{"type":"load_error","message":"…"}` when the snippet does not parse;
//! - `{"type":"done","frames":N}` when the loop went idle.
//!
//! To stop a runaway snippet the page terminates the worker and starts a new one.

pub mod host;
pub mod page;
pub mod worker;
