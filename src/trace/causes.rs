//! Why each task and microtask of a run happened: the event that queued it (or arranged it: the
//! timer set, the host operation started, the message posted, the frame or idle callback
//! requested, the scheduler task posted) and what was running at that moment.
//!
//! Followed from item to item, these links are the run's chain of causes, like an async call
//! stack: the `.then` callback ← the microtask in which its promise fulfilled ← the script that
//! called `.then`. [`Causes`] indexes a trace once, as its events arrive, so that asking for a
//! step's item or its chain costs the length of the chain, not of the trace.

use rustc_hash::FxHashMap;

use super::{EventKind, TaskSource, TraceEvent};

/// A task or a microtask of a run, by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    /// A task (`task_queued`, `task_start`, `task_end`).
    Task(u64),
    /// A microtask (`microtask_enqueued`, `microtask_start`, `microtask_end`).
    Microtask(u64),
}

impl Item {
    /// The item an event starts (`task_start`, `microtask_start`), if it is such an event.
    pub fn started_by(kind: &EventKind) -> Option<Self> {
        match kind {
            EventKind::TaskStart { task, .. } => Some(Self::Task(*task)),
            EventKind::MicrotaskStart { microtask, .. } => Some(Self::Microtask(*microtask)),
            _ => None,
        }
    }
}

/// One link of a chain of causes: an item, and where it was queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cause {
    /// The task or microtask.
    pub item: Item,
    /// The index of the event that queued or arranged it (`None` for the script's own task and
    /// other roots, such as a REPL line).
    pub queued_at: Option<usize>,
    /// The index of its `task_start` or `microtask_start`, once it started.
    pub started_at: Option<usize>,
}

/// What the loop arranged that later becomes a task, keyed as its task source names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Arranged {
    Timer(u32),
    HostOp(u64),
    AnimationFrame(u32),
    IdleCallback(u32),
    Scheduler(u32),
}

/// The causes of a trace's tasks and microtasks, indexed as the events arrive ([`Causes::extend`]).
#[derive(Debug, Default, Clone)]
pub struct Causes {
    /// For each event indexed, the item running when it happened (for a start or an end, the
    /// item starting or ending).
    running: Vec<Option<Item>>,
    /// The items started and not yet ended, innermost last.
    open: Vec<Item>,
    queued: FxHashMap<Item, usize>,
    started: FxHashMap<Item, usize>,
    ended: FxHashMap<Item, usize>,
    /// The latest event that arranged each timer, host operation, frame, idle or scheduler task.
    arranged: FxHashMap<Arranged, usize>,
    /// Per receiving port, the `message_posted` events in order, and how many were delivered.
    messages: FxHashMap<u32, (Vec<usize>, usize)>,
}

impl Causes {
    /// An index of `events`.
    pub fn of(events: &[TraceEvent]) -> Self {
        let mut causes = Self::default();
        causes.extend(events);
        causes
    }

    /// How many events are indexed.
    pub fn len(&self) -> usize {
        self.running.len()
    }

    /// Whether no event is indexed.
    pub fn is_empty(&self) -> bool {
        self.running.is_empty()
    }

    /// Indexes the events of `events` past those already indexed (the whole trace so far, as the
    /// run grows). A shorter trace than the one indexed (a new run) starts the index again.
    pub fn extend(&mut self, events: &[TraceEvent]) {
        if events.len() < self.len() {
            *self = Self::default();
        }
        for (index, event) in events.iter().enumerate().skip(self.len()) {
            let running = self.index(index, event);
            self.running.push(running);
        }
    }

    fn index(&mut self, index: usize, event: &TraceEvent) -> Option<Item> {
        let current = self.open.last().copied();
        match &event.kind {
            EventKind::TaskQueued { task, source } => {
                let item = Item::Task(*task);
                if let Some(origin) = self.origin(source) {
                    self.queued.insert(item, origin);
                }
                current
            }
            EventKind::MicrotaskEnqueued { microtask, .. } => {
                self.queued.insert(Item::Microtask(*microtask), index);
                current
            }
            EventKind::TaskStart { task, source } => {
                let item = Item::Task(*task);
                if !self.queued.contains_key(&item)
                    && let Some(origin) = self.origin(source)
                {
                    self.queued.insert(item, origin);
                }
                self.started.insert(item, index);
                self.open.push(item);
                Some(item)
            }
            EventKind::MicrotaskStart { microtask, .. } => {
                let item = Item::Microtask(*microtask);
                self.started.insert(item, index);
                self.open.push(item);
                Some(item)
            }
            EventKind::TaskEnd { task } => self.close(Item::Task(*task), index),
            EventKind::MicrotaskEnd { microtask } => self.close(Item::Microtask(*microtask), index),
            EventKind::TimerSet { id, .. } => {
                self.arranged.insert(Arranged::Timer(*id), index);
                current
            }
            EventKind::HostOpStarted { op, .. } => {
                self.arranged.insert(Arranged::HostOp(*op), index);
                current
            }
            EventKind::AnimationFrameRequested { id, .. } => {
                self.arranged.insert(Arranged::AnimationFrame(*id), index);
                current
            }
            EventKind::IdleCallbackRequested { id, .. } => {
                self.arranged.insert(Arranged::IdleCallback(*id), index);
                current
            }
            EventKind::SchedulerTaskPosted { id, .. } => {
                self.arranged.insert(Arranged::Scheduler(*id), index);
                current
            }
            EventKind::MessagePosted { port, .. } => {
                self.messages.entry(*port).or_default().0.push(index);
                current
            }
            _ => current,
        }
    }

