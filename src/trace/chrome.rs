//! Export of the trace in Chrome's Trace Event format, for Perfetto and `chrome://tracing`.
//!
//! One process with a thread per timeline lane: tasks and microtasks as duration events,
//! timers and host operations as async spans (set to fire, start to settle), frames, console
//! entries and errors as instant events. Timestamps are the active clock's, in microseconds.
//!
//! What queued each task and microtask is a flow (category `cause`, the trace event format's
//! `s` and `f` phases, both bound to their enclosing slice): from the task or microtask that was
//! running when it was queued (the `setTimeout` call, the `.then`, the promise that fulfilled) to
//! the one it queued, so Perfetto draws an arrow between the two slices. The links are those of
//! [`super::causes`].

use serde_json::{Value, json};

use super::causes::{Causes, Item};
use super::{EventKind, TraceEvent};

const PID: u32 = 1;
const TASKS: u32 = 1;
const MICROTASKS: u32 = 2;
const TIMERS: u32 = 3;
const HOST_OPS: u32 = 4;
const FRAMES: u32 = 5;

/// Renders events as a Chrome Trace Event JSON document.
pub fn to_chrome_json(events: &[TraceEvent]) -> serde_json::Result<String> {
    let mut open_timers = std::collections::HashSet::new();
    let mut out: Vec<Value> = [
        (TASKS, "tasks"),
        (MICROTASKS, "microtasks"),
        (TIMERS, "timers"),
        (HOST_OPS, "host operations"),
        (FRAMES, "frames"),
    ]
    .iter()
    .map(|(tid, name)| {
        json!({"ph": "M", "pid": PID, "tid": tid, "name": "thread_name", "args": {"name": name}})
    })
    .collect();
    out.push(json!({"ph": "M", "pid": PID, "name": "process_name", "args": {"name": "tickscope"}}));
    let mut flows = flows(events);
    out.extend(events.iter().enumerate().flat_map(|(index, event)| {
        // A timer's span ends once: an interval cleared by its own callback already ended
        // its span when it fired.
        match event.kind {
            EventKind::TimerSet { id, .. } => {
                open_timers.insert(id);
            }
            EventKind::TimerFired { id } | EventKind::TimerCleared { id }
                if !open_timers.remove(&id) =>
            {
                return Vec::new();
            }
            _ => {}
        }
        // A flow starts or ends at its event, after the event's own slice begins.
        let mut converted: Vec<Value> = convert(event).into_iter().collect();
        converted.append(&mut flows[index]);
        converted
    }));
    serde_json::to_string(&json!({ "traceEvents": out, "displayTimeUnit": "ms" }))
}

/// The `cause` flows, by the index of the event they go with: one `s` where an item was queued,
/// inside what was running then, and one `f` where the item starts. Items queued outside any
/// task or microtask, and items that never ran, have none.
fn flows(events: &[TraceEvent]) -> Vec<Vec<Value>> {
    let causes = Causes::of(events);
    let lane = |item: Item| match item {
        Item::Task(_) => TASKS,
        Item::Microtask(_) => MICROTASKS,
    };
    let mut out = vec![Vec::new(); events.len()];
    for (index, event) in events.iter().enumerate() {
        let Some(item) = Item::started_by(&event.kind) else {
            continue;
        };
        let Some(queued) = causes.queued_at(item) else {
            continue;
        };
        let Some(parent) = causes.running_at(queued).filter(|parent| *parent != item) else {
            continue;
        };
        let id = event.seq;
        let flow = |ph: &str, tid: u32, at: &TraceEvent| json!({"ph": ph, "bp": "e", "pid": PID, "tid": tid, "ts": at.time * 1000.0, "cat": "cause", "name": "queued", "id": id});
        out[queued].push(flow("s", lane(parent), &events[queued]));
        out[index].push(flow("f", lane(item), &events[index]));
    }
    out
}

