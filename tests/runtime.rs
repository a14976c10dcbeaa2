//! Integration tests of the library API: `Runtime` under both clocks, the trace it records,
//! queue replay, errors and runaway code, the REPL's `eval`, and the JSON and Chrome exports.
//!
//! Every expectation here is a value computed by running JavaScript on the engine and compared
//! with what the browser (or, for the REPL, Node) would give for the same snippet; ordering of
//! output lines as such is the differential corpus's job (`tests/corpus.rs`) and is not
//! repeated here.

#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;
use std::time::{Duration, Instant};

use serde_json::Value;
use tickscope::host::{Host, NullHost};
use tickscope::native::NativeHost;
use tickscope::trace::chrome::to_chrome_json;
use tickscope::trace::replay::{QueueSnapshot, Running};
use tickscope::trace::{
    ConsoleLevel, EventKind, Location, MicrotaskSource, TaskSource, TraceEvent, to_json,
};
use tickscope::{
    ClockKind, EvalOutcome, RunError, Runtime, RuntimeOptions, StepOutcome, TraceMode,
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn options(clock: ClockKind) -> RuntimeOptions {
    RuntimeOptions {
        clock,
        ..RuntimeOptions::default()
    }
}

fn runtime_with(options: RuntimeOptions, host: Rc<dyn Host>) -> Runtime {
    Runtime::new(options, host).expect("the runtime starts")
}

/// A runtime on the virtual clock with the full trace and no outside world.
fn virtual_runtime() -> Runtime {
    runtime_with(options(ClockKind::Virtual), Rc::new(NullHost))
}

/// Runs to idle, draining the events after every step (as the CLI and the worker do), and
/// returns every event of the run.
fn drain_to_idle(runtime: &mut Runtime) -> Vec<TraceEvent> {
    let mut events = runtime.take_events();
    let mut steps = 0u32;
    loop {
        let outcome = runtime.step();
        events.extend(runtime.take_events());
        if outcome == StepOutcome::Idle {
            return events;
        }
        runtime.wait(outcome);
        steps += 1;
        assert!(steps < 100_000, "the loop never went idle");
    }
}

/// Runs `source` as the script `name` to idle with `options` on `host`.
fn run_script_on(
    options: RuntimeOptions,
    host: Rc<dyn Host>,
    name: &str,
    source: &str,
) -> (Runtime, Vec<TraceEvent>) {
    let mut runtime = runtime_with(options, host);
    runtime
        .load_script(name, source)
        .expect("the script parses");
    let events = drain_to_idle(&mut runtime);
    (runtime, events)
}

/// Runs `source` as `trace.js` to idle under the virtual clock with the full trace.
fn run_virtual(source: &str) -> (Runtime, Vec<TraceEvent>) {
    run_script_on(
        options(ClockKind::Virtual),
        Rc::new(NullHost),
        "trace.js",
        source,
    )
}

fn console_lines(events: &[TraceEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::Console { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// Index of the first event matching `predicate`, with a readable failure.
fn position(events: &[TraceEvent], what: &str, predicate: impl Fn(&EventKind) -> bool) -> usize {
    events
        .iter()
        .position(|event| predicate(&event.kind))
        .unwrap_or_else(|| panic!("no {what} event in {:#?}", kinds(events)))
}

fn kinds(events: &[TraceEvent]) -> Vec<&EventKind> {
    events.iter().map(|event| &event.kind).collect()
}

fn console_at(events: &[TraceEvent], text: &str) -> usize {
    position(
        events,
        &format!("console '{text}'"),
        |kind| matches!(kind, EventKind::Console { text: t, .. } if t == text),
    )
}

fn uncaught_messages(events: &[TraceEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::UncaughtError { message, .. } => Some(message.clone()),
            _ => None,
        })
        .collect()
}

fn rejection_messages(events: &[TraceEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::UnhandledRejection { message, .. } => Some(message.clone()),
            _ => None,
        })
        .collect()
}

fn limit_messages(events: &[TraceEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::RuntimeLimit { message } => Some(message.clone()),
            _ => None,
        })
        .collect()
}

/// The `TimerSet` events of a run: (id, delay, due, repeat, nesting, by).
fn timer_sets(events: &[TraceEvent]) -> Vec<(u32, f64, f64, bool, u32, Option<Location>)> {
    events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::TimerSet {
                id,
                delay,
                due,
                repeat,
                nesting,
                by,
            } => Some((*id, *delay, *due, *repeat, *nesting, by.clone())),
            _ => None,
        })
        .collect()
}

/// The index of the `TaskStart` of the task running timer `id`, and of its `TaskEnd`.
fn timer_task_span(events: &[TraceEvent], id: u32) -> (usize, usize) {
    let start = position(
        events,
        &format!("TaskStart of timer {id}"),
        |kind| matches!(kind, EventKind::TaskStart { source: TaskSource::Timer { id: t }, .. } if *t == id),
    );
    let EventKind::TaskStart { task, .. } = events[start].kind else {
        unreachable!()
    };
    let end = start
        + events[start..]
            .iter()
            .position(|event| matches!(event.kind, EventKind::TaskEnd { task: t } if t == task))
            .expect("the timer's task ends");
    (start, end)
}

/// The index of the `TaskEnd` of the first script task.
fn script_end(events: &[TraceEvent]) -> usize {
    let start = position(events, "script TaskStart", |kind| {
        matches!(
            kind,
            EventKind::TaskStart {
                source: TaskSource::Script { .. },
                ..
            }
        )
    });
    let EventKind::TaskStart { task, .. } = events[start].kind else {
        unreachable!()
    };
    position(
        events,
        "script TaskEnd",
        |kind| matches!(kind, EventKind::TaskEnd { task: t } if *t == task),
    )
}

// ---------------------------------------------------------------------------------------------
// Clocks
// ---------------------------------------------------------------------------------------------

/// A program mixing timers, an interval, promises and `queueMicrotask`. Under the real clock a
/// timer created later that must fire before an earlier one has a margin of 50 ms or more
/// (tests/corpus/README.md), so a loaded machine does not reorder them.
const MIXED_PROGRAM: &str = r#"
console.log('sync start');
const start = performance.now();
setTimeout(() => console.log('t250, elapsed >= 250:', performance.now() - start >= 250), 250);
setTimeout(() => {
  console.log('t0');
  Promise.resolve().then(() => console.log('t0 microtask'));
  setTimeout(() => console.log('t0 + 80'), 80);
}, 0);
let ticks = 0;
const iv = setInterval(() => {
  ticks += 1;
  console.log('tick', ticks);
  if (ticks === 3) clearInterval(iv);
}, 10);
queueMicrotask(() => console.log('queued microtask'));
(async () => {
  await null;
  console.log('after await');
  await new Promise((resolve) => setTimeout(resolve, 150));
  console.log('after sleep 150');
})();
console.log('sync end');
"#;

#[test]
fn the_same_program_prints_the_same_lines_under_both_clocks() {
    let (_, virtual_events) = run_virtual(MIXED_PROGRAM);
    let (_, real_events) = run_script_on(
        options(ClockKind::Real),
        Rc::new(NativeHost::new()),
        "trace.js",
        MIXED_PROGRAM,
    );
    let virtual_lines = console_lines(&virtual_events);
    assert_eq!(
        virtual_lines,
        [
            "sync start",
            "sync end",
            "queued microtask",
            "after await",
            "t0",
            "t0 microtask",
            "tick 1",
            "tick 2",
            "tick 3",
            "t0 + 80",
            "after sleep 150",
            "t250, elapsed >= 250: true",
        ]
    );
    assert_eq!(console_lines(&real_events), virtual_lines);
}

#[test]
fn performance_now_and_date_now_follow_the_virtual_clock() {
    let source = r#"
        const p0 = performance.now();
        const d0 = Date.now();
        console.log('start', Math.floor(p0));
        setTimeout(() => {
          console.log('performance', Math.floor(performance.now() - p0));
          console.log('date', Date.now() - d0);
          console.log('new Date', new Date().getTime() - d0);
        }, 250);
    "#;
    let (runtime, events) = run_script_on(
        options(ClockKind::Virtual),
        Rc::new(NativeHost::new()),
        "clock.js",
        source,
    );
    assert_eq!(
        console_lines(&events),
        ["start 0", "performance 250", "date 250", "new Date 250"]
    );
    let at = console_at(&events, "performance 250");
    assert_eq!(events[at].time.floor(), 250.0);
    assert_eq!(runtime.now_ms().floor(), 250.0);
}

