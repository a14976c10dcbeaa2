//! The event loop: tasks, timers and microtasks, run in the HTML event loop's order.
//!
//! One task runs at a time (a script, a timer callback, a host completion, a REPL line); then a
//! microtask checkpoint drains the microtask queue completely; then promises rejected without a
//! handler are reported; then the next task. Nothing here blocks: [`crate::Runtime::step`] does one
//! bounded piece of work and returns, and the host decides when to call it again.

pub mod frames;
mod hooks;
mod host_ops;
pub mod idle;
mod platform_timers;
mod rejections;
mod report;
pub(crate) mod scheduler;
mod sources;
mod tasks;
pub(crate) mod timers;
mod watch;

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};

use rustc_hash::FxHashSet;
use std::rc::Rc;

use boa_engine::{
    Context, JsResult, JsValue,
    job::{Job, JobExecutor, NativeAsyncJob, NativeJob, PromiseJob},
    object::builtins::JsFunction,
};

use crate::clock::LoopClock;
use crate::trace::{
    EventKind, Location, MicrotaskSource, TaskSource, Trace, TraceEvent, TraceMode,
};

use frames::{FrameSource, Frames};
pub(crate) use hooks::LoopHooks;
pub(crate) use host_ops::TimerWork;
use idle::Idle;
use rejections::RejectionTracker;
pub(crate) use report::{describe_thrown, print_uncaught};
use scheduler::Scheduler;
pub(crate) use tasks::{Task, TaskRun};
use timers::{NewTimer, TimerCallback, TimerHeap};
pub use watch::TaskWatch;

/// What one call to [`crate::Runtime::step`] or [`crate::Runtime::run_for`] left behind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StepOutcome {
    /// Work is ready now: call again.
    Busy,
    /// Nothing is ready yet, but timers or host operations are pending.
    Waiting {
        /// When the earliest timer is due, in loop time; `None` when only host operations wait.
        next_due_ms: Option<f64>,
    },
    /// Nothing is ready or pending: the program has finished.
    Idle,
}

/// A microtask waiting in the microtask queue.
struct Microtask {
    id: u64,
    job: MicrotaskJob,
}

/// What a microtask runs.
enum MicrotaskJob {
    /// A promise reaction or `await` continuation from the engine.
    Promise(PromiseJob),
    /// A `queueMicrotask` callback.
    Callback(JsFunction),
}

/// The loop's bookkeeping, kept apart from the engine so native functions can reach it.
struct LoopState {
    tasks: VecDeque<Task>,
    microtasks: VecDeque<Microtask>,
    timers: TimerHeap,
    trace: Trace,
    rejections: RejectionTracker,
    /// The timer nesting level of the running task (0 outside timer tasks).
    nesting: u32,
    /// Whether a task's microtask checkpoint was cut short by a time budget.
    checkpoint_pending: bool,
    /// Timers that left the heap for the task queue and have not finished running: still
    /// active, so `clearTimeout` can cancel them until their callback returns.
    fired_timers: FxHashSet<u32>,
    /// Host operations started and not yet settled.
    pending_ops: usize,
    /// Function and file names of the call sites in the trace.
    sites: report::SiteNames,
    /// Host operations waiting for a [`crate::host::Reply`], by operation id.
    awaiting: HashMap<u64, host_ops::AwaitingReply>,
    next_task: u64,
    next_microtask: u64,
    next_op: u64,
    frames: u64,
    /// Uncaught errors, unhandled rejections and runtime-limit stops so far.
    failures: u32,
    /// Timers fired since the loop last had nothing to do (see `max_timer_firings`).
    firings_since_idle: u64,
    /// While a clock control runs, the virtual time the loop may not jump past.
    horizon: Option<f64>,
    /// `requestAnimationFrame` callbacks and their next frame.
    animation: Frames,
    /// The tasks of the frame being run: its callbacks, ahead of every other task.
    rendering: VecDeque<Task>,
    /// `requestIdleCallback` callbacks and the idle period in progress.
    idle: Idle,
    /// The queues of `scheduler.postTask()` and `scheduler.yield()`.
    scheduler: Scheduler,
    /// The scheduling state of the scheduler task running now, which `scheduler.yield()`
    /// inherits (`undefined` in any other task).
    scheduling: JsValue,
}