    /// Ends `item` (and anything left open inside it, which a well-formed trace never has).
    fn close(&mut self, item: Item, index: usize) -> Option<Item> {
        if let Some(position) = self.open.iter().rposition(|open| *open == item) {
            self.open.truncate(position);
        }
        self.ended.insert(item, index);
        Some(item)
    }

    /// The event that arranged a task of `source`, if it has one.
    fn origin(&mut self, source: &TaskSource) -> Option<usize> {
        let arranged = match source {
            TaskSource::Timer { id } | TaskSource::Interval { id } => Arranged::Timer(*id),
            TaskSource::HostOp { op, .. } => Arranged::HostOp(*op),
            TaskSource::AnimationFrame { id, .. } => Arranged::AnimationFrame(*id),
            TaskSource::IdleCallback { id, .. } => Arranged::IdleCallback(*id),
            TaskSource::Scheduler { id, .. } => Arranged::Scheduler(*id),
            TaskSource::PostedMessage { port } => {
                let (posted, delivered) = self.messages.get_mut(port)?;
                let origin = posted.get(*delivered).copied();
                *delivered += 1;
                return origin;
            }
            TaskSource::Script { .. }
            | TaskSource::Module { .. }
            | TaskSource::Eval
            | TaskSource::RejectionReport
            | TaskSource::Engine
            | TaskSource::RejectionHandled => return None,
        };
        self.arranged.get(&arranged).copied()
    }

    /// The item running when event `index` happened; for a start or an end, the item starting or
    /// ending.
    pub fn running_at(&self, index: usize) -> Option<Item> {
        self.running.get(index).copied().flatten()
    }

    /// The item event `index` is about: the one it queues, starts or ends, or else the one
    /// running when it happened.
    pub fn item_of(&self, events: &[TraceEvent], index: usize) -> Option<Item> {
        match &events.get(index)?.kind {
            EventKind::TaskQueued { task, .. } => Some(Item::Task(*task)),
            EventKind::MicrotaskEnqueued { microtask, .. } => Some(Item::Microtask(*microtask)),
            _ => self.running_at(index),
        }
    }

    /// The index of the event that queued or arranged `item`.
    pub fn queued_at(&self, item: Item) -> Option<usize> {
        self.queued.get(&item).copied()
    }

    /// The index of `item`'s start.
    pub fn started_at(&self, item: Item) -> Option<usize> {
        self.started.get(&item).copied()
    }

    /// The index of `item`'s end.
    pub fn ended_at(&self, item: Item) -> Option<usize> {
        self.ended.get(&item).copied()
    }

    /// The index of the `timer_set` of timer `id` (the latest one indexed).
    pub fn timer_set_at(&self, id: u32) -> Option<usize> {
        self.arranged.get(&Arranged::Timer(id)).copied()
    }

    /// The index of the `host_op_started` of operation `op`.
    pub fn host_op_started_at(&self, op: u64) -> Option<usize> {
        self.arranged.get(&Arranged::HostOp(op)).copied()
    }

    /// The link for `item`.
    pub fn cause(&self, item: Item) -> Cause {
        Cause {
            item,
            queued_at: self.queued_at(item),
            started_at: self.started_at(item),
        }
    }

    /// `item`'s chain of causes, `item` first, then what was running when it was queued, and so
    /// on back to a root (the script's task, say), at most `limit` links.
    pub fn chain(&self, item: Item, limit: usize) -> Vec<Cause> {
        let mut chain = Vec::new();
        let mut next = Some(item);
        while let Some(item) = next {
            if chain.len() >= limit {
                break;
            }
            let cause = self.cause(item);
            // A queuing event always comes before what it queues: the chain only goes back.
            next = cause
                .queued_at
                .and_then(|index| self.running_at(index))
                .filter(|parent| *parent != item);
            chain.push(cause);
        }
        chain
    }

