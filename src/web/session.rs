//! One run in the worker: a [`Runtime`] and the protocol messages its frames, steps and REPL
//! lines produce. No scheduling here ([`super::worker`] does that), so every piece can be
//! driven by hand, in tests as in the worker.

use std::rc::Rc;

use crate::event_loop::frames::FrameSource;
use crate::host::Host;
use crate::protocol::{FromWorker, LoopState, LoopStatus};
use crate::{ClockKind, EvalOutcome, RunError, Runtime, RuntimeOptions, StepOutcome, TraceMode};

/// Milliseconds of engine work per animation frame, unless the page asks for another budget.
///
/// A 60 Hz frame lasts 16.7 ms; using under half of it keeps the worker responsive to messages.
pub const DEFAULT_BUDGET_MS: f64 = 6.0;

/// The name the playground gives the snippet it runs (shown in stack traces and locations).
pub const SCRIPT_NAME: &str = "main.js";

/// Milliseconds in an animation frame at 60 Hz, rounded up.
pub const FRAME_MS: f64 = 17.0;

/// Under the real clock, a wait for a timer longer than this sleeps in a `setTimeout` (until a
/// frame before it is due) instead of running empty animation frames.
pub const LONG_WAIT_MS: f64 = 50.0;

/// While only host operations are pending, how often the worker looks at the loop even if no
/// reply announced itself (a safety net: the browser host announces every reply).
pub const HOST_POLL_MS: f64 = 1_000.0;

/// The snippet a [`WarmUp`] runs: what nearly every run touches (a script's parse and compile,
/// promises, microtasks, `await`, a timer, console formatting).
const WARM_UP: &str = "const seen = [];\n\
    Promise.resolve(1).then((value) => seen.push(value));\n\
    queueMicrotask(() => seen.push(2));\n\
    setTimeout(async () => { await null; console.log('warm', seen, { up: true }); }, 0);\n";

/// Frames a [`WarmUp`] may take.
const WARM_UP_FRAMES: usize = 8;

/// A small snippet run in a throwaway session under the virtual clock, one piece at a time, so
/// that the browser compiles the engine before the first run needs it.
///
/// The browser compiles a wasm function when it is first called: without a warm-up, the first run
/// pays for compiling most of the engine (about 50 ms in Chrome, half of it in `Runtime::new`),
/// and its timeline shows that as the snippet's own time. The worker runs one piece per task, so
/// a run that arrives meanwhile waits for one piece at most, and drops the rest.
pub struct WarmUp {
    host: Rc<dyn Host>,
    session: Option<Session>,
    next: Piece,
}

/// The next piece of a [`WarmUp`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// Start the runtime.
    Start,
    /// Load the snippet.
    Load,
    /// Run frame number `n` (from 0).
    Frame(usize),
    /// Nothing more.
    Done,
}

impl std::fmt::Debug for WarmUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarmUp")
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl WarmUp {
    /// A warm-up that will run on `host`; nothing runs until [`WarmUp::step`].
    pub fn new(host: Rc<dyn Host>) -> Self {
        Self {
            host,
            session: None,
            next: Piece::Start,
        }
    }

    /// Runs the next piece: the runtime's start, the snippet's load, then one frame at a time.
    /// Returns whether pieces remain.
    pub fn step(&mut self) -> bool {
        self.next = match (self.next, self.session.as_mut()) {
            (Piece::Start, _) => {
                match Session::new(
                    runtime_options(ClockKind::Virtual, None, None),
                    None,
                    Rc::clone(&self.host),
                ) {
                    Ok(session) => {
                        self.session = Some(session);
                        Piece::Load
                    }
                    Err(_) => Piece::Done,
                }
            }
            (Piece::Load, Some(session)) => match session.load(WARM_UP, false) {
                Ok(()) => Piece::Frame(0),
                Err(_) => Piece::Done,
            },
            (Piece::Frame(n), Some(session)) => {
                // Encoded as it would be posted, so that path is compiled too.
                let _ = session.frame().to_json();
                if session.wants_frames() && n + 1 < WARM_UP_FRAMES {
                    Piece::Frame(n + 1)
                } else {
                    Piece::Done
                }
            }
            _ => Piece::Done,
        };
        if self.next == Piece::Done {
            self.session = None;
        }
        !self.is_done()
    }

    /// Whether every piece has run.
    pub fn is_done(&self) -> bool {
        self.next == Piece::Done
    }
}

/// Real milliseconds after which a task that calls into the host is announced to the page
/// ([`FromWorker::LongTask`]), so that a page that stops it can say which task it was.
pub const LONG_TASK_NOTICE_MS: f64 = 1_000.0;

