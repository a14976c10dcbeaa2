//! The playground's worker in headless Chrome, inside a dedicated Web Worker as in the
//! playground: the pump's frames (one message per animation frame, all events of the frame,
//! the loop's status), pacing under both clocks, paused runs with Step and Resume, REPL lines in
//! the live context, load errors, bad messages, and runaway recursion.
//!
//! Run with `scripts/test wasm` (see README.md, "Testing your code in the browser").
#![cfg(target_arch = "wasm32")]

#[path = "support/wasm.rs"]
mod support;

use std::cell::RefCell;
use std::rc::Rc;

use support::{CLOCKS, events_of, lines_of, pump, run_script, sleep, wait_for, wait_idle};
use tickscope::ClockKind;
use tickscope::protocol::{FromWorker, LoopState, ToWorker};
use tickscope::trace::{EventKind, TaskSource};
use tickscope::web::host::BrowserHost;
use tickscope::web::session::{Session, Wake};
use tickscope::web::worker::{Ticker, UNREAD_FRAMES, error_listener};
use tickscope::{Runtime, RuntimeOptions, StepOutcome};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_dedicated_worker);

fn run_message(source: &str, clock: ClockKind, paused: bool) -> ToWorker {
    ToWorker::Run {
        source: source.to_owned(),
        module: false,
        clock,
        seed: None,
        start_time: None,
        files: Vec::new(),
        paused,
        budget_ms: None,
    }
}

fn frame_state(message: &FromWorker) -> Option<LoopState> {
    match message {
        FromWorker::Frame { status, .. } => Some(status.state),
        _ => None,
    }
}

#[wasm_bindgen_test]
fn the_worker_paces_frames_with_its_own_animation_frames() {
    let (pump, _) = pump();
    assert_eq!(pump.ticker(), Ticker::AnimationFrame);
    assert_eq!(pump.ticker().name(), "animation_frame");
}

#[wasm_bindgen_test]
async fn each_frame_carries_its_events_and_the_last_is_idle() {
    for clock in CLOCKS {
        let run = run_script(
            r#"
            console.log("script start");
            setTimeout(() => console.log("timeout 30"), 30);
            setTimeout(() => console.log("timeout 0"), 0);
            Promise.resolve().then(() => console.log("microtask"));
            console.log("script end");
            "#,
            clock,
            5_000.0,
        )
        .await;
        assert_eq!(
            run.lines(),
            [
                "script start",
                "script end",
                "microtask",
                "timeout 0",
                "timeout 30"
            ],
            "{clock:?}"
        );
        let frames = run.frames();
        assert_eq!(frames.len(), run.messages.len(), "only frames: {clock:?}");
        for (index, message) in frames.iter().enumerate() {
            let FromWorker::Frame {
                frame,
                status,
                events,
            } = message
            else {
                unreachable!();
            };
            // Numbered from 1, one message per animation frame, each recording one frame
            // marker, first (after what the run queued before its first frame).
            assert_eq!(*frame, index as u64 + 1, "{clock:?}");
            let markers: Vec<usize> = events
                .iter()
                .enumerate()
                .filter(|(_, event)| matches!(event.kind, EventKind::Frame { .. }))
                .map(|(position, _)| position)
                .collect();
            let expected_at = if index == 0 { 1 } else { 0 };
            assert_eq!(
                markers,
                [expected_at],
                "{clock:?}: frame {frame}: {events:#?}"
            );
            let last = index + 1 == frames.len();
            assert_eq!(
                status.state == LoopState::Idle,
                last,
                "{clock:?}: {status:?}"
            );
        }
        // The script's task was queued when the run started and ran in the first frame.
        let events = run.events();
        assert!(matches!(
            events.first().map(|event| &event.kind),
            Some(EventKind::TaskQueued {
                source: TaskSource::Script { .. },
                ..
            })
        ));
    }
}

