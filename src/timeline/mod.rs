//! The timeline's layout: trace events turned into items on five lanes, platform-free.
//!
//! [`TimelineLayout`] takes the trace in batches ([`TimelineLayout::append`], one call per worker
//! frame) and keeps, per [`Lane`], items sorted by their start:
//!
//! | lane        | an item is                                                       | its `by` location |
//! |-------------|------------------------------------------------------------------|-------------------|
//! | `task`      | `task_start` → `task_end` (not an animation frame callback's)    | what set the timer, started the host operation, posted the message or the scheduler task, or asked for the idle callback |
//! | `microtask` | `microtask_start` → `microtask_end`                              | the `microtask_enqueued` `by` |
//! | `timer`     | `timer_set` → `timer_fired` or `timer_cleared` (one per interval period) | the `timer_set` `by` (an interval's first) |
//! | `hostop`    | `host_op_started` → `host_op_settled` or `host_op_aborted`       | the `host_op_started` `by` |
//! | `frame`     | a `frame` marker (no length), or an animation frame callback's task | none, or the `animation_frame_requested` `by` |
//!
//! The x axis is real time (`wall`, ms). An item whose end has not arrived yet is *open* and
//! reaches to the latest time seen. Timers and host operations overlap, so their lanes have
//! several *tracks* (rows), an item going to the first free one; the other lanes have one.
//!
//! Within a track items do not overlap, so a viewport query is two binary searches, and
//! [`TimelineLayout::visible`] merges items that would be drawn on top of one another (narrower
//! than [`MIN_ITEM_PX`] in the same few pixels) into one aggregate item, so a lane never shows
//! more than `width_px / MIN_ITEM_PX` items per track whatever the number of events. Appending
//! costs amortised O(1) per event, and appending in batches gives the same layout as one append.
//!
//! [`Viewport`] is the window onto the x axis (zoom about a point, pan, fit), [`LaneRows`] the
//! vertical geometry the browser view draws with and [`TimelineLayout::hit`] tests against.

pub mod format;
pub mod narrate;
pub mod notes;
mod viewport;
mod visible;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use crate::trace::{EventKind, Location, MicrotaskSource, TaskSource, TraceEvent};

pub use viewport::{Tick, Viewport};
pub use visible::{LaneRow, LaneRows, RowStyle, Visible, VisibleItem};

/// The minimum drawn width of an item in pixels; zero-length items (and frames) get this width,
/// and items closer together than this merge into one aggregate when drawn.
pub const MIN_ITEM_PX: f64 = 3.0;

/// The most rows the timer and host-operation lanes get; beyond this many at once, items share
/// rows and may overlap.
pub const MAX_TRACKS: usize = 6;

/// One of the timeline's five lanes, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lane {
    /// Tasks: scripts, timer callbacks, host completions, REPL lines.
    Task,
    /// Microtasks: promise reactions, `await` continuations, `queueMicrotask` callbacks.
    Microtask,
    /// Timers, from `setTimeout`/`setInterval` to firing or clearing.
    Timer,
    /// Host operations (`timer.sleep`, `fetch.get`, …), from start to settling.
    HostOp,
    /// The worker's animation frames, as markers.
    Frame,
}

impl Lane {
    /// All lanes, in drawing order.
    pub const ALL: [Lane; 5] = [
        Lane::Task,
        Lane::Microtask,
        Lane::Timer,
        Lane::HostOp,
        Lane::Frame,
    ];

