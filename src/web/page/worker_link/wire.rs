//! Reading the worker's messages: [`FromWorker`] from its JSON text, by a hand-written serde
//! visitor instead of the derived `Deserialize`.
//!
//! The JSON is exactly `crate::protocol`'s (the worker writes it with the derived `Serialize`). The
//! derived readers of its internally tagged enums and of [`TraceEvent`]'s flattened kind buffer
//! every event before reading it and weigh about 80 KB of the page's wasm; this one reads each
//! field once, straight into the event, in a few KB. The tests check it against the derived
//! `Serialize` for every kind of message, event and task source.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::protocol::{FileEntry, FromWorker, LoopStatus};
use crate::trace::{
    ConsoleLevel, EventKind, Location, MicrotaskSource, TaskPriority, TaskSource, TraceEvent,
};

/// Reads a message of the worker from its JSON text.
pub fn from_json(text: &str) -> serde_json::Result<FromWorker> {
    serde_json::from_str::<Message>(text).map(|message| message.0)
}

/// A `frame` message at least this long is read a slice of events at a time ([`parse`]).
pub const SLICED_BYTES: usize = 256 * 1024;

/// A message read whole, or a long frame whose events are read a slice at a time.
#[derive(Debug)]
pub enum Parsed {
    /// The whole message.
    Whole(FromWorker),
    /// A long `frame` message: its number and status now, its events slice by slice.
    Sliced(FrameSlices),
}

/// A long `frame` message whose events are read a slice at a time, so that one message of a
/// hundred thousand events never holds the page's thread for long.
#[derive(Debug)]
pub struct FrameSlices {
    text: String,
    /// The frame's number.
    pub frame: u64,
    /// The loop's state after the frame: apply it once every event is read.
    pub status: LoopStatus,
    /// Where the next event (or the array's end) starts in `text`.
    at: usize,
    /// Whether the events array was read to its end.
    done: bool,
}

impl FrameSlices {
    /// Reads up to `max` more events.
    pub fn next_slice(&mut self, max: usize) -> serde_json::Result<Vec<TraceEvent>> {
        let mut events = Vec::new();
        while !self.done && events.len() < max {
            self.skip_space();
            if self.text.as_bytes().get(self.at) == Some(&b']') {
                self.done = true;
                break;
            }
            let mut stream =
                serde_json::Deserializer::from_str(&self.text[self.at..]).into_iter::<OneEvent>();
            match stream.next() {
                Some(Ok(OneEvent(event))) => events.push(event),
                Some(Err(error)) => return Err(error),
                None => return Err(de::Error::custom("the events end too soon")),
            }
            self.at += stream.byte_offset();
            self.skip_space();
            match self.text.as_bytes().get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => self.done = true,
                _ => return Err(de::Error::custom("expected , or ] after an event")),
            }
        }
        Ok(events)
    }

    /// Whether every event was read.
    pub fn is_done(&self) -> bool {
        self.done
    }

    fn skip_space(&mut self) {
        let rest = &self.text.as_bytes()[self.at.min(self.text.len())..];
        self.at += rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    }
}

/// One trace event, for serde_json's stream reader.
struct OneEvent(TraceEvent);

impl<'de> Deserialize<'de> for OneEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        EventSeed.deserialize(deserializer).map(OneEvent)
    }
}

