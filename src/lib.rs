//! tickscope: JavaScript on the Boa engine with an event loop you can watch.
//!
//! The core in this crate knows nothing of the browser: a [`Runtime`] runs scripts and modules
//! on [`event_loop::EventLoop`], in exactly the browser's order of tasks and microtasks, and
//! records every step as a [`trace::TraceEvent`]. Everything from outside (time, files, HTTP)
//! comes through [`host::Host`]. The browser worker and page live in `web` (wasm32 only); the
//! command-line runner is the `tickscope` binary.
//!
//! ```
//! use std::rc::Rc;
//! use tickscope::{ClockKind, Runtime, RuntimeOptions, host::NullHost, trace::EventKind};
//!
//! let options = RuntimeOptions { clock: ClockKind::Virtual, ..RuntimeOptions::default() };
//! let mut runtime = Runtime::new(options, Rc::new(NullHost)).expect("runtime starts");
//! runtime
//!     .load_script("demo.js", "setTimeout(() => console.log('task'), 0); \
//!                              Promise.resolve().then(() => console.log('microtask'));")
//!     .expect("script parses");
//! runtime.run_until_idle();
//! let lines: Vec<String> = runtime
//!     .take_events()
//!     .into_iter()
//!     .filter_map(|event| match event.kind {
//!         EventKind::Console { text, .. } => Some(text),
//!         _ => None,
//!     })
//!     .collect();
//! assert_eq!(lines, ["microtask", "task"]);
//! ```

pub mod clock;
pub mod console;
pub mod event_loop;
mod globals;
pub mod host;
pub mod lessons;
pub mod modules;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod protocol;
mod runtime;
pub mod share;
pub mod timeline;
pub mod trace;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use clock::ClockKind;
pub use event_loop::{Pending, StepOutcome, TaskWatch};
pub use runtime::{
    DEFAULT_MAX_TIMER_FIRINGS, DEFAULT_RECURSION_LIMIT, DEFAULT_SEED, EvalOutcome, FrameSource,
    RealClockError, RunError, Runtime, RuntimeOptions, SyntaxError,
};
pub use trace::TraceMode;

impl From<boa_engine::JsError> for RunError {
    fn from(error: boa_engine::JsError) -> Self {
        Self::Engine(error.to_string())
    }
}