/// The host event loop Boa runs its jobs on; also the engine's [`JobExecutor`].
pub struct EventLoop {
    clock: Rc<LoopClock>,
    state: RefCell<LoopState>,
    /// Where background work posts the outcomes of host operations.
    mailbox: crate::host::Mailbox,
    /// Whether scheduling events are recorded (fixed for the run; read on every step).
    full_trace: bool,
    /// Under the virtual clock, timers that may fire without the loop going idle.
    max_timer_firings: Option<u64>,
    /// Where the host's watchdog reads which task is running, when it asked.
    watch: RefCell<Option<TaskWatch>>,
    /// Who hears of a task that has run for a long time, when the host asked.
    alarm: RefCell<Option<watch::LongTaskAlarm>>,
}

impl std::fmt::Debug for EventLoop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.state.borrow();
        f.debug_struct("EventLoop")
            .field("clock", &self.clock)
            .field("tasks", &state.tasks.len())
            .field("microtasks", &state.microtasks.len())
            .field("timers", &state.timers.len())
            .finish_non_exhaustive()
    }
}

/// How much of a microtask checkpoint may run before it yields to the host.
#[derive(Debug, Clone, Copy)]
enum Budget {
    /// Drain the queue.
    Unbounded,
    /// Stop once real time passes this point (loop wall time).
    Until(f64),
    /// Run one microtask.
    One,
}

/// How many microtasks run between looks at the clock when a checkpoint has a time budget.
const MICROTASKS_PER_BUDGET_CHECK: u32 = 64;

impl EventLoop {
    /// An empty loop on `clock`, recording a trace in `mode`; under the virtual clock it stops
    /// after `max_timer_firings` timers fired without the loop going idle.
    pub(crate) fn new(
        clock: Rc<LoopClock>,
        mode: TraceMode,
        max_timer_firings: Option<u64>,
        frames: FrameSource,
    ) -> Self {
        Self {
            clock,
            mailbox: crate::host::Mailbox::default(),
            full_trace: mode == TraceMode::Full,
            max_timer_firings,
            watch: RefCell::new(None),
            alarm: RefCell::new(None),
            state: RefCell::new(LoopState {
                tasks: VecDeque::new(),
                microtasks: VecDeque::new(),
                timers: TimerHeap::default(),
                trace: Trace::new(mode),
                rejections: RejectionTracker::default(),
                nesting: 0,
                checkpoint_pending: false,
                fired_timers: FxHashSet::default(),
                pending_ops: 0,
                awaiting: HashMap::new(),
                sites: report::SiteNames::default(),
                next_task: 1,
                next_microtask: 1,
                next_op: 1,
                frames: 0,
                failures: 0,
                firings_since_idle: 0,
                horizon: None,
                animation: Frames::new(frames),
                rendering: VecDeque::new(),
                idle: Idle::default(),
                scheduler: Scheduler::default(),
                scheduling: JsValue::undefined(),
            }),
        }
    }

    /// Charges the engine's work so far to the virtual clock; every host entry point and the
    /// end of every task and microtask call this, so time read by a script includes it.
    pub(crate) fn charge_work(&self, context: &Context) {
        self.clock.charge_work(context.instructions_remaining());
        if let Some(alarm) = self.alarm.borrow().as_ref() {
            alarm.check(self.clock.wall(), self.watch.borrow().as_ref());
        }
    }

    /// Forgets the engine's work since the last [`Self::charge_work`] (see
    /// [`LoopClock::forgive_work`]).
    pub(crate) fn forgive_work(&self, context: &Context) {
        self.clock.forgive_work(context.instructions_remaining());
    }

    /// Calls `notify` with the running task's description, once per task, when a task that has
    /// run for more than `after_ms` of real time calls into the host.
    pub(crate) fn set_long_task_alarm(&self, after_ms: f64, notify: Box<dyn Fn(String)>) {
        if self.watch.borrow().is_none() {
            self.set_watch(TaskWatch::new());
        }
        *self.alarm.borrow_mut() = Some(watch::LongTaskAlarm::new(after_ms, notify));
    }