/// Reads a message; a long `frame` comes back [`Parsed::Sliced`], its events not read yet.
///
/// The worker writes a frame's fields in the order `type`, `frame`, `status`, `events`; the
/// number and status are read from what comes before the events. Any other layout is read whole.
pub fn parse(text: String) -> serde_json::Result<Parsed> {
    const EVENTS: &str = r#","events":["#;
    let sliceable = text.len() >= SLICED_BYTES && text.starts_with(r#"{"type":"frame","#);
    let Some(key) = sliceable.then(|| text.find(EVENTS)).flatten() else {
        return from_json(&text).map(Parsed::Whole);
    };
    let at = key + EVENTS.len();
    let head = format!("{}[]}}", &text[..at - 1]);
    Ok(match from_json(&head) {
        Ok(FromWorker::Frame { frame, status, .. }) => Parsed::Sliced(FrameSlices {
            text,
            frame,
            status,
            at,
            done: false,
        }),
        _ => Parsed::Whole(from_json(&text)?),
    })
}

/// A JSON key of a message, an event or a task source (unknown keys are skipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Type,
    Kind,
    Ticker,
    Frame,
    Status,
    Events,
    Message,
    Line,
    Column,
    Id,
    Text,
    Thrown,
    File,
    Seq,
    Time,
    Wall,
    Task,
    Source,
    Microtask,
    By,
    Function,
    Delay,
    Due,
    Repeat,
    Nesting,
    Op,
    Name,
    Args,
    Ok,
    Level,
    Stack,
    Location,
    Timestamp,
    Timeout,
    Deadline,
    TimedOut,
    Port,
    Canceled,
    Priority,
    Continuation,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "type" => Key::Type,
                    "kind" => Key::Kind,
                    "ticker" => Key::Ticker,
                    "frame" => Key::Frame,
                    "status" => Key::Status,
                    "events" => Key::Events,
                    "message" => Key::Message,
                    "line" => Key::Line,
                    "column" => Key::Column,
                    "id" => Key::Id,
                    "text" => Key::Text,
                    "thrown" => Key::Thrown,
                    "file" => Key::File,
                    "seq" => Key::Seq,
                    "time" => Key::Time,
                    "wall" => Key::Wall,
                    "task" => Key::Task,
                    "source" => Key::Source,
                    "microtask" => Key::Microtask,
                    "by" => Key::By,
                    "function" => Key::Function,
                    "delay" => Key::Delay,
                    "due" => Key::Due,
                    "repeat" => Key::Repeat,
                    "nesting" => Key::Nesting,
                    "op" => Key::Op,
                    "name" => Key::Name,
                    "args" => Key::Args,
                    "ok" => Key::Ok,
                    "level" => Key::Level,
                    "stack" => Key::Stack,
                    "location" => Key::Location,
                    "timestamp" => Key::Timestamp,
                    "timeout" => Key::Timeout,
                    "deadline" => Key::Deadline,
                    "timed_out" => Key::TimedOut,
                    "port" => Key::Port,
                    "canceled" => Key::Canceled,
                    "priority" => Key::Priority,
                    "continuation" => Key::Continuation,
                    _ => Key::Other,
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// A required field, or serde's "missing field" error.
fn need<T, E: de::Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(name))
}

/// Reads the next value into `slot` (a duplicate key is an error, as with the derived reader).
fn read<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// A whole message.
struct Message(FromWorker);

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MessageVisitor)
    }
}

struct MessageVisitor;

impl<'de> Visitor<'de> for MessageVisitor {
    type Value = Message;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a message from the worker")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Message, A::Error> {
        let mut kind: Option<String> = None;
        let mut ticker: Option<String> = None;
        let mut frame: Option<u64> = None;
        let mut status: Option<LoopStatus> = None;
        let mut events: Option<Events> = None;
        let mut message: Option<String> = None;
        let mut line: Option<Option<u32>> = None;
        let mut column: Option<Option<u32>> = None;
        let mut id: Option<u64> = None;
        let mut text: Option<String> = None;
        let mut thrown: Option<bool> = None;
        let mut file: Option<FileEntry> = None;
        let mut task: Option<String> = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Type => read(&mut map, &mut kind, "type")?,
                Key::Ticker => read(&mut map, &mut ticker, "ticker")?,
                Key::Frame => read(&mut map, &mut frame, "frame")?,
                Key::Status => read(&mut map, &mut status, "status")?,
                Key::Events => read(&mut map, &mut events, "events")?,
                Key::Message => read(&mut map, &mut message, "message")?,
                Key::Line => read(&mut map, &mut line, "line")?,
                Key::Column => read(&mut map, &mut column, "column")?,
                Key::Id => read(&mut map, &mut id, "id")?,
                Key::Text => read(&mut map, &mut text, "text")?,
                Key::Thrown => read(&mut map, &mut thrown, "thrown")?,
                Key::File => read(&mut map, &mut file, "file")?,
                Key::Task => read(&mut map, &mut task, "task")?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let kind = need(kind, "type")?;
        let message = match kind.as_str() {
            "ready" => FromWorker::Ready {
                ticker: need(ticker, "ticker")?,
            },
            "frame" => FromWorker::Frame {
                frame: need(frame, "frame")?,
                status: need(status, "status")?,
                events: need(events, "events")?.0,
            },
            "load_error" => FromWorker::LoadError {
                message: need(message, "message")?,
                line: line.flatten(),
                column: column.flatten(),
                events: need(events, "events")?.0,
            },
            "eval_result" => FromWorker::EvalResult {
                id: need(id, "id")?,
                text: need(text, "text")?,
                thrown: need(thrown, "thrown")?,
            },
            "file_written" => FromWorker::FileWritten {
                file: need(file, "file")?,
            },
            "crashed" => FromWorker::Crashed {
                message: need(message, "message")?,
            },
            "invalid" => FromWorker::Invalid {
                message: need(message, "message")?,
            },
            "long_task" => FromWorker::LongTask {
                task: need(task, "task")?,
            },
            other => {
                return Err(de::Error::unknown_variant(
                    other,
                    &[
                        "ready",
                        "frame",
                        "load_error",
                        "eval_result",
                        "file_written",
                        "crashed",
                        "invalid",
                        "long_task",
                    ],
                ));
            }
        };
        Ok(Message(message))
    }
}

