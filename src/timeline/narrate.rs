//! The step-through in words: for the step that brought a run to `k` events, one sentence that
//! says what happens, why it happens now and what it queues ([`narrate`]), and the chain of
//! causes of what runs there ([`cause_chain`]).
//!
//! Everything is read from the trace (and its [`Causes`] index); nothing is written per snippet.

use super::format;
use crate::trace::causes::{Causes, Item};
use crate::trace::replay::QueueSnapshot;
use crate::trace::{EventKind, Location, TaskSource, TraceEvent};

/// The most links [`cause_chain`] returns: a chain of 10⁵ `.then` links is shown by its nearest
/// causes.
pub const CHAIN_LIMIT: usize = 12;

/// One link of a step's chain of causes, for the page to show and to move the cursor to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The step the link moves the cursor to: after the event that queued this link's item, or
    /// after its start for the chain's root.
    pub step: usize,
    /// What the link is, in words: `microtask #2 (promise1) · queued at main.js:3:23`.
    pub text: String,
}

/// The sentence for the step that brought the run to `k` events (`events[k - 1]` happened last),
/// with the queues as they are after it. `None` at the start of the run.
pub fn narrate(
    events: &[TraceEvent],
    causes: &Causes,
    queues: &QueueSnapshot,
    k: usize,
) -> Option<String> {
    let index = k.checked_sub(1)?;
    let event = events.get(index)?;
    let sentence = match &event.kind {
        EventKind::TaskQueued { task, source } => format!(
            "{} is queued as task #{task}{}; it runs once the tasks before it have run and the microtask queue is empty.",
            capitalise(&task_what(events, causes, *task, source)),
            queue_position(queues.tasks.len(), "task"),
        ),
        EventKind::TaskStart { task, source } => format!(
            "Task #{task} starts: it runs {}. {} {}",
            task_what(events, causes, *task, source),
            task_why(events, causes, index, source),
            queues_line(events, causes, Item::Task(*task)),
        ),
        EventKind::TaskEnd { task } => {
            let next = match queues.microtasks.len() {
                0 => {
                    "The microtask queue is empty, so the loop goes on to the next task.".to_owned()
                }
                n => format!(
                    "Now the microtask checkpoint runs the {} queued, oldest first, before any other task.",
                    plural(n, "microtask")
                ),
            };
            format!("Task #{task} ends. {next}")
        }
        EventKind::MicrotaskEnqueued {
            microtask,
            source,
            by,
        } => format!(
            "A {} is queued as microtask #{microtask}{}{}.",
            format::microtask_source(*source),
            format::at(by),
            queued_in(events, causes, index),
        ),
        EventKind::MicrotaskStart {
            microtask,
            function,
        } => format!(
            "Microtask #{microtask} starts: it runs {}{}. {} {}",
            callback(function.as_deref()),
            microtask_origin(events, causes, *microtask),
            microtask_why(events, causes, index),
            queues_line(events, causes, Item::Microtask(*microtask)),
        ),
        EventKind::MicrotaskEnd { microtask } => {
            let next = match queues.microtasks.len() {
                0 => "The microtask queue is empty: the checkpoint is over.".to_owned(),
                n => format!(
                    "{} still queued, so the checkpoint runs the oldest next.",
                    capitalise(&plural(n, "microtask"))
                ),
            };
            format!("Microtask #{microtask} ends. {next}")
        }
        EventKind::TimerSet {
            id,
            delay,
            due,
            repeat,
            by,
            ..
        } => format!(
            "{}{} sets {} #{id} for {}: it is due at {} on the loop's clock.",
            if *repeat { "setInterval" } else { "setTimeout" },
            format::at(by),
            if *repeat { "interval" } else { "timer" },
            format::millis(*delay),
            format::millis(*due),
        ),
        EventKind::TimerFired { id } => format!(
            "Timer #{id} is due at {}: its callback is queued as a task.",
            format::millis(event.time)
        ),
        EventKind::TimerCleared { id } => {
            format!("Timer #{id} is cleared: its callback will not run.")
        }
        EventKind::HostOpStarted { name, args, by, .. } => format!(
            "{name}({args}) starts{}; it runs outside JavaScript, and its result comes back as a task.",
            format::at(by),
        ),
        EventKind::HostOpSettled { name, ok, .. } => format!(
            "{name} {}: its completion is queued as a task.",
            if *ok { "succeeded" } else { "failed" }
        ),
        EventKind::HostOpAborted { name, .. } => {
            format!("{name} is aborted by its signal: its promise rejects with an AbortError.")
        }
        EventKind::Console { text, .. } => format!(
            "{} prints \u{201c}{}\u{201d}.",
            capitalise(&running_name(events, causes, index)),
            quote(text)
        ),
        EventKind::UncaughtError { message, .. } => format!(
            "{} throws and nothing catches it: {}. The task ends here; the loop goes on.",
            capitalise(&running_name(events, causes, index)),
            quote(message)
        ),
        EventKind::UnhandledRejection { message, .. } => format!(
            "A promise was rejected and no handler was added by the end of the microtask checkpoint: {}.",
            quote(message)
        ),
        EventKind::RuntimeLimit { message } => format!("The run is stopped: {}.", quote(message)),
        EventKind::RenderingStep { frame, .. } => format!(
            "Frame {frame}'s rendering step: the animation-frame callbacks requested before it run now, each as a task."
        ),
        EventKind::AnimationFrameRequested { id, by } => format!(
            "requestAnimationFrame{} asks for callback #{id} to run in the next frame's rendering step.",
            format::at(by),
        ),
        EventKind::IdleCallbackRequested { id, by, .. } => format!(
            "requestIdleCallback{} asks for callback #{id} to run when the loop is idle.",
            format::at(by),
        ),
        EventKind::IdlePeriod { .. } => {
            "No task is ready: an idle period starts, in which idle callbacks run.".to_owned()
        }
        EventKind::MessagePosted { port, by } => format!(
            "postMessage{} sends a message to port #{port}: it is delivered as a task of its own.",
            format::at(by),
        ),
        EventKind::SchedulerTaskPosted {
            id,
            priority,
            continuation,
            by,
            ..
        } => format!(
            "{}{} posts scheduler task #{id} at {} priority: the loop picks ready tasks by priority.",
            if *continuation {
                "scheduler.yield()"
            } else {
                "scheduler.postTask"
            },
            format::at(by),
            priority.as_str(),
        ),
        _ => format!("{}.", capitalise(&format::event(&event.kind))),
    };
    Some(sentence)
}