#[test]
fn date_starts_at_a_fixed_instant_under_the_virtual_clock() {
    let source = "console.log(new Date().toISOString()); \
                  setTimeout(() => console.log(Date.now(), Math.floor(performance.now())), 1500);";
    let (_, events) = run_virtual(source);
    assert_eq!(
        console_lines(&events),
        ["2024-01-01T00:00:00.000Z", "1704067201500 1500"]
    );
}

#[test]
fn a_start_time_and_a_seed_pin_date_and_math_random_under_either_clock() {
    let source = "console.log(Date.now(), Math.random(), Math.random());";
    let lines = |clock: ClockKind, seed: Option<u64>| {
        let options = RuntimeOptions {
            seed,
            start_time: Some(86_400_000.0),
            ..options(clock)
        };
        let (_, events) = run_script_on(options, Rc::new(NullHost), "seed.js", source);
        console_lines(&events)
    };
    let pinned = lines(ClockKind::Real, Some(7));
    assert_eq!(pinned, lines(ClockKind::Virtual, Some(7)));
    assert_ne!(pinned, lines(ClockKind::Virtual, Some(8)));
    assert!(pinned[0].starts_with("86400000 0."), "{pinned:?}");
    // Unseeded, the virtual clock still gives the same numbers every run; the real one does not.
    assert_eq!(
        lines(ClockKind::Virtual, None),
        lines(ClockKind::Virtual, None)
    );
    assert_ne!(lines(ClockKind::Real, None), lines(ClockKind::Real, None));
}

#[test]
fn virtual_runs_of_long_timers_take_no_wall_time() {
    let source = r#"
        setTimeout(() => {
          console.log('ten minutes', Math.floor(performance.now()));
          setTimeout(() => console.log('an hour later', Math.floor(performance.now())), 3600000);
        }, 600000);
    "#;
    let began = Instant::now();
    let (_, events) = run_script_on(
        options(ClockKind::Virtual),
        Rc::new(NativeHost::new()),
        "long.js",
        source,
    );
    let took = began.elapsed();
    assert_eq!(
        console_lines(&events),
        ["ten minutes 600000", "an hour later 4200000"]
    );
    assert!(took < Duration::from_secs(5), "a virtual run took {took:?}");
    let last = events.last().expect("events");
    assert_eq!(last.time.floor(), 4_200_000.0);
    assert!(
        last.wall < 5_000.0,
        "wall time is real time: {} ms",
        last.wall
    );
}

#[test]
fn real_clock_timers_wait_for_their_delay() {
    let began = Instant::now();
    let (_, events) = run_script_on(
        options(ClockKind::Real),
        Rc::new(NativeHost::new()),
        "real.js",
        "const t0 = performance.now(); setTimeout(() => console.log(performance.now() - t0 >= 30), 30);",
    );
    assert_eq!(console_lines(&events), ["true"]);
    assert!(began.elapsed() >= Duration::from_millis(30));
    let at = console_at(&events, "true");
    assert!(events[at].time >= 30.0 && events[at].wall >= 30.0);
}

// ---------------------------------------------------------------------------------------------
// The trace
// ---------------------------------------------------------------------------------------------

/// Line and column numbers below are 1-based; Boa places a call at its opening parenthesis.
const QUEUEING_SNIPPET: &str = "\
function outer() {
  Promise.resolve().then(function named() {});
}
outer();
queueMicrotask(function qm() {});
setTimeout(function t() {}, 25);
";

#[test]
fn microtask_enqueued_names_the_function_and_position_that_queued_it() {
    let (_, events) = run_virtual(QUEUEING_SNIPPET);
    let enqueued: Vec<(u64, MicrotaskSource, Option<Location>)> = events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::MicrotaskEnqueued {
                microtask,
                source,
                by,
            } => Some((*microtask, *source, by.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(enqueued.len(), 2, "{enqueued:#?}");

    let (_, source, by) = &enqueued[0];
    assert_eq!(*source, MicrotaskSource::Promise);
    let by = by.as_ref().expect("the .then call has a location");
    assert_eq!(&*by.function, "outer");
    assert_eq!(by.file.as_deref(), Some("trace.js"));
    // `  Promise.resolve().then(` : the call's parenthesis is column 25 of line 2.
    assert_eq!((by.line, by.column), (2, 25));

    let (_, source, by) = &enqueued[1];
    assert_eq!(*source, MicrotaskSource::QueueMicrotask);
    let by = by.as_ref().expect("the queueMicrotask call has a location");
    assert_eq!(by.file.as_deref(), Some("trace.js"));
    assert_eq!((by.line, by.column), (5, 15));
}

#[test]
fn top_level_code_is_named_main_as_documented() {
    // `Location::function` is documented as `<main>` for top-level code.
    let (_, events) = run_virtual(QUEUEING_SNIPPET);
    let names: Vec<String> = events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::MicrotaskEnqueued {
                source: MicrotaskSource::QueueMicrotask,
                by: Some(by),
                ..
            }
            | EventKind::TimerSet { by: Some(by), .. } => Some(by.function.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        names,
        ["<main>", "<main>"],
        "queueMicrotask and setTimeout at top level"
    );
}

#[test]
fn a_reaction_queued_by_resolve_is_attributed_to_the_resolving_code() {
    let source = "\
let resolve;
const p = new Promise((r) => { resolve = r; });
p.then(function later() { console.log('resolved'); });
setTimeout(function settle() { resolve(); }, 5);
";
    let (_, events) = run_virtual(source);
    let by = events
        .iter()
        .find_map(|event| match &event.kind {
            EventKind::MicrotaskEnqueued { by, .. } => Some(by.clone()),
            _ => None,
        })
        .expect("a microtask was queued")
        .expect("with a location");
    assert_eq!(&*by.function, "settle");
    // `setTimeout(function settle() { resolve(` : the parenthesis is column 39.
    assert_eq!((by.line, by.column), (4, 39));
    let enqueued_at = position(&events, "MicrotaskEnqueued", |kind| {
        matches!(kind, EventKind::MicrotaskEnqueued { .. })
    });
    assert_eq!(events[enqueued_at].time.floor(), 5.0);
    assert_eq!(console_lines(&events), ["resolved"]);
}

#[test]
fn microtask_start_names_the_then_callback() {
    let (_, events) = run_virtual(QUEUEING_SNIPPET);
    let first = events
        .iter()
        .find_map(|event| match &event.kind {
            EventKind::MicrotaskStart {
                microtask,
                function,
            } => Some((*microtask, function.clone())),
            _ => None,
        })
        .expect("a microtask ran");
    assert_eq!(first.1.as_deref(), Some("named"));
}

#[test]
fn microtask_start_names_the_queue_microtask_callback() {
    let (_, events) = run_virtual("queueMicrotask(function qm() {});");
    let function = events
        .iter()
        .find_map(|event| match &event.kind {
            EventKind::MicrotaskStart { function, .. } => Some(function.clone()),
            _ => None,
        })
        .expect("a microtask ran");
    assert_eq!(function.as_deref(), Some("qm"));
}

#[test]
fn timer_events_carry_delay_due_nesting_and_origin() {
    let source = "\
setTimeout(function outerTimer() {
  setTimeout(function inner() {}, 10);
}, 25);
const cleared = setTimeout(() => console.log('never'), 50);
clearTimeout(cleared);
clearTimeout(9999);
let ticks = 0;
const iv = setInterval(function tick() { if (++ticks === 2) clearInterval(iv); }, 7);
";
    let (_, events) = run_virtual(source);
    let sets = timer_sets(&events);
    // Timers 1 (25 ms), 2 (cleared), 3 (interval), then the interval's re-set after tick 1,
    // and timer 4 from inside timer 1.
    let by_id = |id: u32| -> Vec<_> { sets.iter().filter(|set| set.0 == id).cloned().collect() };

    let outer = &by_id(1)[0];
    assert_eq!(
        (outer.1, outer.2.floor(), outer.3, outer.4),
        (25.0, 25.0, false, 1)
    );
    let outer_by = outer.5.as_ref().expect("setTimeout has a location");
    assert_eq!((outer_by.line, outer_by.column), (1, 11));

    let cleared = &by_id(2)[0];
    assert_eq!((cleared.1, cleared.2.floor()), (50.0, 50.0));

    let interval = by_id(3);
    assert_eq!(interval.len(), 2, "set, then re-set after the first tick");
    assert!(interval.iter().all(|set| set.3), "an interval repeats");
    assert_eq!((interval[0].1, interval[0].2.floor()), (7.0, 7.0));
    assert_eq!((interval[1].1, interval[1].2.floor()), (7.0, 14.0));

    let inner_sets = by_id(4);
    let inner = inner_sets.first().expect("timer 4 was set by timer 1");
    assert_eq!(
        (inner.1, inner.2.floor(), inner.3, inner.4),
        (10.0, 35.0, false, 2),
        "set at 25 ms from a nesting-1 task"
    );
    let inner_by = inner.5.as_ref().expect("a location");
    assert_eq!(&*inner_by.function, "outerTimer");
    assert_eq!((inner_by.line, inner_by.column), (2, 13));

    let cleared_ids: Vec<u32> = events
        .iter()
        .filter_map(|event| match event.kind {
            EventKind::TimerCleared { id } => Some(id),
            _ => None,
        })
        .collect();
    assert!(cleared_ids.contains(&2), "clearTimeout(cleared) is traced");
    assert!(cleared_ids.contains(&3), "clearInterval(iv) is traced");
    assert!(!cleared_ids.contains(&9999), "unknown ids are ignored");

    let fired: Vec<(u32, f64)> = events
        .iter()
        .filter_map(|event| match event.kind {
            EventKind::TimerFired { id } => Some((id, event.time.floor())),
            _ => None,
        })
        .collect();
    assert_eq!(fired, [(3, 7.0), (3, 14.0), (1, 25.0), (4, 35.0)]);
    assert!(
        console_lines(&events).is_empty(),
        "the cleared timer never ran"
    );
}