    /// The lane's position in [`Lane::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The `data-kind` of the lane's items in the page contract: `task`, `microtask`, `timer`,
    /// `hostop` or `frame`.
    pub fn kind(self) -> &'static str {
        match self {
            Lane::Task => "task",
            Lane::Microtask => "microtask",
            Lane::Timer => "timer",
            Lane::HostOp => "hostop",
            Lane::Frame => "frame",
        }
    }

    /// The lane's label: `tasks`, `microtasks`, `timers`, `host ops`, `frames`.
    pub fn title(self) -> &'static str {
        match self {
            Lane::Task => "tasks",
            Lane::Microtask => "microtasks",
            Lane::Timer => "timers",
            Lane::HostOp => "host ops",
            Lane::Frame => "frames",
        }
    }

    /// What `n` of the lane's items are called in an aggregate's label: `42 microtasks`.
    pub fn plural(self, n: usize) -> String {
        let noun = match (self, n) {
            (Lane::Task, 1) => "task",
            (Lane::Task, _) => "tasks",
            (Lane::Microtask, 1) => "microtask",
            (Lane::Microtask, _) => "microtasks",
            (Lane::Timer, 1) => "timer",
            (Lane::Timer, _) => "timers",
            (Lane::HostOp, 1) => "host operation",
            (Lane::HostOp, _) => "host operations",
            (Lane::Frame, 1) => "frame",
            (Lane::Frame, _) => "frames",
        };
        format!("{} {noun}", format::count(n))
    }

    fn max_tracks(self) -> usize {
        match self {
            Lane::Timer | Lane::HostOp => MAX_TRACKS,
            _ => 1,
        }
    }
}

/// How an item ended, or that it has not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    /// Its end has not been recorded (yet): it reaches to the latest time seen.
    Open,
    /// It ended normally: the task or microtask returned, the timer fired, the operation
    /// succeeded.
    Done,
    /// A timer cleared before it fired, or whose queued callback was dropped by clearing it.
    Cleared,
    /// A host operation that failed (its promise is rejected).
    Failed,
    /// A task or microtask in which an error escaped or a runtime limit stopped the code.
    Error,
}

impl ItemState {
    /// The state's name for the view's `data-state`: `open`, `done`, `cleared`, `failed`, `error`.
    pub fn name(self) -> &'static str {
        match self {
            ItemState::Open => "open",
            ItemState::Done => "done",
            ItemState::Cleared => "cleared",
            ItemState::Failed => "failed",
            ItemState::Error => "error",
        }
    }
}

/// What an item is, with the details its tooltip shows.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemDetail {
    /// A task.
    Task {
        /// The task's id.
        task: u64,
        /// What it runs.
        source: TaskSource,
        /// Real time it was queued, when a `task_queued` was seen.
        queued_wall: Option<f64>,
    },
    /// A microtask.
    Microtask {
        /// The microtask's id.
        microtask: u64,
        /// Why it was queued (when its `microtask_enqueued` was seen).
        source: Option<MicrotaskSource>,
        /// The callback's name, when the engine gave one.
        function: Option<String>,
        /// Real time it was queued, when its `microtask_enqueued` was seen.
        queued_wall: Option<f64>,
    },
    /// One period of a timer.
    Timer {
        /// The timer's id.
        id: u32,
        /// Its delay after clamping, ms.
        delay: f64,
        /// When it was due, in loop time.
        due: f64,
        /// Whether it is an interval.
        repeat: bool,
    },
    /// A host operation.
    HostOp {
        /// The operation's id.
        op: u64,
        /// Its name, such as `fetch.get`.
        name: String,
        /// Its arguments, rendered for display.
        args: String,
        /// The completion's name once settled, such as `fetch.get.settle`.
        settle: Option<String>,
    },
    /// An animation frame of the worker.
    Frame {
        /// The frame's number.
        frame: u64,
    },
}

/// One item on a lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Real time of its start event, ms (the x axis).
    pub start: f64,
    /// Real time of its end event, or `None` while open.
    pub end: Option<f64>,
    /// Loop time (the active clock) of its start event.
    pub loop_start: f64,
    /// Loop time of its end event, or `None` while open.
    pub loop_end: Option<f64>,
    /// The `seq` of its start event.
    pub seq_start: u64,
    /// The `seq` of its end event, or `None` while open.
    pub seq_end: Option<u64>,
    /// The source location that queued, set or started it (see the module's table).
    pub by: Option<Location>,
    /// How it ended.
    pub state: ItemState,
    /// What it is.
    pub detail: ItemDetail,
}