    /// Starts telling `watch` which task is running, for a watchdog on another thread.
    pub(crate) fn set_watch(&self, watch: TaskWatch) {
        *self.watch.borrow_mut() = Some(watch);
    }

    /// The loop's clock.
    pub(crate) fn clock(&self) -> &Rc<LoopClock> {
        &self.clock
    }

    /// Where background work posts outcomes; blocking hosts wait on it.
    pub(crate) fn mailbox(&self) -> &crate::host::Mailbox {
        &self.mailbox
    }

    /// Whether scheduling events are being recorded (so callers can skip costly details).
    pub(crate) fn tracing(&self) -> bool {
        self.full_trace
    }

    /// Records an event stamped with both clocks.
    pub(crate) fn record(&self, kind: EventKind) {
        if !self.full_trace && !kind.is_output() {
            return;
        }
        let (time, wall) = self.clock.now_and_wall();
        self.state.borrow_mut().trace.record(time, wall, kind);
    }

    /// Where the running JavaScript is, for the trace; `None` when the trace is not full.
    pub(crate) fn caller(&self, context: &Context) -> Option<Location> {
        if !self.full_trace {
            return None;
        }
        self.state.borrow_mut().sites.caller(context)
    }

    /// Like [`Self::caller`], for a web API written in JavaScript: the snippet's innermost frame.
    pub(crate) fn snippet_caller(&self, context: &Context) -> Option<Location> {
        if !self.full_trace {
            return None;
        }
        self.state.borrow_mut().sites.snippet_caller(context)
    }

    /// Takes the events recorded since the last call.
    pub(crate) fn take_events(&self) -> Vec<TraceEvent> {
        self.state.borrow_mut().trace.drain()
    }

    /// Counts uncaught errors, unhandled rejections and runtime-limit stops so far.
    pub(crate) fn failures(&self) -> u32 {
        self.state.borrow().failures
    }

    pub(crate) fn note_failure(&self) {
        self.state.borrow_mut().failures += 1;
    }

    /// Records a frame marker from the host's animation frame.
    pub(crate) fn mark_frame(&self) {
        let frame = {
            let mut state = self.state.borrow_mut();
            state.frames += 1;
            state.frames
        };
        self.record(EventKind::Frame { frame });
        if self.state.borrow().animation.source() == FrameSource::Host {
            let now = self.clock.now();
            self.begin_frame(now);
        }
    }

    /// Queues a task at the back of the task queue.
    pub(crate) fn push_task(&self, source: TaskSource, run: TaskRun) {
        let task = self.new_task(source, run);
        self.state.borrow_mut().tasks.push_back(task);
    }

    /// A task with the next id, recorded as queued; the caller puts it in its queue.
    pub(crate) fn new_task(&self, source: TaskSource, run: TaskRun) -> Task {
        let id = {
            let mut state = self.state.borrow_mut();
            let id = state.next_task;
            state.next_task += 1;
            id
        };
        if self.full_trace {
            self.record(EventKind::TaskQueued {
                task: id,
                source: source.clone(),
            });
        }
        Task { id, source, run }
    }

    /// Queues a `queueMicrotask` callback.
    pub(crate) fn queue_microtask(&self, callback: JsFunction, context: &Context) {
        self.enqueue_microtask(
            MicrotaskJob::Callback(callback),
            MicrotaskSource::QueueMicrotask,
            context,
        );
    }

    fn enqueue_microtask(&self, job: MicrotaskJob, source: MicrotaskSource, context: &Context) {
        let id = {
            let mut state = self.state.borrow_mut();
            let id = state.next_microtask;
            state.next_microtask += 1;
            state.microtasks.push_back(Microtask { id, job });
            id
        };
        if self.full_trace {
            self.record(EventKind::MicrotaskEnqueued {
                microtask: id,
                source,
                by: self.caller(context),
            });
        }
    }