/// The chain of causes of what runs at step `k`: the item the step is about, then what queued
/// it, back to the script (at most [`CHAIN_LIMIT`] links).
pub fn cause_chain(events: &[TraceEvent], causes: &Causes, k: usize) -> Vec<Link> {
    let Some(item) = k
        .checked_sub(1)
        .and_then(|index| causes.item_of(events, index))
    else {
        return Vec::new();
    };
    causes
        .chain(item, CHAIN_LIMIT)
        .into_iter()
        .map(|cause| {
            let queued = cause.queued_at.and_then(|index| events.get(index));
            let place = queued
                .and_then(|event| by_of(&event.kind))
                .map(format::location);
            let text = match (place, cause.queued_at) {
                (Some(place), _) => format!(
                    "{} · queued at {place}",
                    item_name(events, causes, cause.item)
                ),
                (None, Some(index)) => format!(
                    "{} · queued in {}",
                    item_name(events, causes, cause.item),
                    causes.running_at(index).map_or_else(
                        || "the loop".to_owned(),
                        |parent| item_name(events, causes, parent)
                    )
                ),
                (None, None) => item_name(events, causes, cause.item),
            };
            let step = cause
                .queued_at
                .or(cause.started_at)
                .map_or(0, |index| index + 1);
            Link { step, text }
        })
        .collect()
}

/// The source location behind the step that brought the run to `k` events, for the editor to
/// highlight: what queued the microtask, set the timer, started the host operation, requested
/// the frame or idle callback, posted the message or scheduler task, or threw; for a task or
/// microtask being queued, starting or ending, what set it up.
pub fn step_location(events: &[TraceEvent], causes: &Causes, k: usize) -> Option<Location> {
    let index = k.checked_sub(1)?;
    let event = events.get(index)?;
    let origin = |at: Option<usize>| {
        at.and_then(|at| events.get(at))
            .and_then(|event| by_of(&event.kind))
            .cloned()
    };
    match &event.kind {
        EventKind::UncaughtError { location, .. } => location.clone(),
        EventKind::TaskQueued { task, .. }
        | EventKind::TaskStart { task, .. }
        | EventKind::TaskEnd { task } => origin(causes.queued_at(Item::Task(*task))),
        EventKind::MicrotaskStart { microtask, .. } | EventKind::MicrotaskEnd { microtask } => {
            origin(causes.queued_at(Item::Microtask(*microtask)))
        }
        EventKind::TimerFired { id } | EventKind::TimerCleared { id } => {
            origin(causes.timer_set_at(*id))
        }
        EventKind::HostOpSettled { op, .. } | EventKind::HostOpAborted { op, .. } => {
            origin(causes.host_op_started_at(*op))
        }
        kind => by_of(kind).cloned(),
    }
}