    /// The indices of the events that happened while `item` ran, not counting its start and end
    /// or what ran inside it (a microtask checkpoint inside a task).
    pub fn own_events(&self, item: Item) -> impl Iterator<Item = usize> + '_ {
        let start = self.started_at(item).map_or(0, |start| start + 1);
        let end = self.ended_at(item).unwrap_or(self.len());
        let range = if self.started_at(item).is_some() {
            start..end
        } else {
            0..0
        };
        range.filter(move |&index| self.running_at(index) == Some(item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::{Location, MicrotaskSource};

    fn event(seq: u64, kind: EventKind) -> TraceEvent {
        TraceEvent {
            seq,
            time: 0.0,
            wall: 0.0,
            kind,
        }
    }

    fn at(line: u32) -> Option<Location> {
        Some(Location {
            function: "<main>".into(),
            file: None,
            line,
            column: 1,
        })
    }

    /// The script sets a timer and queues a microtask, which queues another; the timer's task
    /// runs last.
    fn trace() -> Vec<TraceEvent> {
        let script = TaskSource::Script {
            name: "main.js".into(),
        };
        let kinds = vec![
            EventKind::TaskQueued {
                task: 1,
                source: script.clone(),
            },
            EventKind::TaskStart {
                task: 1,
                source: script,
            },
            EventKind::TimerSet {
                id: 1,
                delay: 0.0,
                due: 0.0,
                repeat: false,
                nesting: 1,
                by: at(2),
            },
            EventKind::TaskQueued {
                task: 2,
                source: TaskSource::Timer { id: 1 },
            },
            EventKind::MicrotaskEnqueued {
                microtask: 1,
                source: MicrotaskSource::Promise,
                by: at(3),
            },
            EventKind::TaskEnd { task: 1 },
            EventKind::MicrotaskStart {
                microtask: 1,
                function: Some("first".into()),
            },
            EventKind::MicrotaskEnqueued {
                microtask: 2,
                source: MicrotaskSource::Promise,
                by: None,
            },
            EventKind::MicrotaskEnd { microtask: 1 },
            EventKind::MicrotaskStart {
                microtask: 2,
                function: None,
            },
            EventKind::MicrotaskEnd { microtask: 2 },
            EventKind::TaskStart {
                task: 2,
                source: TaskSource::Timer { id: 1 },
            },
            EventKind::TaskEnd { task: 2 },
        ];
        kinds
            .into_iter()
            .enumerate()
            .map(|(seq, kind)| event(seq as u64, kind))
            .collect()
    }

    #[test]
    fn a_microtask_queued_in_a_microtask_chains_back_to_the_script() {
        let events = trace();
        let causes = Causes::of(&events);
        let chain = causes.chain(Item::Microtask(2), 10);
        let items: Vec<Item> = chain.iter().map(|cause| cause.item).collect();
        assert_eq!(
            items,
            [Item::Microtask(2), Item::Microtask(1), Item::Task(1)]
        );
        assert_eq!(chain[0].queued_at, Some(7));
        assert_eq!(chain[1].queued_at, Some(4));
        assert_eq!(chain[2].queued_at, None);
        assert_eq!(chain[0].started_at, Some(9));
    }

    #[test]
    fn a_timer_task_is_caused_by_the_timer_set_in_the_script() {
        let events = trace();
        let causes = Causes::of(&events);
        assert_eq!(causes.queued_at(Item::Task(2)), Some(2));
        assert_eq!(
            causes.chain(Item::Task(2), 10).len(),
            2,
            "timer task <- script"
        );
        assert_eq!(causes.item_of(&events, 2), Some(Item::Task(1)));
        assert_eq!(causes.item_of(&events, 3), Some(Item::Task(2)));
    }

    #[test]
    fn own_events_leave_out_starts_ends_and_nested_items() {
        let events = trace();
        let causes = Causes::of(&events);
        let own: Vec<usize> = causes.own_events(Item::Task(1)).collect();
        assert_eq!(own, [2, 3, 4]);
        assert_eq!(
            causes.own_events(Item::Microtask(1)).collect::<Vec<_>>(),
            [7]
        );
    }

    #[test]
    fn indexing_in_pieces_equals_indexing_at_once_and_a_new_run_starts_over() {
        let events = trace();
        let mut causes = Causes::default();
        causes.extend(&events[..5]);
        causes.extend(&events);
        let whole = Causes::of(&events);
        assert_eq!(
            causes.chain(Item::Microtask(2), 10),
            whole.chain(Item::Microtask(2), 10)
        );
        causes.extend(&events[..2]);
        assert_eq!(causes.len(), 2);
        assert_eq!(causes.chain(Item::Microtask(2), 10).len(), 1);
    }

    #[test]
    fn a_chain_stops_at_its_limit() {
        let events = trace();
        let causes = Causes::of(&events);
        assert_eq!(causes.chain(Item::Microtask(2), 2).len(), 2);
    }
}