#[wasm_bindgen_test]
async fn under_the_real_clock_a_distant_timer_is_waited_for_without_spinning_frames() {
    let run = run_script(
        "setTimeout(() => console.log('late'), 400); console.log('now');",
        ClockKind::Real,
        5_000.0,
    )
    .await;
    assert_eq!(run.lines(), ["now", "late"]);
    assert!(run.took >= 395.0, "took {} ms", run.took);
    // 400 ms of animation frames would be 24 frames; the worker sleeps instead and wakes a
    // frame or so before the timer is due.
    let frames = run.frames();
    assert!(frames.len() <= 8, "{} frames: {frames:#?}", frames.len());
    let waiting = frames
        .iter()
        .find(|message| frame_state(message) == Some(LoopState::Waiting))
        .expect("a frame that waits for the timer");
    let FromWorker::Frame { status, .. } = waiting else {
        unreachable!();
    };
    assert_eq!(status.pending.timers, 1);
    let due = status.next_due_ms.expect("when the timer is due");
    assert!((399.0..=420.0).contains(&due), "due at {due}");
    // The line printed after its time.
    let printed = run
        .events()
        .into_iter()
        .find(|event| matches!(&event.kind, EventKind::Console { text, .. } if text == "late"))
        .expect("the late line");
    assert!(printed.time >= 400.0, "{}", printed.time);
}

#[wasm_bindgen_test]
async fn under_the_virtual_clock_time_jumps_and_frames_run_back_to_back() {
    let run = run_script(
        "setTimeout(() => console.log('an hour later', Math.floor(performance.now())), 3600000);",
        ClockKind::Virtual,
        5_000.0,
    )
    .await;
    assert_eq!(run.lines(), ["an hour later 3600000"]);
    assert!(run.took < 2_000.0, "took {} ms", run.took);
}

#[wasm_bindgen_test]
async fn a_long_microtask_flood_is_sliced_across_frames_in_order() {
    let (pump, messages) = pump();
    pump.handle(ToWorker::Run {
        source: r#"
            let n = 0;
            setTimeout(() => console.log("timer after", n), 0);
            function next() { if (++n < 30000) queueMicrotask(next); }
            queueMicrotask(next);
        "#
        .to_owned(),
        module: false,
        clock: ClockKind::Virtual,
        seed: None,
        start_time: None,
        files: Vec::new(),
        paused: false,
        budget_ms: Some(2.0),
    });
    wait_idle(&messages, 60_000.0).await;
    let messages = messages.borrow();
    assert_eq!(lines_of(&events_of(&messages)), ["timer after 30000"]);
    let busy = messages
        .iter()
        .filter(|message| frame_state(message) == Some(LoopState::Busy))
        .count();
    assert!(busy >= 2, "the flood took {busy} busy frames");
}

#[wasm_bindgen_test]
async fn a_paused_run_moves_one_step_at_a_time_then_resumes() {
    let (pump, messages) = pump();
    pump.handle(run_message(
        r#"
        console.log("script");
        Promise.resolve().then(() => console.log("microtask 1")).then(() => console.log("microtask 2"));
        setTimeout(() => console.log("timer"), 10);
        "#,
        ClockKind::Virtual,
        true,
    ));
    {
        let messages = messages.borrow();
        assert_eq!(messages.len(), 1, "{messages:#?}");
        assert_eq!(frame_state(&messages[0]), Some(LoopState::Paused));
        assert!(matches!(
            events_of(&messages)[0].kind,
            EventKind::TaskQueued { .. }
        ));
    }
    // Nothing runs by itself while paused.
    sleep(60.0).await;
    assert_eq!(messages.borrow().len(), 1);
    assert!(!pump.is_scheduled());

    // The script's own code, then one microtask per step.
    let expected_after_each_step = [vec!["script"], vec!["microtask 1"], vec!["microtask 2"]];
    for expected in expected_after_each_step {
        let before = messages.borrow().len();
        pump.handle(ToWorker::Step);
        let messages = messages.borrow();
        assert_eq!(messages.len(), before + 1);
        assert_eq!(frame_state(&messages[before]), Some(LoopState::Paused));
        assert_eq!(lines_of(&events_of(&messages[before..])), expected);
    }
    pump.handle(ToWorker::Resume);
    wait_idle(&messages, 5_000.0).await;
    let messages = messages.borrow();
    assert_eq!(
        lines_of(&events_of(&messages)),
        ["script", "microtask 1", "microtask 2", "timer"]
    );
}

#[wasm_bindgen_test]
async fn stepping_to_the_end_reaches_idle() {
    let (pump, messages) = pump();
    pump.handle(run_message(
        "setTimeout(() => console.log('t'), 5); console.log('s');",
        ClockKind::Virtual,
        true,
    ));
    for _ in 0..20 {
        pump.handle(ToWorker::Step);
        if messages.borrow().last().is_some_and(support::is_final) {
            break;
        }
    }
    let messages = messages.borrow();
    assert!(messages.last().is_some_and(support::is_final));
    assert_eq!(lines_of(&events_of(&messages)), ["s", "t"]);
}