/// An item's short name: `task #1 (script main.js)`, `microtask #2 (promise1)`.
pub fn item_name(events: &[TraceEvent], causes: &Causes, item: Item) -> String {
    match item {
        Item::Task(task) => match task_source(events, causes, task) {
            Some(source) => format!("task #{task} ({})", format::task_name(&source)),
            None => format!("task #{task}"),
        },
        Item::Microtask(microtask) => match microtask_function(events, causes, microtask) {
            Some(function) if !function.is_empty() => {
                format!("microtask #{microtask} ({function})")
            }
            _ => format!("microtask #{microtask}"),
        },
    }
}

/// The `by` location an event carries, if any.
fn by_of(kind: &EventKind) -> Option<&Location> {
    match kind {
        EventKind::MicrotaskEnqueued { by, .. }
        | EventKind::TimerSet { by, .. }
        | EventKind::HostOpStarted { by, .. }
        | EventKind::AnimationFrameRequested { by, .. }
        | EventKind::IdleCallbackRequested { by, .. }
        | EventKind::SchedulerTaskPosted { by, .. }
        | EventKind::MessagePosted { by, .. } => by.as_ref(),
        _ => None,
    }
}

fn task_source(events: &[TraceEvent], causes: &Causes, task: u64) -> Option<TaskSource> {
    let index = causes.started_at(Item::Task(task))?;
    match &events.get(index)?.kind {
        EventKind::TaskStart { source, .. } => Some(source.clone()),
        _ => None,
    }
}

fn microtask_function(events: &[TraceEvent], causes: &Causes, microtask: u64) -> Option<String> {
    let index = causes.started_at(Item::Microtask(microtask))?;
    match &events.get(index)?.kind {
        EventKind::MicrotaskStart { function, .. } => function.clone(),
        _ => None,
    }
}

/// What a task runs, with where it was set up: `the callback of timer #1, set at main.js:2:11`.
fn task_what(events: &[TraceEvent], causes: &Causes, task: u64, source: &TaskSource) -> String {
    let origin = causes
        .queued_at(Item::Task(task))
        .and_then(|index| events.get(index))
        .and_then(|event| by_of(&event.kind))
        .map(format::location);
    let set = |verb: &str| {
        origin
            .as_ref()
            .map(|at| format!(", {verb} at {at}"))
            .unwrap_or_default()
    };
    match source {
        TaskSource::Script { name } => format!("the script {name}"),
        TaskSource::Module { name } => format!("the module {name}"),
        TaskSource::Timer { id } => format!("the callback of timer #{id}{}", set("set")),
        TaskSource::Interval { id } => format!("the callback of interval #{id}{}", set("set")),
        TaskSource::HostOp { name, .. } => format!("the completion {name}{}", set("started")),
        TaskSource::Eval => "a line typed into the REPL".to_owned(),
        TaskSource::RejectionReport => {
            "the report of promises rejected without a handler".to_owned()
        }
        TaskSource::Engine => "a job the engine queued".to_owned(),
        TaskSource::PostedMessage { port } => {
            format!("the message event of port #{port}{}", set("posted"))
        }
        TaskSource::RejectionHandled => "the rejectionhandled event".to_owned(),
        TaskSource::AnimationFrame { id, .. } => {
            format!("animation-frame callback #{id}{}", set("requested"))
        }
        TaskSource::IdleCallback { id, .. } => format!("idle callback #{id}{}", set("requested")),
        TaskSource::Scheduler {
            id,
            priority,
            continuation,
        } => format!(
            "{}{}",
            format::scheduler_task(*id, *priority, *continuation),
            set("posted")
        ),
    }
}

