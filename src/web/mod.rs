//! The browser side of tickscope: everything here may touch the browser (js-sys, web-sys), and
//! nothing in the core may depend on it.
//!
//! - [`worker`]: the Web Worker that owns a run and pumps its event loop once per animation
//!   frame, speaking [`crate::protocol`] with the page; [`worker::Pump`] is its logic without the
//!   wiring, for tests.
//! - [`session`]: one run (a [`crate::Runtime`]) and the protocol messages its frames, steps and
//!   REPL lines produce; no scheduling.
//! - [`page`]: the playground page on the browser's main thread (no engine), which talks to the
//!   worker with these messages.
//! - [`host`]: the browser's [`crate::host::Host`]: clocks from `performance.now()` and
//!   `Date.now()`, HTTP through the global `fetch()`, and the playground's files ([`files`]).
//!
//! # The page ↔ worker protocol
//! Messages in both directions are JSON strings of [`crate::protocol::ToWorker`] and
//! [`crate::protocol::FromWorker`] (one `JSON.parse` on each side, no per-field glue):
//!
//! - The worker posts `ready` (`{"type":"ready","ticker":"animation_frame"|"timeout"}`) once its
//!   module is instantiated, then warms the engine up until a request comes. A worker started by
//!   `www/boot.js`'s bootstrap holds the requests that come before: the page need not wait for
//!   `ready` to send a run.
//! - `run` starts a fresh runtime on the snippet (classic script, or ES module with
//!   `"module":true`), on the `"real"` or `"virtual"` clock, with the playground's `files` and
//!   an optional `budget_ms` of engine time per frame ([`session::DEFAULT_BUDGET_MS`]); a run in
//!   progress is dropped and its requests aborted. A syntax error is answered by `load_error`
//!   with `line` and `column`.
//! - The run's first frame runs at once; then, while work is ready or pending, the worker posts
//!   one `frame` per animation frame:
//!   `{"type":"frame","frame":N,"status":{"state":…,"pending":{…},"now_ms":…,"next_due_ms":…},
//!   "events":[…]}`, the events being every trace event recorded in the frame (console lines
//!   are the events with `"type":"console"`; each animation frame also records a `frame`
//!   event). The last frame of a run has state `idle`; the run's context stays live for `eval`.
//!   `frame` counts the messages of the run; the trace's frame events count animation frames.
//! - With `"paused":true` the worker posts one `frame` in state `paused` (the script queued) and
//!   waits: each `step` posts one `frame` in state `paused` (or `idle` at the end) after one
//!   task's own code or one microtask; `resume` lets it run freely.
//! - `eval` (`{"type":"eval","id":7,"line":"x + 1"}`) runs the line in the current run (a
//!   fresh real-clock runtime if there is none), even while timers are pending or after the
//!   run went idle: a `frame` with the events it produced (if any), then
//!   `{"type":"eval_result","id":7,"text":"2","thrown":false}`. If the line left work to do, the
//!   frames start again.
//! - `frame_read` tells the worker the page has read one more `frame`. Once it has heard it, the
//!   worker runs no further frame while [`worker::UNREAD_FRAMES`] frames are unread: a runaway
//!   trace comes as fast as the page reads it (before, the page read long messages in slices but
//!   the worker went on posting, and a busy page fell behind by hundreds of megabytes).
//! - `file_written` carries each file `require("fs")` writes, as it is written.
//! - `crashed` reports a Rust panic or a wasm trap; the worker is unusable after it, and the
//!   page should terminate it and start a fresh one. `invalid` answers a message the worker
//!   does not understand (or a `step` without a paused run).
//!
//! To stop a runaway snippet the page terminates the worker and starts a new one.
//!
//! # Pacing
//! Frames come from the worker's `requestAnimationFrame` (a 16 ms `setTimeout` where a worker
//! has none). Another frame is requested only while the loop is busy, or while its next timer
//! is due within [`session::LONG_WAIT_MS`]; under the real clock a later timer is waited for
//! with one `setTimeout` that wakes the worker a frame before it is due, and a pending `fetch`
//! with the host's reply notification (and a [`session::HOST_POLL_MS`] poll as a safety net).
//! An idle or paused run costs nothing.
//!
//! # Crashes, stack and recursion
//! A Rust panic runs `console_error_panic_hook` and then posts `crashed` with the panic's
//! message. Any other uncaught error in the worker (a wasm trap, or the browser's stack limit
//! hit inside the engine) is reported by a plain-JavaScript `error` listener
//! ([`worker::error_listener`]), which never calls back into the broken module. Either way the
//! page hears of it and starts a fresh worker.
//!
//! Runaway JavaScript recursion ends its task with `RangeError: Maximum call stack size
//! exceeded` at [`crate::DEFAULT_RECURSION_LIMIT`] (12 000) nested calls, and the loop goes on:
//! plain JavaScript calls use no native stack (the engine keeps its frames on the heap), so
//! 10 000 deep works. Recursion through native callbacks is different: every level nests wasm
//! calls (six frames for `[0].map(f)`) on the browser's own stack, and Chromium gives a worker
//! thread 500 KB of it, half of a page's. The worker therefore runs all its work on a stack of
//! its own, through JavaScript Promise Integration ([`large_stack`]), about 1 MB. Measured in
//! headless Chromium 156 with a release build (levels of `f` that run; the next 50 overflow).
//! The browser's optimising tier, which takes over the engine's hot code after a few runs, uses
//! more stack per level than its baseline tier, so a warm worker goes less deep than a fresh one:
//!
//! | `f` recurses through | worker's own stack, fresh | JSPI stack, fresh | JSPI stack, warm |
//! | --- | --- | --- | --- |
//! | `[0].map(f)` | 674 | 1 345 | 1 207 |
//! | a getter (`get x() { return this.x }`) | 706 | 1 345 | 1 207 |
//! | `[2, 1].sort(f)` | | 1 069 | 931 |
//! | a `JSON.stringify` replacer | | 838 | 608 |
//! | `'a'.replace(/a/, f)` | 373 | 700 | 608 |
//! | plain recursion `f()` | the recursion limit | the recursion limit | the recursion limit |
//!
//! The engine's limit cannot stop native recursion first without stopping plain recursion at
//! the same depth (it counts both together), so such a runaway overflows the browser's stack:
//! the worker reports `crashed`, with the browser's `RangeError` message and a hint, and the page
//! starts a fresh one. Going deeper would need the engine to count native re-entries on their own
//! or to let the host switch stacks at a re-entry; boa_engine 0.22 offers neither. The wasm
//! stack (the engine's address-taken locals, not its frames) is linked at 8 MiB
//! (`.cargo/config.toml`, `-zstack-size`), so that debug builds, which use up to 8 KB of it per
//! level, still reach the browser's limit first; memory the stack does not use is never touched.
//! The figures come from `node tests/page/measure-recursion.mjs [--warm]`; the page test
//! `recursion in the worker` keeps 1 000 levels of `map` and a getter, and 800 of `sort`, working.

mod fetch;
pub mod files;
pub(crate) mod global;
pub mod host;
mod large_stack;
pub mod page;
pub mod session;
pub mod worker;