impl Item {
    /// An item that starts at an event (`(wall, time, seq)`: real time, loop time and `seq`) and
    /// is still open.
    fn starting(at: (f64, f64, u64), by: Option<Location>, detail: ItemDetail) -> Self {
        let (wall, time, seq) = at;
        Self {
            start: wall,
            end: None,
            loop_start: time,
            loop_end: None,
            seq_start: seq,
            seq_end: None,
            by,
            state: ItemState::Open,
            detail,
        }
    }

    /// The lane it belongs on.
    pub fn lane(&self) -> Lane {
        match &self.detail {
            ItemDetail::Task { source, .. } => task_lane(source),
            ItemDetail::Microtask { .. } => Lane::Microtask,
            ItemDetail::Timer { .. } => Lane::Timer,
            ItemDetail::HostOp { .. } => Lane::HostOp,
            ItemDetail::Frame { .. } => Lane::Frame,
        }
    }

    /// Its end on the x axis, taking `now` for an open item.
    pub fn end_or(&self, now: f64) -> f64 {
        self.end.unwrap_or(now).max(self.start)
    }

    /// Whether the event `seq` falls within the item (its start event to its end event; an open
    /// item covers everything from its start).
    pub fn covers(&self, seq: u64) -> bool {
        seq >= self.seq_start && self.seq_end.is_none_or(|end| seq <= end)
    }

    /// A one-line name: `setTimeout #3`, `then` (a named callback) or `microtask #12`,
    /// `setTimeout(100) #3`, `fetch.get(https://…)`, `frame 7`.
    pub fn label(&self) -> String {
        match &self.detail {
            ItemDetail::Task { source, .. } => format::task_name(source),
            ItemDetail::Microtask {
                microtask,
                function,
                ..
            } => match function {
                Some(name) => name.clone(),
                None => format!("microtask #{microtask}"),
            },
            ItemDetail::Timer {
                id, delay, repeat, ..
            } => {
                let kind = if *repeat { "setInterval" } else { "setTimeout" };
                format!("{kind}({delay}) #{id}")
            }
            ItemDetail::HostOp { name, args, .. } => format!("{name}({args})"),
            ItemDetail::Frame { frame } => format!("frame {frame}"),
        }
    }
}

/// The lane a task's item goes on: animation frame callbacks on the frames lane, inside the
/// frame that runs them; every other task on the tasks lane.
fn task_lane(source: &TaskSource) -> Lane {
    match source {
        TaskSource::AnimationFrame { .. } => Lane::Frame,
        _ => Lane::Task,
    }
}

/// Which API registered a callback the timeline remembers the caller of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum CallbackKind {
    AnimationFrame,
    Idle,
    Scheduler,
}

/// Where an item is stored: stable for the life of the layout (items are only appended).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemRef {
    /// Its lane.
    pub lane: Lane,
    /// Its track (row) within the lane.
    pub track: usize,
    /// Its index within the track.
    pub index: usize,
}

/// One row of a lane: items sorted by start.
#[derive(Debug, Clone, Default)]
pub(crate) struct Track {
    pub(crate) items: Vec<Item>,
    /// Whether items here may overlap (only when a lane ran out of tracks, or a malformed trace).
    /// Without overlap the items' ends are sorted too, which queries use.
    pub(crate) overlapping: bool,
    /// Index of the first open item (or `items.len()`); only maintained for overlapping tracks.
    pub(crate) first_open: usize,
    /// The longest closed item, ms; only maintained for overlapping tracks.
    pub(crate) longest: f64,
}

impl Track {
    /// Whether a new item may go here without overlapping: the last item has ended.
    fn is_free(&self) -> bool {
        self.items.last().is_none_or(|item| item.end.is_some())
    }
}

/// The items of one lane.
#[derive(Debug, Clone, Default)]
pub(crate) struct LaneItems {
    pub(crate) tracks: Vec<Track>,
    pub(crate) count: usize,
    /// Round-robin cursor for placing items when every track is busy.
    overflow_next: usize,
}