    /// Registers a timer and returns its id; `delay` is already coerced (not yet clamped).
    pub(crate) fn set_timer(
        &self,
        callback: TimerCallback,
        args: Vec<JsValue>,
        delay: f64,
        repeat: bool,
        by: Option<Location>,
    ) -> u32 {
        let (id, nesting, delay, due) = {
            let mut state = self.state.borrow_mut();
            let delay = timers::clamp_for_nesting(delay, state.nesting);
            let nesting = state.nesting + 1;
            let due = self.clock.now() + delay;
            let id = state.timers.allocate_id();
            state.timers.insert(
                id,
                NewTimer {
                    callback,
                    args,
                    repeat: repeat.then_some(delay),
                    nesting,
                    due,
                    by: by.clone(),
                },
            );
            (id, nesting, delay, due)
        };
        self.record(EventKind::TimerSet {
            id,
            delay,
            due,
            repeat,
            nesting,
            by,
        });
        if delay == 0.0 {
            self.post_at_once(id);
        }
        id
    }

    /// Queues a timer whose delay is zero as a task right away, as Chromium posts it: it then
    /// runs ahead of timers with a delay that become due later, even those that fall due while
    /// the current task still runs (they join the queue only when the loop next takes a task).
    fn post_at_once(&self, id: u32) {
        let timer = self.state.borrow_mut().timers.take(id);
        if let Some(timer) = timer {
            self.enqueue_fired(timer);
        }
    }

    /// Cancels a pending timeout or interval; unknown ids are ignored, as in browsers.
    pub(crate) fn clear_timer(&self, id: u32) {
        let cleared = {
            let mut state = self.state.borrow_mut();
            state.timers.cancel(id) || state.fired_timers.remove(&id)
        };
        if cleared {
            self.record(EventKind::TimerCleared { id });
        }
    }

    /// Whether the loop has nothing ready and nothing pending.
    pub(crate) fn is_idle(&self) -> bool {
        let state = self.state.borrow();
        state.tasks.is_empty()
            && state.microtasks.is_empty()
            && state.timers.is_empty()
            && state.pending_ops == 0
            && state.rendering.is_empty()
            && !state.animation.is_waiting()
            && !state.idle.is_waiting()
            && !state.scheduler.has_ready()
    }

    /// Counts of what is queued and pending, for status displays.
    pub(crate) fn pending(&self) -> Pending {
        let state = self.state.borrow();
        Pending {
            tasks: state.tasks.len() + state.scheduler.ready_len(),
            microtasks: state.microtasks.len(),
            timers: state.timers.len(),
            host_ops: state.pending_ops,
        }
    }

    /// Does one bounded piece of work: finishes a checkpoint cut short by a budget, or runs the
    /// next ready task with its checkpoint. `deadline_wall` bounds the checkpoint in real time.
    pub(crate) fn step(&self, context: &mut Context, deadline_wall: Option<f64>) -> StepOutcome {
        let budget = deadline_wall.map_or(Budget::Unbounded, Budget::Until);
        if self.state.borrow().checkpoint_pending {
            self.checkpoint(context, budget);
            return self.outlook();
        }
        let Some(task) = self.next_task() else {
            return self.outlook();
        };
        self.run_task(task, context);
        self.checkpoint(context, budget);
        self.outlook()
    }

    /// Does the smallest piece of work there is: one task's own code, or one microtask of
    /// its checkpoint. For stepping through a run under the virtual clock.
    pub(crate) fn step_unit(&self, context: &mut Context) -> StepOutcome {
        if !self.state.borrow().checkpoint_pending {
            let Some(task) = self.next_task() else {
                return self.outlook();
            };
            self.run_task(task, context);
            self.state.borrow_mut().checkpoint_pending = true;
            if !self.state.borrow().microtasks.is_empty() {
                return self.outlook();
            }
        }
        self.checkpoint(context, Budget::One);
        self.outlook()
    }