#[wasm_bindgen_test]
fn step_and_resume_without_a_paused_run_are_invalid() {
    let (pump, messages) = pump();
    pump.handle(ToWorker::Step);
    pump.handle(ToWorker::Resume);
    pump.handle(run_message("1", ClockKind::Virtual, false));
    pump.handle(ToWorker::Step);
    let messages = messages.borrow();
    let invalid: Vec<&str> = messages
        .iter()
        .filter_map(|message| match message {
            FromWorker::Invalid { message } => Some(message.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        invalid,
        [
            "step: there is no run",
            "resume: there is no run",
            "step: the run is not paused"
        ]
    );
}

#[wasm_bindgen_test]
fn bad_messages_are_answered_with_invalid() {
    let (pump, messages) = pump();
    pump.handle_json("{\"type\":\"launch\"}");
    pump.handle_json("not json");
    pump.handle_json(r#"{"type":"eval","id":3,"line":"6 * 7"}"#);
    let messages = messages.borrow();
    assert!(matches!(&messages[0], FromWorker::Invalid { message } if message.contains("launch")));
    assert!(matches!(&messages[1], FromWorker::Invalid { .. }));
    // The line ran as a task of its own (a frame with its events), then the result.
    assert!(
        matches!(&messages[2], FromWorker::Frame { events, .. } if matches!(
            events.first().map(|event| &event.kind),
            Some(EventKind::TaskStart { source: TaskSource::Eval, .. })
        ))
    );
    assert_eq!(
        messages[3],
        FromWorker::EvalResult {
            id: 3,
            text: "42".to_owned(),
            thrown: false
        }
    );
}

#[wasm_bindgen_test]
async fn eval_runs_in_the_live_context_after_the_run_went_idle() {
    let (pump, messages) = pump();
    pump.handle(run_message(
        "var counter = 40; function bump() { counter += 1; console.log('bumped'); return counter; }",
        ClockKind::Virtual,
        false,
    ));
    wait_idle(&messages, 5_000.0).await;
    let before = messages.borrow().len();
    pump.handle(ToWorker::Eval {
        id: 1,
        line: "bump() + 1".to_owned(),
    });
    pump.handle(ToWorker::Eval {
        id: 2,
        line: "({ counter })".to_owned(),
    });
    pump.handle(ToWorker::Eval {
        id: 3,
        line: "throw new TypeError('nope')".to_owned(),
    });
    pump.handle(ToWorker::Eval {
        id: 4,
        line: "let = ;".to_owned(),
    });
    let messages = messages.borrow();
    let after = &messages[before..];
    // The line's console output comes in a frame before its result.
    assert_eq!(lines_of(&events_of(&after[..1])), ["bumped"]);
    let results: Vec<(u64, String, bool)> = after
        .iter()
        .filter_map(|message| match message {
            FromWorker::EvalResult { id, text, thrown } => Some((*id, text.clone(), *thrown)),
            _ => None,
        })
        .collect();
    assert_eq!(results[0], (1, "42".to_owned(), false));
    assert_eq!(results[1], (2, "{ counter: 41 }".to_owned(), false));
    assert_eq!(results[2], (3, "Uncaught TypeError: nope".to_owned(), true));
    assert_eq!(results[3].0, 4);
    assert!(
        results[3].1.starts_with("Uncaught SyntaxError"),
        "{:?}",
        results[3]
    );
    assert!(results[3].2);
}

#[wasm_bindgen_test]
async fn eval_while_a_timer_is_pending_and_a_line_that_queues_work_restarts_the_pump() {
    let (pump, messages) = pump();
    pump.handle(run_message(
        "setTimeout(() => console.log('timer 300'), 300);",
        ClockKind::Real,
        false,
    ));
    wait_for(&messages, 5_000.0, |messages| {
        messages
            .iter()
            .any(|message| frame_state(message) == Some(LoopState::Waiting))
    })
    .await;
    pump.handle(ToWorker::Eval {
        id: 9,
        line: "setTimeout(() => console.log('from the repl'), 0); 'queued'".to_owned(),
    });
    assert!(messages.borrow().iter().any(|message| matches!(
        message,
        FromWorker::EvalResult { id: 9, text, thrown: false } if text == "'queued'"
    )));
    wait_idle(&messages, 5_000.0).await;
    assert_eq!(
        lines_of(&events_of(&messages.borrow())),
        ["from the repl", "timer 300"]
    );
    // And once idle, a line that starts a timer starts the frames again.
    pump.handle(ToWorker::Eval {
        id: 10,
        line: "setTimeout(() => console.log('again'), 20)".to_owned(),
    });
    let count = messages.borrow().len();
    wait_for(&messages, 5_000.0, |messages| {
        messages.len() > count && messages.last().is_some_and(support::is_final)
    })
    .await;
    assert_eq!(
        lines_of(&events_of(&messages.borrow()))
            .last()
            .map(String::as_str),
        Some("again")
    );
}

#[wasm_bindgen_test]
fn eval_without_a_run_uses_a_fresh_context() {
    let (pump, messages) = pump();
    pump.handle(ToWorker::Eval {
        id: 1,
        line: "typeof setTimeout + ' ' + [1, 2, 3].map((n) => n * 2)".to_owned(),
    });
    assert_eq!(
        messages.borrow().last(),
        Some(&FromWorker::EvalResult {
            id: 1,
            text: "'function 2,4,6'".to_owned(),
            thrown: false
        })
    );
}

#[wasm_bindgen_test]
fn a_syntax_error_is_a_load_error_with_its_line_and_column() {
    let (pump, messages) = pump();
    pump.handle(run_message(
        "console.log(1);\nlet x = ;\n",
        ClockKind::Virtual,
        false,
    ));
    let messages = messages.borrow();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    let FromWorker::LoadError {
        message,
        line,
        column,
        events,
    } = &messages[0]
    else {
        panic!("expected a load error: {messages:#?}");
    };
    assert!(message.starts_with("SyntaxError: "), "{message}");
    assert_eq!(*line, Some(2));
    assert!(column.is_some());
    assert!(
        lines_of(events)
            .iter()
            .any(|line| line.starts_with("Uncaught SyntaxError")),
        "{events:#?}"
    );
    assert!(!pump.is_running());
}

#[wasm_bindgen_test]
async fn modules_run_with_top_level_await() {
    let run = support::run_with(
        r#"
        import { sleep } from "timer";
        console.log("before");
        await sleep(20);
        console.log("after", performance.now() >= 20);
        "#,
        true,
        ClockKind::Real,
        Vec::new(),
        5_000.0,
    )
    .await;
    assert_eq!(run.lines(), ["before", "after true"]);
}

#[wasm_bindgen_test]
async fn a_new_run_drops_the_old_one() {
    let (pump, messages) = pump();
    pump.handle(run_message(
        "setTimeout(() => console.log('old run'), 100); setInterval(() => {}, 5);",
        ClockKind::Real,
        false,
    ));
    sleep(30.0).await;
    pump.handle(run_message(
        "setTimeout(() => console.log('new run'), 150);",
        ClockKind::Real,
        false,
    ));
    let first_of_new = messages.borrow().len();
    wait_idle(&messages, 5_000.0).await;
    let messages = messages.borrow();
    assert_eq!(lines_of(&events_of(&messages[first_of_new..])), ["new run"]);
    assert!(!lines_of(&events_of(&messages)).contains(&"old run".to_owned()));
}

/// Recursion through each kind of native callback, stopped by a recursion limit low enough for
/// the browser's stack (the worker's own limit is the engine's 10 000, which the browser's stack
/// does not reach through native callbacks: see `tickscope::web`): each ends its task with
/// Chrome's RangeError, and the loop goes on.
#[wasm_bindgen_test]
fn recursion_through_native_callbacks_ends_with_a_range_error_at_the_limit() {
    let cases = [
        "[0].map(function f() { return [0].map(f); })",
        "'a'.replace(/a/, function f() { return 'a'.replace(/a/, f); })",
        "'a'.replaceAll(/a/g, function f() { return 'a'.replaceAll(/a/g, f); })",
        "JSON.parse('[1]', function f() { return JSON.parse('[1]', f); })",
        "JSON.stringify({ toJSON() { return JSON.stringify(this); } })",
        "({ get x() { return this.x; } }).x",
        "[2, 1].sort(function f() { return [2, 1].sort(f), 0; })",
        "Array.from({ [Symbol.iterator]() { return { next: () => (Array.from(this), { done: true }) }; } })",
        "`${{ toString: function f() { return `${{ toString: f }}`; } }}`",
        "new Proxy({}, { get(target, key, receiver) { return receiver.x; } }).x",
        "(function f() { return f.call(null); })()",
        "(function f() { return Reflect.apply(f, null, []); })()",
        "new Promise(function f() { new Promise(f); })",
    ];
    for case in cases {
        let options = RuntimeOptions {
            recursion_limit: 150,
            ..tickscope::web::session::runtime_options(ClockKind::Virtual, None, None)
        };
        let mut runtime = Runtime::new(options, Rc::new(BrowserHost::new())).expect("a runtime");
        runtime
            .load_script(
                "main.js",
                &format!("setTimeout(() => console.log('next'), 0);\n{case};"),
            )
            .expect("it loads");
        for _ in 0..100 {
            if runtime.run_for(1_000.0) == StepOutcome::Idle {
                break;
            }
        }
        assert_eq!(
            lines_of(&runtime.take_events()),
            [
                "Uncaught RangeError: Maximum call stack size exceeded",
                "next"
            ],
            "{case}"
        );
    }
}

#[wasm_bindgen_test]
async fn recursion_through_native_callbacks_a_hundred_levels_deep_works() {
    let run = run_script(
        r#"
        let depth = 0;
        [0].map(function f() { if (++depth < 100) [0].map(f); });
        console.log("map", depth);
        depth = 0;
        "a".replace(/a/, function f() { if (++depth < 100) "a".replace(/a/, f); return ""; });
        console.log("replace", depth);
        depth = 0;
        const o = { get x() { return ++depth < 100 ? this.x : depth; } };
        console.log("getter", o.x);
        "#,
        ClockKind::Virtual,
        10_000.0,
    )
    .await;
    assert_eq!(run.lines(), ["map 100", "replace 100", "getter 100"]);
}

#[wasm_bindgen_test]
fn the_error_listener_posts_one_crash_report() {
    let posted: Rc<RefCell<Vec<String>>> = Rc::default();
    let record = Rc::clone(&posted);
    let post =
        Closure::<dyn FnMut(String)>::new(move |text: String| record.borrow_mut().push(text));
    let listener = error_listener(post.as_ref().unchecked_ref()).expect("the listener");
    let event = js_sys::Object::new();
    js_sys::Reflect::set(
        &event,
        &"message".into(),
        &"Uncaught RangeError: Maximum call stack size exceeded".into(),
    )
    .expect("an event");
    listener
        .call1(&JsValue::UNDEFINED, &event)
        .expect("it runs");
    listener
        .call1(&JsValue::UNDEFINED, &event)
        .expect("it runs");
    js_sys::Reflect::delete_property(
        &js_sys::global().unchecked_into::<js_sys::Object>(),
        &"__tickscopeCrashed".into(),
    )
    .expect("the flag is cleared");
    let posted = posted.borrow();
    assert_eq!(posted.len(), 1, "{posted:?}");
    let FromWorker::Crashed { message } = FromWorker::from_json(&posted[0]).expect("a message")
    else {
        panic!("not a crash report: {}", posted[0]);
    };
    assert!(
        message.starts_with(
            "Uncaught RangeError: Maximum call stack size exceeded (the engine's native stack"
        ),
        "{message}"
    );
}

#[wasm_bindgen_test]
async fn plain_recursion_5000_deep_works_and_endless_recursion_stops() {
    let run = run_script(
        r#"
        function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
        console.log(depth(5000));
        const sum = (n) => (n === 0 ? 0 : n + sum(n - 1));
        setTimeout(() => console.log(sum(5000)), 0);
        setTimeout(() => { (function forever() { forever(); })(); }, 1);
        setTimeout(() => console.log("still running"), 2);
        "#,
        ClockKind::Virtual,
        30_000.0,
    )
    .await;
    assert_eq!(
        run.lines(),
        [
            "5000",
            "12502500",
            "Uncaught RangeError: Maximum call stack size exceeded",
            "still running"
        ]
    );
}

#[wasm_bindgen_test]
fn the_worker_runtime_has_the_documented_recursion_limit() {
    let options = tickscope::web::session::runtime_options(ClockKind::Real, None, None);
    assert_eq!(options.recursion_limit, tickscope::DEFAULT_RECURSION_LIMIT);
    assert_eq!(options.trace, tickscope::TraceMode::Full);
}

#[wasm_bindgen_test]
fn a_session_says_what_to_wait_for() {
    let host = Rc::new(BrowserHost::new());
    let mut session = Session::new(
        tickscope::web::session::runtime_options(ClockKind::Real, None, None),
        None,
        host,
    )
    .expect("a session");
    assert_eq!(session.wake(), Wake::Nothing);
    session
        .load("setTimeout(() => {}, 5000)", false)
        .expect("it loads");
    assert_eq!(session.wake(), Wake::Frame);
    let FromWorker::Frame { status, .. } = session.frame() else {
        panic!("a frame");
    };
    assert_eq!(status.state, LoopState::Waiting);
    match session.wake() {
        Wake::After(ms) => assert!((4_900.0..5_000.0).contains(&ms), "{ms}"),
        other => panic!("expected a sleep, got {other:?}"),
    }
    session.set_paused(true);
    assert_eq!(session.wake(), Wake::Nothing);
}

#[wasm_bindgen_test]
async fn the_warm_up_posts_nothing_and_the_first_run_after_it_is_as_usual() {
    let (pump, messages) = pump();
    pump.warm_up();
    assert!(pump.is_warming_up());
    sleep(300.0).await;
    assert!(!pump.is_warming_up(), "the warm-up is done");
    assert!(
        messages.borrow().is_empty(),
        "the warm-up posted {:#?}",
        messages.borrow()
    );
    pump.handle(run_message(
        "console.log('first'); setTimeout(() => console.log('second'), 0);",
        ClockKind::Virtual,
        false,
    ));
    wait_idle(&messages, 5_000.0).await;
    let events = events_of(&messages.borrow());
    assert_eq!(lines_of(&events), ["first", "second"]);
    assert_eq!(
        events.first().map(|event| event.seq),
        Some(0),
        "a trace of its own"
    );
}

#[wasm_bindgen_test]
async fn a_run_during_the_warm_up_ends_it_and_runs_as_usual() {
    let (pump, messages) = pump();
    pump.warm_up();
    pump.handle(run_message(
        "console.log('first'); setTimeout(() => console.log('second'), 0);",
        ClockKind::Virtual,
        false,
    ));
    assert!(!pump.is_warming_up(), "the run ends the warm-up");
    wait_idle(&messages, 5_000.0).await;
    let events = events_of(&messages.borrow());
    assert_eq!(lines_of(&events), ["first", "second"]);
    assert_eq!(events.first().map(|event| event.seq), Some(0));
    pump.warm_up();
    assert!(!pump.is_warming_up(), "no warm-up once a run exists");
}

#[wasm_bindgen_test]
async fn once_the_page_says_what_it_read_the_pump_keeps_its_pace() {
    let frames = |messages: &support::Messages| {
        messages
            .borrow()
            .iter()
            .filter(|message| matches!(message, FromWorker::Frame { .. }))
            .count()
    };
    let (pump, messages) = pump();
    // An endless microtask chain: a frame every animation frame, for ever.
    pump.handle(run_message(
        "function f() { queueMicrotask(f) } f();",
        ClockKind::Virtual,
        false,
    ));
    sleep(150.0).await;
    let unpaced = frames(&messages);
    assert!(
        unpaced > 3,
        "without the page's word, frames come freely ({unpaced})"
    );
    assert!(!pump.is_held());

    // The page has read one frame: now at most UNREAD_FRAMES may be unread.
    pump.handle(ToWorker::FrameRead);
    sleep(150.0).await;
    assert!(pump.is_held(), "the pump waits for the page");
    let held = frames(&messages);
    sleep(150.0).await;
    assert_eq!(frames(&messages), held, "no frame while the page is behind");

    // Reading all but the window lets exactly the frames the window has room for run.
    let unread = held as u64 - 1;
    for _ in 0..unread - UNREAD_FRAMES + 1 {
        pump.handle(ToWorker::FrameRead);
    }
    sleep(150.0).await;
    assert_eq!(frames(&messages), held + 1, "one frame for one more read");
    assert!(pump.is_held());
}
