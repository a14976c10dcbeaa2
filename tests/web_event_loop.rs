//! The browser event-loop APIs of a snippet's global (events, rejection events, abort, messages,
//! frames, idle callbacks, the scheduler) through the library: each area's work on the timeline,
//! with the line of the snippet that asked for it.
//!
//! Their order of output is the differential corpus's job (`tests/corpus.rs`, recorded in Chromium);
//! this file checks what only tickscope has: the trace and the timeline built from it.

#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use tickscope::host::NullHost;
use tickscope::timeline::{ItemDetail, Lane, TimelineLayout};
use tickscope::trace::{EventKind, TaskPriority, TaskSource, TraceEvent};
use tickscope::{ClockKind, Runtime, RuntimeOptions, StepOutcome, TraceMode};

/// Runs `source` as `main.js` under the virtual clock with the full trace until the loop is idle.
fn run(source: &str) -> (Vec<TraceEvent>, Vec<String>) {
    let options = RuntimeOptions {
        clock: ClockKind::Virtual,
        trace: TraceMode::Full,
        ..RuntimeOptions::default()
    };
    let mut runtime = Runtime::new(options, Rc::new(NullHost)).expect("the runtime starts");
    runtime
        .load_script("main.js", source)
        .expect("the snippet loads");
    let mut events = Vec::new();
    for _ in 0..10_000 {
        let outcome = runtime.run_for(50.0);
        events.extend(runtime.take_events());
        if outcome == StepOutcome::Idle {
            let console = events
                .iter()
                .filter_map(|event| match &event.kind {
                    EventKind::Console { text, .. } => Some(text.clone()),
                    _ => None,
                })
                .collect();
            return (events, console);
        }
    }
    panic!("the loop did not go idle");
}

/// All seven areas in one snippet; each line number below is where the snippet asks for that work.
const SEVEN_AREAS: &str = r#"const target = new EventTarget();
target.addEventListener('ping', () => console.log('event listener'));
self.addEventListener('unhandledrejection', (e) => { e.preventDefault(); console.log('unhandledrejection'); });
Promise.reject(new Error('nobody handles this'));
AbortSignal.timeout(40).onabort = () => target.dispatchEvent(new Event('ping'));
const { port1, port2 } = new MessageChannel();
port2.onmessage = (e) => console.log('message', e.data);
port1.postMessage('hello');
requestAnimationFrame(() => console.log('animation frame'));
requestIdleCallback(() => console.log('idle callback'));
scheduler.postTask(() => console.log('background task'), { priority: 'background' });
scheduler.postTask(async () => {
  await scheduler.yield();
  console.log('continued after yield');
});
"#;

/// The line of the snippet an item's `by` points at.
fn line_of(item: &tickscope::timeline::Item) -> Option<u32> {
    item.by.as_ref().map(|by| by.line)
}

#[test]
fn a_snippet_using_all_seven_areas_shows_each_on_the_timeline_with_its_line() {
    let (events, console) = run(SEVEN_AREAS);
    for line in [
        "unhandledrejection",
        "message hello",
        "background task",
        "continued after yield",
        "animation frame",
        "idle callback",
        "event listener",
    ] {
        assert!(
            console.iter().any(|text| text == line),
            "{line:?} in {console:?}"
        );
    }
    let mut layout = TimelineLayout::new();
    layout.append(&events);
    let tasks: Vec<_> = layout.items(Lane::Task).collect();
    let task_line = |wanted: &dyn Fn(&TaskSource) -> bool| {
        tasks.iter().find_map(|item| match &item.detail {
            ItemDetail::Task { source, .. } if wanted(source) => Some(line_of(item)),
            _ => None,
        })
    };
    // Messages: the task delivering the message, set up where postMessage was called.
    assert_eq!(
        task_line(&|source| matches!(source, TaskSource::PostedMessage { .. })),
        Some(Some(8))
    );
    // The scheduler: the background task and the continuation after yield().
    assert_eq!(
        task_line(&|source| matches!(
            source,
            TaskSource::Scheduler {
                priority: TaskPriority::Background,
                continuation: false,
                ..
            }
        )),
        Some(Some(11))
    );
    assert_eq!(
        task_line(&|source| matches!(
            source,
            TaskSource::Scheduler {
                continuation: true,
                ..
            }
        )),
        Some(Some(13))
    );
    // Idle time.
    assert_eq!(
        task_line(&|source| matches!(source, TaskSource::IdleCallback { .. })),
        Some(Some(10))
    );
    // The rendering step: the callback is in the frames lane.
    let frame_callback = layout
        .items(Lane::Frame)
        .find_map(|item| match &item.detail {
            ItemDetail::Task {
                source: TaskSource::AnimationFrame { .. },
                ..
            } => Some(line_of(item)),
            _ => None,
        });
    assert_eq!(frame_callback, Some(Some(9)));
    // Abort: AbortSignal.timeout's timer, set on line 5; its abort event ran the events area's
    // listener (dispatchEvent) in the timer's task.
    let abort_timer = layout
        .items(Lane::Timer)
        .find(|item| line_of(item) == Some(5));
    assert!(
        abort_timer.is_some(),
        "a timer set on line 5 (AbortSignal.timeout)"
    );
    // Error and rejection events: the unhandledrejection event, canceled by its listener.
    assert!(
        events.iter().any(|event| matches!(
            &event.kind,
            EventKind::GlobalEvent { name, canceled: true } if name == "unhandledrejection"
        )),
        "a canceled unhandledrejection global_event"
    );
    assert!(
        !events
            .iter()
            .any(|event| matches!(event.kind, EventKind::UnhandledRejection { .. })),
        "preventDefault() left out the console report"
    );
}

