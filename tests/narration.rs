//! The step-through in words (tickscope::timeline::narrate) and the chain of causes
//! (tickscope::trace::causes) on real runs: each sentence and chain is checked for the facts it
//! names, read from the trace itself, not for its wording.

#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use tickscope::host::NullHost;
use tickscope::timeline::narrate::{cause_chain, entry_label, narrate, next_item};
use tickscope::trace::causes::{Causes, Item};
use tickscope::trace::replay::QueueSnapshot;
use tickscope::trace::{EventKind, TaskSource, TraceEvent};
use tickscope::{ClockKind, Runtime, RuntimeOptions};

fn run(source: &str) -> Vec<TraceEvent> {
    let options = RuntimeOptions {
        clock: ClockKind::Virtual,
        ..RuntimeOptions::default()
    };
    let mut runtime = Runtime::new(options, Rc::new(NullHost)).expect("the runtime starts");
    runtime
        .load_script("main.js", source)
        .expect("the script parses");
    runtime.run_until_idle();
    runtime.take_events()
}

/// The step (events applied) just after the first event that `pick` accepts.
fn step_of(events: &[TraceEvent], pick: impl Fn(&EventKind) -> bool) -> usize {
    events
        .iter()
        .position(|event| pick(&event.kind))
        .map(|index| index + 1)
        .expect("the trace has the event")
}

/// The microtask that printed `text`: the one running at that console event.
fn printer(events: &[TraceEvent], causes: &Causes, text: &str) -> Item {
    let index = step_of(
        events,
        |kind| matches!(kind, EventKind::Console { text: t, .. } if t == text),
    ) - 1;
    causes
        .running_at(index)
        .expect("something ran the console call")
}

fn sentence(events: &[TraceEvent], causes: &Causes, k: usize) -> String {
    narrate(events, causes, &QueueSnapshot::after(events, k), k).expect("a sentence")
}

const ORDER: &str = "\
console.log('script start');
setTimeout(function timeout() { console.log('setTimeout'); }, 0);
Promise.resolve().then(function promise1() { console.log('promise1'); }).then(function promise2() { console.log('promise2'); });
console.log('script end');
";

#[test]
fn a_then_callback_starts_after_the_script_task_ends_and_chains_back_to_it() {
    let events = run(ORDER);
    let causes = Causes::of(&events);
    let Item::Microtask(first) = printer(&events, &causes, "promise1") else {
        panic!("promise1 runs in a microtask");
    };
    let k = step_of(
        &events,
        |kind| matches!(kind, EventKind::MicrotaskStart { microtask, .. } if *microtask == first),
    );
    let said = sentence(&events, &causes, k);
    // What runs, which microtask, and why now: the task before it ended.
    assert!(said.contains("promise1"), "{said}");
    assert!(said.contains(&format!("#{first}")), "{said}");
    let ended = match &events[k - 2].kind {
        EventKind::TaskEnd { task } => *task,
        other => panic!("the step before is {other:?}"),
    };
    assert!(said.contains(&format!("task #{ended} ended")), "{said}");
    // It prints one line and queues the reaction of the second .then.
    assert!(said.contains("prints 1 line"), "{said}");
    assert!(said.contains("queues 1 microtask"), "{said}");

    let chain = cause_chain(&events, &causes, k);
    assert_eq!(chain.len(), 2, "{chain:?}");
    assert!(chain[0].text.contains("promise1"), "{chain:?}");
    // It was queued by the script at line 3, and the link moves the cursor to that step.
    assert!(chain[0].text.contains("main.js:3:"), "{chain:?}");
    assert!(
        matches!(events[chain[0].step - 1].kind, EventKind::MicrotaskEnqueued { microtask, .. } if microtask == first)
    );
    assert!(chain[1].text.contains("script main.js"), "{chain:?}");
    assert!(matches!(
        events[chain[1].step - 1].kind,
        EventKind::TaskStart {
            source: TaskSource::Script { .. },
            ..
        }
    ));
}

#[test]
fn the_second_then_is_queued_in_the_first_microtask() {
    let events = run(ORDER);
    let causes = Causes::of(&events);
    let second = printer(&events, &causes, "promise2");
    let first = printer(&events, &causes, "promise1");
    let items: Vec<Item> = causes
        .chain(second, 10)
        .iter()
        .map(|cause| cause.item)
        .collect();
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(items[0], second);
    assert_eq!(items[1], first);
    assert!(matches!(items[2], Item::Task(_)));
    let Item::Microtask(id) = second else {
        panic!("a microtask")
    };
    let k = step_of(
        &events,
        |kind| matches!(kind, EventKind::MicrotaskStart { microtask, .. } if *microtask == id),
    );
    let said = sentence(&events, &causes, k);
    // The microtask before it ended; the checkpoint goes on.
    let Item::Microtask(first_id) = first else {
        panic!("a microtask")
    };
    assert!(
        said.contains(&format!("microtask #{first_id} ended")),
        "{said}"
    );
}

