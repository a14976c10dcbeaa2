//! [`Runtime`]: a Boa context on tickscope's event loop, the one entry point every host uses.

mod clock_controls;

pub use clock_controls::RealClockError;

use std::path::Path;
use std::rc::Rc;

use boa_engine::{
    Context, JsResult, JsValue, NativeFunction, Source, js_string, module::Module,
    object::builtins::JsPromise, script::Script,
};

use crate::clock::{ClockKind, EngineClock, LoopClock, cost::INSTRUCTION_BUDGET};
use crate::console::inspect::{InspectOptions, inspect};
pub use crate::event_loop::frames::FrameSource;
use crate::event_loop::{
    EventLoop, LoopHooks, Pending, StepOutcome, TaskRun, TaskWatch, describe_thrown,
};
pub use crate::globals::random::DEFAULT_SEED;
use crate::host::Host;
use crate::modules::{ModuleRegistry, NativeModuleLoader};
use crate::trace::{EventKind, Location, TaskSource, TraceEvent, TraceMode};

/// How a [`Runtime`] is set up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuntimeOptions {
    /// Which clock drives timers, `performance.now()` and `Date`.
    pub clock: ClockKind,
    /// How much of the trace to record.
    pub trace: TraceMode,
    /// Loop iterations one function call may run before its task is stopped. `None` (the
    /// default): no limit, as in browsers; runaway code is for the host's watchdog to stop by
    /// time (the CLI's `--timeout`, the page's Stop and its long-task limit).
    pub loop_iteration_limit: Option<u64>,
    /// Nested calls a task may make before it is stopped with a stack overflow.
    pub recursion_limit: usize,
    /// The seed of `Math.random()`. `None`: [`DEFAULT_SEED`] under the virtual clock (the same
    /// numbers every run), the engine's own unseeded generator under the real clock.
    pub seed: Option<u64>,
    /// The Unix epoch time, in milliseconds, at which the run starts (what `Date` shows at
    /// loop time zero). `None`: 2024-01-01T00:00:00Z under the virtual clock
    /// ([`crate::clock::DEFAULT_VIRTUAL_START_MS`]), the host's wall time under the real one.
    pub start_time: Option<f64>,
    /// Under the virtual clock, how many timers may fire without the loop ever going idle
    /// before the run is stopped (an endless `setInterval` costs no virtual effort and would
    /// spin forever). `None`: no limit. Unused under the real clock, where time is the limit.
    pub max_timer_firings: Option<u64>,
    /// Who decides when `requestAnimationFrame` callbacks run: the loop's own 60 Hz grid of
    /// loop time (the default), or the host's frames ([`Runtime::mark_frame`]).
    pub frames: FrameSource,
}

/// The default of [`RuntimeOptions::recursion_limit`]: plain recursion 10 000 deep runs (Node's
/// reaches about 11 000, Chromium's worker about 6 000). The engine counts each JavaScript call,
/// and each re-entry from a native function (a `map` callback, a getter) once more, so recursion
/// through native callbacks stops at half of it.
pub const DEFAULT_RECURSION_LIMIT: usize = 12_000;

/// The default of [`RuntimeOptions::max_timer_firings`].
pub const DEFAULT_MAX_TIMER_FIRINGS: u64 = 100_000;

impl Default for RuntimeOptions {
    fn default() -> Self {
        Self {
            clock: ClockKind::Real,
            trace: TraceMode::Full,
            loop_iteration_limit: None,
            recursion_limit: DEFAULT_RECURSION_LIMIT,
            seed: None,
            start_time: None,
            max_timer_firings: Some(DEFAULT_MAX_TIMER_FIRINGS),
            frames: FrameSource::Clock,
        }
    }
}

impl RuntimeOptions {
    /// The seed `Math.random()` gets, if it is seeded at all.
    pub fn effective_seed(&self) -> Option<u64> {
        match (self.seed, self.clock) {
            (Some(seed), _) => Some(seed),
            (None, ClockKind::Virtual) => Some(DEFAULT_SEED),
            (None, ClockKind::Real) => None,
        }
    }
}