/// A task queued but not yet started.
#[derive(Debug, Clone)]
struct QueuedTask {
    wall: f64,
}

/// A microtask queued but not yet started.
#[derive(Debug, Clone)]
struct QueuedMicrotask {
    wall: f64,
    source: MicrotaskSource,
    by: Option<Location>,
}

/// The timeline's layout: items per lane, built incrementally from the trace.
#[derive(Debug, Clone, Default)]
pub struct TimelineLayout {
    lanes: [LaneItems; 5],
    /// `wall` of every event, indexed by `seq` (gaps filled with the previous event's time).
    walls: Vec<f64>,
    /// The latest real time seen: open items reach to it.
    now: f64,
    open_tasks: HashMap<u64, ItemRef>,
    open_microtasks: HashMap<u64, ItemRef>,
    open_timers: HashMap<u32, ItemRef>,
    open_ops: HashMap<u64, ItemRef>,
    /// The last timer period of each timer id, to mark it cleared if its queued task is dropped.
    last_timer: HashMap<u32, ItemRef>,
    queued_tasks: HashMap<u64, QueuedTask>,
    queued_microtasks: HashMap<u64, QueuedMicrotask>,
    /// Who set each timer (an interval's re-sets have no `by`).
    timer_by: HashMap<u32, Location>,
    /// Who started each host operation.
    op_by: HashMap<u64, Location>,
    /// Who registered each animation frame and idle callback that has not run yet.
    callback_by: HashMap<(CallbackKind, u32), Location>,
    /// Who posted each message not yet delivered, by receiving port, oldest first.
    message_by: HashMap<u32, std::collections::VecDeque<Option<Location>>>,
    /// The task or microtask running now, to mark it when an error escapes.
    running: Option<ItemRef>,
}

impl TimelineLayout {
    /// An empty layout.
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets everything (a new run).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Lays out events in `seq` order, continuing from the previous call. Events whose `seq` was
    /// already seen are ignored (a batch delivered twice).
    pub fn append(&mut self, events: &[TraceEvent]) {
        self.walls.reserve(events.len());
        for event in events {
            self.push(event);
        }
    }

    /// How many events were laid out (the next expected `seq`).
    pub fn event_count(&self) -> usize {
        self.walls.len()
    }

    /// The latest real time seen, ms.
    pub fn now(&self) -> f64 {
        self.now
    }

    /// The real-time range of the run: first event to latest; `None` before any event.
    pub fn extent(&self) -> Option<(f64, f64)> {
        let first = *self.walls.first()?;
        Some((first, self.now.max(first)))
    }

    /// How many items a lane holds.
    pub fn count(&self, lane: Lane) -> usize {
        self.lanes[lane.index()].count
    }

    /// How many tracks (rows) a lane uses: at least one.
    pub fn tracks(&self, lane: Lane) -> usize {
        self.lanes[lane.index()].tracks.len().max(1)
    }

    /// The item stored at `at`.
    pub fn item(&self, at: ItemRef) -> Option<&Item> {
        self.lanes[at.lane.index()]
            .tracks
            .get(at.track)?
            .items
            .get(at.index)
    }

    /// The items of one track of a lane, sorted by start.
    pub fn track_items(&self, lane: Lane, track: usize) -> &[Item] {
        self.lanes[lane.index()]
            .tracks
            .get(track)
            .map_or(&[], |track| &track.items)
    }

    /// Every item of a lane, track by track.
    pub fn items(&self, lane: Lane) -> impl Iterator<Item = &Item> {
        self.lanes[lane.index()]
            .tracks
            .iter()
            .flat_map(|track| track.items.iter())
    }

    /// Real time of the event `seq`, if it was laid out.
    pub fn wall_of_seq(&self, seq: u64) -> Option<f64> {
        usize::try_from(seq)
            .ok()
            .and_then(|i| self.walls.get(i))
            .copied()
    }