#[test]
fn a_timer_task_names_its_timer_when_it_was_due_and_where_it_was_set() {
    let events = run(ORDER);
    let causes = Causes::of(&events);
    let task = printer(&events, &causes, "setTimeout");
    let Item::Task(id) = task else {
        panic!("the timer runs in a task")
    };
    let k = step_of(
        &events,
        |kind| matches!(kind, EventKind::TaskStart { task, .. } if *task == id),
    );
    let (timer, due, line) = events
        .iter()
        .find_map(|event| match &event.kind {
            EventKind::TimerSet { id, due, by, .. } => {
                Some((*id, *due, by.as_ref().map(|by| by.line)))
            }
            _ => None,
        })
        .expect("a timer was set");
    let said = sentence(&events, &causes, k);
    assert!(said.contains(&format!("timer #{timer}")), "{said}");
    assert!(
        said.contains(&format!("main.js:{}:", line.expect("a line"))),
        "{said}"
    );
    assert!(
        said.contains(&tickscope::timeline::format::millis(due)),
        "{said}"
    );
    // The last microtask of the checkpoint ended just before.
    assert!(
        said.contains("microtask checkpoint before it is over")
            || said.contains("microtask queue is empty"),
        "{said}"
    );
    let chain = cause_chain(&events, &causes, k);
    assert_eq!(chain.len(), 2, "{chain:?}");
    assert!(matches!(
        events[chain[0].step - 1].kind,
        EventKind::TimerSet { .. }
    ));
}

#[test]
fn an_await_continuation_chains_to_the_async_function_call() {
    let events = run("async function main() { await null; console.log('after'); }\nmain();\n");
    let causes = Causes::of(&events);
    let item = printer(&events, &causes, "after");
    let chain = causes.chain(item, 10);
    assert_eq!(chain.len(), 2, "{chain:?}");
    let queued = chain[0].queued_at.expect("queued");
    assert!(
        matches!(&events[queued].kind, EventKind::MicrotaskEnqueued { by: Some(by), .. } if by.line == 1 && &*by.function == "main")
    );
}

#[test]
fn a_thenable_adds_a_job_to_the_chain() {
    // Resolving with a thenable queues a job that calls its then, which resolves the promise later.
    let events = run(
        "const thenable = { then(resolve) { resolve(1); } };\nPromise.resolve().then(() => thenable).then((v) => console.log('got', v));\n",
    );
    let causes = Causes::of(&events);
    let item = printer(&events, &causes, "got 1");
    let chain = causes.chain(item, 10);
    // got <- the thenable's then job <- the first reaction <- the script.
    assert!(chain.len() >= 4, "{chain:?}");
    assert!(matches!(
        chain.last().map(|cause| cause.item),
        Some(Item::Task(_))
    ));
}

#[test]
fn an_unhandled_rejection_is_explained_as_unhandled_and_its_report_task() {
    let events = run("Promise.reject(new Error('nobody'));\n");
    let causes = Causes::of(&events);
    let k = step_of(&events, |kind| {
        matches!(kind, EventKind::UnhandledRejection { .. })
    });
    let said = sentence(&events, &causes, k);
    assert!(said.contains("nobody"), "{said}");
    assert!(said.contains("no handler"), "{said}");
    let start = step_of(&events, |kind| {
        matches!(
            kind,
            EventKind::TaskStart {
                source: TaskSource::RejectionReport,
                ..
            }
        )
    });
    let said = sentence(&events, &causes, start);
    assert!(said.contains("rejected"), "{said}");
}

#[test]
fn a_host_operation_is_explained_and_its_completion_chains_to_it() {
    let events =
        run("const timer = require('timer');\ntimer.sleep(5).then(() => console.log('woke'));\n");
    let causes = Causes::of(&events);
    let k = step_of(&events, |kind| {
        matches!(kind, EventKind::HostOpStarted { .. })
    });
    let said = sentence(&events, &causes, k);
    assert!(said.contains("timer.sleep"), "{said}");
    assert!(said.contains("main.js:2:"), "{said}");
    let completion = step_of(&events, |kind| {
        matches!(
            kind,
            EventKind::TaskStart {
                source: TaskSource::HostOp { .. },
                ..
            }
        )
    });
    let chain = cause_chain(&events, &causes, completion);
    assert!(
        matches!(
            events[chain[0].step - 1].kind,
            EventKind::HostOpStarted { .. }
        ),
        "{chain:?}"
    );
    let woke = printer(&events, &causes, "woke");
    let items: Vec<Item> = causes
        .chain(woke, 10)
        .iter()
        .map(|cause| cause.item)
        .collect();
    // woke <- the completion task <- the script.
    assert_eq!(items.len(), 3, "{items:?}");
}