/// A script that could not be parsed, with where the parser stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The engine's message, without the position.
    pub message: String,
    /// 1-based line, when the engine knows it.
    pub line: Option<u32>,
    /// 1-based column, when the engine knows it.
    pub column: Option<u32>,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SyntaxError: {}", self.message)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, " (at line {line}, column {column})")?;
        }
        Ok(())
    }
}

/// Why a program could not be started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// The source does not parse.
    Syntax(SyntaxError),
    /// The engine refused to set up or evaluate something.
    Engine(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Syntax(error) => error.fmt(f),
            Self::Engine(message) => write!(f, "engine error: {message}"),
        }
    }
}

impl std::error::Error for RunError {}

/// The result of a REPL line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalOutcome {
    /// The line completed; its value as Node's REPL prints it.
    Value(String),
    /// The line threw; the report as Chrome words it (`Uncaught Error: …`).
    Thrown(String),
}

/// JavaScript on Boa with tickscope's event loop, globals and trace.
///
/// Run it on a thread with a deep stack (the CLI uses 512 MiB; only what is used is
/// committed): recursion through native callbacks such as `[0].map(f)` inside `f` uses the
/// native stack at every level, and the recursion limit must be reached before the stack ends.
pub struct Runtime {
    context: Context,
    event_loop: Rc<EventLoop>,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("event_loop", &self.event_loop)
            .finish_non_exhaustive()
    }
}

impl Runtime {
    /// A fresh runtime on `host` with the host globals and the standard native modules
    /// (`timer`, `fetch`, `fs`, `stream`), nothing queued.
    pub fn new(options: RuntimeOptions, host: Rc<dyn Host>) -> Result<Self, RunError> {
        Self::with_modules(options, host, ModuleRegistry::standard())
    }

    /// A fresh runtime offering the native modules of `modules` to `require` and `import`.
    pub fn with_modules(
        options: RuntimeOptions,
        host: Rc<dyn Host>,
        modules: ModuleRegistry,
    ) -> Result<Self, RunError> {
        let clock = Rc::new(LoopClock::new(options.clock, host, options.start_time));
        let event_loop = Rc::new(EventLoop::new(
            clock.clone(),
            options.trace,
            options.max_timer_firings,
            options.frames,
        ));
        let hooks = Rc::new(LoopHooks {
            event_loop: event_loop.clone(),
        });
        let mut context = Context::builder()
            .job_executor(event_loop.clone())
            .host_hooks(hooks)
            .clock(Rc::new(EngineClock(clock)))
            .module_loader(Rc::new(NativeModuleLoader::new(modules)))
            .instructions_remaining(INSTRUCTION_BUDGET)
            .build()?;
        let limits = context.runtime_limits_mut();
        match options.loop_iteration_limit {
            Some(limit) => limits.set_loop_iteration_limit(limit),
            None => limits.disable_loop_iteration_limit(),
        }
        limits.set_recursion_limit(options.recursion_limit);
        limits.set_stack_size_limit(options.recursion_limit.saturating_mul(64));
        crate::globals::install(&mut context, options.effective_seed())?;
        Ok(Self {
            context,
            event_loop,
        })
    }

    /// Parses a classic script and queues its evaluation as a task.
    ///
    /// A syntax error is returned with its position, and also reported in the trace.
    pub fn load_script(&mut self, name: &str, source: &str) -> Result<(), RunError> {
        let parsed = Script::parse(
            Source::from_bytes(source).with_path(Path::new(name)),
            None,
            &mut self.context,
        );
        let script = parsed.map_err(|error| self.syntax_error(name, error))?;
        self.event_loop.push_task(
            TaskSource::Script {
                name: name.to_owned(),
            },
            TaskRun::Native(boa_engine::job::NativeJob::new(move |context| {
                script.evaluate(context)
            })),
        );
        Ok(())
    }