#[test]
fn timer_fired_is_followed_by_its_task_being_queued() {
    let (_, events) =
        run_virtual("setTimeout(() => {}, 3); setInterval(function f() { clearInterval(2); }, 4);");
    for (index, event) in events.iter().enumerate() {
        if let EventKind::TimerFired { id } = event.kind {
            match &events[index + 1].kind {
                EventKind::TaskQueued {
                    source: TaskSource::Timer { id: t } | TaskSource::Interval { id: t },
                    ..
                } => assert_eq!(*t, id),
                other => panic!("TimerFired {id} followed by {other:?}"),
            }
        }
    }
}

/// Checks the structural invariants every full trace must satisfy.
fn check_trace_structure(events: &[TraceEvent]) {
    use std::collections::{HashMap, HashSet};

    for (index, event) in events.iter().enumerate() {
        assert_eq!(
            event.seq, index as u64,
            "sequence numbers start at 0 without gaps"
        );
    }
    for pair in events.windows(2) {
        assert!(
            pair[0].time <= pair[1].time,
            "loop time never goes back: {pair:?}"
        );
        assert!(
            pair[0].wall <= pair[1].wall,
            "wall time never goes back: {pair:?}"
        );
    }

    let mut queued_tasks: HashMap<u64, TaskSource> = HashMap::new();
    let mut started_tasks: HashSet<u64> = HashSet::new();
    let mut enqueued: Vec<u64> = Vec::new();
    let mut started_microtasks: Vec<u64> = Vec::new();
    let mut running_task: Option<u64> = None;
    let mut running_microtask: Option<u64> = None;
    for event in events {
        match &event.kind {
            EventKind::TaskQueued { task, source } => {
                assert!(
                    queued_tasks.insert(*task, source.clone()).is_none(),
                    "task {task} queued twice"
                );
            }
            EventKind::TaskStart { task, source } => {
                assert_eq!(
                    running_task, None,
                    "task {task} started inside another task"
                );
                assert_eq!(
                    running_microtask, None,
                    "task {task} started inside a microtask"
                );
                if *source != TaskSource::Eval {
                    assert_eq!(
                        queued_tasks.get(task),
                        Some(source),
                        "task {task} starts as it was queued"
                    );
                }
                assert!(started_tasks.insert(*task), "task {task} started twice");
                running_task = Some(*task);
            }
            EventKind::TaskEnd { task } => {
                assert_eq!(
                    running_task,
                    Some(*task),
                    "TaskEnd {task} matches its start"
                );
                running_task = None;
            }
            EventKind::MicrotaskEnqueued { microtask, .. } => enqueued.push(*microtask),
            EventKind::MicrotaskStart { microtask, .. } => {
                assert_eq!(
                    running_task, None,
                    "microtask {microtask} ran inside a task"
                );
                assert_eq!(running_microtask, None, "microtasks do not nest");
                assert!(
                    enqueued.contains(microtask),
                    "microtask {microtask} was enqueued"
                );
                started_microtasks.push(*microtask);
                running_microtask = Some(*microtask);
            }
            EventKind::MicrotaskEnd { microtask } => {
                assert_eq!(
                    running_microtask,
                    Some(*microtask),
                    "MicrotaskEnd matches its start"
                );
                running_microtask = None;
            }
            _ => {}
        }
    }
    assert_eq!(running_task, None, "the last task ended");
    assert_eq!(running_microtask, None, "the last microtask ended");
    assert_eq!(
        started_microtasks, enqueued,
        "every enqueued microtask ran once, in the order it was queued"
    );
}

#[test]
fn tasks_and_microtasks_pair_up_and_sequence_numbers_have_no_gaps() {
    let (_, events) = run_virtual(MIXED_PROGRAM);
    check_trace_structure(&events);
    let starts = events
        .iter()
        .filter(|event| matches!(event.kind, EventKind::TaskStart { .. }))
        .count();
    let ends = events
        .iter()
        .filter(|event| matches!(event.kind, EventKind::TaskEnd { .. }))
        .count();
    assert_eq!(starts, ends);
    // The script, the 250 ms and 0 ms timers, 3 interval ticks, the 80 ms timer, the 150 ms sleep.
    assert_eq!(starts, 8, "{:#?}", kinds(&events));
}

#[test]
fn sequence_numbers_continue_across_take_events_calls() {
    let mut runtime = virtual_runtime();
    runtime
        .load_script(
            "a.js",
            "setTimeout(() => console.log(1), 5); Promise.resolve().then(() => {});",
        )
        .expect("parses");
    let mut seqs = Vec::new();
    loop {
        let outcome = runtime.step();
        let batch = runtime.take_events();
        seqs.extend(batch.iter().map(|event| event.seq));
        if outcome == StepOutcome::Idle {
            break;
        }
    }
    assert!(seqs.len() > 5);
    assert_eq!(seqs, (0..seqs.len() as u64).collect::<Vec<_>>());
    assert!(runtime.take_events().is_empty(), "nothing left to drain");
}

#[test]
fn output_mode_records_only_console_and_error_events() {
    let source = r#"
        console.log('one');
        setTimeout(() => { console.warn('two'); null.f(); }, 5);
        Promise.resolve().then(() => console.info('three'));
        Promise.reject(new Error('nobody'));
    "#;
    let output_options = RuntimeOptions {
        clock: ClockKind::Virtual,
        trace: TraceMode::Output,
        ..RuntimeOptions::default()
    };
    let (runtime, events) = run_script_on(output_options, Rc::new(NullHost), "trace.js", source);
    assert!(!events.is_empty());
    for event in &events {
        assert!(
            matches!(
                event.kind,
                EventKind::Console { .. }
                    | EventKind::UncaughtError { .. }
                    | EventKind::UnhandledRejection { .. }
                    | EventKind::RuntimeLimit { .. }
            ),
            "an output-only trace recorded {:?}",
            event.kind
        );
    }
    for (index, event) in events.iter().enumerate() {
        assert_eq!(
            event.seq, index as u64,
            "output-only seq numbers have no gaps"
        );
    }
    let (_, full) = run_virtual(source);
    let full_output: Vec<EventKind> = full
        .into_iter()
        .filter(TraceEvent::is_output)
        .map(|event| event.kind)
        .collect();
    let output: Vec<EventKind> = events.into_iter().map(|event| event.kind).collect();
    assert_eq!(
        output, full_output,
        "the same output as with the full trace"
    );
    assert_eq!(output.len(), 5);
    assert_eq!(runtime.failures(), 2);
}