    /// The x position of the event `seq` (the step cursor) in `viewport`.
    pub fn x_of_seq(&self, seq: u64, viewport: &Viewport) -> Option<f64> {
        self.wall_of_seq(seq).map(|wall| viewport.x_of(wall))
    }

    pub(crate) fn lane_items(&self, lane: Lane) -> &LaneItems {
        &self.lanes[lane.index()]
    }

    fn push(&mut self, event: &TraceEvent) {
        let Ok(seq) = usize::try_from(event.seq) else {
            return;
        };
        if seq < self.walls.len() {
            return;
        }
        // Real time never goes back; a bad timestamp is taken as "no time passed".
        let wall = if event.wall.is_finite() {
            event.wall.max(self.now)
        } else {
            self.now
        };
        let previous = self.walls.last().copied().unwrap_or(wall);
        self.walls.resize(seq, previous);
        self.walls.push(wall);
        self.now = wall;
        let time = event.time;
        let seq = event.seq;

        match &event.kind {
            EventKind::TaskQueued { task, .. } => {
                self.queued_tasks.insert(*task, QueuedTask { wall });
            }
            EventKind::TaskStart { task, source } => {
                let queued = self.queued_tasks.remove(task);
                let by = match source {
                    TaskSource::Timer { id } | TaskSource::Interval { id } => {
                        self.timer_by.get(id).cloned()
                    }
                    TaskSource::HostOp { op, .. } => self.op_by.get(op).cloned(),
                    TaskSource::AnimationFrame { id, .. } => self
                        .callback_by
                        .remove(&(CallbackKind::AnimationFrame, *id)),
                    TaskSource::IdleCallback { id, .. } => {
                        self.callback_by.remove(&(CallbackKind::Idle, *id))
                    }
                    TaskSource::Scheduler { id, .. } => {
                        self.callback_by.remove(&(CallbackKind::Scheduler, *id))
                    }
                    TaskSource::PostedMessage { port } => self
                        .message_by
                        .get_mut(port)
                        .and_then(|posted| posted.pop_front())
                        .flatten(),
                    _ => None,
                };
                let at = self.open(
                    task_lane(source),
                    Item::starting(
                        (wall, time, seq),
                        by,
                        ItemDetail::Task {
                            task: *task,
                            source: source.clone(),
                            queued_wall: queued.map(|queued| queued.wall),
                        },
                    ),
                );
                self.open_tasks.insert(*task, at);
                self.running = Some(at);
            }
            EventKind::TaskEnd { task } => {
                if let Some(at) = self.open_tasks.remove(task) {
                    self.finish_running(at, wall, time, seq);
                }
            }
            EventKind::MicrotaskEnqueued {
                microtask,
                source,
                by,
            } => {
                self.queued_microtasks.insert(
                    *microtask,
                    QueuedMicrotask {
                        wall,
                        source: *source,
                        by: by.clone(),
                    },
                );
            }
            EventKind::MicrotaskStart {
                microtask,
                function,
            } => {
                let queued = self.queued_microtasks.remove(microtask);
                let (queued_wall, source, by) = match queued {
                    Some(queued) => (Some(queued.wall), Some(queued.source), queued.by),
                    None => (None, None, None),
                };
                let at = self.open(
                    Lane::Microtask,
                    Item::starting(
                        (wall, time, seq),
                        by,
                        ItemDetail::Microtask {
                            microtask: *microtask,
                            source,
                            function: function.clone(),
                            queued_wall,
                        },
                    ),
                );
                self.open_microtasks.insert(*microtask, at);
                self.running = Some(at);
            }
            EventKind::MicrotaskEnd { microtask } => {
                if let Some(at) = self.open_microtasks.remove(microtask) {
                    self.finish_running(at, wall, time, seq);
                }
            }
            EventKind::TimerSet {
                id,
                delay,
                due,
                repeat,
                by,
                ..
            } => {
                if let Some(by) = by {
                    self.timer_by.insert(*id, by.clone());
                }
                // A timer set again while its previous period is still open (should not happen)
                // ends that period first.
                if let Some(at) = self.open_timers.remove(id) {
                    self.close(at, wall, time, seq, ItemState::Done);
                }
                let at = self.open(
                    Lane::Timer,
                    Item::starting(
                        (wall, time, seq),
                        self.timer_by.get(id).cloned(),
                        ItemDetail::Timer {
                            id: *id,
                            delay: *delay,
                            due: *due,
                            repeat: *repeat,
                        },
                    ),
                );
                self.open_timers.insert(*id, at);
                self.last_timer.insert(*id, at);
            }
            EventKind::TimerFired { id } => {
                if let Some(at) = self.open_timers.remove(id) {
                    self.close(at, wall, time, seq, ItemState::Done);
                }
            }
            EventKind::TimerCleared { id } => {
                if let Some(at) = self.open_timers.remove(id) {
                    self.close(at, wall, time, seq, ItemState::Cleared);
                } else if let Some(at) = self.last_timer.get(id).copied() {
                    // Fired, but its task was still queued and is now dropped; an interval
                    // cleared from its own callback is not, its tick ran.
                    let running_own_tick = self
                        .running
                        .and_then(|running| self.item(running))
                        .is_some_and(|item| {
                            matches!(&item.detail, ItemDetail::Task { source: TaskSource::Timer { id: t } | TaskSource::Interval { id: t }, .. } if t == id)
                        });
                    if !running_own_tick && let Some(item) = self.item_mut(at) {
                        item.state = ItemState::Cleared;
                    }
                }
                self.last_timer.remove(id);
            }
            EventKind::HostOpStarted { op, name, args, by } => {
                if let Some(by) = by {
                    self.op_by.insert(*op, by.clone());
                }
                let at = self.open(
                    Lane::HostOp,
                    Item::starting(
                        (wall, time, seq),
                        by.clone(),
                        ItemDetail::HostOp {
                            op: *op,
                            name: name.clone(),
                            args: args.clone(),
                            settle: None,
                        },
                    ),
                );
                self.open_ops.insert(*op, at);
            }
            EventKind::HostOpSettled { op, name, ok } => {
                if let Some(at) = self.open_ops.remove(op) {
                    let state = if *ok {
                        ItemState::Done
                    } else {
                        ItemState::Failed
                    };
                    self.close(at, wall, time, seq, state);
                    if let Some(Item {
                        detail: ItemDetail::HostOp { settle, .. },
                        ..
                    }) = self.item_mut(at)
                    {
                        *settle = Some(name.clone());
                    }
                }
            }
            EventKind::HostOpAborted { op, .. } => {
                if let Some(at) = self.open_ops.remove(op) {
                    self.close(at, wall, time, seq, ItemState::Cleared);
                    if let Some(Item {
                        detail: ItemDetail::HostOp { settle, .. },
                        ..
                    }) = self.item_mut(at)
                    {
                        *settle = Some("aborted".to_owned());
                    }
                }
            }
            EventKind::GlobalEvent { .. } => {}
            EventKind::Frame { frame } => {
                self.open(
                    Lane::Frame,
                    Item {
                        start: wall,
                        end: Some(wall),
                        loop_start: time,
                        loop_end: Some(time),
                        seq_start: seq,
                        seq_end: Some(seq),
                        by: None,
                        state: ItemState::Done,
                        detail: ItemDetail::Frame { frame: *frame },
                    },
                );
            }
            EventKind::UncaughtError { .. }
            | EventKind::UnhandledRejection { .. }
            | EventKind::RuntimeLimit { .. } => {
                if let Some(at) = self.running
                    && let Some(item) = self.item_mut(at)
                {
                    item.state = ItemState::Error;
                }
            }
            EventKind::AnimationFrameRequested { id, by: Some(by) } => {
                self.callback_by
                    .insert((CallbackKind::AnimationFrame, *id), by.clone());
            }
            EventKind::IdleCallbackRequested {
                id, by: Some(by), ..
            } => {
                self.callback_by
                    .insert((CallbackKind::Idle, *id), by.clone());
            }
            EventKind::AnimationFrameCancelled { id } => {
                self.callback_by
                    .remove(&(CallbackKind::AnimationFrame, *id));
            }
            EventKind::IdleCallbackCancelled { id } => {
                self.callback_by.remove(&(CallbackKind::Idle, *id));
            }
            EventKind::SchedulerTaskPosted {
                id, by: Some(by), ..
            } => {
                self.callback_by
                    .insert((CallbackKind::Scheduler, *id), by.clone());
            }
            EventKind::MessagePosted { port, by } => {
                self.message_by
                    .entry(*port)
                    .or_default()
                    .push_back(by.clone());
            }
            EventKind::SchedulerTaskAborted { id } => {
                self.callback_by.remove(&(CallbackKind::Scheduler, *id));
            }
            EventKind::Console { .. }
            | EventKind::AnimationFrameRequested { .. }
            | EventKind::IdleCallbackRequested { .. }
            | EventKind::SchedulerTaskPosted { .. }
            | EventKind::RenderingStep { .. }
            | EventKind::IdlePeriod { .. } => {}
        }
    }