/// Why a task starts at `index`: what made it ready, and that the loop had nothing ahead of it.
fn task_why(events: &[TraceEvent], causes: &Causes, index: usize, source: &TaskSource) -> String {
    let ready = match source {
        TaskSource::Script { .. } | TaskSource::Module { .. } => {
            return "It is the run's first task.".to_owned();
        }
        TaskSource::Eval => return "The REPL runs each line as a task.".to_owned(),
        TaskSource::Timer { id } | TaskSource::Interval { id } => {
            match timer_due(events, causes, *id, index) {
                Some(due) => format!("Its timer became due at {}", format::millis(due)),
                None => "Its timer became due".to_owned(),
            }
        }
        TaskSource::HostOp { name, .. } => format!("The host operation behind {name} settled"),
        TaskSource::PostedMessage { .. } => "Its message arrived".to_owned(),
        TaskSource::AnimationFrame { frame, .. } => format!("Frame {frame}'s rendering step came"),
        TaskSource::IdleCallback {
            timed_out: true, ..
        } => "Its timeout passed".to_owned(),
        TaskSource::IdleCallback { .. } => "The loop was idle".to_owned(),
        TaskSource::Scheduler { priority, .. } => {
            format!(
                "It is the oldest ready task at {} priority",
                priority.as_str()
            )
        }
        TaskSource::RejectionReport => {
            "A microtask checkpoint ended with a rejected promise that has no handler".to_owned()
        }
        TaskSource::RejectionHandled => "A promise reported as unhandled got a handler".to_owned(),
        TaskSource::Engine => "The engine queued it".to_owned(),
    };
    let previous = previous_step(events, index);
    let after = match previous.map(|previous| &events[previous].kind) {
        Some(EventKind::TaskEnd { task }) => {
            format!(", task #{task} has ended and the microtask queue is empty")
        }
        Some(EventKind::MicrotaskEnd { .. }) => {
            ", and the microtask checkpoint before it is over".to_owned()
        }
        _ => ", and the loop had nothing else to run first".to_owned(),
    };
    format!("{ready}{after}.")
}

/// When timer `id` was due, from its latest `timer_set` before `index`.
fn timer_due(events: &[TraceEvent], causes: &Causes, id: u32, index: usize) -> Option<f64> {
    let task = causes.running_at(index)?;
    let set = causes.queued_at(task)?;
    match &events.get(set)?.kind {
        EventKind::TimerSet {
            id: set_id, due, ..
        } if *set_id == id => Some(*due),
        _ => None,
    }
}

/// Why a microtask starts at `index`.
fn microtask_why(events: &[TraceEvent], causes: &Causes, index: usize) -> String {
    match previous_step(events, index).map(|previous| (previous, &events[previous].kind)) {
        Some((_, EventKind::TaskEnd { task })) => format!(
            "It runs now because task #{task} ended: the microtask checkpoint runs every queued microtask, oldest first, before the next task."
        ),
        Some((_, EventKind::MicrotaskEnd { microtask })) => format!(
            "It runs now because microtask #{microtask} ended and the checkpoint goes on until the microtask queue is empty."
        ),
        Some((previous, _)) => match causes.running_at(previous) {
            Some(Item::Task(task)) => format!(
                "It runs inside task #{task}: a callback the loop called has returned, and the microtask checkpoint after a callback runs before the task goes on."
            ),
            _ => "It runs now because the microtask queue is drained before anything else."
                .to_owned(),
        },
        None => {
            "It runs now because the microtask queue is drained before anything else.".to_owned()
        }
    }
}

/// Where a microtask came from: `, queued at main.js:3:23` or `, queued when microtask #1 (promise1) ran`.
fn microtask_origin(events: &[TraceEvent], causes: &Causes, microtask: u64) -> String {
    let Some(index) = causes.queued_at(Item::Microtask(microtask)) else {
        return String::new();
    };
    match events.get(index).and_then(|event| by_of(&event.kind)) {
        Some(by) => format!(", queued at {}", format::location(by)),
        None => match causes.running_at(index) {
            Some(parent) => format!(", queued while {} ran", item_name(events, causes, parent)),
            None => String::new(),
        },
    }
}

