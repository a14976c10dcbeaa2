//! Helpers shared by the wasm tests (`tests/wasm_*.rs`, included with `#[path]`): a worker
//! [`Pump`] whose messages are collected instead of posted, and waiting in the browser.

#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;

use tickscope::ClockKind;
use tickscope::protocol::{FileEntry, FromWorker, LoopState, ToWorker};
use tickscope::trace::{EventKind, TraceEvent};
use tickscope::web::worker::{Pump, Sink};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The messages a pump posted, in order.
pub type Messages = Rc<RefCell<Vec<FromWorker>>>;

/// A pump for the current global scope whose messages go to the returned list.
pub fn pump() -> (Rc<Pump>, Messages) {
    let messages: Messages = Rc::default();
    let collected = Rc::clone(&messages);
    let sink: Sink = Rc::new(move |message: &FromWorker| {
        // Every message must survive the trip through JSON that postMessage makes.
        let json = message.to_json().expect("the message encodes");
        let back = FromWorker::from_json(&json).expect("the message decodes");
        collected.borrow_mut().push(back);
    });
    (Pump::new(sink), messages)
}

/// Resolves after `ms` milliseconds of real time (`setTimeout` on the global scope).
pub async fn sleep(ms: f64) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let set_timeout = js_sys::Reflect::get(&js_sys::global(), &"setTimeout".into())
            .expect("a setTimeout")
            .unchecked_into::<js_sys::Function>();
        set_timeout
            .call2(&JsValue::UNDEFINED, &resolve, &JsValue::from_f64(ms))
            .expect("setTimeout works");
    });
    JsFuture::from(promise).await.expect("the timer resolves");
}

/// Real time in milliseconds (`performance.now()`).
pub fn now() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .expect("a performance object")
        .unchecked_into::<web_sys::Performance>();
    performance.now()
}

/// Whether `message` ends a run: a frame in state `idle`, or a load error.
pub fn is_final(message: &FromWorker) -> bool {
    matches!(
        message,
        FromWorker::Frame { status, .. } if status.state == LoopState::Idle
    ) || matches!(message, FromWorker::LoadError { .. })
}

/// Waits until `done` holds for the messages so far, at most `timeout_ms` of real time.
pub async fn wait_for(messages: &Messages, timeout_ms: f64, done: impl Fn(&[FromWorker]) -> bool) {
    let started = now();
    while !done(&messages.borrow()) {
        assert!(
            now() - started < timeout_ms,
            "gave up after {timeout_ms} ms; messages so far: {:#?}",
            messages.borrow()
        );
        sleep(5.0).await;
    }
}

/// Waits until the run ends (see [`is_final`]).
pub async fn wait_idle(messages: &Messages, timeout_ms: f64) {
    wait_for(messages, timeout_ms, |messages| {
        messages.last().is_some_and(is_final)
    })
    .await;
}

/// A run through a pump, to its end.
pub struct Run {
    /// Every message the pump posted.
    pub messages: Vec<FromWorker>,
    /// How long it took, in real milliseconds.
    pub took: f64,
}

impl Run {
    /// Every trace event of every message, in order.
    pub fn events(&self) -> Vec<TraceEvent> {
        events_of(&self.messages)
    }

    /// What the run printed: console lines, uncaught errors, unhandled rejections and
    /// runtime-limit stops, in order.
    pub fn lines(&self) -> Vec<String> {
        lines_of(&self.events())
    }

    /// The frame messages.
    pub fn frames(&self) -> Vec<&FromWorker> {
        self.messages
            .iter()
            .filter(|message| matches!(message, FromWorker::Frame { .. }))
            .collect()
    }
}

/// The trace events carried by `messages`.
pub fn events_of(messages: &[FromWorker]) -> Vec<TraceEvent> {
    messages
        .iter()
        .flat_map(|message| match message {
            FromWorker::Frame { events, .. } | FromWorker::LoadError { events, .. } => {
                events.clone()
            }
            _ => Vec::new(),
        })
        .collect()
}

/// What `events` printed (see [`Run::lines`]).
pub fn lines_of(events: &[TraceEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::Console { text, .. } => Some(text.clone()),
            EventKind::UncaughtError { message, .. }
            | EventKind::UnhandledRejection { message, .. }
            | EventKind::RuntimeLimit { message } => Some(message.clone()),
            _ => None,
        })
        .collect()
}

/// Runs a classic script through a fresh pump and waits for its end (at most `timeout_ms`).
pub async fn run_script(source: &str, clock: ClockKind, timeout_ms: f64) -> Run {
    run_with(source, false, clock, Vec::new(), timeout_ms).await
}

/// Runs `source` (a module when `module` is set) with `files` through a fresh pump and waits
/// for its end (at most `timeout_ms`).
pub async fn run_with(
    source: &str,
    module: bool,
    clock: ClockKind,
    files: Vec<FileEntry>,
    timeout_ms: f64,
) -> Run {
    let (pump, messages) = pump();
    let started = now();
    pump.handle(ToWorker::Run {
        source: source.to_owned(),
        module,
        clock,
        seed: None,
        start_time: None,
        files,
        paused: false,
        budget_ms: None,
    });
    wait_idle(&messages, timeout_ms).await;
    let took = now() - started;
    let messages = messages.borrow().clone();
    Run { messages, took }
}

/// A file for [`ToWorker::Run`].
pub fn file(name: &str, text: &str) -> FileEntry {
    FileEntry {
        name: name.to_owned(),
        text: text.to_owned(),
    }
}

/// Both clocks, the virtual one first.
pub const CLOCKS: [ClockKind; 2] = [ClockKind::Virtual, ClockKind::Real];