/// A message's trace events.
struct Events(Vec<TraceEvent>);

impl<'de> Deserialize<'de> for Events {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EventsVisitor;
        impl<'de> Visitor<'de> for EventsVisitor {
            type Value = Events;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of trace events")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Events, A::Error> {
                let mut events = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(event) = seq.next_element_seed(EventSeed)? {
                    events.push(event);
                }
                Ok(Events(events))
            }
        }
        deserializer.deserialize_seq(EventsVisitor)
    }
}

/// Where a `source` field may point: a task's source (an object) or a microtask's (a string).
enum Source {
    Task(TaskSource),
    Microtask(MicrotaskSource),
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SourceVisitor;
        impl<'de> Visitor<'de> for SourceVisitor {
            type Value = Source;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a task source or a microtask source")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Source, E> {
                match value {
                    "promise" => Ok(Source::Microtask(MicrotaskSource::Promise)),
                    "queue_microtask" => Ok(Source::Microtask(MicrotaskSource::QueueMicrotask)),
                    other => Err(E::unknown_variant(other, &["promise", "queue_microtask"])),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Source, A::Error> {
                let mut kind: Option<String> = None;
                let mut name: Option<String> = None;
                let mut id: Option<u32> = None;
                let mut op: Option<u64> = None;
                let mut frame: Option<u64> = None;
                let mut timed_out: Option<bool> = None;
                let mut port: Option<u32> = None;
                let mut priority: Option<TaskPriority> = None;
                let mut continuation: Option<bool> = None;
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Port => read(&mut map, &mut port, "port")?,
                        Key::Priority => read(&mut map, &mut priority, "priority")?,
                        Key::Continuation => read(&mut map, &mut continuation, "continuation")?,
                        Key::Frame => read(&mut map, &mut frame, "frame")?,
                        Key::TimedOut => read(&mut map, &mut timed_out, "timed_out")?,
                        Key::Kind => read(&mut map, &mut kind, "kind")?,
                        Key::Name => read(&mut map, &mut name, "name")?,
                        Key::Id => read(&mut map, &mut id, "id")?,
                        Key::Op => read(&mut map, &mut op, "op")?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                let kind = need(kind, "kind")?;
                Ok(Source::Task(match kind.as_str() {
                    "script" => TaskSource::Script {
                        name: need(name, "name")?,
                    },
                    "module" => TaskSource::Module {
                        name: need(name, "name")?,
                    },
                    "timer" => TaskSource::Timer {
                        id: need(id, "id")?,
                    },
                    "interval" => TaskSource::Interval {
                        id: need(id, "id")?,
                    },
                    "host_op" => TaskSource::HostOp {
                        name: need(name, "name")?,
                        op: need(op, "op")?,
                    },
                    "eval" => TaskSource::Eval,
                    "rejection_report" => TaskSource::RejectionReport,
                    "engine" => TaskSource::Engine,
                    "animation_frame" => TaskSource::AnimationFrame {
                        id: need(id, "id")?,
                        frame: need(frame, "frame")?,
                    },
                    "idle_callback" => TaskSource::IdleCallback {
                        id: need(id, "id")?,
                        timed_out: need(timed_out, "timed_out")?,
                    },
                    "posted_message" => TaskSource::PostedMessage {
                        port: need(port, "port")?,
                    },
                    "rejection_handled" => TaskSource::RejectionHandled,
                    "scheduler" => TaskSource::Scheduler {
                        id: need(id, "id")?,
                        priority: need(priority, "priority")?,
                        continuation: need(continuation, "continuation")?,
                    },
                    other => {
                        return Err(de::Error::unknown_variant(
                            other,
                            &[
                                "script",
                                "module",
                                "timer",
                                "interval",
                                "host_op",
                                "eval",
                                "rejection_report",
                                "engine",
                                "animation_frame",
                                "idle_callback",
                                "posted_message",
                                "rejection_handled",
                                "scheduler",
                            ],
                        ));
                    }
                }))
            }
        }
        deserializer.deserialize_any(SourceVisitor)
    }
}

