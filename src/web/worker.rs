//! The playground's Web Worker: owns one run at a time ([`Session`]) and pumps its event loop
//! from the worker's own `requestAnimationFrame` (or a 16 ms `setTimeout` where a worker has
//! none), speaking [`crate::protocol`] with the page: JSON strings over `postMessage`.
//!
//! [`Pump`] is the worker minus its wiring: it takes [`ToWorker`] messages and hands every
//! [`FromWorker`] to a sink, so tests drive it in any page or worker. [`start`] wires one to the
//! real worker scope, with the crash reporting described in [`crate::web`].

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::files::FileSpace;
use super::global::{Global, global, has_animation_frames};
use super::host::BrowserHost;
use super::large_stack;
use super::session::{HOST_POLL_MS, Session, Wake, WarmUp, runtime_options};
use crate::protocol::{FileEntry, FromWorker, ToWorker};
use crate::{ClockKind, RuntimeOptions};

pub use super::session::{DEFAULT_BUDGET_MS, SCRIPT_NAME};

/// Where the worker's messages go: `postMessage` in the worker, a list in tests.
pub type Sink = Rc<dyn Fn(&FromWorker)>;

/// Frame messages the page may have unread before the pump waits for it to read one (once the
/// page says what it has read, [`ToWorker::FrameRead`]).
pub const UNREAD_FRAMES: u64 = 2;

/// How far the page is in reading the frames posted to it.
#[derive(Debug, Default)]
struct Pace {
    /// Frame messages posted.
    posted: Cell<u64>,
    /// Frame messages the page said it read; `None` until it first says so.
    read: Cell<Option<u64>>,
    /// Whether a frame is due but waits for the page to read.
    held: Cell<bool>,
}

impl Pace {
    /// Whether the page has [`UNREAD_FRAMES`] or more unread.
    fn is_behind(&self) -> bool {
        self.read
            .get()
            .is_some_and(|read| self.posted.get().saturating_sub(read) >= UNREAD_FRAMES)
    }
}

/// How the worker asks for its next frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ticker {
    /// The global scope's `requestAnimationFrame`.
    AnimationFrame,
    /// A 16 ms `setTimeout`, where the global scope has no animation frames.
    Timeout,
}

impl Ticker {
    /// The name [`FromWorker::Ready`] gives it: `animation_frame` or `timeout`.
    pub fn name(self) -> &'static str {
        match self {
            Self::AnimationFrame => "animation_frame",
            Self::Timeout => "timeout",
        }
    }
}

/// The callback handed to `requestAnimationFrame` (or `setTimeout`) for each frame.
type FrameCallback = Closure<dyn FnMut(JsValue)>;

/// The worker's message handling and frame scheduling, posting through a [`Sink`].
///
/// - [`ToWorker::Run`] drops the run in progress (aborting its requests) and starts a fresh
///   runtime on the snippet, with the files of the message; a paused run posts one
///   [`FromWorker::Frame`] (state `paused`) and waits, any other runs its first frame at once.
/// - Each animation frame runs the loop for the run's budget and posts one
///   [`FromWorker::Frame`] with every event of the frame. Another frame is requested only while
///   work is ready (`busy`), or while a timer is due within [`super::session::LONG_WAIT_MS`];
///   a later timer under the real clock is waited for with a `setTimeout` that wakes the worker
///   a frame before it is due, and a pending `fetch` with the host's reply notification.
/// - [`ToWorker::Step`] and [`ToWorker::Resume`] move a paused run; [`ToWorker::Eval`] runs a
///   REPL line in the current run (a fresh one on the real clock if there is none), posts the
///   events it produced and the [`FromWorker::EvalResult`], and restarts the pump if the line
///   left work to do.
/// - `require("fs")` writes are posted as [`FromWorker::FileWritten`] as they happen.
/// - Once the page sends [`ToWorker::FrameRead`] for the frames it has read, the pump keeps its
///   pace: no frame is requested while [`UNREAD_FRAMES`] or more are unread. A runaway trace then
///   comes as fast as the page reads it, not faster (a page that never says so is not waited for).
pub struct Pump {
    global: Global,
    ticker: Ticker,
    sink: Sink,
    session: RefCell<Option<Session>>,
    /// The warm-up under way, until a run starts or it is done.
    warming: RefCell<Option<WarmUp>>,
    /// The frame callback requested, if any (never request two): how, and its id.
    frame_request: RefCell<Option<(Ticker, JsValue)>>,
    /// The `setTimeout` waiting for a later timer or a host reply, if any.
    sleeping: RefCell<Option<JsValue>>,
    pace: Pace,
    on_frame: FrameCallback,
    on_wake: Closure<dyn FnMut()>,
    on_warm_up: Closure<dyn FnMut()>,
    this: Weak<Pump>,
}