    /// Ends a task's or microtask's item, which is then no longer the one running.
    fn finish_running(&mut self, at: ItemRef, wall: f64, time: f64, seq: u64) {
        self.close(at, wall, time, seq, ItemState::Done);
        if self.running == Some(at) {
            self.running = None;
        }
    }

    fn item_mut(&mut self, at: ItemRef) -> Option<&mut Item> {
        self.lanes[at.lane.index()]
            .tracks
            .get_mut(at.track)?
            .items
            .get_mut(at.index)
    }

    /// Places a new item on the first free track of its lane (or, with every track busy, the
    /// next one round-robin, which then may overlap).
    fn open(&mut self, lane: Lane, item: Item) -> ItemRef {
        let lane_items = &mut self.lanes[lane.index()];
        let free = lane_items.tracks.iter().position(Track::is_free);
        let track = match free {
            Some(track) => track,
            None if lane_items.tracks.len() < lane.max_tracks() => {
                lane_items.tracks.push(Track::default());
                lane_items.tracks.len() - 1
            }
            None => {
                let track = lane_items.overflow_next % lane_items.tracks.len();
                lane_items.overflow_next = lane_items.overflow_next.wrapping_add(1);
                let row = &mut lane_items.tracks[track];
                if !row.overlapping {
                    // Start keeping what queries on an overlapping track need.
                    row.overlapping = true;
                    row.first_open = row
                        .items
                        .iter()
                        .position(|item| item.end.is_none())
                        .unwrap_or(row.items.len());
                    row.longest = row
                        .items
                        .iter()
                        .filter_map(|item| item.end.map(|end| end - item.start))
                        .fold(0.0, f64::max);
                }
                track
            }
        };
        let row = &mut lane_items.tracks[track];
        let index = row.items.len();
        let closed = item.end.is_some();
        row.items.push(item);
        if row.overlapping && closed && row.first_open == index {
            row.first_open = index + 1;
        }
        lane_items.count += 1;
        ItemRef { lane, track, index }
    }

    fn close(&mut self, at: ItemRef, wall: f64, time: f64, seq: u64, state: ItemState) {
        let Some(row) = self.lanes[at.lane.index()].tracks.get_mut(at.track) else {
            return;
        };
        let Some(item) = row.items.get_mut(at.index) else {
            return;
        };
        item.end = Some(wall);
        item.loop_end = Some(time);
        item.seq_end = Some(seq);
        if item.state == ItemState::Open {
            item.state = state;
        }
        if row.overlapping {
            row.longest = row.longest.max(wall - item.start);
            while row
                .items
                .get(row.first_open)
                .is_some_and(|item| item.end.is_some())
            {
                row.first_open += 1;
            }
        }
    }
}
