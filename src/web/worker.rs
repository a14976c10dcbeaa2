//! The playground's Web Worker: owns one [`Runtime`] at a time and pumps its event loop from the
//! worker's own `requestAnimationFrame` (or a 16 ms `setTimeout` where a worker has none), posting one
//! message per frame with the trace events drained in that frame.
//!
//! The protocol is described in [`crate::web`]. The engine never runs on the page's thread: a snippet
//! that loops forever only freezes this worker, and the page stops it by terminating the worker.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::Reflect;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::host::BrowserHost;
use crate::trace::TraceEvent;
use crate::{ClockKind, Runtime, RuntimeOptions, StepOutcome, TraceMode};

/// Milliseconds of engine work per animation frame, unless the page asks for another budget.
///
/// A 60 Hz frame lasts 16.7 ms; using under half of it keeps the worker responsive to messages.
pub const DEFAULT_BUDGET_MS: f64 = 6.0;

/// The name the playground gives the snippet it runs (shown in stack traces).
pub const SCRIPT_NAME: &str = "main.js";

/// A message from the page to the worker.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Start a fresh runtime on `source`, dropping any run in progress.
    Run {
        /// The snippet's JavaScript source.
        source: String,
        /// Which clock drives the loop; the virtual clock if absent.
        #[serde(default)]
        clock: Option<ClockKind>,
        /// Engine time per frame in milliseconds; [`DEFAULT_BUDGET_MS`] if absent.
        #[serde(default)]
        budget_ms: Option<f64>,
    },
}

/// A message from the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply {
    /// The worker's wasm module is instantiated and it listens for requests.
    Ready {
        /// How it paces the loop: `animation_frame` (the worker's own `requestAnimationFrame`) or
        /// `timeout` (a 16 ms `setTimeout`, where a worker has no animation frames).
        ticker: &'static str,
    },
    /// One animation frame's worth of the loop.
    Frame {
        /// The frame's number within the run, from 1.
        frame: u64,
        /// Where the loop stands after this frame: `busy`, `waiting` or `idle`.
        outcome: &'static str,
        /// For `waiting`: when the next timer is due, in loop time (absent when only host operations wait).
        #[serde(skip_serializing_if = "Option::is_none")]
        next_due_ms: Option<f64>,
        /// The trace events recorded during this frame, in order.
        events: Vec<TraceEvent>,
    },
    /// The snippet could not be loaded (a syntax error, say); the run is over.
    LoadError {
        /// What went wrong, with line and column where the engine gives them.
        message: String,
        /// Events recorded before the failure (a syntax error may be one).
        events: Vec<TraceEvent>,
    },
    /// The loop went idle: nothing left to run and no timer pending.
    Done {
        /// How many frames the run took.
        frames: u64,
    },
    /// The page sent something the worker does not understand.
    ProtocolError {
        /// What was wrong with it.
        message: String,
    },
}

/// One run of one snippet: a runtime and the frames pumped through it so far.
pub struct Session {
    runtime: Runtime,
    frames: u64,
    budget_ms: f64,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("frames", &self.frames)
            .field("budget_ms", &self.budget_ms)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// Makes a runtime with the browser host and the full trace, and loads `source` into it.
    ///
    /// On failure returns the [`Reply::LoadError`] to post to the page.
    pub fn start(source: &str, clock: ClockKind, budget_ms: f64) -> Result<Self, Reply> {
        let options = RuntimeOptions {
            clock,
            trace: TraceMode::Full,
            ..Default::default()
        };
        let mut runtime =
            Runtime::new(options, Rc::new(BrowserHost::new())).map_err(|err| Reply::LoadError {
                message: err.to_string(),
                events: Vec::new(),
            })?;
        if let Err(err) = runtime.load_script(SCRIPT_NAME, source) {
            return Err(Reply::LoadError {
                message: err.to_string(),
                events: runtime.take_events(),
            });
        }
        let budget_ms = if budget_ms.is_finite() && budget_ms > 0.0 {
            budget_ms
        } else {
            DEFAULT_BUDGET_MS
        };
        Ok(Self {
            runtime,
            frames: 0,
            budget_ms,
        })
    }

    /// Runs the loop for one frame's budget and reports what happened.
    ///
    /// Returns the [`Reply::Frame`] to post and whether the loop still has work (run or pending).
    pub fn frame(&mut self) -> (Reply, bool) {
        self.frames += 1;
        self.runtime.mark_frame();
        let outcome = self.runtime.run_for(self.budget_ms);
        let events = self.runtime.take_events();
        let (name, next_due_ms, more) = match outcome {
            StepOutcome::Busy => ("busy", None, true),
            StepOutcome::Waiting { next_due_ms } => ("waiting", next_due_ms, true),
            StepOutcome::Idle => ("idle", None, false),
        };
        let reply = Reply::Frame {
            frame: self.frames,
            outcome: name,
            next_due_ms,
            events,
        };
        (reply, more)
    }

