//! The page's end of the worker: spawns the engine's Web Worker, sends it [`ToWorker`] requests,
//! hands its [`FromWorker`] messages on, and terminates it (Stop, a crash) to start a fresh one.
//!
//! The worker is Trunk's build of the `tickscope-worker` binary (`<link data-trunk rel="rust"
//! data-type="worker" data-loader-shim>` in `www/index.html`). That page starts the first worker
//! itself, from the first script in its `<head>` (`www/boot.js`, `window.tickscopeBoot`), so the
//! engine's wasm loads while the page's own does; the client adopts that worker with whatever it
//! has sent so far, and asks the same script for every later one. Messages are JSON strings both
//! ways (`crate::protocol`).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use js_sys::{Array, JsString, Object};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

use super::wire::{self, FrameSlices, Parsed};
use crate::protocol::{FromWorker, ToWorker};
use crate::trace::TraceEvent;
use crate::web::page::dom;
use crate::web::page::frames::Redraw;

#[wasm_bindgen]
extern "C" {
    /// A worker `www/boot.js` started before the page's wasm loaded, with what it sent since.
    type EarlyWorker;

    /// Starts a worker (`window.tickscopeBoot.start`).
    #[wasm_bindgen(catch, js_namespace = tickscopeBoot, js_name = start)]
    fn start_worker() -> Result<Worker, JsValue>;

    /// Whether a worker holds the requests sent before its engine started
    /// (`window.tickscopeBoot.buffers`).
    #[wasm_bindgen(catch, js_namespace = tickscopeBoot, js_name = buffers)]
    fn worker_buffers(worker: &Worker) -> Result<bool, JsValue>;

    /// Hands over the worker started with the page, once (`window.tickscopeBoot.takeEarly`).
    #[wasm_bindgen(catch, js_namespace = tickscopeBoot, js_name = takeEarly)]
    fn take_early_worker() -> Result<Option<EarlyWorker>, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn worker(this: &EarlyWorker) -> Worker;

    /// Its `message`, `error` and `messageerror` events, in the order they came.
    #[wasm_bindgen(method, getter)]
    fn events(this: &EarlyWorker) -> Array;
}

/// What the client reports to the page.
#[derive(Debug)]
pub enum WorkerEvent {
    /// A message from the worker.
    Message(FromWorker),
    /// Part of a long `frame` message's events, read ahead of the rest (the last part comes as
    /// the [`FromWorker::Frame`] itself, with the loop's status).
    Events {
        /// The frame's number.
        frame: u64,
        /// The events.
        events: Vec<TraceEvent>,
    },
    /// The worker failed outside the protocol: it could not load, threw, trapped, or sent
    /// something that is not a message. The page should treat it as a crash.
    Failed(String),
    /// The worker sent more than [`MAX_BACKLOG_CHARS`] the page had not read yet: the client
    /// terminated it to keep the page alive. The page should treat it as a stop.
    Overflowed,
}

/// Milliseconds of each animation frame the client may spend reading the worker's messages.
pub const READ_BUDGET_MS: f64 = 5.0;
/// Events of a long message read at a time.
pub const SLICE_EVENTS: usize = 1000;
/// Characters of a message small enough to be read as soon as it arrives, when nothing else waits
/// to be read; longer ones wait for an animation frame.
pub const SMALL_MESSAGE_CHARS: usize = 4_096;
/// Characters of messages not read yet beyond which the client terminates the worker: a
/// runaway trace, sent faster than the page can read it, must not exhaust the tab's memory.
pub const MAX_BACKLOG_CHARS: usize = 160_000_000;

/// Something received from the worker, not read yet.
enum Received {
    /// A message's data (a JSON string), not yet copied into wasm nor parsed.
    Data(JsValue),
    /// The worker failed.
    Failed(String),
    /// The backlog overflowed and the worker was terminated.
    Overflowed,
}

/// The page's handle on the current worker; it survives any number of restarts.
///
/// What the worker sends is queued as it arrives and read in animation frames, at most
/// [`READ_BUDGET_MS`] per frame (a long message a slice at a time): a worker that floods the page
/// with events makes the page fall behind, never freeze; each frame read is acknowledged
/// ([`ToWorker::FrameRead`]), and the worker waits while a few are unread. A small message that
/// arrives when nothing waits is read at once (in a microtask). Stop (terminate) drops what is
/// queued.
pub struct WorkerClient {
    worker: RefCell<Option<Worker>>,
    /// Whether the current worker holds requests sent before its engine started.
    buffers: Cell<bool>,
    inbox: RefCell<VecDeque<Received>>,
    /// Characters of the messages in `inbox`.
    backlog_chars: Cell<usize>,
    /// A long frame being read a slice at a time; it comes before the inbox.
    partial: RefCell<Option<FrameSlices>>,
    /// `performance.now()` when the current worker last sent something.
    last_heard: Cell<f64>,
    on_event: Rc<dyn Fn(WorkerEvent)>,
    reader: RefCell<Option<Redraw>>,
    on_message: Closure<dyn FnMut(MessageEvent)>,
    on_error: Closure<dyn FnMut(Event)>,
}