    /// Runs `body` as a task of its own right now, ahead of the queue, followed by its
    /// microtask checkpoint (REPL lines). A checkpoint cut short earlier is finished first.
    pub(crate) fn run_now<T>(
        &self,
        source: TaskSource,
        context: &mut Context,
        body: impl FnOnce(&mut Context) -> JsResult<T>,
    ) -> JsResult<T> {
        if self.state.borrow().checkpoint_pending {
            self.checkpoint(context, Budget::Unbounded);
        }
        let id = {
            let mut state = self.state.borrow_mut();
            let id = state.next_task;
            state.next_task += 1;
            state.nesting = 0;
            id
        };
        self.record(EventKind::TaskStart { task: id, source });
        self.state.borrow_mut().firings_since_idle = 0;
        let result = body(context);
        self.charge_work(context);
        self.record(EventKind::TaskEnd { task: id });
        self.checkpoint(context, Budget::Unbounded);
        result
    }

    /// Runs everything due until virtual time `until` and leaves the clock there (or later, if
    /// the work itself took longer).
    pub(crate) fn run_until(&self, context: &mut Context, until: f64) -> StepOutcome {
        self.state.borrow_mut().horizon = Some(until);
        while self.step(context, None) == StepOutcome::Busy {}
        self.state.borrow_mut().horizon = None;
        self.clock.advance_to(until);
        self.outlook()
    }

    /// Runs what is ready, then jumps to the next timer and runs that one task.
    pub(crate) fn run_to_next_timer(&self, context: &mut Context) -> StepOutcome {
        self.run_until(context, self.clock.now());
        let Some(due) = self.state.borrow().timers.next_due() else {
            return self.outlook();
        };
        self.clock.advance_to(due);
        self.state.borrow_mut().horizon = Some(due);
        self.step(context, None);
        self.state.borrow_mut().horizon = None;
        self.outlook()
    }

    /// When the latest pending timer is due.
    pub(crate) fn last_timer_due(&self) -> Option<f64> {
        self.state.borrow().timers.last_due()
    }

    /// What the loop would do next, without doing it.
    fn outlook(&self) -> StepOutcome {
        let outcome = {
            let state = self.state.borrow();
            let now = self.clock.now();
            if state.checkpoint_pending
                || !state.tasks.is_empty()
                || !state.microtasks.is_empty()
                || state.ready_besides_tasks(now)
            {
                return StepOutcome::Busy;
            }
            let may_jump = |due: f64| state.horizon.is_none_or(|horizon| due <= horizon);
            match state.next_wake(now) {
                Some(due) if due <= now => return StepOutcome::Busy,
                Some(due) if self.clock.kind() == crate::ClockKind::Virtual && may_jump(due) => {
                    return StepOutcome::Busy;
                }
                Some(due) => StepOutcome::Waiting {
                    next_due_ms: Some(due),
                },
                None if state.pending_ops > 0 => StepOutcome::Waiting { next_due_ms: None },
                // The host's next frame will run the waiting callbacks.
                None if state.animation.is_waiting() => StepOutcome::Waiting {
                    next_due_ms: Some(now),
                },
                None => StepOutcome::Idle,
            }
        };
        // The loop has nothing to do now: a run of timer firings ends here.
        self.state.borrow_mut().firings_since_idle = 0;
        outcome
    }

    /// Takes the next task: the oldest queued one, else the earliest due timer. Under the
    /// virtual clock, time jumps to the next timer when nothing else is ready.
    fn next_task(&self) -> Option<Task> {
        self.collect_replies();
        let now = self.clock.now();
        self.queue_due_timers(now);
        if let Some(task) = self.take_ready(now) {
            return Some(task);
        }
        if self.clock.kind() == crate::ClockKind::Virtual {
            let (due, horizon) = {
                let state = self.state.borrow();
                (state.next_wake(now)?, state.horizon)
            };
            if horizon.is_some_and(|horizon| due > horizon) {
                return None;
            }
            self.clock.advance_to(due);
            self.queue_due_timers(due);
            return self.take_ready(self.clock.now());
        }
        None
    }

    /// Moves timers due at `now` into the task queue, in firing order, behind what is queued.
    pub(super) fn queue_due_timers(&self, now: f64) {
        loop {
            let Some(timer) = self.state.borrow_mut().timers.pop_due(now) else {
                return;
            };
            if !self.enqueue_fired(timer) {
                return;
            }
        }
    }