impl std::fmt::Debug for Pump {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pump")
            .field("ticker", &self.ticker)
            .field("session", &self.session)
            .field("frame_requested", &self.frame_request.borrow().is_some())
            .finish_non_exhaustive()
    }
}

impl Pump {
    /// A pump for the current global scope, posting through `sink`; it paces frames with
    /// `requestAnimationFrame` where the scope has it.
    pub fn new(sink: Sink) -> Rc<Self> {
        let ticker = if has_animation_frames() {
            Ticker::AnimationFrame
        } else {
            Ticker::Timeout
        };
        Self::with_ticker(sink, ticker)
    }

    /// A pump that paces frames with `ticker`.
    pub fn with_ticker(sink: Sink, ticker: Ticker) -> Rc<Self> {
        Rc::new_cyclic(|this: &Weak<Self>| {
            let for_frame = this.clone();
            let on_frame = FrameCallback::new(move |_timestamp: JsValue| {
                let for_frame = for_frame.clone();
                large_stack::run(move || {
                    if let Some(pump) = for_frame.upgrade() {
                        pump.animation_frame();
                    }
                });
            });
            let for_wake = this.clone();
            let on_wake = Closure::<dyn FnMut()>::new(move || {
                let for_wake = for_wake.clone();
                large_stack::run(move || {
                    if let Some(pump) = for_wake.upgrade() {
                        pump.sleeping.replace(None);
                        pump.request_frame();
                    }
                });
            });
            let for_warm_up = this.clone();
            let on_warm_up = Closure::<dyn FnMut()>::new(move || {
                let for_warm_up = for_warm_up.clone();
                large_stack::run(move || {
                    if let Some(pump) = for_warm_up.upgrade() {
                        pump.warm_up_piece();
                    }
                });
            });
            Self {
                global: global(),
                ticker,
                sink,
                session: RefCell::new(None),
                warming: RefCell::new(None),
                frame_request: RefCell::new(None),
                sleeping: RefCell::new(None),
                pace: Pace::default(),
                on_frame,
                on_wake,
                on_warm_up,
                this: this.clone(),
            }
        })
    }

    /// How this pump paces frames.
    pub fn ticker(&self) -> Ticker {
        self.ticker
    }

    /// Warms the engine up ([`WarmUp`]) a piece per task, until it is done or a run (or a REPL
    /// line) starts: the first run then shows its own timings on the timeline, not the browser
    /// compiling the engine. It posts nothing.
    pub fn warm_up(&self) {
        if self.session.borrow().is_none() && self.warming.borrow().is_none() {
            self.warming
                .replace(Some(WarmUp::new(Rc::new(self.host(FileSpace::new())))));
            self.next_warm_up_piece();
        }
    }

    /// Whether a warm-up is under way.
    pub fn is_warming_up(&self) -> bool {
        self.warming.borrow().is_some()
    }

    /// Runs the warm-up's next piece (a run or a REPL line drops the warm-up, so none runs after
    /// one has started).
    fn warm_up_piece(&self) {
        let more = self.warming.borrow_mut().as_mut().is_some_and(WarmUp::step);
        if more {
            self.next_warm_up_piece();
        } else {
            self.warming.replace(None);
        }
    }