/// Reads one trace event.
struct EventSeed;

impl<'de> DeserializeSeed<'de> for EventSeed {
    type Value = TraceEvent;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<TraceEvent, D::Error> {
        deserializer.deserialize_map(EventVisitor)
    }
}

struct EventVisitor;

/// Every field an event may have, as read.
#[derive(Default)]
struct EventFields {
    kind: Option<String>,
    seq: Option<u64>,
    time: Option<f64>,
    wall: Option<f64>,
    task: Option<u64>,
    source: Option<Source>,
    microtask: Option<u64>,
    by: Option<Option<Location>>,
    function: Option<Option<String>>,
    id: Option<u32>,
    delay: Option<f64>,
    due: Option<f64>,
    repeat: Option<bool>,
    nesting: Option<u32>,
    op: Option<u64>,
    name: Option<String>,
    args: Option<String>,
    ok: Option<bool>,
    frame: Option<u64>,
    level: Option<ConsoleLevel>,
    text: Option<String>,
    message: Option<String>,
    stack: Option<Vec<String>>,
    location: Option<Option<Location>>,
    timestamp: Option<f64>,
    timeout: Option<Option<f64>>,
    deadline: Option<f64>,
    canceled: Option<bool>,
    port: Option<u32>,
    priority: Option<TaskPriority>,
    continuation: Option<bool>,
}

impl<'de> Visitor<'de> for EventVisitor {
    type Value = TraceEvent;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a trace event")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TraceEvent, A::Error> {
        let mut e = EventFields::default();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Type => read(&mut map, &mut e.kind, "type")?,
                Key::Seq => read(&mut map, &mut e.seq, "seq")?,
                Key::Time => read(&mut map, &mut e.time, "time")?,
                Key::Wall => read(&mut map, &mut e.wall, "wall")?,
                Key::Task => read(&mut map, &mut e.task, "task")?,
                Key::Source => read(&mut map, &mut e.source, "source")?,
                Key::Microtask => read(&mut map, &mut e.microtask, "microtask")?,
                Key::By => read(&mut map, &mut e.by, "by")?,
                Key::Function => read(&mut map, &mut e.function, "function")?,
                Key::Id => read(&mut map, &mut e.id, "id")?,
                Key::Delay => read(&mut map, &mut e.delay, "delay")?,
                Key::Due => read(&mut map, &mut e.due, "due")?,
                Key::Repeat => read(&mut map, &mut e.repeat, "repeat")?,
                Key::Nesting => read(&mut map, &mut e.nesting, "nesting")?,
                Key::Op => read(&mut map, &mut e.op, "op")?,
                Key::Name => read(&mut map, &mut e.name, "name")?,
                Key::Args => read(&mut map, &mut e.args, "args")?,
                Key::Ok => read(&mut map, &mut e.ok, "ok")?,
                Key::Frame => read(&mut map, &mut e.frame, "frame")?,
                Key::Level => read(&mut map, &mut e.level, "level")?,
                Key::Text => read(&mut map, &mut e.text, "text")?,
                Key::Message => read(&mut map, &mut e.message, "message")?,
                Key::Stack => read(&mut map, &mut e.stack, "stack")?,
                Key::Location => read(&mut map, &mut e.location, "location")?,
                Key::Timestamp => read(&mut map, &mut e.timestamp, "timestamp")?,
                Key::Timeout => read(&mut map, &mut e.timeout, "timeout")?,
                Key::Deadline => read(&mut map, &mut e.deadline, "deadline")?,
                Key::Canceled => read(&mut map, &mut e.canceled, "canceled")?,
                Key::Port => read(&mut map, &mut e.port, "port")?,
                Key::Priority => read(&mut map, &mut e.priority, "priority")?,
                Key::Continuation => read(&mut map, &mut e.continuation, "continuation")?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(TraceEvent {
            seq: need(e.seq, "seq")?,
            time: need(e.time, "time")?,
            wall: need(e.wall, "wall")?,
            kind: event_kind(e)?,
        })
    }
}