    /// Parses an ES module and queues its loading and evaluation as a task; an error thrown by
    /// its body, top-level `await` included, is reported as uncaught.
    pub fn load_module(&mut self, name: &str, source: &str) -> Result<(), RunError> {
        let parsed = Module::parse(
            Source::from_bytes(source).with_path(Path::new(name)),
            None,
            &mut self.context,
        );
        let module = parsed.map_err(|error| self.syntax_error(name, error))?;
        self.event_loop.push_task(
            TaskSource::Module {
                name: name.to_owned(),
            },
            TaskRun::Native(boa_engine::job::NativeJob::new(move |context| {
                let promise = module.load_link_evaluate(context);
                report_module_failure(&promise, context)?;
                Ok(JsValue::undefined())
            })),
        );
        Ok(())
    }

    /// Runs one task and its microtask checkpoint (or finishes a checkpoint cut short).
    pub fn step(&mut self) -> StepOutcome {
        self.event_loop.step(&mut self.context, None)
    }

    /// Runs one task's own code, or one microtask of the checkpoint that follows it: the
    /// smallest step there is, for walking through a run (best under the virtual clock).
    pub fn step_unit(&mut self) -> StepOutcome {
        self.event_loop.step_unit(&mut self.context)
    }

    /// Runs tasks and microtasks until about `budget_ms` of real time is spent or nothing is
    /// ready. A long microtask drain is split across calls without letting any task in between.
    pub fn run_for(&mut self, budget_ms: f64) -> StepOutcome {
        let deadline = self.event_loop.clock().wall() + budget_ms;
        loop {
            let outcome = self.event_loop.step(&mut self.context, Some(deadline));
            if outcome != StepOutcome::Busy || self.event_loop.clock().wall() >= deadline {
                return outcome;
            }
        }
    }

    /// Runs until nothing is ready or pending, waiting through the host for timers under the
    /// real clock. Only for hosts whose [`Host::park`] blocks (the CLI, tests).
    pub fn run_until_idle(&mut self) -> StepOutcome {
        loop {
            match self.step() {
                StepOutcome::Idle => return StepOutcome::Idle,
                outcome => self.wait(outcome),
            }
        }
    }

    /// Blocks through [`Host::park`] until what a [`StepOutcome::Waiting`] waits for may be
    /// ready; returns at once for any other outcome.
    pub fn wait(&self, outcome: StepOutcome) {
        if let StepOutcome::Waiting { next_due_ms } = outcome {
            let clock = self.event_loop.clock();
            clock.host().park(
                next_due_ms.map(|due| clock.to_host_ms(due)),
                self.event_loop.mailbox(),
            );
        }
    }

    /// Evaluates a REPL line in the live context as a task of its own, followed by its microtask
    /// checkpoint; pending timers and promises keep their places.
    ///
    /// As in Node's REPL, a line that starts with `{` is first tried as an object literal.
    pub fn eval(&mut self, source: &str) -> Result<EvalOutcome, RunError> {
        let trimmed = source.trim();
        let as_object = (trimmed.starts_with('{') && !trimmed.ends_with(';'))
            .then(|| format!("({trimmed})"))
            .and_then(|wrapped| {
                Script::parse(Source::from_bytes(&wrapped), None, &mut self.context).ok()
            });
        let script = match as_object {
            Some(script) => script,
            None => match Script::parse(Source::from_bytes(source), None, &mut self.context) {
                Ok(script) => script,
                Err(error) => return Err(self.syntax_error("repl", error)),
            },
        };
        let result = self
            .event_loop
            .run_now(TaskSource::Eval, &mut self.context, |context| {
                script.evaluate(context)
            });
        Ok(match result {
            Ok(value) => EvalOutcome::Value(inspect(
                &value,
                &InspectOptions::default(),
                &mut self.context,
            )),
            Err(error) => {
                let value = error
                    .into_opaque(&mut self.context)
                    .unwrap_or_else(|error| JsValue::from(js_string!(error.to_string())));
                let (text, _) = describe_thrown(&value, &mut self.context);
                EvalOutcome::Thrown(format!("Uncaught {text}"))
            }
        })
    }

    /// Starts telling `watch` which task is running, so that a watchdog on another thread can
    /// say what it stopped (the CLI's `--timeout`).
    pub fn watch_tasks(&mut self, watch: TaskWatch) {
        self.event_loop.set_watch(watch);
    }