    /// Runs the warm-up's next piece in a task of its own, after any message already queued.
    fn next_warm_up_piece(&self) {
        let callback: &js_sys::Function = self.on_warm_up.as_ref().unchecked_ref();
        if self.global.set_timeout(callback, 0.0).is_err() {
            self.warming.replace(None);
            web_sys::console::warn_1(&"tickscope worker: could not schedule the warm-up".into());
        }
    }

    /// Handles a message event from the page: its data must be a [`ToWorker`]'s JSON text.
    fn handle_event(&self, event: &MessageEvent) {
        match event.data().as_string() {
            Some(text) => self.handle_json(&text),
            None => self.post(&FromWorker::Invalid {
                message: "expected a JSON string".to_owned(),
            }),
        }
    }

    /// Handles a message's JSON text; text that is no [`ToWorker`] is answered with
    /// [`FromWorker::Invalid`].
    pub fn handle_json(&self, text: &str) {
        match ToWorker::from_json(text) {
            Ok(message) => self.handle(message),
            Err(error) => self.post(&FromWorker::Invalid {
                message: format!("not a message tickscope understands: {error}"),
            }),
        }
    }

    /// Handles one message from the page.
    pub fn handle(&self, message: ToWorker) {
        match message {
            ToWorker::Run {
                source,
                module,
                clock,
                seed,
                start_time,
                files,
                paused,
                budget_ms,
            } => self.run(
                &source,
                module,
                runtime_options(clock, seed, start_time),
                files,
                paused,
                budget_ms,
            ),
            ToWorker::Step => self.step(),
            ToWorker::Resume => self.resume(),
            ToWorker::Eval { id, line } => self.eval(id, &line),
            ToWorker::FrameRead => self.frame_read(),
        }
    }

    /// Whether a run exists and is not finished (work ready or pending, or paused).
    pub fn is_running(&self) -> bool {
        self.session
            .borrow()
            .as_ref()
            .is_some_and(|session| session.is_paused() || session.wants_frames())
    }

    /// Whether the pump is waiting for an animation frame or a timeout.
    pub fn is_scheduled(&self) -> bool {
        self.frame_request.borrow().is_some() || self.sleeping.borrow().is_some()
    }

    fn post(&self, message: &FromWorker) {
        if matches!(message, FromWorker::Frame { .. }) {
            self.pace.posted.set(self.pace.posted.get() + 1);
        }
        (self.sink)(message);
    }

    /// The page read a frame: a frame held for it may run now.
    fn frame_read(&self) {
        let read = self.pace.read.get().unwrap_or(0) + 1;
        self.pace.read.set(Some(read));
        if self.pace.held.get() && !self.pace.is_behind() {
            self.pace.held.set(false);
            self.schedule();
        }
    }

    /// Whether a frame is due but waits for the page to read the ones it has.
    pub fn is_held(&self) -> bool {
        self.pace.held.get()
    }

    fn run(
        &self,
        source: &str,
        module: bool,
        options: RuntimeOptions,
        files: Vec<FileEntry>,
        paused: bool,
        budget_ms: Option<f64>,
    ) {
        // The old run goes first: its requests are aborted and its timers forgotten.
        self.session.replace(None);
        self.warming.replace(None);
        self.cancel_sleep();
        let (files, refused) = FileSpace::from_entries(files);
        if !refused.is_empty() {
            self.post(&FromWorker::Invalid {
                message: format!(
                    "files left out: names that cannot be files: {}",
                    refused.join(", ")
                ),
            });
        }
        let mut session = match Session::new(options, budget_ms, Rc::new(self.host(files))) {
            Ok(session) => session,
            Err(message) => return self.post(&message),
        };
        let sink = Rc::clone(&self.sink);
        session.on_long_task(move |task| sink(&FromWorker::LongTask { task }));
        let loaded = session.load(source, module);
        session.set_paused(paused && loaded.is_ok());
        let first = match &loaded {
            Ok(()) if paused => Some(session.snapshot()),
            _ => None,
        };
        self.session.replace(Some(session));
        match (loaded, first) {
            (Err(message), _) => self.post(&message),
            (Ok(()), Some(first)) => self.post(&first),
            // The script's task runs at once, as a browser runs a script it has loaded; the frames
            // after it are paced by the animation frames.
            (Ok(()), None) => self.frame(),
        }
    }