    /// Moves a timer that fired into the task queue; `false` when the run was stopped instead
    /// for firing too many timers.
    fn enqueue_fired(&self, timer: timers::Timer) -> bool {
        if self.too_many_firings(&timer) {
            return false;
        }
        let timer = match timer {
            timers::Timer {
                callback: TimerCallback::Loop(on_due),
                ..
            } => {
                on_due(self);
                return true;
            }
            timer => timer,
        };
        let id = timer.id;
        self.state.borrow_mut().fired_timers.insert(id);
        let source = match (&timer.callback, timer.repeat) {
            (
                TimerCallback::Host {
                    op,
                    completion,
                    settles,
                    ..
                },
                _,
            ) => {
                if *settles {
                    self.end_host_op(*op, completion, true);
                }
                TaskSource::HostOp {
                    name: completion.clone(),
                    op: *op,
                }
            }
            (_, Some(_)) => {
                self.record(EventKind::TimerFired { id });
                TaskSource::Interval { id }
            }
            (_, None) => {
                self.record(EventKind::TimerFired { id });
                TaskSource::Timer { id }
            }
        };
        self.push_task(source, TaskRun::Timer(timer));
        true
    }

    /// Under the virtual clock, counts a firing and, past the limit, stops the run: every
    /// timer is dropped, so the loop goes idle, and the message names the timer that fired last.
    fn too_many_firings(&self, timer: &timers::Timer) -> bool {
        if self.clock.kind() != crate::ClockKind::Virtual {
            return false;
        }
        let Some(limit) = self.max_timer_firings else {
            return false;
        };
        let firings = {
            let mut state = self.state.borrow_mut();
            state.firings_since_idle += 1;
            state.firings_since_idle
        };
        if firings <= limit {
            return false;
        }
        {
            let mut state = self.state.borrow_mut();
            state.timers.clear();
            state.fired_timers.clear();
            state
                .tasks
                .retain(|task| !matches!(task.run, TaskRun::Timer(_)));
            state.firings_since_idle = 0;
        }
        let what = watch::describe_timer(timer);
        self.note_failure();
        self.record(EventKind::RuntimeLimit {
            message: format!(
                "{limit} timers fired without the loop ever going idle (the last: {what}); the \
                 run was stopped. Under the virtual clock an endless timer costs no time: clear \
                 it, or raise the limit (--max-timer-firings)."
            ),
        });
        true
    }

    fn run_task(&self, task: Task, context: &mut Context) {
        let Task { id, source, run } = task;
        if let TaskRun::Timer(timer) = &run
            && !self.state.borrow().fired_timers.contains(&timer.id)
        {
            // Cleared after it became due but before its turn: browsers skip it.
            return;
        }
        if let TaskRun::AnimationFrame(frame) = &run
            && !self.state.borrow_mut().animation.take_running(frame.id)
        {
            // Cancelled by an earlier callback of the same frame.
            return;
        }
        if let Some(watch) = self.watch.borrow().as_ref() {
            watch.task_started(&source, &run);
        }
        if let Some(alarm) = self.alarm.borrow().as_ref() {
            alarm.task_started(self.clock.wall());
        }
        self.record(EventKind::TaskStart { task: id, source });
        {
            let mut state = self.state.borrow_mut();
            state.nesting = run.nesting();
            state.scheduling = match &run {
                TaskRun::Scheduler(scheduled) => scheduled.state.clone(),
                _ => JsValue::undefined(),
            };
        }
        let result = self.run_task_body(run, context);
        self.charge_work(context);
        if let Err(error) = result {
            report::uncaught(self, error, context);
        }
        self.record(EventKind::TaskEnd { task: id });
        if let Some(watch) = self.watch.borrow().as_ref() {
            watch.checkpoint_started();
        }
    }