    /// Calls `notify` with the running task in words (`the timer 1 set at main.js:2:12`), once
    /// per task, when a task that has run for more than `after_ms` of real time calls into the
    /// host: the page's worker uses it so that the page can say which task it stopped.
    pub fn on_long_task(&mut self, after_ms: f64, notify: impl Fn(String) + 'static) {
        self.event_loop
            .set_long_task_alarm(after_ms, Box::new(notify));
    }

    /// Takes the trace events recorded since the last call (console output included).
    pub fn take_events(&mut self) -> Vec<TraceEvent> {
        self.event_loop.take_events()
    }

    /// Records a frame marker; the browser worker calls this once per animation frame. Under
    /// [`FrameSource::Host`] the frame's rendering step begins here too: the
    /// `requestAnimationFrame` callbacks waiting now run next, ahead of any other task.
    pub fn mark_frame(&mut self) {
        self.event_loop.mark_frame();
    }

    /// How many uncaught errors, unhandled rejections and runaway stops happened so far.
    pub fn failures(&self) -> u32 {
        self.event_loop.failures()
    }

    /// Whether nothing is ready or pending.
    pub fn is_idle(&self) -> bool {
        self.event_loop.is_idle()
    }

    /// What is queued and pending right now.
    pub fn pending(&self) -> Pending {
        self.event_loop.pending()
    }

    /// The active clock's time in milliseconds since the run started.
    pub fn now_ms(&self) -> f64 {
        self.event_loop.clock().now()
    }

    /// The engine context, for embedders that install globals of their own.
    pub fn context(&mut self) -> &mut Context {
        &mut self.context
    }

    fn syntax_error(&mut self, name: &str, error: boa_engine::JsError) -> RunError {
        let text = match error.try_native(&mut self.context) {
            Ok(native) => native.message().to_owned(),
            Err(_) => error.to_string(),
        };
        let syntax = parse_position(&text);
        self.event_loop.note_failure();
        self.event_loop.record(EventKind::UncaughtError {
            message: format!("Uncaught SyntaxError: {}", syntax.message),
            stack: Vec::new(),
            location: syntax
                .line
                .zip(syntax.column)
                .map(|(line, column)| Location {
                    function: "".into(),
                    file: Some(name.into()),
                    line,
                    column,
                }),
        });
        RunError::Syntax(syntax)
    }
}

/// Splits Boa's "… at line L, col C" suffix off a parser message.
fn parse_position(message: &str) -> SyntaxError {
    let parsed = message.rsplit_once(" at line ").and_then(|(head, tail)| {
        let (line, column) = tail.split_once(", col ")?;
        Some((head, line.trim().parse().ok()?, column.trim().parse().ok()?))
    });
    match parsed {
        Some((head, line, column)) => SyntaxError {
            message: head.to_owned(),
            line: Some(line),
            column: Some(column),
        },
        None => SyntaxError {
            message: message.to_owned(),
            line: None,
            column: None,
        },
    }
}

/// Makes a module's evaluation failure an uncaught error (as browsers report it) rather than an
/// unhandled rejection of the promise the engine returns.
fn report_module_failure(promise: &JsPromise, context: &mut Context) -> JsResult<()> {
    let on_rejected = NativeFunction::from_fn_ptr(|_, args, context| {
        let reason = args.first().cloned().unwrap_or_default();
        let event_loop = crate::globals::timers::event_loop(context)?;
        let (text, stack) = describe_thrown(&reason, context);
        event_loop.note_failure();
        event_loop.record(EventKind::UncaughtError {
            message: format!("Uncaught {text}"),
            stack,
            location: None,
        });
        Ok(JsValue::undefined())
    })
    .to_js_function(context.realm());
    promise.then(None, Some(on_rejected), context)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_split_off_parser_messages() {
        let error = parse_position("expected token ')', got ';' in call at line 3, col 14");
        assert_eq!(error.message, "expected token ')', got ';' in call");
        assert_eq!((error.line, error.column), (Some(3), Some(14)));
        let bare = parse_position("duplicate declaration");
        assert_eq!((bare.line, bare.column), (None, None));
    }
}