#[test]
fn an_aborted_scheduler_task_leaves_its_queue_and_the_trace_says_so() {
    let (events, console) = run(r#"const c = new TaskController();
scheduler.postTask(() => console.log('never'), { signal: c.signal, delay: 10 }).catch((e) => console.log(e.name));
c.abort();
"#);
    assert_eq!(console, ["AbortError"]);
    let posted = events.iter().find_map(|event| match &event.kind {
        EventKind::SchedulerTaskPosted { id, delay, .. } => Some((*id, *delay)),
        _ => None,
    });
    let (id, delay) = posted.expect("a scheduler_task_posted event");
    assert_eq!(delay, Some(10.0));
    assert!(events.iter().any(
        |event| matches!(event.kind, EventKind::SchedulerTaskAborted { id: aborted } if aborted == id)
    ));
    assert!(!events.iter().any(|event| matches!(
        &event.kind,
        EventKind::TaskStart {
            source: TaskSource::Scheduler { .. },
            ..
        }
    )));
}

#[test]
fn a_signal_priority_change_reaches_a_task_already_queued() {
    let (events, console) = run(r#"const c = new TaskController({ priority: 'background' });
scheduler.postTask(() => console.log('moved up'), { signal: c.signal });
scheduler.postTask(() => console.log('user-visible'));
c.setPriority('user-blocking');
"#);
    assert_eq!(console, ["moved up", "user-visible"]);
    let priorities: Vec<(bool, TaskPriority)> = events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::TaskQueued {
                source: TaskSource::Scheduler { priority, .. },
                ..
            } => Some((false, *priority)),
            EventKind::TaskStart {
                source: TaskSource::Scheduler { priority, .. },
                ..
            } => Some((true, *priority)),
            _ => None,
        })
        .collect();
    // Queued as background, run as user-blocking.
    assert_eq!(priorities.first(), Some(&(false, TaskPriority::Background)));
    assert_eq!(
        priorities.iter().find(|(started, _)| *started),
        Some(&(true, TaskPriority::UserBlocking))
    );
}

#[test]
fn nothing_reaches_the_page_its_storage_or_other_origins() {
    // A dedicated worker in Chromium has all of these; a snippet here has none of them, so the only
    // way out of its world is `fetch`, which the host controls.
    let (_, console) = run(
        r#"for (const name of ['postMessage', 'importScripts', 'close', 'location', 'navigator',
  'indexedDB', 'caches', 'localStorage', 'sessionStorage', 'document', 'window', 'parent', 'top', 'opener',
  'Worker', 'SharedWorker', 'BroadcastChannel', 'WebSocket', 'XMLHttpRequest', 'EventSource', 'cookieStore']) {
  console.log(name, typeof self[name]);
}
const { port1, port2 } = new MessageChannel();
console.log('ports stay in the snippet', Object.getPrototypeOf(port1) === MessagePort.prototype);
"#,
    );
    let missing: Vec<&String> = console
        .iter()
        .filter(|line| !line.ends_with(" undefined") && !line.starts_with("ports"))
        .collect();
    assert!(missing.is_empty(), "globals that reach out: {missing:?}");
    assert_eq!(console.len(), 22, "{console:?}");
}