    fn run_task_body(&self, run: TaskRun, context: &mut Context) -> JsResult<()> {
        match run {
            TaskRun::Native(job) => job.call(context).map(drop),
            TaskRun::Async(job) => run_async_job(job, context),
            TaskRun::Timer(timer) => self.fire_timer(timer, context),
            TaskRun::AnimationFrame(frame) => frame
                .callback
                .call(
                    &JsValue::undefined(),
                    &[JsValue::from(frame.timestamp)],
                    context,
                )
                .map(drop),
            TaskRun::Idle {
                callback,
                deadline,
                timed_out,
            } => {
                let deadline = crate::globals::idle::deadline_object(deadline, timed_out, context)?;
                callback
                    .call(&JsValue::undefined(), &[deadline.into()], context)
                    .map(drop)
            }
            TaskRun::Scheduler(scheduled) => scheduled
                .run
                .call(&JsValue::undefined(), &[], context)
                .map(drop),
            TaskRun::ReportRejections(batch) => {
                let unhandled = self.state.borrow_mut().rejections.still_unhandled(batch);
                for promise in unhandled {
                    report::unhandled_rejection(self, promise, context);
                }
                Ok(())
            }
        }
    }

    fn fire_timer(&self, timer: timers::Timer, context: &mut Context) -> JsResult<()> {
        let timers::Timer {
            id,
            callback,
            args,
            repeat,
            nesting,
            by,
            ..
        } = timer;
        if repeat.is_none() {
            self.state.borrow_mut().fired_timers.remove(&id);
        }
        let callback = match callback {
            TimerCallback::Engine(job) => return job.call(context).map(drop),
            script => script,
        };
        let result = match &callback {
            TimerCallback::Function(function) => function
                .call(&JsValue::undefined(), &args, context)
                .map(drop),
            TimerCallback::Code(code) => context
                .eval(boa_engine::Source::from_bytes(
                    &code.to_std_string_escaped(),
                ))
                .map(drop),
            TimerCallback::Host { work, .. } => work(context),
            TimerCallback::Engine(_) | TimerCallback::Loop(_) => Ok(()),
        };
        // An interval is rescheduled, under the same id, unless its own callback cleared it.
        if let Some(delay) = repeat {
            let active = self.state.borrow_mut().fired_timers.remove(&id);
            if active {
                let host = matches!(callback, TimerCallback::Host { .. });
                let delay = if host {
                    delay
                } else {
                    timers::clamp_for_nesting(delay, nesting)
                };
                let nesting = nesting + 1;
                let due = self.clock.now() + delay;
                self.state.borrow_mut().timers.insert(
                    id,
                    NewTimer {
                        callback,
                        args,
                        repeat: Some(delay),
                        nesting,
                        due,
                        by,
                    },
                );
                if !host {
                    self.record(EventKind::TimerSet {
                        id,
                        delay,
                        due,
                        repeat: true,
                        nesting,
                        by: None,
                    });
                    if delay == 0.0 {
                        self.post_at_once(id);
                    }
                }
            }
        }
        result
    }

    /// Drains the microtask queue, then reports unhandled rejections. With a deadline, stops
    /// early once it has passed and resumes at the next step before any other task.
    fn checkpoint(&self, context: &mut Context, budget: Budget) {
        let mut ran: u32 = 0;
        loop {
            let next = self.state.borrow_mut().microtasks.pop_front();
            let Some(Microtask { id, job }) = next else {
                break;
            };
            self.record(EventKind::MicrotaskStart {
                microtask: id,
                function: None,
            });
            let result = match job {
                MicrotaskJob::Promise(job) => job.call(context).map(drop),
                MicrotaskJob::Callback(callback) => {
                    if self.tracing()
                        && let Some(name) = hooks::own_name(&callback)
                    {
                        self.name_running_microtask(name);
                    }
                    callback.call(&JsValue::undefined(), &[], context).map(drop)
                }
            };
            self.charge_work(context);
            if let Err(error) = result {
                report::uncaught(self, error, context);
            }
            self.record(EventKind::MicrotaskEnd { microtask: id });
            ran += 1;
            let out_of_budget = match budget {
                Budget::Unbounded => false,
                Budget::Until(deadline) => {
                    ran.is_multiple_of(MICROTASKS_PER_BUDGET_CHECK) && self.clock.wall() >= deadline
                }
                Budget::One => true,
            };
            if out_of_budget && !self.state.borrow().microtasks.is_empty() {
                self.state.borrow_mut().checkpoint_pending = true;
                return;
            }
        }
        {
            let mut state = self.state.borrow_mut();
            state.checkpoint_pending = false;
            state.nesting = 0;
        }
        if let Some(watch) = self.watch.borrow().as_ref() {
            watch.checkpoint_ended();
        }
        context.clear_kept_objects();
        let batch = self.state.borrow_mut().rejections.take_batch();
        if let Some(batch) = batch {
            // Timers already due were queued first in Chrome, so they go ahead of the report.
            self.queue_due_timers(self.clock.now());
            self.push_task(
                TaskSource::RejectionReport,
                TaskRun::ReportRejections(batch),
            );
        }
    }