    fn step(&self) {
        let message = match self.session.borrow_mut().as_mut() {
            Some(session) if session.is_paused() => session.step(),
            Some(_) => FromWorker::Invalid {
                message: "step: the run is not paused".to_owned(),
            },
            None => FromWorker::Invalid {
                message: "step: there is no run".to_owned(),
            },
        };
        self.post(&message);
    }

    fn resume(&self) {
        let resumed = match self.session.borrow_mut().as_mut() {
            Some(session) => {
                session.set_paused(false);
                true
            }
            None => false,
        };
        if resumed {
            self.schedule();
        } else {
            self.post(&FromWorker::Invalid {
                message: "resume: there is no run".to_owned(),
            });
        }
    }

    fn eval(&self, id: u64, line: &str) {
        let messages = {
            self.warming.replace(None);
            let mut slot = self.session.borrow_mut();
            if slot.is_none() {
                match Session::new(
                    runtime_options(ClockKind::Real, None, None),
                    None,
                    Rc::new(self.host(FileSpace::new())),
                ) {
                    Ok(session) => *slot = Some(session),
                    Err(message) => {
                        drop(slot);
                        return self.post(&message);
                    }
                }
            }
            match slot.as_mut() {
                Some(session) => session.eval(id, line),
                None => Vec::new(),
            }
        };
        for message in &messages {
            self.post(message);
        }
        self.schedule();
    }

    /// The browser host of a new run: its writes are posted to the page, and its replies wake
    /// the pump.
    fn host(&self, files: FileSpace) -> BrowserHost {
        let sink = Rc::clone(&self.sink);
        let pump = self.this.clone();
        BrowserHost::new()
            .with_files(files)
            .on_file_written(move |file| {
                sink(&FromWorker::FileWritten { file: file.clone() });
            })
            .on_reply(move || {
                if let Some(pump) = pump.upgrade() {
                    pump.request_frame();
                }
            })
    }

    /// One animation frame: pump the loop, post the frame, arrange the next.
    fn animation_frame(&self) {
        self.frame_request.replace(None);
        self.frame();
    }

    /// Runs the loop for a frame's budget, posts what it recorded and arranges what comes next.
    fn frame(&self) {
        let message = match self.session.borrow_mut().as_mut() {
            Some(session) if session.wants_frames() => Some(session.frame()),
            _ => None,
        };
        if let Some(message) = message {
            self.post(&message);
            self.schedule();
        }
    }

    /// Arranges what the run needs next: a frame, a sleep, or nothing.
    fn schedule(&self) {
        let wake = self
            .session
            .borrow()
            .as_ref()
            .map_or(Wake::Nothing, Session::wake);
        match wake {
            Wake::Frame => {
                self.cancel_sleep();
                self.request_frame();
            }
            Wake::After(ms) => self.sleep(ms),
            Wake::Host => self.sleep(HOST_POLL_MS),
            Wake::Nothing => self.cancel_sleep(),
        }
    }