impl WorkerClient {
    /// Makes a client whose workers report to `on_event`; no worker is adopted or started yet
    /// ([`WorkerClient::restart`] does).
    ///
    /// `on_event` is called from animation frames (what an early worker sent, and a small message
    /// that came alone, from a microtask), never from inside a client method, so it may restart
    /// or terminate the worker. The listeners are made once and shared by every worker; events
    /// from a worker other than the current one (a terminated one) are ignored.
    pub fn new(on_event: impl Fn(WorkerEvent) + 'static) -> Rc<Self> {
        let client = Rc::new_cyclic(|weak: &Weak<WorkerClient>| {
            let on_message = {
                let weak = weak.clone();
                Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                    if let Some(client) = weak.upgrade()
                        && client.is_current(&event)
                    {
                        client.receive(Received::Data(event.data()));
                    }
                })
            };
            let on_error = {
                let weak = weak.clone();
                Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                    if let Some(client) = weak.upgrade()
                        && client.is_current(&event)
                    {
                        // Keep the browser from also logging it as an uncaught page error.
                        event.prevent_default();
                        client.receive(failure(&event));
                    }
                })
            };
            WorkerClient {
                worker: RefCell::new(None),
                buffers: Cell::new(false),
                inbox: RefCell::new(VecDeque::new()),
                backlog_chars: Cell::new(0),
                partial: RefCell::new(None),
                last_heard: Cell::new(0.0),
                on_event: Rc::new(on_event),
                reader: RefCell::new(None),
                on_message,
                on_error,
            }
        });
        let weak = Rc::downgrade(&client);
        client.reader.replace(Some(Redraw::new(move || {
            if let Some(client) = weak.upgrade() {
                client.read();
            }
        })));
        client
    }

    /// Terminates the current worker, if any, and starts a fresh one; the first call adopts the
    /// worker the page started as it loaded, if there is one. The worker reports
    /// [`FromWorker::Ready`] once its engine is loaded.
    pub fn restart(&self) -> Result<(), JsValue> {
        self.terminate();
        // A page without www/boot.js fails here with "tickscopeBoot is not defined".
        let (worker, early_events) = match take_early_worker()? {
            Some(early) => (early.worker(), early.events()),
            None => (start_worker()?, Array::new()),
        };
        worker.set_onmessage(Some(self.on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(self.on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(self.on_error.as_ref().unchecked_ref()));
        self.buffers.set(worker_buffers(&worker).unwrap_or(false));
        self.worker.replace(Some(worker));
        self.last_heard.set(dom::now());
        for event in early_events.iter() {
            match event.dyn_into::<MessageEvent>() {
                Ok(message) => self.receive(Received::Data(message.data())),
                Err(other) => self.receive(failure(other.unchecked_ref())),
            }
        }
        if early_events.length() > 0 {
            // The engine may be ready already: say so before the first frame, which can be late.
            self.request_read_soon();
        }
        Ok(())
    }

    /// Terminates the current worker at once, whatever it is doing, and drops what it sent that
    /// was not read yet: nothing more arrives from it.
    pub fn terminate(&self) {
        if let Some(worker) = self.worker.take() {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.set_onmessageerror(None);
            worker.terminate();
        }
        self.inbox.borrow_mut().clear();
        self.backlog_chars.set(0);
        self.partial.replace(None);
    }

    /// Sends a request to the current worker.
    pub fn send(&self, message: &ToWorker) -> Result<(), JsValue> {
        let text = message
            .to_json()
            .map_err(|error| JsValue::from_str(&format!("could not encode a request: {error}")))?;
        match self.worker.borrow().as_ref() {
            Some(worker) => worker.post_message(&JsValue::from_str(&text)),
            None => Err(JsValue::from_str("no worker is running")),
        }
    }

    /// `performance.now()` when the current worker last sent something (or was started).
    pub fn last_heard(&self) -> f64 {
        self.last_heard.get()
    }

    /// Whether the current worker may be sent requests before it reports ready: it holds them
    /// until its engine starts.
    pub fn takes_early_requests(&self) -> bool {
        self.buffers.get() && self.is_started()
    }

    /// Whether a worker is started (it may still be loading).
    pub fn is_started(&self) -> bool {
        self.worker.borrow().is_some()
    }

    /// How many messages wait to be read (a long one being read counts as one).
    pub fn backlog(&self) -> usize {
        self.inbox.borrow().len() + usize::from(self.partial.borrow().is_some())
    }

    /// Whether `event` comes from the current worker.
    fn is_current(&self, event: &Event) -> bool {
        let current = self.worker.borrow();
        match (current.as_ref(), event.target()) {
            (Some(worker), Some(target)) => Object::is(worker, &target),
            _ => false,
        }
    }

    fn receive(&self, received: Received) {
        self.last_heard.set(dom::now());
        let mut small = false;
        if let Received::Data(data) = &received {
            let chars = data
                .dyn_ref::<JsString>()
                .map_or(0, |text| text.length() as usize);
            let backlog = self.backlog_chars.get() + chars;
            if backlog > MAX_BACKLOG_CHARS {
                self.terminate();
                self.inbox.borrow_mut().push_back(Received::Overflowed);
                self.request_read();
                return;
            }
            self.backlog_chars.set(backlog);
            small = chars <= SMALL_MESSAGE_CHARS;
        }
        let alone = self.backlog() == 0;
        self.inbox.borrow_mut().push_back(received);
        if small && alone {
            // Cheap to read, and nothing else waits: `ready`, a REPL line's result or a quiet
            // run's frame is handled now, not a frame later.
            self.request_read_soon();
        } else {
            self.request_read();
        }
    }

    fn request_read(&self) {
        if let Some(reader) = self.reader.borrow().as_ref() {
            reader.request();
        }
    }

    fn request_read_soon(&self) {
        if let Some(reader) = self.reader.borrow().as_ref() {
            reader.request_soon();
        }
    }

    /// Reads queued messages for up to [`READ_BUDGET_MS`]; runs in an animation frame.
    fn read(&self) {
        let deadline = dom::now() + READ_BUDGET_MS;
        // Never hold the inbox while reporting: the page may terminate the worker.
        while let Some(report) = self.next_report() {
            // The worker keeps to the pace at which frames are read (`ToWorker::FrameRead`).
            if matches!(report, WorkerEvent::Message(FromWorker::Frame { .. }))
                && self.is_started()
                && let Err(error) = self.send(&ToWorker::FrameRead)
            {
                dom::log_error("could not tell the worker a frame was read", &error);
            }
            (self.on_event)(report);
            if dom::now() >= deadline {
                break;
            }
        }
        if self.backlog() > 0 {
            self.request_read();
        }
    }

    /// The next thing to report: the next slice of a long frame, or the next message.
    fn next_report(&self) -> Option<WorkerEvent> {
        if let Some(report) = self.next_slice() {
            return Some(report);
        }
        let received = self.inbox.borrow_mut().pop_front()?;
        Some(match received {
            Received::Data(data) => {
                let Some(text) = data.as_string() else {
                    return Some(WorkerEvent::Failed(
                        "the worker sent a message that is not text".into(),
                    ));
                };
                self.backlog_chars
                    .set(self.backlog_chars.get().saturating_sub(text.len()));
                match wire::parse(text) {
                    Ok(Parsed::Whole(message)) => WorkerEvent::Message(message),
                    Ok(Parsed::Sliced(frame)) => {
                        self.partial.replace(Some(frame));
                        return self.next_slice();
                    }
                    Err(error) => unreadable(&error),
                }
            }
            Received::Failed(message) => WorkerEvent::Failed(message),
            Received::Overflowed => WorkerEvent::Overflowed,
        })
    }

    /// The next slice of the long frame being read, if any: [`WorkerEvent::Events`], or the
    /// frame itself with its last events.
    fn next_slice(&self) -> Option<WorkerEvent> {
        let mut partial = self.partial.borrow_mut();
        let frame = partial.as_mut()?;
        Some(match frame.next_slice(SLICE_EVENTS) {
            Ok(events) if frame.is_done() => {
                let status = frame.status;
                let number = frame.frame;
                *partial = None;
                WorkerEvent::Message(FromWorker::Frame {
                    frame: number,
                    status,
                    events,
                })
            }
            Ok(events) => WorkerEvent::Events {
                frame: frame.frame,
                events,
            },
            Err(error) => {
                *partial = None;
                unreadable(&error)
            }
        })
    }
}

/// What a worker's `error` or `messageerror` event means for the page.
fn failure(event: &Event) -> Received {
    Received::Failed(match event.dyn_ref::<ErrorEvent>() {
        Some(error) if !error.message().is_empty() => error.message(),
        _ if event.type_() == "messageerror" => {
            "a message from the worker could not be received".to_owned()
        }
        _ => "the worker could not be loaded or stopped with an error".to_owned(),
    })
}

/// The report of a message that does not read.
fn unreadable(error: &serde_json::Error) -> WorkerEvent {
    WorkerEvent::Failed(format!("the worker sent an unreadable message: {error}"))
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        self.terminate();
    }
}