    /// A microtask checkpoint in the middle of a task, after a callback the loop made (HTML's
    /// "clean up after running a callback"); the task's timer nesting level survives it.
    pub(crate) fn microtask_checkpoint(&self, context: &mut Context) {
        let nesting = self.state.borrow().nesting;
        self.checkpoint(context, Budget::Unbounded);
        self.state.borrow_mut().nesting = nesting;
    }

    /// Names the callback of the running microtask on its start event, when it is the most
    /// recent event (the engine tells us the callback only once the job has begun).
    pub(crate) fn name_running_microtask(&self, function: String) {
        let mut state = self.state.borrow_mut();
        if let Some(TraceEvent {
            kind: EventKind::MicrotaskStart { function: slot, .. },
            ..
        }) = state.trace.last_mut()
            && slot.is_none()
        {
            *slot = Some(function);
        }
    }

    pub(crate) fn track_rejection(&self, promise: boa_engine::JsObject) {
        self.state.borrow_mut().rejections.rejected(promise);
    }

    pub(crate) fn track_handled(&self, promise: &boa_engine::JsObject) {
        let reported = self.state.borrow_mut().rejections.handled(promise);
        if reported {
            self.queue_rejection_handled(promise.clone());
        }
    }
}

/// Counts of queued and pending work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pending {
    /// Tasks ready to run.
    pub tasks: usize,
    /// Microtasks queued.
    pub microtasks: usize,
    /// Timers (timeouts, intervals and clock-based host operations) pending.
    pub timers: usize,
    /// Host operations in flight.
    pub host_ops: usize,
}

/// Runs an engine job that is a future (module loading, dynamic import). Our module loaders
/// answer synchronously, so one poll completes it.
fn run_async_job(job: NativeAsyncJob, context: &mut Context) -> JsResult<()> {
    let cell = RefCell::new(context);
    let mut future = std::pin::pin!(job.call(&cell));
    let mut poll_context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut poll_context) {
        std::task::Poll::Ready(result) => result.map(drop),
        std::task::Poll::Pending => Err(boa_engine::JsNativeError::error()
            .with_message("an engine job waited on something tickscope cannot provide")
            .into()),
    }
}

impl JobExecutor for EventLoop {
    fn enqueue_job(self: Rc<Self>, job: Job, context: &mut Context) {
        match job {
            Job::PromiseJob(job) => self.enqueue_microtask(
                MicrotaskJob::Promise(job),
                MicrotaskSource::Promise,
                context,
            ),
            Job::GenericJob(job) => self.push_task(
                TaskSource::Engine,
                TaskRun::Native(NativeJob::new(move |context| job.call(context))),
            ),
            Job::AsyncJob(job) => self.push_task(TaskSource::Engine, TaskRun::Async(job)),
            Job::TimeoutJob(job) => {
                let delay = job.timeout().as_millis() as f64;
                self.set_timer(TimerCallback::Engine(job), Vec::new(), delay, false, None);
            }
            // Intervals are only queued by boa_runtime, which tickscope does not install;
            // finalization callbacks are optional per the spec and would keep the loop alive.
            Job::IntervalJob(_) | Job::FinalizationRegistryCleanupJob(_) => {}
            _ => {}
        }
    }

    fn run_jobs(self: Rc<Self>, context: &mut Context) -> JsResult<()> {
        while self.step(context, None) == StepOutcome::Busy {}
        Ok(())
    }
}
