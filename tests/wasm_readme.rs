//! The example of README.md ("Testing your code in the browser"), verbatim: keep the two in step.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use tickscope::trace::EventKind;
use tickscope::web::host::BrowserHost;
use tickscope::{ClockKind, Runtime, RuntimeOptions, StepOutcome, TraceMode};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_timer_prints_after_the_microtask_at_virtual_time_1000() {
    let options = RuntimeOptions {
        clock: ClockKind::Virtual,
        trace: TraceMode::Full,
        ..Default::default()
    };
    let mut runtime = Runtime::new(options, Rc::new(BrowserHost::new())).expect("a runtime");
    runtime
        .load_script(
            "main.js",
            "setTimeout(() => console.log('timer'), 1000);
             Promise.resolve().then(() => console.log('microtask'));",
        )
        .expect("the snippet parses");

    // Pump the loop as the worker does, a few milliseconds at a time, until it is idle.
    let mut events = Vec::new();
    while runtime.run_for(10.0) != StepOutcome::Idle {
        events.extend(runtime.take_events());
    }
    events.extend(runtime.take_events());

    // The console output, with the virtual time of each line: no real second was waited.
    let console: Vec<(f64, &str)> = events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::Console { text, .. } => Some((event.time.round(), text.as_str())),
            _ => None,
        })
        .collect();
    // (Running the script itself took a few virtual microseconds: rounded away here.)
    assert_eq!(console, [(0.0, "microtask"), (1000.0, "timer")]);

    // The trace: the timer was set for 1000 ms, then fired.
    let set = events
        .iter()
        .position(|e| matches!(e.kind, EventKind::TimerSet { delay, .. } if delay == 1000.0));
    let fired = events
        .iter()
        .position(|e| matches!(e.kind, EventKind::TimerFired { .. }));
    assert!(set < fired && set.is_some());
}

#[wasm_bindgen_test]
fn a_debounced_call_runs_once_after_the_quiet_period() {
    let options = RuntimeOptions {
        clock: ClockKind::Virtual,
        ..Default::default()
    };
    let mut runtime = Runtime::new(options, Rc::new(BrowserHost::new())).expect("a runtime");
    runtime
        .load_script(
            "debounce.js",
            "let timer;
             const debounced = () => { clearTimeout(timer); timer = setTimeout(() => console.log('saved'), 100); };
             debounced(); setTimeout(debounced, 50);",
        )
        .expect("the snippet parses");

    runtime.advance_clock(120.0).expect("a virtual clock");
    assert_eq!(
        runtime.pending_timers(),
        1,
        "the second call restarted the wait"
    );
    runtime.advance_clock(40.0).expect("a virtual clock");
    let saved = runtime
        .take_events()
        .into_iter()
        .filter(|event| matches!(&event.kind, EventKind::Console { text, .. } if text == "saved"))
        .count();
    assert_eq!(saved, 1);
    assert_eq!(runtime.pending_timers(), 0);
}