/// The runtime options of a run in the worker, with the page's seed and start time. Under the
/// real clock the worker's own animation frames are the snippet's frames
/// ([`FrameSource::Host`]: each [`Session::frame`] begins a rendering step); under the virtual
/// clock frames come on the loop's grid of virtual time.
pub fn runtime_options(
    clock: ClockKind,
    seed: Option<u64>,
    start_time: Option<f64>,
) -> RuntimeOptions {
    RuntimeOptions {
        clock,
        trace: TraceMode::Full,
        frames: match clock {
            ClockKind::Real => FrameSource::Host,
            ClockKind::Virtual => FrameSource::Clock,
        },
        seed,
        start_time: start_time.filter(|ms| ms.is_finite()),
        ..RuntimeOptions::default()
    }
}

/// What the worker should arrange after a frame, step or REPL line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Wake {
    /// Run another frame at the next animation frame.
    Frame,
    /// Sleep this many milliseconds, then run a frame (a timer is due later).
    After(f64),
    /// Only host operations are pending: run a frame when one replies (and every
    /// [`HOST_POLL_MS`] regardless).
    Host,
    /// Nothing to do: the run is idle or paused.
    Nothing,
}

/// One run of one snippet: a runtime and the frames pumped through it so far.
pub struct Session {
    runtime: Runtime,
    clock: ClockKind,
    frames: u64,
    budget_ms: f64,
    paused: bool,
    /// What the loop said last (an estimate after a REPL line).
    last: StepOutcome,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("clock", &self.clock)
            .field("frames", &self.frames)
            .field("budget_ms", &self.budget_ms)
            .field("paused", &self.paused)
            .field("last", &self.last)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// A session with a fresh runtime on `host` and nothing loaded; `budget_ms` is the engine
    /// time per frame ([`DEFAULT_BUDGET_MS`] when absent or not a positive number).
    ///
    /// Fails with the [`FromWorker::LoadError`] to post when the engine does not start.
    pub fn new(
        options: RuntimeOptions,
        budget_ms: Option<f64>,
        host: Rc<dyn Host>,
    ) -> Result<Self, FromWorker> {
        let clock = options.clock;
        let runtime = Runtime::new(options, host).map_err(|error| FromWorker::LoadError {
            message: error.to_string(),
            line: None,
            column: None,
            events: Vec::new(),
        })?;
        let budget_ms = budget_ms
            .filter(|budget| budget.is_finite() && *budget > 0.0)
            .unwrap_or(DEFAULT_BUDGET_MS);
        Ok(Self {
            runtime,
            clock,
            frames: 0,
            budget_ms,
            paused: false,
            last: StepOutcome::Idle,
        })
    }

    /// Calls `notify` with the running task in words when a task has run for more than
    /// [`LONG_TASK_NOTICE_MS`] and calls into the host (once per task).
    pub fn on_long_task(&mut self, notify: impl Fn(String) + 'static) {
        self.runtime.on_long_task(LONG_TASK_NOTICE_MS, notify);
    }

    /// Queues `source` as a classic script, or as an ES module when `module` is set.
    ///
    /// A syntax error comes back as the [`FromWorker::LoadError`] to post, with its line and
    /// column and the events recorded so far (the error's report among them); the session
    /// stays usable for REPL lines.
    pub fn load(&mut self, source: &str, module: bool) -> Result<(), FromWorker> {
        let loaded = if module {
            self.runtime.load_module(SCRIPT_NAME, source)
        } else {
            self.runtime.load_script(SCRIPT_NAME, source)
        };
        match loaded {
            Ok(()) => {
                self.last = StepOutcome::Busy;
                Ok(())
            }
            Err(error) => {
                let (message, line, column) = match error {
                    RunError::Syntax(syntax) => (
                        format!("SyntaxError: {}", syntax.message),
                        syntax.line,
                        syntax.column,
                    ),
                    RunError::Engine(message) => (message, None, None),
                };
                Err(FromWorker::LoadError {
                    message,
                    line,
                    column,
                    events: self.runtime.take_events(),
                })
            }
        }
    }