#[test]
fn console_levels_are_recorded() {
    let (_, events) = run_virtual(
        "console.log('l'); console.info('i'); console.debug('d'); console.warn('w'); console.error('e');",
    );
    let levels: Vec<(ConsoleLevel, String)> = events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::Console { level, text } => Some((*level, text.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        levels,
        [
            (ConsoleLevel::Log, "l".to_owned()),
            (ConsoleLevel::Info, "i".to_owned()),
            (ConsoleLevel::Debug, "d".to_owned()),
            (ConsoleLevel::Warn, "w".to_owned()),
            (ConsoleLevel::Error, "e".to_owned()),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Timer nesting (Chromium's behaviour, tests/corpus/README.md)
// ---------------------------------------------------------------------------------------------

#[test]
fn the_seventh_nested_zero_delay_timer_is_clamped_to_4ms() {
    let source = r#"
        let level = 0;
        function chain() {
          console.log(Math.floor(performance.now()));
          if (++level < 10) setTimeout(chain, 0);
        }
        setTimeout(chain, 0);
    "#;
    let (_, events) = run_virtual(source);
    let sets = timer_sets(&events);
    assert_eq!(sets.len(), 10);
    let delays: Vec<f64> = sets.iter().map(|set| set.1).collect();
    assert_eq!(delays, [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0, 4.0, 4.0, 4.0]);
    assert_eq!(sets[5].1, 0.0, "the 6th nested timer keeps its 0 ms delay");
    assert_eq!(sets[6].1, 4.0, "the 7th nested timer is clamped to 4 ms");
    let nesting: Vec<u32> = sets.iter().map(|set| set.4).collect();
    assert_eq!(nesting, (1..=10).collect::<Vec<u32>>());
    assert_eq!(
        console_lines(&events),
        ["0", "0", "0", "0", "0", "0", "4", "8", "12", "16"],
        "callbacks run at the clamped times"
    );
}

#[test]
fn a_nested_timer_longer_than_4ms_is_not_clamped() {
    let source = r#"
        let level = 0;
        function chain() { if (++level < 8) setTimeout(chain, level === 7 ? 9 : 2); }
        setTimeout(chain, 2);
    "#;
    let (_, events) = run_virtual(source);
    let delays: Vec<f64> = timer_sets(&events).iter().map(|set| set.1).collect();
    assert_eq!(delays, [2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 4.0, 9.0]);
}

#[test]
fn a_zero_interval_is_clamped_from_its_seventh_run() {
    let source =
        "let n = 0; const id = setInterval(() => { if (++n === 9) clearInterval(id); }, 0);";
    let (_, events) = run_virtual(source);
    let sets = timer_sets(&events);
    let delays: Vec<f64> = sets.iter().map(|set| set.1).collect();
    assert_eq!(delays, [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0, 4.0, 4.0]);
    let ticks: Vec<f64> = events
        .iter()
        .filter(|event| {
            matches!(
                event.kind,
                EventKind::TaskStart {
                    source: TaskSource::Interval { .. },
                    ..
                }
            )
        })
        .map(|event| event.time.floor())
        .collect();
    assert_eq!(ticks, [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0, 8.0, 12.0]);
}

#[test]
fn timer_set_records_the_coerced_delay() {
    let source = "
        for (const delay of [-5, NaN, '14', ' 30 ', null, undefined, [25], 2 ** 31, 2 ** 32 + 16, 7.9]) {
          setTimeout(() => {}, delay);
        }
        setTimeout(() => {});
    ";
    let (_, events) = run_virtual(source);
    let delays: Vec<f64> = timer_sets(&events).iter().map(|set| set.1).collect();
    assert_eq!(
        delays,
        [0.0, 0.0, 14.0, 30.0, 0.0, 0.0, 25.0, 0.0, 16.0, 7.0, 0.0]
    );
}

#[test]
fn a_host_operation_is_traced_from_start_to_its_completion_task() {
    let source = "\
const { sleep } = require('timer');
sleep(50).then(function woke() { console.log('woke', Math.floor(performance.now())); });
";
    let (runtime, events) = run_virtual(source);
    assert_eq!(console_lines(&events), ["woke 50"]);
    assert_eq!(runtime.failures(), 0);
    let started = position(&events, "HostOpStarted", |kind| {
        matches!(kind, EventKind::HostOpStarted { .. })
    });
    let EventKind::HostOpStarted { op, name, args, by } = &events[started].kind else {
        unreachable!()
    };
    assert_eq!((name.as_str(), args.as_str()), ("timer.sleep", "50"));
    let by = by.as_ref().expect("the call's location");
    assert_eq!((by.line, by.column), (2, 6));
    let settled = position(
        &events,
        "HostOpSettled",
        |kind| matches!(kind, EventKind::HostOpSettled { op: o, .. } if o == op),
    );
    let EventKind::HostOpSettled { name, ok, .. } = &events[settled].kind else {
        unreachable!()
    };
    assert_eq!((name.as_str(), *ok), ("timer.sleep.settle", true));
    assert_eq!(events[settled].time.floor(), 50.0);
    let completion = TaskSource::HostOp {
        name: "timer.sleep.settle".to_owned(),
        op: *op,
    };
    assert!(
        matches!(&events[settled + 1].kind, EventKind::TaskQueued { source, .. } if *source == completion),
        "the completion task is queued when the operation settles"
    );
    check_trace_structure(&events);

    let during = QueueSnapshot::after(&events, script_end(&events) + 1);
    assert_eq!(during.host_ops.len(), 1, "{during:#?}");
    assert_eq!(during.host_ops[0].name, "timer.sleep");
    let after = QueueSnapshot::after(&events, settled + 1);
    assert!(after.host_ops.is_empty());
    assert!(
        QueueSnapshot::after(&events, events.len())
            .host_ops
            .is_empty()
    );
}

// ---------------------------------------------------------------------------------------------
// Budgeted runs and frames
// ---------------------------------------------------------------------------------------------

#[test]
fn a_long_microtask_drain_is_sliced_without_letting_a_task_in() {
    let source = "
        setTimeout(() => console.log('timer'), 0);
        let p = Promise.resolve();
        for (let i = 1; i <= 1000; i++) p = p.then(() => {});
        p.then(() => console.log('chain done'));
    ";
    let mut runtime = virtual_runtime();
    runtime.load_script("slices.js", source).expect("parses");
    // NullHost's real time stands still at 0, so a zero budget is always used up.
    let first = runtime.run_for(0.0);
    assert_eq!(first, StepOutcome::Busy);
    assert!(
        runtime.pending().microtasks > 0,
        "the drain was cut short: {:?}",
        runtime.pending()
    );
    let mut events = runtime.take_events();
    let mut calls = 1;
    loop {
        let outcome = runtime.run_for(0.0);
        events.extend(runtime.take_events());
        calls += 1;
        if outcome == StepOutcome::Idle {
            break;
        }
        assert!(calls < 10_000, "never idle");
    }
    assert!(calls > 2, "the drain took several slices");
    assert_eq!(console_lines(&events), ["chain done", "timer"]);
    check_trace_structure(&events);
}

#[test]
fn eval_finishes_a_sliced_checkpoint_before_its_line() {
    let mut runtime = virtual_runtime();
    runtime
        .load_script(
            "slices.js",
            "let done = false; let p = Promise.resolve(); for (let i = 0; i < 500; i++) p = p.then(() => {}); p.then(() => { done = true; });",
        )
        .expect("parses");
    runtime.run_for(0.0);
    assert!(runtime.pending().microtasks > 0, "the drain was cut short");
    assert_eq!(value(&mut runtime, "done"), "true");
}

#[test]
fn frames_are_numbered_and_exported_on_their_lane() {
    let mut runtime = virtual_runtime();
    runtime.mark_frame();
    runtime
        .load_script("f.js", "setTimeout(() => {}, 1);")
        .expect("parses");
    runtime.run_for(5.0);
    runtime.mark_frame();
    let events = drain_to_idle(&mut runtime);
    let frames: Vec<u64> = events
        .iter()
        .filter_map(|event| match event.kind {
            EventKind::Frame { frame } => Some(frame),
            _ => None,
        })
        .collect();
    assert_eq!(frames, [1, 2]);
    let trace = chrome_events(&events);
    check_chrome(&trace);
    let lanes: Vec<u64> = trace
        .iter()
        .filter(|event| {
            event["ph"] == "i"
                && event["name"]
                    .as_str()
                    .is_some_and(|name| name.starts_with("frame"))
        })
        .filter_map(|event| event["tid"].as_u64())
        .collect();
    assert_eq!(lanes.len(), 2);
    let task_lane = trace
        .iter()
        .find(|event| event["ph"] == "B")
        .and_then(|event| event["tid"].as_u64());
    assert!(
        lanes.iter().all(|lane| Some(*lane) != task_lane),
        "frames have their own lane"
    );
}

// ---------------------------------------------------------------------------------------------
// Replay
// ---------------------------------------------------------------------------------------------

#[test]
fn queue_snapshots_rebuild_the_queues_at_any_point() {
    let source = "\
setTimeout(function later() { console.log('timer'); }, 10);
Promise.resolve().then(function first() { console.log('first'); });
queueMicrotask(function second() { console.log('second'); });
console.log('script');
";
    let (_, events) = run_virtual(source);

    let start = QueueSnapshot::after(&events, 0);
    assert_eq!(start, QueueSnapshot::default());

    let after_queue = QueueSnapshot::after(&events, 1);
    assert_eq!(after_queue.tasks.len(), 1, "the script is queued");
    assert_eq!(
        after_queue.tasks[0].source,
        TaskSource::Script {
            name: "trace.js".to_owned()
        }
    );

    let end_of_script = script_end(&events);
    let snapshot = QueueSnapshot::after(&events, end_of_script + 1);
    assert_eq!(snapshot.applied, end_of_script + 1);
    assert_eq!(
        snapshot.running, None,
        "between the task and its checkpoint"
    );
    assert!(snapshot.tasks.is_empty());
    assert_eq!(snapshot.microtasks.len(), 2, "{snapshot:#?}");
    assert_eq!(snapshot.microtasks[0].source, MicrotaskSource::Promise);
    assert_eq!(
        snapshot.microtasks[1].source,
        MicrotaskSource::QueueMicrotask
    );
    assert_eq!(
        snapshot.microtasks[1].by.as_ref().map(|by| by.line),
        Some(3)
    );
    assert_eq!(snapshot.timers.len(), 1);
    assert_eq!(snapshot.timers[0].due.floor(), 10.0);
    assert_eq!(snapshot.timers[0].delay, 10.0);
    assert!(!snapshot.timers[0].repeat);
    assert_eq!(snapshot.output, 1, "'script' was printed");

    let first_start = position(&events, "MicrotaskStart", |kind| {
        matches!(kind, EventKind::MicrotaskStart { .. })
    });
    let running_first = QueueSnapshot::after(&events, first_start + 1);
    assert_eq!(running_first.microtasks.len(), 1);
    assert!(matches!(
        running_first.running,
        Some(Running::Microtask { .. })
    ));

    let fired = position(&events, "TimerFired", |kind| {
        matches!(kind, EventKind::TimerFired { .. })
    });
    let at_fire = QueueSnapshot::after(&events, fired + 1);
    assert!(at_fire.timers.is_empty());
    assert!(at_fire.microtasks.is_empty());
    assert_eq!(at_fire.output, 3);
    let after_queued = QueueSnapshot::after(&events, fired + 2);
    assert_eq!(after_queued.tasks.len(), 1);
    assert_eq!(after_queued.tasks[0].source, TaskSource::Timer { id: 1 });

    let end = QueueSnapshot::after(&events, events.len());
    assert_eq!(end.running, None);
    assert!(end.tasks.is_empty() && end.microtasks.is_empty() && end.timers.is_empty());
    assert!(end.host_ops.is_empty());
    assert_eq!(end.output, 4);
}

#[test]
fn replay_applies_events_incrementally_like_after() {
    let (_, events) = run_virtual(MIXED_PROGRAM);
    let mut snapshot = QueueSnapshot::default();
    for (count, event) in events.iter().enumerate() {
        snapshot.apply(event);
        if count % 7 == 0 {
            assert_eq!(snapshot, QueueSnapshot::after(&events, count + 1));
        }
    }
    let end = QueueSnapshot::after(&events, events.len());
    assert!(end.tasks.is_empty() && end.microtasks.is_empty() && end.timers.is_empty());
}

#[test]
fn replay_drops_a_due_timer_cleared_before_its_turn() {
    let source = "\
setTimeout(() => { console.log('a'); clearTimeout(b); }, 0);
const b = setTimeout(() => console.log('b'), 0);
";
    let (_, events) = run_virtual(source);
    assert_eq!(console_lines(&events), ["a"]);
    let cleared = position(&events, "TimerCleared", |kind| {
        matches!(kind, EventKind::TimerCleared { id: 2 })
    });
    let before = QueueSnapshot::after(&events, cleared);
    assert_eq!(
        before.tasks.len(),
        1,
        "timer 2's task was waiting: {before:#?}"
    );
    let after = QueueSnapshot::after(&events, cleared + 1);
    assert!(after.tasks.is_empty());
    assert!(QueueSnapshot::after(&events, events.len()).tasks.is_empty());
}

#[test]
fn replay_orders_pending_timers_by_due_time() {
    let (_, events) = run_virtual(
        "setTimeout(() => {}, 30); setTimeout(() => {}, 10); setTimeout(() => {}, 20); setTimeout(() => {}, 10);",
    );
    let snapshot = QueueSnapshot::after(&events, script_end(&events) + 1);
    let order: Vec<u32> = snapshot.timers.iter().map(|timer| timer.id).collect();
    assert_eq!(order, [2, 4, 3, 1]);
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[test]
fn a_syntax_error_has_its_line_and_column() {
    let mut runtime = virtual_runtime();
    let error = runtime
        .load_script("bad.js", "let a = 1;\nlet b = (;\n")
        .expect_err("the script does not parse");
    let RunError::Syntax(syntax) = error else {
        panic!("expected RunError::Syntax, got {error:?}");
    };
    // `let b = (;` : the unexpected `;` is column 10 of line 2.
    assert_eq!((syntax.line, syntax.column), (Some(2), Some(10)));
    assert!(
        !syntax.message.contains("line 2"),
        "the position is split off: {syntax:?}"
    );

    let events = runtime.take_events();
    let (message, location) = events
        .iter()
        .find_map(|event| match &event.kind {
            EventKind::UncaughtError {
                message, location, ..
            } => Some((message.clone(), location.clone())),
            _ => None,
        })
        .expect("the syntax error is in the trace");
    assert!(message.starts_with("Uncaught SyntaxError: "), "{message}");
    let location = location.expect("with its location");
    assert_eq!(location.file.as_deref(), Some("bad.js"));
    assert_eq!((location.line, location.column), (2, 10));
    assert_eq!(runtime.failures(), 1);
    assert!(runtime.is_idle(), "nothing of the script runs");
}

#[test]
fn a_module_syntax_error_has_its_line_and_column() {
    let mut runtime = virtual_runtime();
    let error = runtime
        .load_module("bad.mjs", "let ok = 1;\nconsole.log(ok;\n")
        .expect_err("the module does not parse");
    let RunError::Syntax(syntax) = error else {
        panic!("expected RunError::Syntax, got {error:?}");
    };
    // `console.log(ok;` : the `;` is column 15 of line 2.
    assert_eq!((syntax.line, syntax.column), (Some(2), Some(15)));
}

#[test]
fn an_uncaught_error_in_a_timer_is_reported_and_later_timers_run() {
    let source = "\
setTimeout(function boom() { null.x; }, 0);
setTimeout(() => console.log('later'), 5);
";
    let (runtime, events) = run_virtual(source);
    let messages = uncaught_messages(&events);
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].starts_with("Uncaught TypeError: "),
        "{}",
        messages[0]
    );
    let error_at = position(&events, "UncaughtError", |kind| {
        matches!(kind, EventKind::UncaughtError { .. })
    });
    let (start, end) = timer_task_span(&events, 1);
    assert!(
        start < error_at && error_at < end,
        "reported inside the failing task"
    );
    let EventKind::UncaughtError { stack, .. } = &events[error_at].kind else {
        unreachable!()
    };
    assert!(
        stack.first().is_some_and(|frame| frame.contains("boom")),
        "the stack names the failing function: {stack:?}"
    );
    assert!(console_at(&events, "later") > end);
    assert_eq!(runtime.failures(), 1);
}

#[test]
fn a_thrown_primitive_is_reported_as_chrome_words_it() {
    let (_, events) =
        run_virtual("setTimeout(() => { throw 'plain'; }, 0); setTimeout(() => { throw 42; }, 1);");
    assert_eq!(
        uncaught_messages(&events),
        ["Uncaught plain", "Uncaught 42"]
    );
}

#[test]
fn an_unhandled_rejection_is_reported() {
    let (runtime, events) = run_virtual(
        "Promise.reject(new Error('boom')); Promise.reject(42); console.log('script done');",
    );
    assert_eq!(
        rejection_messages(&events),
        [
            "Uncaught (in promise) Error: boom",
            "Uncaught (in promise) 42"
        ]
    );
    assert!(
        console_at(&events, "script done")
            < position(&events, "rejection", |kind| {
                matches!(kind, EventKind::UnhandledRejection { .. })
            })
    );
    assert_eq!(runtime.failures(), 2);
}

#[test]
fn a_rejection_handled_by_a_zero_ms_timer_is_not_reported() {
    let source = r#"
        const p = Promise.reject(new Error('late handled'));
        setTimeout(() => p.catch((error) => console.log('handled', error.message)), 0);
    "#;
    let (runtime, events) = run_virtual(source);
    assert_eq!(rejection_messages(&events), Vec::<String>::new());
    assert_eq!(console_lines(&events), ["handled late handled"]);
    assert_eq!(runtime.failures(), 0);
}

#[test]
fn a_rejection_handled_only_by_a_30_ms_timer_is_reported() {
    let source = r#"
        const p = Promise.reject(new Error('too late'));
        setTimeout(() => p.catch(() => console.log('handled')), 30);
    "#;
    let (_, events) = run_virtual(source);
    assert_eq!(
        rejection_messages(&events),
        ["Uncaught (in promise) Error: too late"]
    );
    assert_eq!(console_lines(&events), ["handled"]);
}

#[test]
fn an_error_thrown_in_queue_microtask_is_reported_and_the_checkpoint_goes_on() {
    let source = "\
queueMicrotask(() => { throw new Error('qm'); });
queueMicrotask(() => console.log('second'));
Promise.resolve().then(() => console.log('third'));
";
    let (runtime, events) = run_virtual(source);
    assert_eq!(uncaught_messages(&events), ["Uncaught Error: qm"]);
    let error_at = position(&events, "UncaughtError", |kind| {
        matches!(kind, EventKind::UncaughtError { .. })
    });
    let first_end = position(&events, "MicrotaskEnd", |kind| {
        matches!(kind, EventKind::MicrotaskEnd { .. })
    });
    assert!(
        error_at < first_end,
        "reported within the failing microtask"
    );
    assert_eq!(console_lines(&events), ["second", "third"]);
    assert!(console_at(&events, "second") > error_at);
    assert_eq!(runtime.failures(), 1);
}

#[test]
fn a_failing_runtime_reports_failures_but_a_clean_one_does_not() {
    let (clean, _) =
        run_virtual("setTimeout(() => console.log('ok'), 1); Promise.resolve().then(() => {});");
    assert_eq!(clean.failures(), 0);
    assert!(clean.is_idle());
}

// ---------------------------------------------------------------------------------------------
// Runaway code
// ---------------------------------------------------------------------------------------------

fn limited(loop_iteration_limit: u64) -> RuntimeOptions {
    RuntimeOptions {
        clock: ClockKind::Virtual,
        loop_iteration_limit: Some(loop_iteration_limit),
        ..RuntimeOptions::default()
    }
}

#[test]
fn an_endless_loop_in_a_timer_ends_its_task_and_the_next_timer_runs() {
    let source = "\
setTimeout(() => { while (true) {} }, 0);
setTimeout(() => console.log('next'), 1);
";
    let began = Instant::now();
    let (runtime, events) = run_script_on(limited(100_000), Rc::new(NullHost), "loop.js", source);
    assert!(began.elapsed() < Duration::from_secs(30));
    let limits = limit_messages(&events);
    assert_eq!(limits.len(), 1, "{:#?}", kinds(&events));
    assert!(!limits[0].is_empty());
    let limit_at = position(&events, "RuntimeLimit", |kind| {
        matches!(kind, EventKind::RuntimeLimit { .. })
    });
    let (start, end) = timer_task_span(&events, 1);
    assert!(
        start < limit_at && limit_at < end,
        "the runaway task ends with the limit"
    );
    assert!(console_at(&events, "next") > end);
    assert_eq!(runtime.failures(), 1);
}

#[test]
fn an_endless_loop_in_the_script_still_lets_its_timers_and_microtasks_run() {
    let source = "\
setTimeout(() => console.log('timer'), 0);
Promise.resolve().then(() => console.log('microtask'));
for (;;) {}
";
    let (_, events) = run_script_on(limited(100_000), Rc::new(NullHost), "loop.js", source);
    assert_eq!(limit_messages(&events).len(), 1);
    assert_eq!(console_lines(&events), ["microtask", "timer"]);
}

#[test]
fn an_endless_loop_in_a_microtask_ends_only_that_microtask() {
    let source = "\
queueMicrotask(() => { let i = 0; while (true) { i++; } });
queueMicrotask(() => console.log('m2'));
";
    let (_, events) = run_script_on(limited(100_000), Rc::new(NullHost), "loop.js", source);
    assert_eq!(limit_messages(&events).len(), 1);
    assert_eq!(console_lines(&events), ["m2"]);
}

#[test]
fn a_finite_loop_under_the_limit_runs() {
    let source = "let s = 0; for (let i = 0; i < 50000; i++) { s += i; } console.log(s);";
    let (runtime, events) = run_script_on(limited(100_000), Rc::new(NullHost), "loop.js", source);
    assert_eq!(console_lines(&events), ["1249975000"]);
    assert_eq!(runtime.failures(), 0);
}

#[test]
fn recursion_5000_deep_works() {
    let source = "\
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
console.log(depth(5000));
const sum = (n) => (n === 0 ? 0 : n + sum(n - 1));
setTimeout(() => console.log(sum(5000)), 0);
";
    let (runtime, events) = run_virtual(source);
    assert_eq!(console_lines(&events), ["5000", "12502500"]);
    assert_eq!(runtime.failures(), 0);
}

#[test]
fn infinite_recursion_ends_its_task_and_the_loop_continues() {
    let source = "\
setTimeout(() => console.log('next'), 0);
function forever() { return forever(); }
forever();
";
    let (runtime, events) = run_virtual(source);
    let reports: Vec<String> = limit_messages(&events)
        .into_iter()
        .chain(uncaught_messages(&events))
        .collect();
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert!(
        reports[0].contains("Maximum call stack size exceeded"),
        "{}",
        reports[0]
    );
    assert_eq!(console_lines(&events), ["next"]);
    assert_eq!(runtime.failures(), 1);
}

/// The environment variable that turns `deep_native_recursion_child` into a real run.
const CHILD_ENV: &str = "TICKSCOPE_NATIVE_RECURSION_CHILD";

/// Runs in a child process of `deep_recursion_through_a_native_callback_does_not_crash`, so a
/// stack overflow kills only the child.
#[test]
#[ignore = "run as a child process by deep_recursion_through_a_native_callback_does_not_crash"]
fn deep_native_recursion_child() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let source = "\
setTimeout(() => console.log('next'), 0);
[0].map(function f() { return [0].map(f); });
";
    let (runtime, events) = run_virtual(source);
    // In the order the events happened.
    for event in &events {
        match &event.kind {
            EventKind::Console { text, .. }
            | EventKind::RuntimeLimit { message: text }
            | EventKind::UncaughtError { message: text, .. } => println!("CHILD-OUTPUT {text}"),
            _ => {}
        }
    }
    println!("CHILD-FAILURES {}", runtime.failures());
}

#[test]
fn deep_recursion_through_a_native_callback_does_not_crash() {
    let exe = std::env::current_exe().expect("the test binary");
    let output = std::process::Command::new(exe)
        .args([
            "deep_native_recursion_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, "1")
        // The engine's thread needs a deep stack, as `Runtime` documents (the CLI uses 512 MiB).
        .env("RUST_MIN_STACK", (512usize << 20).to_string())
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the process crashed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    let lines: Vec<&str> = stdout
        .lines()
        // The harness may print `test … ... ` on the same line before the first output.
        .filter_map(|line| line.split_once("CHILD-OUTPUT ").map(|(_, text)| text))
        .collect();
    assert!(
        lines
            .iter()
            .any(|line| line.contains("Maximum call stack size exceeded")),
        "{stdout}"
    );
    assert_eq!(lines.last(), Some(&"next"), "{stdout}");
    assert!(stdout.contains("CHILD-FAILURES 1"), "{stdout}");
}

// ---------------------------------------------------------------------------------------------
// The REPL's eval
// ---------------------------------------------------------------------------------------------

fn value(runtime: &mut Runtime, line: &str) -> String {
    match runtime.eval(line) {
        Ok(EvalOutcome::Value(text)) => text,
        other => panic!("`{line}` gave {other:?}"),
    }
}

#[test]
fn eval_prints_values_as_nodes_repl() {
    let mut runtime = virtual_runtime();
    assert_eq!(value(&mut runtime, "'str'"), "'str'");
    assert_eq!(value(&mut runtime, "({ a: 1 })"), "{ a: 1 }");
    assert_eq!(value(&mut runtime, "undefined"), "undefined");
    assert_eq!(value(&mut runtime, "var v = 3"), "undefined");
    assert_eq!(value(&mut runtime, "1 + 2"), "3");
    assert_eq!(
        value(&mut runtime, "[1, 'two', [3]]"),
        "[ 1, 'two', [ 3 ] ]"
    );
    assert_eq!(value(&mut runtime, "null"), "null");
    assert_eq!(value(&mut runtime, "10n"), "10n");
    assert_eq!(
        value(&mut runtime, "new Map([['k', 1]])"),
        "Map(1) { 'k' => 1 }"
    );
}

#[test]
fn eval_of_a_line_starting_with_a_brace_is_an_object_as_in_nodes_repl() {
    // Node's REPL tries `{ a: 1 }` as an expression first and prints `{ a: 1 }`.
    let mut runtime = virtual_runtime();
    assert_eq!(value(&mut runtime, "{ a: 1 }"), "{ a: 1 }");
}

#[test]
fn eval_keeps_let_const_and_functions_across_lines() {
    let mut runtime = virtual_runtime();
    assert_eq!(value(&mut runtime, "let counter = 1"), "undefined");
    assert_eq!(value(&mut runtime, "counter += 41"), "42");
    assert_eq!(value(&mut runtime, "const k = 'kept'"), "undefined");
    assert_eq!(
        value(&mut runtime, "function twice(x) { return 2 * x }"),
        "undefined"
    );
    assert_eq!(value(&mut runtime, "twice(counter) + k"), "'84kept'");
}

#[test]
fn a_timer_set_by_one_line_fires_during_later_steps() {
    let mut runtime = virtual_runtime();
    let id = value(
        &mut runtime,
        "setTimeout(() => console.log('tick', Math.floor(performance.now())), 10)",
    );
    assert!(id.parse::<u32>().is_ok_and(|id| id > 0), "a timer id: {id}");
    let line_events = runtime.take_events();
    assert!(console_lines(&line_events).is_empty());
    let sets = timer_sets(&line_events);
    assert_eq!(sets.len(), 1);
    let by = sets[0]
        .5
        .as_ref()
        .expect("a REPL line's call has a location");
    assert_eq!((by.file.as_deref(), by.line, by.column), (None, 1, 11));
    assert_eq!(value(&mut runtime, "let later = 'still here'"), "undefined");
    assert!(!runtime.is_idle(), "the timer is pending");
    let events = drain_to_idle(&mut runtime);
    assert_eq!(console_lines(&events), ["tick 10"]);
    assert_eq!(value(&mut runtime, "later"), "'still here'");
}

#[test]
fn a_lines_microtasks_run_before_eval_returns() {
    let mut runtime = virtual_runtime();
    value(
        &mut runtime,
        "Promise.resolve(7).then((v) => console.log('micro', v))",
    );
    assert_eq!(console_lines(&runtime.take_events()), ["micro 7"]);
}

#[test]
fn a_throwing_line_gives_thrown_and_the_context_survives() {
    let mut runtime = virtual_runtime();
    assert_eq!(
        runtime.eval("throw new Error('bad line')"),
        Ok(EvalOutcome::Thrown("Uncaught Error: bad line".to_owned()))
    );
    assert_eq!(
        runtime.eval("throw 42"),
        Ok(EvalOutcome::Thrown("Uncaught 42".to_owned()))
    );
    match runtime.eval("undefinedName") {
        Ok(EvalOutcome::Thrown(text)) => {
            assert!(text.starts_with("Uncaught ReferenceError: "), "{text}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(value(&mut runtime, "'alive'"), "'alive'");
}

#[test]
fn a_line_that_does_not_parse_is_a_syntax_error() {
    let mut runtime = virtual_runtime();
    assert!(matches!(runtime.eval("let ("), Err(RunError::Syntax(_))));
    assert_eq!(value(&mut runtime, "1"), "1");
}

// ---------------------------------------------------------------------------------------------
// Exports
// ---------------------------------------------------------------------------------------------

#[test]
fn the_json_export_parses_back() {
    let (_, events) = run_virtual(QUEUEING_SNIPPET);
    let text = to_json(&events).expect("serialises");
    let document: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(document["version"], 1);
    let array = document["events"].as_array().expect("an events array");
    assert_eq!(array.len(), events.len());
    assert_eq!(array[0]["seq"], 0);
    assert_eq!(array[0]["type"], "task_queued");
    assert_eq!(array[0]["source"]["kind"], "script");
    assert_eq!(array[0]["source"]["name"], "trace.js");
    assert!(
        array
            .iter()
            .all(|event| event["time"].is_f64() && event["wall"].is_f64())
    );
    let timer = array
        .iter()
        .find(|event| event["type"] == "timer_set")
        .expect("a timer_set event");
    assert_eq!(timer["delay"], 25.0);
    assert_eq!(timer["due"].as_f64().map(f64::floor), Some(25.0));
    assert_eq!(timer["nesting"], 1);
    assert_eq!(timer["by"]["line"], 6);
    let enqueued = array
        .iter()
        .find(|event| event["type"] == "microtask_enqueued")
        .expect("a microtask_enqueued event");
    assert_eq!(enqueued["source"], "promise");
    assert_eq!(enqueued["by"]["function"], "outer");

    let parsed: Vec<TraceEvent> =
        serde_json::from_value(document["events"].clone()).expect("events deserialise");
    assert_eq!(parsed, events);
}

#[test]
fn the_json_export_round_trips_errors_and_console() {
    let (_, events) = run_virtual(
        "console.warn('w'); Promise.reject(new Error('r')); setTimeout(() => { throw new TypeError('t'); }, 1);",
    );
    let document: Value =
        serde_json::from_str(&to_json(&events).expect("serialises")).expect("JSON");
    let types: Vec<&str> = document["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|event| event["type"].as_str())
        .filter(|kind| ["console", "uncaught_error", "unhandled_rejection"].contains(kind))
        .collect();
    assert_eq!(types, ["console", "unhandled_rejection", "uncaught_error"]);
    let parsed: Vec<TraceEvent> =
        serde_json::from_value(document["events"].clone()).expect("events deserialise");
    assert_eq!(parsed, events);
}

fn chrome_events(events: &[TraceEvent]) -> Vec<Value> {
    let text = to_chrome_json(events).expect("serialises");
    let document: Value = serde_json::from_str(&text).expect("valid JSON");
    document["traceEvents"]
        .as_array()
        .expect("a traceEvents array")
        .clone()
}

/// Checks lane metadata, B/E balance per lane, b/e pairing per async id, and the trace event
/// format's rules for flows: each `cause` flow id has one `s` and then one `f`, both bound to the
/// enclosing slice (`bp: e`), so each lies inside an open B/E slice of its lane, and an `f` at
/// the start of that slice.
fn check_chrome(trace: &[Value]) {
    use std::collections::HashMap;

    let mut lanes: HashMap<u64, String> = HashMap::new();
    for event in trace
        .iter()
        .filter(|event| event["ph"] == "M" && event["name"] == "thread_name")
    {
        let tid = event["tid"].as_u64().expect("a tid");
        let name = event["args"]["name"]
            .as_str()
            .expect("a lane name")
            .to_owned();
        assert!(lanes.insert(tid, name).is_none(), "lane {tid} named twice");
    }
    assert_eq!(lanes.len(), 5, "five lanes: {lanes:?}");
    let mut names: Vec<&String> = lanes.values().collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 5, "distinct lane names");

    let mut depth: HashMap<u64, i64> = HashMap::new();
    let mut open_spans: HashMap<String, i64> = HashMap::new();
    let mut flows: HashMap<u64, (usize, usize)> = HashMap::new();
    let mut slice_start: HashMap<u64, f64> = HashMap::new();
    let mut last_ts = f64::NEG_INFINITY;
    for event in trace.iter().filter(|event| event["ph"] != "M") {
        let ph = event["ph"].as_str().expect("a phase");
        let tid = event["tid"].as_u64().expect("a tid");
        assert!(
            lanes.contains_key(&tid),
            "event on an unnamed lane: {event}"
        );
        assert_eq!(event["pid"], 1);
        let ts = event["ts"].as_f64().expect("a timestamp");
        assert!(ts >= last_ts, "timestamps never go back: {event}");
        last_ts = ts;
        match ph {
            "B" => {
                *depth.entry(tid).or_default() += 1;
                slice_start.insert(tid, ts);
            }
            "s" | "f" => {
                assert_eq!(event["cat"], "cause", "{event}");
                assert_eq!(event["bp"], "e", "{event}");
                assert!(
                    depth.get(&tid).copied().unwrap_or(0) > 0,
                    "a flow outside any slice of lane {tid}: {event}"
                );
                let id = event["id"].as_u64().expect("a flow id");
                let (starts, ends) = flows.entry(id).or_default();
                if ph == "s" {
                    assert_eq!(
                        (*starts, *ends),
                        (0, 0),
                        "flow {id} starts twice or after its end"
                    );
                    *starts += 1;
                } else {
                    assert_eq!(
                        (*starts, *ends),
                        (1, 0),
                        "flow {id} ends without a start, or twice"
                    );
                    assert_eq!(
                        slice_start.get(&tid),
                        Some(&ts),
                        "flow {id} ends where its slice starts"
                    );
                    *ends += 1;
                }
            }
            "E" => {
                let level = depth.entry(tid).or_default();
                *level -= 1;
                assert!(*level >= 0, "E without B on lane {tid}: {event}");
            }
            "b" | "e" => {
                let id = event["id"].as_str().expect("an async id").to_owned();
                assert!(event["cat"].is_string(), "async events have a category");
                let open = open_spans.entry(id.clone()).or_default();
                *open += if ph == "b" { 1 } else { -1 };
                assert!(
                    (0..=1).contains(open),
                    "b/e for {id} do not pair ({ph} at {event})"
                );
            }
            "i" | "I" => {}
            other => panic!("unexpected phase {other}"),
        }
    }
    for (tid, level) in depth {
        assert_eq!(level, 0, "unbalanced B/E on lane {tid}");
    }
    for (id, open) in open_spans {
        assert_eq!(open, 0, "async span {id} never ended");
    }
    for (id, ends) in flows {
        assert_eq!(ends, (1, 1), "flow {id} is not one start and one end");
    }
}

#[test]
fn the_chrome_export_draws_what_queued_each_task_and_microtask_as_flows() {
    let source = "\
setTimeout(function fired() { Promise.resolve().then(function inner() {}); }, 25);
Promise.resolve().then(function first() {}).then(function second() {});
";
    let (_, events) = run_virtual(source);
    let trace = chrome_events(&events);
    check_chrome(&trace);
    let slice = |name: &str| {
        trace
            .iter()
            .find(|event| event["ph"] == "B" && event["name"] == name)
            .unwrap_or_else(|| panic!("a slice named {name}"))
            .clone()
    };
    // The flow that ends in a slice: where it started (lane and time).
    let flow_into = |target: &Value| {
        let index = trace
            .iter()
            .position(|event| event == target)
            .expect("the slice is in the trace");
        let end = trace[index + 1..]
            .iter()
            .find(|event| event["ph"] == "f")
            .filter(|event| event["ts"] == target["ts"] && event["tid"] == target["tid"])
            .expect("a flow ends in the slice");
        trace
            .iter()
            .find(|event| event["ph"] == "s" && event["id"] == end["id"])
            .expect("the flow's start")
            .clone()
    };
    let script = slice("script trace.js");
    let timer = slice("setTimeout #1");
    // The timer's task was queued by the script (its setTimeout call).
    let from = flow_into(&timer);
    assert_eq!(from["tid"], script["tid"]);
    assert!(from["ts"].as_f64() >= script["ts"].as_f64());
    // `inner` was queued in the timer's task, `second` in `first`'s microtask.
    assert_eq!(flow_into(&slice("inner"))["tid"], timer["tid"]);
    let first = slice("first");
    let second_from = flow_into(&slice("second"));
    assert_eq!(second_from["tid"], first["tid"]);
    assert!(second_from["ts"].as_f64() >= first["ts"].as_f64());
    let flows = trace.iter().filter(|event| event["ph"] == "f").count();
    // setTimeout #1, first, second, inner (the script itself has no cause).
    assert_eq!(flows, 4, "{trace:#?}");
}

#[test]
fn the_chrome_export_has_lanes_balanced_spans_and_timer_pairs() {
    let source = "\
setTimeout(function fired() { Promise.resolve().then(function inner() {}); }, 25);
const gone = setTimeout(() => {}, 50);
clearTimeout(gone);
queueMicrotask(() => console.log('micro'));
Promise.reject(new Error('x'));
";
    let (_, events) = run_virtual(source);
    let trace = chrome_events(&events);
    check_chrome(&trace);

    let timer_task = trace
        .iter()
        .find(|event| {
            event["ph"] == "B"
                && event["args"]["task"].is_u64()
                && event["ts"]
                    .as_f64()
                    .is_some_and(|ts| ts.floor() == 25_000.0)
        })
        .expect("the 25 ms timer's task starts at 25000 µs (and a few ns of the script's work)");
    let timers_lane = trace
        .iter()
        .find(|event| event["ph"] == "b")
        .and_then(|event| event["tid"].as_u64())
        .expect("a timer span");
    assert_ne!(
        timer_task["tid"].as_u64(),
        Some(timers_lane),
        "timers have a lane of their own"
    );
    let spans: Vec<(&str, &str)> = trace
        .iter()
        .filter(|event| event["ph"] == "b" || event["ph"] == "e")
        .map(|event| {
            (
                event["ph"].as_str().unwrap_or_default(),
                event["id"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        spans.len(),
        4,
        "two timers, each set and fired or cleared: {spans:?}"
    );
    let microtask_names: Vec<&str> = trace
        .iter()
        .filter(|event| event["ph"] == "B" && event["args"]["microtask"].is_u64())
        .filter_map(|event| event["name"].as_str())
        .collect();
    assert!(microtask_names.contains(&"inner"), "{microtask_names:?}");
}

#[test]
fn the_chrome_export_pairs_an_interval_cleared_by_its_own_callback() {
    let source =
        "let n = 0; const id = setInterval(() => { if (++n === 3) clearInterval(id); }, 5);";
    let (_, events) = run_virtual(source);
    check_chrome(&chrome_events(&events));
}

#[test]
fn the_chrome_export_of_a_repl_session_is_balanced() {
    let mut runtime = virtual_runtime();
    value(&mut runtime, "setTimeout(() => console.log('x'), 3)");
    value(&mut runtime, "Promise.resolve().then(() => 1)");
    let events = drain_to_idle(&mut runtime);
    check_trace_structure(&events);
    check_chrome(&chrome_events(&events));
}

// ---------------------------------------------------------------------------------------------
// Stepping one task or one microtask at a time
// ---------------------------------------------------------------------------------------------

#[test]
fn step_unit_runs_one_task_or_one_microtask_at_a_time() {
    let mut runtime = Runtime::new(
        RuntimeOptions {
            clock: ClockKind::Virtual,
            ..RuntimeOptions::default()
        },
        Rc::new(NullHost),
    )
    .expect("a runtime");
    runtime
        .load_script(
            "steps.js",
            "console.log('script');
             Promise.resolve().then(() => console.log('then 1')).then(() => console.log('then 2'));
             setTimeout(() => console.log('timer'), 10);",
        )
        .expect("parses");
    let mut printed_after_each_step = Vec::new();
    let mut printed = Vec::new();
    for _ in 0..4 {
        runtime.step_unit();
        printed.extend(console_lines(&runtime.take_events()));
        printed_after_each_step.push(printed.join(","));
    }
    assert_eq!(
        printed_after_each_step,
        [
            "script",
            "script,then 1",
            "script,then 1,then 2",
            "script,then 1,then 2,timer"
        ]
    );
    assert_eq!(runtime.step_unit(), StepOutcome::Idle);
}

#[test]
fn logging_an_error_shows_its_header_once_then_its_frames() {
    // `stack` starts with `Name: message` (as in Chrome, tests/corpus/error-stack-header.js); the
    // console prints an error by its stack, and must not add the header a second time.
    let (_, events) = run_virtual(
        "function f() { return new RangeError('out of range'); }\n\
         const error = f();\n\
         console.log(error);\n\
         console.log({ error });",
    );
    let lines = console_lines(&events);
    let direct: Vec<&str> = lines[0].lines().collect();
    assert_eq!(direct[0], "RangeError: out of range", "{lines:?}");
    assert!(direct.len() > 1, "{lines:?}");
    assert!(
        direct[1..].iter().all(|line| line.starts_with("    at ")),
        "{lines:?}"
    );
    assert_eq!(
        lines[1].matches("RangeError: out of range").count(),
        1,
        "{lines:?}"
    );
}