    /// Requests one frame callback, unless one is already requested or the page is behind.
    fn request_frame(&self) {
        if self.frame_request.borrow().is_some() {
            return;
        }
        if self.pace.is_behind() {
            self.pace.held.set(true);
            return;
        }
        let callback: &js_sys::Function = self.on_frame.as_ref().unchecked_ref();
        let by_animation_frame = match self.ticker {
            Ticker::AnimationFrame => self
                .global
                .request_animation_frame(callback)
                .ok()
                .map(|id| (Ticker::AnimationFrame, id)),
            Ticker::Timeout => None,
        };
        let requested = by_animation_frame.or_else(|| {
            self.global
                .set_timeout(callback, 16.0)
                .ok()
                .map(|id| (Ticker::Timeout, id))
        });
        match requested {
            Some(request) => {
                self.frame_request.replace(Some(request));
            }
            None => {
                web_sys::console::error_1(&"tickscope worker: could not schedule a frame".into())
            }
        }
    }

    /// Sleeps `ms`, then requests a frame (replacing any earlier sleep).
    fn sleep(&self, ms: f64) {
        self.cancel_sleep();
        let callback: &js_sys::Function = self.on_wake.as_ref().unchecked_ref();
        match self.global.set_timeout(callback, ms.max(0.0)) {
            Ok(id) => {
                self.sleeping.replace(Some(id));
            }
            // No timers: fall back to frames, which always work.
            Err(_) => self.request_frame(),
        }
    }

    fn cancel_sleep(&self) {
        if let Some(id) = self.sleeping.take() {
            // Clearing a timer cannot fail in browsers; a stale wake only costs a frame.
            let _ = self.global.clear_timeout(&id);
        }
    }
}

impl Drop for Pump {
    /// Cancels the frame and the sleep it requested: their callbacks die with the pump.
    fn drop(&mut self) {
        if let Some((ticker, id)) = self.frame_request.take() {
            let _ = match ticker {
                Ticker::AnimationFrame => self.global.cancel_animation_frame(&id),
                Ticker::Timeout => self.global.clear_timeout(&id),
            };
        }
        self.cancel_sleep();
    }
}

/// The global flag the crash reporters set, so a crash is reported once.
const CRASHED_FLAG: &str = "__tickscopeCrashed";

/// Posts [`FromWorker::Crashed`] to the page, once, from the worker's global scope.
fn report_crash(message: &str) {
    let scope = js_sys::global();
    let flag = JsValue::from_str(CRASHED_FLAG);
    if js_sys::Reflect::get(&scope, &flag).is_ok_and(|value| value.is_truthy()) {
        return;
    }
    let _ = js_sys::Reflect::set(&scope, &flag, &JsValue::TRUE);
    let crashed = FromWorker::Crashed {
        message: message.to_owned(),
    };
    let json = crashed.to_json().unwrap_or_else(|_| {
        r#"{"type":"crashed","message":"the worker panicked (the message could not be encoded)"}"#
            .to_owned()
    });
    if let Some(scope) = scope.dyn_ref::<DedicatedWorkerGlobalScope>() {
        let _ = scope.post_message(&JsValue::from_str(&json));
    }
}

/// The body of [`error_listener`]'s factory: plain JavaScript, because after a wasm trap or a
/// JavaScript exception thrown through wasm frames (the engine's native stack overflowing) the
/// module is unusable and must not be called into.
const ERROR_LISTENER_JS: &str = r#"
return function (event) {
  if (self.__tickscopeCrashed) { return; }
  self.__tickscopeCrashed = true;
  var message = String((event && (event.message || (event.error && String(event.error)))) || "the worker stopped");
  if (/Maximum call stack size exceeded/.test(message)) {
    message += " (the engine's native stack overflowed: in the browser, recursion through native " +
      "callbacks such as map, replace or getters is limited to a few hundred levels)";
  }
  post(JSON.stringify({ type: "crashed", message: message }));
};
"#;

/// The `error` listener the worker installs on its global scope: on the first uncaught error
/// it posts [`FromWorker::Crashed`] (as JSON text) through `post`, in plain JavaScript.
///
/// Uncaught errors in the worker come from a wasm trap (an out-of-memory, an overflow of the
/// wasm stack) or from the browser's own stack limit being hit inside the engine; either way
/// the run cannot go on. The panic hook and this listener share a flag on the global scope, so
/// a crash is reported once.
pub fn error_listener(post: &js_sys::Function) -> Result<js_sys::Function, JsValue> {
    let factory = js_sys::Function::new_with_args("post", ERROR_LISTENER_JS);
    factory
        .call1(&JsValue::UNDEFINED, post)?
        .dyn_into::<js_sys::Function>()
        .map_err(|_| JsValue::from_str("the error listener factory returned no function"))
}