    /// Pauses or resumes the run: a paused run moves only by [`Session::step`].
    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
    }

    /// Whether the run is paused.
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Whether an animation frame would do anything: not paused, and work ready or pending.
    pub fn wants_frames(&self) -> bool {
        !self.paused && !self.runtime.is_idle()
    }

    /// One animation frame: records a frame marker, runs the loop for the frame's budget, and
    /// returns the [`FromWorker::Frame`] with everything recorded since the last message.
    pub fn frame(&mut self) -> FromWorker {
        self.runtime.mark_frame();
        let outcome = self.runtime.run_for(self.budget_ms);
        self.message(outcome)
    }

    /// One step of a paused run ([`Runtime::step_unit`]: one task's own code or one
    /// microtask), as a [`FromWorker::Frame`] in state `paused` (or `idle` once done).
    pub fn step(&mut self) -> FromWorker {
        let outcome = self.runtime.step_unit();
        self.message(outcome)
    }

    /// A [`FromWorker::Frame`] with the events recorded since the last message and the loop's
    /// state, without running anything (the first message of a paused run).
    pub fn snapshot(&mut self) -> FromWorker {
        let outcome = self.outlook();
        self.message(outcome)
    }

    /// Evaluates a REPL line in the live context ([`Runtime::eval`]): returns a
    /// [`FromWorker::Frame`] with the events it produced (when there are any), then the
    /// [`FromWorker::EvalResult`].
    ///
    /// A paused run finishes the microtask checkpoint it was stepping through first (the line
    /// runs as a task of its own). A syntax error in the line is thrown, and also reported in
    /// the events, as for a script.
    pub fn eval(&mut self, id: u64, line: &str) -> Vec<FromWorker> {
        let (text, thrown) = match self.runtime.eval(line) {
            Ok(EvalOutcome::Value(text)) => (text, false),
            Ok(EvalOutcome::Thrown(text)) => (text, true),
            Err(RunError::Syntax(syntax)) => {
                (format!("Uncaught SyntaxError: {}", syntax.message), true)
            }
            Err(RunError::Engine(message)) => (format!("Uncaught Error: {message}"), true),
        };
        let mut messages = Vec::new();
        let outcome = self.outlook();
        self.last = outcome;
        let events = self.runtime.take_events();
        if !events.is_empty() {
            self.frames += 1;
            messages.push(FromWorker::Frame {
                frame: self.frames,
                status: self.status(outcome),
                events,
            });
        }
        messages.push(FromWorker::EvalResult { id, text, thrown });
        messages
    }

    /// What the worker should arrange next.
    pub fn wake(&self) -> Wake {
        if self.paused {
            return Wake::Nothing;
        }
        match self.last {
            StepOutcome::Busy => Wake::Frame,
            StepOutcome::Idle => Wake::Nothing,
            StepOutcome::Waiting {
                next_due_ms: Some(due),
            } => {
                let wait = due - self.runtime.now_ms();
                if wait <= LONG_WAIT_MS {
                    Wake::Frame
                } else if self.runtime.pending().host_ops > 0 {
                    Wake::After((wait - FRAME_MS).min(HOST_POLL_MS))
                } else {
                    Wake::After(wait - FRAME_MS)
                }
            }
            // A timer is pending but when it is due is unknown (after a REPL line): look now.
            StepOutcome::Waiting { next_due_ms: None } if self.runtime.pending().timers > 0 => {
                Wake::Frame
            }
            StepOutcome::Waiting { next_due_ms: None } => Wake::Host,
        }
    }

    /// The loop's status after `outcome`.
    pub fn status(&self, outcome: StepOutcome) -> LoopStatus {
        let (state, next_due_ms) = match outcome {
            StepOutcome::Idle => (LoopState::Idle, None),
            _ if self.paused => (
                LoopState::Paused,
                match outcome {
                    StepOutcome::Waiting { next_due_ms } => next_due_ms,
                    _ => None,
                },
            ),
            StepOutcome::Busy => (LoopState::Busy, None),
            StepOutcome::Waiting { next_due_ms } => (LoopState::Waiting, next_due_ms),
        };
        LoopStatus {
            state,
            pending: self.runtime.pending(),
            now_ms: self.runtime.now_ms(),
            next_due_ms,
        }
    }

    /// How many frame messages this session has produced.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// The clock the run is on.
    pub fn clock(&self) -> ClockKind {
        self.clock
    }

    /// The runtime, for tests and embedders.
    pub fn runtime(&mut self) -> &mut Runtime {
        &mut self.runtime
    }

    /// The next [`FromWorker::Frame`], after `outcome`.
    fn message(&mut self, outcome: StepOutcome) -> FromWorker {
        self.last = outcome;
        self.frames += 1;
        FromWorker::Frame {
            frame: self.frames,
            status: self.status(outcome),
            events: self.runtime.take_events(),
        }
    }

    /// What the loop would say, judged from its counts without running anything: exact but for
    /// when the next timer is due under the real clock, which stays unknown.
    fn outlook(&self) -> StepOutcome {
        if self.runtime.is_idle() {
            return StepOutcome::Idle;
        }
        let pending = self.runtime.pending();
        if pending.tasks > 0
            || pending.microtasks > 0
            || (pending.timers > 0 && self.clock == ClockKind::Virtual)
        {
            StepOutcome::Busy
        } else {
            StepOutcome::Waiting { next_due_ms: None }
        }
    }
}