    /// How many frames this session has pumped.
    pub fn frames(&self) -> u64 {
        self.frames
    }
}

/// How the worker asks for its next frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ticker {
    AnimationFrame,
    Timeout,
}

/// The callback handed to `requestAnimationFrame` (or `setTimeout`) for each frame.
type FrameCallback = Closure<dyn FnMut(JsValue)>;

/// The worker's state: its global scope, the current session and the frame callback.
struct Worker {
    scope: DedicatedWorkerGlobalScope,
    session: RefCell<Option<Session>>,
    ticker: Ticker,
    /// Whether a frame callback is already requested (never request two).
    scheduled: Cell<bool>,
    /// The frame callback, made once and reused for every frame.
    on_frame: RefCell<Option<FrameCallback>>,
}

impl Worker {
    fn post(&self, reply: &Reply) {
        match serde_json::to_string(reply) {
            Ok(json) => {
                if let Err(err) = self.scope.post_message(&JsValue::from_str(&json)) {
                    web_sys::console::error_2(&"tickscope worker: postMessage failed".into(), &err);
                }
            }
            Err(err) => web_sys::console::error_1(
                &format!("tickscope worker: could not serialise a reply: {err}").into(),
            ),
        }
    }

    fn on_message(&self, event: MessageEvent) {
        let Some(text) = event.data().as_string() else {
            self.post(&Reply::ProtocolError {
                message: "expected a JSON string".into(),
            });
            return;
        };
        match serde_json::from_str::<Request>(&text) {
            Ok(Request::Run {
                source,
                clock,
                budget_ms,
            }) => {
                // Drop the old session first: its runtime must not outlive the new one's start.
                self.session.replace(None);
                let clock = clock.unwrap_or(ClockKind::Virtual);
                match Session::start(&source, clock, budget_ms.unwrap_or(DEFAULT_BUDGET_MS)) {
                    Ok(session) => {
                        self.session.replace(Some(session));
                        self.schedule();
                    }
                    Err(reply) => self.post(&reply),
                }
            }
            Err(err) => self.post(&Reply::ProtocolError {
                message: format!("bad request: {err}"),
            }),
        }
    }

    fn on_frame(&self) {
        self.scheduled.set(false);
        let mut slot = self.session.borrow_mut();
        let Some(session) = slot.as_mut() else {
            return;
        };
        let (reply, more) = session.frame();
        self.post(&reply);
        if more {
            drop(slot);
            self.schedule();
        } else {
            let frames = session.frames();
            *slot = None;
            self.post(&Reply::Done { frames });
        }
    }

    fn schedule(&self) {
        if self.scheduled.get() {
            return;
        }
        let on_frame = self.on_frame.borrow();
        let Some(callback) = on_frame.as_ref() else {
            return;
        };
        let callback: &js_sys::Function = callback.as_ref().unchecked_ref();
        let requested = match self.ticker {
            Ticker::AnimationFrame => self.scope.request_animation_frame(callback).is_ok(),
            Ticker::Timeout => false,
        };
        let requested = requested
            || self
                .scope
                .set_timeout_with_callback_and_timeout_and_arguments_0(callback, 16)
                .is_ok();
        if requested {
            self.scheduled.set(true);
        } else {
            web_sys::console::error_1(&"tickscope worker: could not schedule a frame".into());
        }
    }
}

/// Starts the worker: installs the panic hook and the message handler, then posts [`Reply::Ready`].
///
/// Called from the `tickscope-worker` binary's `main`, which wasm-bindgen runs when the module loads.
/// Outside a dedicated worker it logs an error and does nothing.
pub fn start() {
    console_error_panic_hook::set_once();
    let scope = match js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() {
        Ok(scope) => scope,
        Err(_) => {
            web_sys::console::error_1(
                &"tickscope worker: not running in a dedicated Web Worker".into(),
            );
            return;
        }
    };
    let has_raf = Reflect::get(&scope, &JsValue::from_str("requestAnimationFrame"))
        .map(|value| value.is_function())
        .unwrap_or(false);
    let worker = Rc::new(Worker {
        scope,
        session: RefCell::new(None),
        ticker: if has_raf {
            Ticker::AnimationFrame
        } else {
            Ticker::Timeout
        },
        scheduled: Cell::new(false),
        on_frame: RefCell::new(None),
    });

    let weak: Weak<Worker> = Rc::downgrade(&worker);
    let on_frame = FrameCallback::new(move |_timestamp: JsValue| {
        if let Some(worker) = weak.upgrade() {
            worker.on_frame();
        }
    });
    worker.on_frame.replace(Some(on_frame));

    let weak = Rc::downgrade(&worker);
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(worker) = weak.upgrade() {
            worker.on_message(event);
        }
    });
    worker
        .scope
        .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Both live as long as the worker itself.
    on_message.forget();
    let ticker = match worker.ticker {
        Ticker::AnimationFrame => "animation_frame",
        Ticker::Timeout => "timeout",
    };
    worker.post(&Reply::Ready { ticker });
    std::mem::forget(worker);
}