/// Installs the crash reporters: a panic hook (after `console_error_panic_hook`'s report) and
/// [`error_listener`]. Both post [`FromWorker::Crashed`] once.
fn install_crash_reporting(scope: &DedicatedWorkerGlobalScope) {
    console_error_panic_hook::set_once();
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        report_crash(&info.to_string());
    }));
    let post = js_sys::Function::new_with_args("text", "self.postMessage(text);");
    let installed = error_listener(&post).and_then(|listener| {
        scope.add_event_listener_with_callback("error", &listener)?;
        large_stack::install(&listener)
    });
    if let Err(error) = installed {
        web_sys::console::error_2(
            &"tickscope worker: cannot listen for crashes".into(),
            &error,
        );
    }
}

/// Starts the worker: installs the crash reporters and the message handler, posts
/// [`FromWorker::Ready`], then handles the messages that came before (held by `www/boot.js`'s
/// bootstrap) and warms the engine up.
///
/// Called from the `tickscope-worker` binary's `main`, which wasm-bindgen runs when the module loads.
/// Outside a dedicated worker it logs an error and does nothing.
pub fn start() {
    let scope = match js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() {
        Ok(scope) => scope,
        Err(_) => {
            console_error_panic_hook::set_once();
            web_sys::console::error_1(
                &"tickscope worker: not running in a dedicated Web Worker".into(),
            );
            return;
        }
    };
    install_crash_reporting(&scope);
    let poster = scope.clone();
    let sink: Sink = Rc::new(move |message: &FromWorker| match message.to_json() {
        Ok(json) => {
            if let Err(error) = poster.post_message(&JsValue::from_str(&json)) {
                web_sys::console::error_2(&"tickscope worker: postMessage failed".into(), &error);
            }
        }
        Err(error) => web_sys::console::error_1(
            &format!("tickscope worker: could not encode a message: {error}").into(),
        ),
    });
    let pump = Pump::new(Rc::clone(&sink));
    let handler = Rc::clone(&pump);
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let handler = Rc::clone(&handler);
        large_stack::run(move || handler.handle_event(&event));
    });
    let early = early_messages(&scope);
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    sink(&FromWorker::Ready {
        ticker: pump.ticker().name().to_owned(),
    });
    // The handler, and through it the pump, live as long as the worker.
    on_message.forget();
    large_stack::run(move || {
        for event in early {
            pump.handle_event(&event);
        }
        // The page is still starting: the engine is compiled now, not when the first run needs it.
        pump.warm_up();
    });
}

/// The global function through which `www/boot.js`'s bootstrap hands over the messages that
/// arrived before the engine started.
const EARLY_MESSAGES: &str = "tickscopeEarlyMessages";

/// The messages that reached the worker before [`start`] (none where the worker was started
/// without `www/boot.js`'s bootstrap), in the order they came.
fn early_messages(scope: &DedicatedWorkerGlobalScope) -> Vec<MessageEvent> {
    let take = js_sys::Reflect::get(scope, &JsValue::from_str(EARLY_MESSAGES))
        .ok()
        .and_then(|take| take.dyn_into::<js_sys::Function>().ok());
    let Some(take) = take else {
        return Vec::new();
    };
    match take.call0(scope) {
        Ok(messages) => js_sys::Array::from(&messages)
            .iter()
            .filter_map(|event| event.dyn_into::<MessageEvent>().ok())
            .collect(),
        Err(error) => {
            web_sys::console::error_2(
                &"tickscope worker: could not read the early messages".into(),
                &error,
            );
            Vec::new()
        }
    }
}