#[test]
fn every_step_of_a_mixed_run_has_a_sentence_and_a_chain_that_only_goes_back() {
    let events = run(
        "setTimeout(() => Promise.resolve().then(() => queueMicrotask(() => console.log('deep'))), 1);\n\
         const channel = new MessageChannel();\nchannel.port1.onmessage = () => console.log('message');\n\
         channel.port2.postMessage(1);\nrequestAnimationFrame(() => console.log('frame'));\n\
         scheduler.postTask(() => console.log('posted'), { priority: 'background' });\n",
    );
    let causes = Causes::of(&events);
    for event in &events {
        let json = serde_json::to_value(event).expect("an event serialises");
        assert_eq!(json["type"], event.kind.type_name(), "{json}");
    }
    for k in 1..=events.len() {
        let said = sentence(&events, &causes, k);
        assert!(!said.is_empty(), "step {k}");
        let chain = cause_chain(&events, &causes, k);
        for pair in chain.windows(2) {
            assert!(pair[1].step <= pair[0].step, "step {k}: {chain:?}");
        }
    }
    let lines: Vec<&str> = ["deep", "message", "frame", "posted"].into();
    for line in lines {
        let item = printer(&events, &causes, line);
        let chain = causes.chain(item, 20);
        assert!(
            chain.last().is_some_and(|root| root.queued_at.is_none()),
            "{line}: {chain:?}"
        );
        assert!(
            chain.len() >= 2,
            "{line} was queued by something: {chain:?}"
        );
    }
}

#[test]
fn queue_entries_read_like_the_code_and_the_next_item_is_the_one_that_starts_next() {
    let code =
        "Promise.resolve(1).then(v => console.log(v));\nsetTimeout(function later() {}, 5);\n";
    let events = run(code);
    let causes = Causes::of(&events);
    let microtask = printer(&events, &causes, "1");
    assert_eq!(
        entry_label(&events, &causes, microtask, "main.js", code).as_deref(),
        Some("then(v => console.log(v))")
    );
    let timer_task = events
        .iter()
        .find_map(|event| match &event.kind {
            EventKind::TaskStart {
                task,
                source: TaskSource::Timer { .. },
            } => Some(Item::Task(*task)),
            _ => None,
        })
        .expect("the timer ran");
    assert_eq!(
        entry_label(&events, &causes, timer_task, "main.js", code).as_deref(),
        Some("setTimeout(function later() {}, 5)")
    );
    // After the script's task ends, the microtask starts next, then the timer's task.
    let script_end = step_of(&events, |kind| matches!(kind, EventKind::TaskEnd { .. }));
    assert_eq!(next_item(&events, script_end), Some(microtask));
    let microtask_end = step_of(&events, |kind| {
        matches!(kind, EventKind::MicrotaskEnd { .. })
    });
    assert_eq!(next_item(&events, microtask_end), Some(timer_task));
    assert_eq!(next_item(&events, events.len()), None);
}

/// Moving back and forth with checkpoints gives exactly the queues a replay from the first event
/// gives, at every kind of target: before, on and after a checkpoint, far back and far forward.
#[test]
fn replay_with_checkpoints_matches_a_full_replay() {
    use tickscope::trace::replay::{CHECKPOINT_EVERY, Replay};
    let events = run("\
let pending = [];
for (let i = 0; i < 1500; i++) pending.push(Promise.resolve(i).then((v) => v));
setTimeout(() => console.log('timer'), 5);
let p = Promise.resolve(0);
for (let i = 0; i < 800; i++) p = p.then((v) => v + 1);
");
    assert!(
        events.len() > 3 * CHECKPOINT_EVERY,
        "{} events: too few to cross checkpoints",
        events.len()
    );
    let last = events.len();
    let targets = [
        last,
        0,
        CHECKPOINT_EVERY,
        CHECKPOINT_EVERY - 1,
        CHECKPOINT_EVERY + 1,
        3 * CHECKPOINT_EVERY + 7,
        2 * CHECKPOINT_EVERY,
        1,
        last - 1,
        2 * CHECKPOINT_EVERY - 1,
        last + 10,
        5,
    ];
    let mut replay = Replay::default();
    for target in targets {
        let expected = QueueSnapshot::after(&events, target.min(last));
        assert_eq!(replay.seek(&events, target), &expected, "at {target}");
    }
    // Growing as a live run does, one event at a time, then stepping back into it.
    let mut live = Replay::default();
    for count in 0..=last {
        live.seek(&events[..count], count);
    }
    assert_eq!(
        live.seek(&events, CHECKPOINT_EVERY + 3),
        &QueueSnapshot::after(&events, CHECKPOINT_EVERY + 3)
    );
}