/// ` in microtask #1 (promise1)`, for an event queued inside a task or microtask.
fn queued_in(events: &[TraceEvent], causes: &Causes, index: usize) -> String {
    match causes.running_at(index) {
        Some(parent) => format!(" while {} runs", item_name(events, causes, parent)),
        None => String::new(),
    }
}

/// What an item queued while it ran: `It queues 2 microtasks and sets 1 timer.` (empty if nothing).
fn queues_line(events: &[TraceEvent], causes: &Causes, item: Item) -> String {
    let (mut microtasks, mut timers, mut host_ops, mut frames, mut messages, mut lines) =
        (0, 0, 0, 0, 0, 0);
    for index in causes.own_events(item) {
        match &events[index].kind {
            EventKind::MicrotaskEnqueued { .. } => microtasks += 1,
            EventKind::TimerSet { .. } => timers += 1,
            EventKind::HostOpStarted { .. } => host_ops += 1,
            EventKind::AnimationFrameRequested { .. } => frames += 1,
            EventKind::MessagePosted { .. } => messages += 1,
            EventKind::Console { .. } => lines += 1,
            _ => {}
        }
    }
    let parts: Vec<String> = [
        (microtasks, "queues", "microtask"),
        (timers, "sets", "timer"),
        (host_ops, "starts", "host operation"),
        (frames, "requests", "animation frame"),
        (messages, "posts", "message"),
        (lines, "prints", "line"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, verb, noun)| format!("{verb} {}", plural(n, noun)))
    .collect();
    if parts.is_empty() {
        return String::new();
    }
    format!("It {}.", join(&parts))
}

/// The latest event before `index` that is not a frame marker.
fn previous_step(events: &[TraceEvent], index: usize) -> Option<usize> {
    (0..index)
        .rev()
        .find(|&earlier| !matches!(events[earlier].kind, EventKind::Frame { .. }))
}

/// The name of what is running at `index`, or `the loop`.
fn running_name(events: &[TraceEvent], causes: &Causes, index: usize) -> String {
    causes.running_at(index).map_or_else(
        || "the loop".to_owned(),
        |item| item_name(events, causes, item),
    )
}

/// `the callback promise1`, or `an anonymous callback` / `the code after an await` when unnamed.
fn callback(function: Option<&str>) -> String {
    match function {
        Some(name) if !name.is_empty() => format!("the callback {name}"),
        Some(_) => "an anonymous callback".to_owned(),
        None => "a promise job (an await continuation or an anonymous callback)".to_owned(),
    }
}

/// `, the 3rd in the task queue` (nothing when it is the only one).
fn queue_position(length: usize, what: &str) -> String {
    if length <= 1 {
        String::new()
    } else {
        format!(" ({} {what}s are waiting now)", length)
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", format::count(n))
    }
}

fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// At most 80 characters of `text`, on one line.
fn quote(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let mut quoted: String = line.chars().take(80).collect();
    if quoted.len() < text.len() {
        quoted.push('…');
    }
    quoted
}

/// The task or microtask that starts next after step `k` (what the queues view marks as about
/// to run), read ahead in the recorded trace.
pub fn next_item(events: &[TraceEvent], k: usize) -> Option<Item> {
    events
        .get(k..)?
        .iter()
        .find_map(|event| Item::started_by(&event.kind))
}

/// What a queued item will run, in the words of the code (`code` is the text of the script named
/// `script`):
/// the call that queued it (`then(v => console.log(v))`, `setTimeout(function tick() { …`),
/// with the callback's name when the trace knows it and the call does not show it.
pub fn entry_label(
    events: &[TraceEvent],
    causes: &Causes,
    item: Item,
    script: &str,
    code: &str,
) -> Option<String> {
    let call = causes
        .queued_at(item)
        .and_then(|index| events.get(index))
        .and_then(|event| by_of(&event.kind))
        .filter(|by| by.file.as_deref().is_none_or(|file| file == script))
        .and_then(|by| format::call_excerpt(code, by));
    let function = match item {
        Item::Microtask(microtask) => microtask_function(events, causes, microtask),
        Item::Task(_) => None,
    }
    .filter(|name| !name.is_empty());
    match (call, function) {
        (Some(call), Some(function)) if !call.contains(&function) => {
            Some(format!("{call} → {function}"))
        }
        (Some(call), _) => Some(call),
        (None, Some(function)) => Some(format!("runs {function}")),
        (None, None) => None,
    }
}