fn convert(event: &TraceEvent) -> Option<Value> {
    let ts = event.time * 1000.0;
    let base = |ph: &str, tid: u32, name: String| json!({"ph": ph, "pid": PID, "tid": tid, "ts": ts, "name": name, "args": {"seq": event.seq, "wall_ms": event.wall}});
    let span = |ph: &str, cat: &str, id: String, name: String| json!({"ph": ph, "pid": PID, "tid": if cat == "timer" { TIMERS } else { HOST_OPS }, "ts": ts, "cat": cat, "id": id, "name": name, "args": {"seq": event.seq}});
    Some(match &event.kind {
        EventKind::TaskStart { task, source } => {
            let mut value = base("B", TASKS, crate::timeline::format::task_name(source));
            value["args"]["task"] = json!(task);
            value
        }
        EventKind::TaskEnd { .. } => base("E", TASKS, String::new()),
        EventKind::MicrotaskStart {
            microtask,
            function,
        } => {
            let name = function.clone().unwrap_or_else(|| "microtask".to_owned());
            let mut value = base("B", MICROTASKS, name);
            value["args"]["microtask"] = json!(microtask);
            value
        }
        EventKind::MicrotaskEnd { .. } => base("E", MICROTASKS, String::new()),
        EventKind::TimerSet {
            id, delay, repeat, ..
        } => {
            let kind = if *repeat { "setInterval" } else { "setTimeout" };
            span(
                "b",
                "timer",
                format!("timer-{id}"),
                format!("{kind}({delay}) #{id}"),
            )
        }
        EventKind::TimerFired { id } | EventKind::TimerCleared { id } => {
            span("e", "timer", format!("timer-{id}"), String::new())
        }
        EventKind::HostOpStarted { op, name, .. } => {
            span("b", "hostop", format!("op-{op}"), name.clone())
        }
        EventKind::HostOpSettled { op, name, .. } => {
            span("e", "hostop", format!("op-{op}"), name.clone())
        }
        EventKind::HostOpAborted { op, name } => {
            span("e", "hostop", format!("op-{op}"), format!("{name} aborted"))
        }
        EventKind::GlobalEvent { name, canceled } => {
            let mut value = base("i", TASKS, format!("{name} event"));
            value["args"]["canceled"] = json!(canceled);
            value["s"] = json!("t");
            value
        }
        EventKind::Frame { frame } => {
            let mut value = base("i", FRAMES, format!("frame {frame}"));
            value["s"] = json!("t");
            value
        }
        EventKind::RenderingStep { frame, .. } => {
            let mut value = base("i", FRAMES, format!("rendering step {frame}"));
            value["s"] = json!("t");
            value
        }
        EventKind::IdlePeriod { deadline } => {
            let mut value = base("i", TASKS, "idle period".to_owned());
            value["args"]["deadline_ms"] = json!(deadline);
            value["s"] = json!("t");
            value
        }
        EventKind::Console { level, text } => {
            let mut value = base("i", TASKS, format!("console.{level:?}").to_lowercase());
            value["args"]["text"] = json!(text);
            value["s"] = json!("t");
            value
        }
        EventKind::UncaughtError { message, .. }
        | EventKind::UnhandledRejection { message, .. }
        | EventKind::RuntimeLimit { message } => {
            let mut value = base("i", TASKS, message.clone());
            value["s"] = json!("t");
            value
        }
        EventKind::MicrotaskEnqueued { .. }
        | EventKind::TaskQueued { .. }
        | EventKind::AnimationFrameRequested { .. }
        | EventKind::AnimationFrameCancelled { .. }
        | EventKind::IdleCallbackRequested { .. }
        | EventKind::IdleCallbackCancelled { .. }
        | EventKind::SchedulerTaskPosted { .. }
        | EventKind::MessagePosted { .. }
        | EventKind::SchedulerTaskAborted { .. } => return None,
    })
}