/// The event's kind from the fields read.
fn event_kind<E: de::Error>(e: EventFields) -> Result<EventKind, E> {
    let task_source = |source: Option<Source>| match need(source, "source")? {
        Source::Task(source) => Ok(source),
        Source::Microtask(_) => Err(E::custom("a task's source must be an object")),
    };
    let kind = need(e.kind, "type")?;
    Ok(match kind.as_str() {
        "task_queued" => EventKind::TaskQueued {
            task: need(e.task, "task")?,
            source: task_source(e.source)?,
        },
        "task_start" => EventKind::TaskStart {
            task: need(e.task, "task")?,
            source: task_source(e.source)?,
        },
        "task_end" => EventKind::TaskEnd {
            task: need(e.task, "task")?,
        },
        "microtask_enqueued" => EventKind::MicrotaskEnqueued {
            microtask: need(e.microtask, "microtask")?,
            source: match need(e.source, "source")? {
                Source::Microtask(source) => source,
                Source::Task(_) => return Err(E::custom("a microtask's source must be a string")),
            },
            by: e.by.flatten(),
        },
        "microtask_start" => EventKind::MicrotaskStart {
            microtask: need(e.microtask, "microtask")?,
            function: e.function.flatten(),
        },
        "microtask_end" => EventKind::MicrotaskEnd {
            microtask: need(e.microtask, "microtask")?,
        },
        "timer_set" => EventKind::TimerSet {
            id: need(e.id, "id")?,
            delay: need(e.delay, "delay")?,
            due: need(e.due, "due")?,
            repeat: need(e.repeat, "repeat")?,
            nesting: need(e.nesting, "nesting")?,
            by: e.by.flatten(),
        },
        "timer_cleared" => EventKind::TimerCleared {
            id: need(e.id, "id")?,
        },
        "timer_fired" => EventKind::TimerFired {
            id: need(e.id, "id")?,
        },
        "host_op_started" => EventKind::HostOpStarted {
            op: need(e.op, "op")?,
            name: need(e.name, "name")?,
            args: need(e.args, "args")?,
            by: e.by.flatten(),
        },
        "host_op_settled" => EventKind::HostOpSettled {
            op: need(e.op, "op")?,
            name: need(e.name, "name")?,
            ok: need(e.ok, "ok")?,
        },
        "frame" => EventKind::Frame {
            frame: need(e.frame, "frame")?,
        },
        "console" => EventKind::Console {
            level: need(e.level, "level")?,
            text: need(e.text, "text")?,
        },
        "uncaught_error" => EventKind::UncaughtError {
            message: need(e.message, "message")?,
            stack: e.stack.unwrap_or_default(),
            location: e.location.flatten(),
        },
        "unhandled_rejection" => EventKind::UnhandledRejection {
            message: need(e.message, "message")?,
            stack: e.stack.unwrap_or_default(),
        },
        "runtime_limit" => EventKind::RuntimeLimit {
            message: need(e.message, "message")?,
        },
        "animation_frame_requested" => EventKind::AnimationFrameRequested {
            id: need(e.id, "id")?,
            by: e.by.flatten(),
        },
        "animation_frame_cancelled" => EventKind::AnimationFrameCancelled {
            id: need(e.id, "id")?,
        },
        "rendering_step" => EventKind::RenderingStep {
            frame: need(e.frame, "frame")?,
            timestamp: need(e.timestamp, "timestamp")?,
        },
        "idle_callback_requested" => EventKind::IdleCallbackRequested {
            id: need(e.id, "id")?,
            timeout: e.timeout.flatten(),
            by: e.by.flatten(),
        },
        "idle_callback_cancelled" => EventKind::IdleCallbackCancelled {
            id: need(e.id, "id")?,
        },
        "idle_period" => EventKind::IdlePeriod {
            deadline: need(e.deadline, "deadline")?,
        },
        "host_op_aborted" => EventKind::HostOpAborted {
            op: need(e.op, "op")?,
            name: need(e.name, "name")?,
        },
        "global_event" => EventKind::GlobalEvent {
            name: need(e.name, "name")?,
            canceled: need(e.canceled, "canceled")?,
        },
        "scheduler_task_posted" => EventKind::SchedulerTaskPosted {
            id: need(e.id, "id")?,
            priority: need(e.priority, "priority")?,
            delay: e.delay,
            continuation: need(e.continuation, "continuation")?,
            by: e.by.flatten(),
        },
        "message_posted" => EventKind::MessagePosted {
            port: need(e.port, "port")?,
            by: e.by.flatten(),
        },
        "scheduler_task_aborted" => EventKind::SchedulerTaskAborted {
            id: need(e.id, "id")?,
        },
        other => return Err(E::custom(format!("unknown trace event type `{other}`"))),
    })
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;
    use crate::protocol::LoopState;
    use crate::{ClockKind, Pending};

    fn at(function: &str) -> Option<Location> {
        Some(Location {
            function: Rc::from(function),
            file: Some(Rc::from("main.js")),
            line: 3,
            column: 14,
        })
    }

    /// One event of every kind, and every task source.
    fn every_event() -> Vec<TraceEvent> {
        let sources = [
            TaskSource::Script {
                name: "main.js".into(),
            },
            TaskSource::Module {
                name: "main.mjs".into(),
            },
            TaskSource::Timer { id: 3 },
            TaskSource::Interval { id: 4 },
            TaskSource::HostOp {
                name: "timer.sleep.settle".into(),
                op: 7,
            },
            TaskSource::Eval,
            TaskSource::RejectionReport,
            TaskSource::Engine,
            TaskSource::PostedMessage { port: 2 },
            TaskSource::RejectionHandled,
            TaskSource::Scheduler {
                id: 4,
                priority: TaskPriority::Background,
                continuation: true,
            },
        ];
        let mut kinds: Vec<EventKind> = sources
            .into_iter()
            .flat_map(|source| {
                [
                    EventKind::TaskQueued {
                        task: 1,
                        source: source.clone(),
                    },
                    EventKind::TaskStart { task: 1, source },
                ]
            })
            .collect();
        kinds.extend([
            EventKind::TaskEnd { task: 1 },
            EventKind::MicrotaskEnqueued {
                microtask: 2,
                source: MicrotaskSource::Promise,
                by: at("outer"),
            },
            EventKind::MicrotaskEnqueued {
                microtask: 3,
                source: MicrotaskSource::QueueMicrotask,
                by: None,
            },
            EventKind::MicrotaskStart {
                microtask: 2,
                function: Some("then".into()),
            },
            EventKind::MicrotaskStart {
                microtask: 3,
                function: None,
            },
            EventKind::MicrotaskEnd { microtask: 2 },
            EventKind::TimerSet {
                id: 3,
                delay: 4.0,
                due: 10.5,
                repeat: true,
                nesting: 6,
                by: at("<main>"),
            },
            EventKind::TimerCleared { id: 3 },
            EventKind::TimerFired { id: 3 },
            EventKind::HostOpStarted {
                op: 7,
                name: "timer.sleep".into(),
                args: "20".into(),
                by: at(""),
            },
            EventKind::HostOpSettled {
                op: 7,
                name: "timer.sleep.settle".into(),
                ok: false,
            },
            EventKind::Frame { frame: 9 },
            EventKind::AnimationFrameRequested {
                id: 2,
                by: at("tick"),
            },
            EventKind::AnimationFrameCancelled { id: 2 },
            EventKind::RenderingStep {
                frame: 3,
                timestamp: 50.0,
            },
            EventKind::TaskStart {
                task: 12,
                source: TaskSource::AnimationFrame { id: 2, frame: 3 },
            },
            EventKind::IdleCallbackRequested {
                id: 1,
                timeout: Some(20.0),
                by: None,
            },
            EventKind::IdleCallbackRequested {
                id: 2,
                timeout: None,
                by: at(""),
            },
            EventKind::IdleCallbackCancelled { id: 2 },
            EventKind::IdlePeriod { deadline: 66.5 },
            EventKind::HostOpAborted {
                op: 7,
                name: "fetch".into(),
            },
            EventKind::GlobalEvent {
                name: "unhandledrejection".into(),
                canceled: true,
            },
            EventKind::SchedulerTaskPosted {
                id: 5,
                priority: TaskPriority::UserBlocking,
                delay: Some(20.0),
                continuation: false,
                by: at("post"),
            },
            EventKind::SchedulerTaskPosted {
                id: 6,
                priority: TaskPriority::UserVisible,
                delay: None,
                continuation: true,
                by: None,
            },
            EventKind::SchedulerTaskAborted { id: 5 },
            EventKind::MessagePosted {
                port: 2,
                by: at("send"),
            },
            EventKind::TaskQueued {
                task: 13,
                source: TaskSource::IdleCallback {
                    id: 1,
                    timed_out: true,
                },
            },
            EventKind::Console {
                level: ConsoleLevel::Warn,
                text: "a \"quoted\"\nline ✓".into(),
            },
            EventKind::UncaughtError {
                message: "Uncaught Error: boom".into(),
                stack: vec!["f (main.js:1:2)".into()],
                location: at("f"),
            },
            EventKind::UncaughtError {
                message: "Uncaught SyntaxError: x".into(),
                stack: Vec::new(),
                location: None,
            },
            EventKind::UnhandledRejection {
                message: "Uncaught (in promise) 1".into(),
                stack: Vec::new(),
            },
            EventKind::RuntimeLimit {
                message: "too deep".into(),
            },
        ]);
        kinds
            .into_iter()
            .enumerate()
            .map(|(seq, kind)| TraceEvent {
                seq: seq as u64,
                time: seq as f64 * 0.5,
                wall: seq as f64 * 0.25 + 0.125,
                kind,
            })
            .collect()
    }

    /// Which kind an event is; without a wildcard, so a new kind does not compile until it is
    /// listed here (and [`every_event`] must then hold one for the test to pass).
    fn kind_index(kind: &EventKind) -> usize {
        match kind {
            EventKind::TaskQueued { .. } => 0,
            EventKind::TaskStart { .. } => 1,
            EventKind::TaskEnd { .. } => 2,
            EventKind::MicrotaskEnqueued { .. } => 3,
            EventKind::MicrotaskStart { .. } => 4,
            EventKind::MicrotaskEnd { .. } => 5,
            EventKind::TimerSet { .. } => 6,
            EventKind::TimerCleared { .. } => 7,
            EventKind::TimerFired { .. } => 8,
            EventKind::HostOpStarted { .. } => 9,
            EventKind::HostOpSettled { .. } => 10,
            EventKind::HostOpAborted { .. } => 11,
            EventKind::GlobalEvent { .. } => 12,
            EventKind::Frame { .. } => 13,
            EventKind::AnimationFrameRequested { .. } => 14,
            EventKind::AnimationFrameCancelled { .. } => 15,
            EventKind::RenderingStep { .. } => 16,
            EventKind::IdleCallbackRequested { .. } => 17,
            EventKind::IdleCallbackCancelled { .. } => 18,
            EventKind::SchedulerTaskPosted { .. } => 19,
            EventKind::SchedulerTaskAborted { .. } => 20,
            EventKind::IdlePeriod { .. } => 21,
            EventKind::Console { .. } => 22,
            EventKind::UncaughtError { .. } => 23,
            EventKind::UnhandledRejection { .. } => 24,
            EventKind::RuntimeLimit { .. } => 25,
            EventKind::MessagePosted { .. } => 26,
        }
    }
    const EVENT_KINDS: usize = 27;

    /// Which source a task has, likewise without a wildcard.
    fn source_index(source: &TaskSource) -> usize {
        match source {
            TaskSource::Script { .. } => 0,
            TaskSource::Module { .. } => 1,
            TaskSource::Timer { .. } => 2,
            TaskSource::Interval { .. } => 3,
            TaskSource::HostOp { .. } => 4,
            TaskSource::Eval => 5,
            TaskSource::RejectionReport => 6,
            TaskSource::Engine => 7,
            TaskSource::PostedMessage { .. } => 8,
            TaskSource::RejectionHandled => 9,
            TaskSource::AnimationFrame { .. } => 10,
            TaskSource::IdleCallback { .. } => 11,
            TaskSource::Scheduler { .. } => 12,
        }
    }
    const TASK_SOURCES: usize = 13;

    #[wasm_bindgen_test]
    fn every_event_holds_every_kind_and_source() {
        let events = every_event();
        let kinds: std::collections::BTreeSet<usize> =
            events.iter().map(|event| kind_index(&event.kind)).collect();
        assert_eq!(kinds.len(), EVENT_KINDS, "kinds covered: {kinds:?}");
        let sources: std::collections::BTreeSet<usize> = events
            .iter()
            .filter_map(|event| match &event.kind {
                EventKind::TaskQueued { source, .. } | EventKind::TaskStart { source, .. } => {
                    Some(source_index(source))
                }
                _ => None,
            })
            .collect();
        assert_eq!(sources.len(), TASK_SOURCES, "sources covered: {sources:?}");
    }

    fn every_message() -> Vec<FromWorker> {
        vec![
            FromWorker::Ready {
                ticker: "animation_frame".into(),
            },
            FromWorker::Frame {
                frame: 1,
                status: LoopStatus {
                    state: LoopState::Waiting,
                    pending: Pending {
                        tasks: 1,
                        microtasks: 2,
                        timers: 3,
                        host_ops: 4,
                    },
                    now_ms: 12.5,
                    next_due_ms: Some(20.0),
                },
                events: every_event(),
            },
            FromWorker::LoadError {
                message: "SyntaxError: x".into(),
                line: Some(2),
                column: None,
                events: Vec::new(),
            },
            FromWorker::EvalResult {
                id: 5,
                text: "42".into(),
                thrown: false,
            },
            FromWorker::FileWritten {
                file: FileEntry {
                    name: "notes/a.txt".into(),
                    text: "hi".into(),
                },
            },
            FromWorker::Crashed {
                message: "panicked".into(),
            },
            FromWorker::Invalid {
                message: "bad".into(),
            },
        ]
    }

    #[wasm_bindgen_test]
    fn reads_what_the_worker_writes() {
        let _ = ClockKind::Virtual;
        for message in every_message() {
            let json = message.to_json().expect("serialises");
            assert_eq!(from_json(&json).expect("reads"), message, "{json}");
            assert_eq!(
                FromWorker::from_json(&json).expect("derived reads"),
                message
            );
        }
    }

    #[wasm_bindgen_test]
    fn refuses_what_the_derived_reader_refuses() {
        for json in [
            r#"{"type":"launch"}"#,
            r#"{"type":"frame","frame":1}"#,
            r#"{"type":"frame","frame":1,"status":{"state":"idle","pending":{"tasks":0,"microtasks":0,"timers":0,"host_ops":0},"now_ms":0},"events":[{"seq":0,"time":0,"wall":0,"type":"nonsense"}]}"#,
            r#"{"type":"ready","ticker":"x","ticker":"y"}"#,
            "[]",
        ] {
            assert!(from_json(json).is_err(), "{json}");
            assert!(FromWorker::from_json(json).is_err(), "{json}");
        }
    }
    #[wasm_bindgen_test]
    fn reads_a_long_frame_a_slice_at_a_time() {
        let tricky = EventKind::Console {
            level: ConsoleLevel::Log,
            text: r#"brackets ]}[{, "quotes", a backslash \ and "events":[1] ✓"#.into(),
        };
        let mut events = Vec::new();
        while events.len() < 6_000 {
            let mut batch = every_event();
            batch.push(TraceEvent {
                seq: 0,
                time: 1.0,
                wall: 2.0,
                kind: tricky.clone(),
            });
            events.extend(batch);
        }
        for (seq, event) in events.iter_mut().enumerate() {
            event.seq = seq as u64;
        }
        let status = LoopStatus {
            state: LoopState::Busy,
            pending: Pending::default(),
            now_ms: 1.5,
            next_due_ms: None,
        };
        let message = FromWorker::Frame {
            frame: 3,
            status,
            events: events.clone(),
        };
        let json = message.to_json().expect("serialises");
        assert!(json.len() >= SLICED_BYTES, "{} bytes", json.len());
        let Ok(Parsed::Sliced(mut frame)) = parse(json) else {
            panic!("a long frame is read in slices");
        };
        assert_eq!((frame.frame, frame.status), (3, status));
        let mut read = Vec::new();
        while !frame.is_done() {
            read.extend(frame.next_slice(777).expect("a slice reads"));
        }
        assert_eq!(read, events);
    }

    #[wasm_bindgen_test]
    fn short_messages_are_read_whole() {
        for message in every_message() {
            let json = message.to_json().expect("serialises");
            match parse(json) {
                Ok(Parsed::Whole(read)) => assert_eq!(read, message),
                other => panic!("read whole: {other:?}"),
            }
        }
        assert!(parse("{".to_owned()).is_err());
    }
}
