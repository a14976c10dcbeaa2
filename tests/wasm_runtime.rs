//! tickscope's core running in a real browser: headless Chrome through wasm-bindgen-test.
//!
//! Run with `scripts/test`, or `wasm-pack test --headless --chrome` where rustup has the wasm32 target
//! (see README.md, "Testing your own snippets in the browser").
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use tickscope::host::Host;
use tickscope::protocol::{FromWorker, LoopState};
use tickscope::trace::{EventKind, TraceEvent};
use tickscope::web::host::BrowserHost;
use tickscope::web::session::{Session, runtime_options};
use tickscope::{ClockKind, Runtime, RuntimeOptions, StepOutcome, TraceMode};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Runs `source` under the virtual clock until the loop is idle and returns every trace event.
fn run_virtual(source: &str) -> Vec<TraceEvent> {
    let options = RuntimeOptions {
        clock: ClockKind::Virtual,
        trace: TraceMode::Full,
        ..Default::default()
    };
    let mut runtime = Runtime::new(options, Rc::new(BrowserHost::new())).expect("a runtime");
    runtime
        .load_script("main.js", source)
        .expect("the snippet loads");
    let mut events = Vec::new();
    for _ in 0..1_000 {
        let outcome = runtime.run_for(50.0);
        events.extend(runtime.take_events());
        if matches!(outcome, StepOutcome::Idle) {
            return events;
        }
    }
    panic!("the loop did not go idle");
}

/// The console lines among `events`, with the (virtual) time each was printed at.
fn console_lines(events: &[TraceEvent]) -> Vec<(String, f64)> {
    events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::Console { text, .. } => Some((text.clone(), event.time)),
            _ => None,
        })
        .collect()
}

#[wasm_bindgen_test]
fn tasks_microtasks_and_timers_run_in_browser_order_under_the_virtual_clock() {
    let events = run_virtual(
        r#"
        console.log("script start");
        setTimeout(() => console.log("timeout 100"), 100);
        setTimeout(() => console.log("timeout 0"), 0);
        Promise.resolve().then(() => console.log("microtask 1")).then(() => console.log("microtask 2"));
        queueMicrotask(() => console.log("queueMicrotask"));
        (async () => { await null; console.log("after await"); })();
        console.log("script end");
        "#,
    );
    let lines = console_lines(&events);
    let texts: Vec<&str> = lines.iter().map(|(text, _)| text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "script start",
            "script end",
            "microtask 1",
            "queueMicrotask",
            "after await",
            "microtask 2",
            "timeout 0",
            "timeout 100",
        ]
    );
    // Virtual time jumped straight to the timer: it printed at exactly 100 ms of loop time.
    assert_eq!(lines[7].1, 100.0);
    // The trace saw the timers being set and firing.
    let fired = events
        .iter()
        .filter(|event| matches!(event.kind, EventKind::TimerFired { .. }))
        .count();
    assert_eq!(fired, 2);
}

#[wasm_bindgen_test]
fn a_syntax_error_is_reported_with_its_line() {
    let options = RuntimeOptions {
        clock: ClockKind::Virtual,
        ..Default::default()
    };
    let mut runtime = Runtime::new(options, Rc::new(BrowserHost::new())).expect("a runtime");
    let err = runtime
        .load_script("main.js", "console.log(1);\nlet = ;\n")
        .expect_err("a syntax error");
    assert!(err.to_string().contains('2'), "no line number in: {err}");
}

#[wasm_bindgen_test]
fn the_worker_session_posts_frames_until_idle() {
    let mut session = Session::new(
        runtime_options(ClockKind::Virtual, None, None),
        Some(6.0),
        Rc::new(BrowserHost::new()),
    )
    .expect("a session");
    session
        .load(
            "setTimeout(() => console.log('later'), 5000); console.log('now');",
            false,
        )
        .expect("the snippet loads");
    let mut texts = Vec::new();
    for _ in 0..100 {
        let FromWorker::Frame { events, status, .. } = session.frame() else {
            panic!("expected a frame");
        };
        texts.extend(console_lines(&events).into_iter().map(|(text, _)| text));
        if status.state == LoopState::Idle {
            break;
        }
    }
    assert_eq!(texts, ["now", "later"]);
}

#[wasm_bindgen_test]
fn the_browser_host_reads_the_browser_clocks() {
    let host = BrowserHost::new();
    let first = host.now_ms();
    let second = host.now_ms();
    assert!(second >= first);
    // Some time after 2020-01-01.
    assert!(host.epoch_ms() > 1_577_836_800_000.0);
}
