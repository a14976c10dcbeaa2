//! The page's state and wiring: what a run is, what each button and worker message does, and
//! which view shows what. The views and the worker client know nothing of one another; this
//! module connects them.

//!
//! | module | its one job |
//! |---|---|
//! | this one | the state of the page and the wiring between views, buttons and the worker |
//! | [`messages`] | what the page does with each message of the worker, and with its failures |
//! | [`script`] | the main script: its name, default text, module detection, error locations |
//! | [`output`] | which trace events are console entries, and their text |
//! | [`stepper`] | the step-through cursor and replayed queues |
//! | [`saved`] | what the page keeps between visits and opens with |

pub mod messages;
pub mod output;
pub mod saved;
pub mod script;
pub mod stepper;

pub use saved::Saved;

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlElement, KeyboardEvent};

use crate::ClockKind;
use crate::protocol::ToWorker;
use crate::timeline::narrate;
use crate::timeline::notes::{PinnedNotes, StepNote, check_all};
use crate::timeline::{ItemDetail, Lane};
use crate::trace::causes::{Causes, Item};
use crate::trace::replay::QueueSnapshot;
use crate::trace::{EventKind, Location, TaskSource, TraceEvent};
use crate::web::page::dom;
use crate::web::page::frames::Redraw;
use crate::web::page::views::console_model::Level;
use crate::web::page::views::console_view::ConsoleView;
use crate::web::page::views::editor::Editor;
use crate::web::page::views::files_panel::FilesPanel;
use crate::web::page::views::notice;
use crate::web::page::views::panels;
use crate::web::page::views::queues_view::{Hints, QueuesView};
use crate::web::page::views::repl_line::ReplLine;
use crate::web::page::views::run_options::{LONG_TASK_LIMIT_S, RunOptions};
use crate::web::page::views::step_story::{StepStory, StoryActions};
use crate::web::page::views::timeline_view::TimelineView;
use crate::web::page::views::toolbar::{Status, Toolbar};
use crate::web::page::worker_link::worker_client::WorkerClient;
use script::{DEFAULT_CODE, SCRIPT_NAME, looks_like_module};
use stepper::Stepper;

/// The most trace events a run keeps for the timeline and step-through; the console goes on.
pub const MAX_EVENTS: usize = 500_000;
/// Worker failures in a row, before it ever reports ready, after which the page stops retrying.
pub(super) const MAX_LOAD_FAILURES: u32 = 3;
/// Seconds a worker may take to load before the page gives up on it and starts another.
const LOAD_TIMEOUT_S: f64 = 30.0;
/// Silence from a busy worker, in seconds, after which the status says it may be stuck.
const UNRESPONSIVE_S: f64 = 2.0;
/// Time the live queues view may spend catching up per frame, ms.
const CATCH_UP_MS: f64 = 4.0;
/// How often the timeline, the live queues view and the step controls are redrawn while the loop
/// runs, ms.
const LIVE_MS: f64 = 100.0;
/// The latest time after the page's start at which the editor becomes CodeMirror even if the
/// engine is still loading or a run still waits for its first output, ms.
const EDITOR_UPGRADE_LATEST_MS: i32 = 2_000;
/// How long the editor's upgrade waits for the browser to be idle once the page is quiet, ms.
const EDITOR_UPGRADE_IDLE_MS: u32 = 200;

/// Told what the page shows each time it is saved ([`App::on_save`]).
type SaveListener = Rc<dyn Fn(&Saved)>;

/// Told of each step the cursor moves to ([`App::on_step`]).
type StepListener = Rc<dyn Fn(usize, &str, &str)>;

/// Told how each run settled ([`App::on_settle`]).
type SettleListener = Rc<dyn Fn(&str)>;

/// A weak reference to the app, filled once it exists, for callbacks made before it.
type Slot = Rc<OnceCell<Weak<App>>>;

/// Calls `f` with the app, if it still exists.
fn with_app(slot: &Slot, f: impl FnOnce(&App)) {
    if let Some(app) = slot.get().and_then(Weak::upgrade) {
        f(&app);
    }
}

/// The playground page.
pub struct App {
    pub(super) toolbar: Toolbar,
    pub(super) run_options: RunOptions,
    pub(super) editor: Editor,
    pub(super) console: Rc<ConsoleView>,
    pub(super) repl: ReplLine,
    pub(super) files: Rc<FilesPanel>,
    pub(super) timeline: Rc<TimelineView>,
    pub(super) queues: QueuesView,
    pub(super) story: StepStory,
    pub(super) worker: Rc<WorkerClient>,
    pub(super) redraw: Redraw,
    /// The interval that plays the steps, while Play is on.
    player: Cell<Option<i32>>,
    /// What the player's interval calls (made once, by [`App::wire`]).
    play_tick: RefCell<Option<Function>>,
    pub(super) console_count: HtmlElement,
    pub(super) body: HtmlElement,
    pub(super) state: RefCell<State>,
    /// Whether the page is an embed (`?embed`).
    embedded: bool,
    /// Told what the page shows each time it is saved ([`App::on_save`]).
    save_listeners: RefCell<Vec<SaveListener>>,
    /// Whether the editor's text runs as a module even without `import` or `export` lines
    /// ([`App::set_module_rule`]).
    module_rule: RefCell<Option<Box<dyn Fn() -> bool>>>,
    /// Told of each step the cursor moves to ([`App::on_step`]).
    step_listeners: RefCell<Vec<StepListener>>,
    /// Told how each run settled ([`App::on_settle`]).
    settle_listeners: RefCell<Vec<SettleListener>>,
    /// The notes pinned to steps ([`App::set_notes`]).
    notes: RefCell<PinnedNotes>,
}

/// What changes as the page runs.
pub(super) struct State {
    pub(super) status: Status,
    /// Whether the current worker has reported ready.
    pub(super) ready: bool,
    /// A run waiting for the worker to be ready.
    pub(super) queued: Option<ToWorker>,
    /// After sending a run: frames of the run before it may still arrive until its first one.
    pub(super) awaiting_first_frame: bool,
    /// The current run's trace (up to [`MAX_EVENTS`]).
    pub(super) events: Vec<TraceEvent>,
    /// Added to the worker's `seq` for the console's order: a new session in the same run (a REPL
    /// line after Stop) starts its trace from 0 again.
    pub(super) seq_base: u64,
    /// Whether the trace reached [`MAX_EVENTS`] and stopped being recorded.
    pub(super) truncated: bool,
    pub(super) stepper: Stepper,
    /// `run()` promises waiting for the run to settle.
    pub(super) waiters: Vec<Function>,
    pub(super) next_eval: u64,
    /// `performance.now()` when the current run was asked for.
    pub(super) run_sent_at: f64,
    /// Whether an error is underlined in the editor for this run.
    pub(super) marked_error: bool,
    /// Worker failures since it last reported ready.
    pub(super) failures: u32,
    /// The live queues view shows the snapshot after this many events.
    pub(super) queues_shown: Option<usize>,
    /// `performance.now()` of the live views' last redraw.
    pub(super) live_drawn_at: f64,
    /// How many of `events` the timeline has been given.
    pub(super) timeline_fed: usize,
    /// Whether the editor's upgrade waits for an idle callback.
    pub(super) editor_upgrade_waiting: bool,
    /// The task the worker last said has been running for a long time, in this run.
    pub(super) long_task: Option<String>,
    /// Where the step cursor goes once the next run settles ([`App::seek_after_run`]).
    pub(super) seek_after_run: Option<usize>,
}

impl State {
    /// Where the event with trace `seq` (the worker's, without [`State::seq_base`]) is in
    /// `events`.
    fn index_of_seq(&self, seq: u64) -> Option<usize> {
        self.events
            .binary_search_by_key(&seq, |event| event.seq)
            .ok()
    }
}

impl App {
    /// Builds the page from `www/index.html`'s skeleton, showing `saved`, and starts the engine's
    /// worker. `embedded`: the page is an embed (`?embed`), which the features ask about.
    pub fn start(saved: Saved, embedded: bool) -> Result<Rc<Self>, JsValue> {
        let document = dom::document()?;
        let slot: Slot = Rc::default();

        let toolbar = Toolbar::find(&document)?;
        toolbar.set_clock(saved.clock.unwrap_or(ClockKind::Real));
        toolbar.paused.set_checked(saved.start_paused);
        toolbar.sync_paused();
        let run_options = RunOptions::find(&document)?;
        run_options.set(saved.seed, saved.start_time);

        let code = saved.code.as_deref().unwrap_or(DEFAULT_CODE);
        let (on_change, on_run, on_focus) = (Rc::clone(&slot), Rc::clone(&slot), Rc::clone(&slot));
        let editor = Editor::mount(
            &dom::by_id(&document, "editor")?,
            code,
            move |_| with_app(&on_change, App::save),
            move || with_app(&on_run, App::run),
            // After the focus's own event (a click has placed the caret by then).
            move || {
                let slot = Rc::clone(&on_focus);
                if let Err(error) = dom::after(0, move || with_app(&slot, App::upgrade_editor)) {
                    dom::log_error("editor", &error);
                }
            },
        )?;

        let on_count = Rc::clone(&slot);
        let console = ConsoleView::mount(
            &dom::by_id(&document, "console")?,
            Box::new(move |shown, errors, warnings| {
                with_app(&on_count, |app| app.show_count(shown, errors, warnings));
            }),
        )?;
        let on_pick = Rc::clone(&slot);
        console.on_pick(Box::new(move |seq| {
            with_app(&on_pick, |app| app.seek_console(seq));
        }));
        let on_line = Rc::clone(&slot);
        let repl = ReplLine::mount(move |line| with_app(&on_line, |app| app.eval(line)))?;
        let on_files = Rc::clone(&slot);
        let files = FilesPanel::mount(
            &dom::by_id(&document, "files")?,
            dom::by_id(&document, "files-count")?,
            saved.files,
            Box::new(move |_| with_app(&on_files, App::save)),
        )?;
        let on_item = Rc::clone(&slot);
        let on_cause = Rc::clone(&slot);
        let timeline = TimelineView::mount(
            &dom::by_id(&document, "timeline")?,
            Box::new(move |location| with_app(&on_item, |app| app.select(location.as_ref()))),
            Box::new(move |detail, seq| {
                let app = on_cause.get().and_then(Weak::upgrade)?;
                app.cause_on_timeline(detail, seq)
            }),
        )?;
        let on_entry = Rc::clone(&slot);
        let queues = QueuesView::mount(
            &dom::by_id(&document, "queues")?,
            Box::new(move |location| with_app(&on_entry, |app| app.select(location.as_ref()))),
        )?;
        let on_seek = Rc::clone(&slot);
        let on_pin = Rc::clone(&slot);
        let pin: Box<dyn Fn(usize, String)> =
            Box::new(move |step, text| with_app(&on_pin, |app| app.pin_note(step, &text)));
        let story = StepStory::mount(
            &dom::by_id(&document, "step-story")?,
            StoryActions {
                seek: Box::new(move |step| with_app(&on_seek, |app| app.seek(Some(step)))),
                pin: (!embedded).then_some(pin),
            },
        )?;
        let on_worker = Rc::clone(&slot);
        let worker = WorkerClient::new(move |event| {
            with_app(&on_worker, |app| {
                app.on_worker(event);
                app.upgrade_editor_when_quiet(&on_worker);
            });
        });
        let on_frame = Rc::clone(&slot);
        let redraw = Redraw::new(move || with_app(&on_frame, App::draw));

        let app = Rc::new(Self {
            toolbar,
            run_options,
            editor,
            console,
            repl,
            files,
            timeline,
            queues,
            story,
            worker,
            redraw,
            console_count: dom::by_id(&document, "console-count")?,
            body: document.body().ok_or("the page has no body")?,
            embedded,
            save_listeners: RefCell::default(),
            module_rule: RefCell::default(),
            step_listeners: RefCell::default(),
            settle_listeners: RefCell::default(),
            notes: RefCell::new({
                let mut notes = PinnedNotes::default();
                // A saved state is the page's own, but a hand-edited one must not break it.
                if check_all(&saved.notes).is_ok() {
                    notes.set(saved.notes);
                }
                notes
            }),
            player: Cell::new(None),
            play_tick: RefCell::new(None),
            state: RefCell::new(State {
                status: Status::Loading,
                ready: false,
                queued: None,
                awaiting_first_frame: false,
                events: Vec::new(),
                seq_base: 0,
                truncated: false,
                stepper: Stepper::default(),
                waiters: Vec::new(),
                next_eval: 1,
                run_sent_at: 0.0,
                marked_error: false,
                failures: 0,
                queues_shown: None,
                live_drawn_at: 0.0,
                timeline_fed: 0,
                long_task: None,
                seek_after_run: None,
                editor_upgrade_waiting: false,
            }),
        });
        if slot.set(Rc::downgrade(&app)).is_err() {
            return Err("the page started twice".into());
        }
        app.wire(&document, &slot)?;
        panels::wire_tabs(&document)?;
        app.set_status(Status::Loading);
        app.spawn_worker();
        app.redraw.request();
        let latest = Rc::clone(&slot);
        if let Err(error) = dom::after(EDITOR_UPGRADE_LATEST_MS, move || {
            with_app(&latest, App::upgrade_editor);
        }) {
            dom::log_error("editor", &error);
        }
        Ok(app)
    }

    // ---- the editor's upgrade ----

    /// Makes the editor CodeMirror now ([`Editor::upgrade`]).
    fn upgrade_editor(&self) {
        self.editor.upgrade();
    }

    /// Whether the page has nothing more urgent than the editor's upgrade: the engine is ready
    /// and no run waits for its first output (or the engine could not be loaded at all).
    fn is_quiet(&self) -> bool {
        let state = self.state.borrow();
        state.failures >= MAX_LOAD_FAILURES
            || (state.ready && state.queued.is_none() && !state.awaiting_first_frame)
    }

    /// Upgrades the editor when the browser is next idle, if the page is quiet then
    /// ([`App::is_quiet`]); called after every worker event. Until then the editor is the text
    /// area, which the first output does not wait for.
    fn upgrade_editor_when_quiet(&self, slot: &Slot) {
        if self.editor.is_settled() || !self.is_quiet() {
            return;
        }
        if std::mem::replace(&mut self.state.borrow_mut().editor_upgrade_waiting, true) {
            return;
        }
        let slot = Rc::clone(slot);
        let scheduled = dom::when_idle(EDITOR_UPGRADE_IDLE_MS, move || {
            with_app(&slot, |app| {
                app.state.borrow_mut().editor_upgrade_waiting = false;
                if app.is_quiet() {
                    app.upgrade_editor();
                }
            });
        });
        if let Err(error) = scheduled {
            dom::log_error("editor", &error);
            self.upgrade_editor();
        }
    }

    fn wire(&self, document: &Document, slot: &Slot) -> Result<(), JsValue> {
        let click = |el: &HtmlElement, f: fn(&App)| {
            let slot = Rc::clone(slot);
            dom::listen(el, "click", move |_| with_app(&slot, f))
        };
        click(&self.toolbar.run, App::run)?;
        click(&self.toolbar.stop, App::stop)?;
        click(&self.toolbar.back, |app| app.step(false))?;
        click(&self.toolbar.forward, |app| app.step(true))?;
        click(&self.toolbar.resume, App::resume)?;
        click(&self.toolbar.play, App::toggle_play)?;
        let on_speed = Rc::clone(slot);
        dom::listen(&self.toolbar.speed, "change", move |_| {
            with_app(&on_speed, |app| {
                if app.player.get().is_some() {
                    app.stop_playing();
                    app.start_playing();
                }
            });
        })?;
        let on_tick = Rc::clone(slot);
        let tick = Closure::<dyn FnMut()>::new(move || with_app(&on_tick, App::play_step));
        self.play_tick
            .replace(Some(tick.as_ref().unchecked_ref::<Function>().clone()));
        // The page keeps its player as long as it lives.
        tick.forget();
        click(&dom::by_id(document, "console-clear")?, |app| {
            app.console.clear()
        })?;
        let on_clock = Rc::clone(slot);
        dom::listen(&self.toolbar.clock, "change", move |_| {
            with_app(&on_clock, |app| {
                app.toolbar.sync_paused();
                app.save();
            });
        })?;
        let on_paused = Rc::clone(slot);
        dom::listen(&self.toolbar.paused, "change", move |_| {
            with_app(&on_paused, App::save);
        })?;
        for field in self.run_options.fields() {
            let on_option = Rc::clone(slot);
            dom::listen(field, "change", move |_| with_app(&on_option, App::save))?;
        }
        let on_key = Rc::clone(slot);
        dom::listen(document, "keydown", move |event| {
            let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if key.alt_key() || key.ctrl_key() || key.meta_key() {
                if key.key() == "Enter" && (key.ctrl_key() || key.meta_key()) {
                    // Ctrl/Cmd+Enter runs from anywhere (the editor handles its own).
                    if !dom::is_typing_target(event.target()) {
                        event.prevent_default();
                        with_app(&on_key, App::run);
                    }
                }
                return;
            }
            if dom::is_typing_target(event.target()) {
                return;
            }
            let forward = match key.key().as_str() {
                "ArrowLeft" => false,
                "ArrowRight" => true,
                _ => return,
            };
            event.prevent_default();
            with_app(&on_key, |app| app.step(forward));
        })?;
        // An edit typed just before a reload or leaving is saved, not dropped with its debounce.
        let on_leave = Rc::clone(slot);
        let window: web_sys::EventTarget = dom::window()?.into();
        dom::listen(&window, "pagehide", move |_| {
            with_app(&on_leave, |app| app.editor.flush_change());
        })?;
        // The watchdog: says so when a running worker has been silent for a while.
        let on_tick = Rc::clone(slot);
        let tick = Closure::<dyn FnMut()>::new(move || with_app(&on_tick, App::watch));
        dom::window()?.set_interval_with_callback_and_timeout_and_arguments_0(
            tick.as_ref().unchecked_ref(),
            500,
        )?;
        tick.forget();
        Ok(())
    }

    // ---- the buttons ----

    /// Runs the editor's script in the worker (Run, Ctrl+Enter, `tickscope.run()`).
    pub fn run(&self) {
        self.save();
        let (seed, start_time) = match (self.run_options.seed(), self.run_options.start_time()) {
            (Ok(seed), Ok(start_time)) => (seed, start_time),
            (Err(problem), _) | (_, Err(problem)) => {
                let seq = self.next_seq();
                self.console.push(
                    Level::System,
                    "",
                    format!("Not run: in Options, {problem}."),
                    None,
                    seq,
                );
                return;
            }
        };
        let source = self.editor.text();
        let message = ToWorker::Run {
            module: looks_like_module(&source)
                || self
                    .module_rule
                    .borrow()
                    .as_ref()
                    .is_some_and(|rule| rule()),
            source,
            clock: self.toolbar.clock(),
            seed,
            start_time,
            files: self.files.files(),
            paused: self.toolbar.start_paused(),
            budget_ms: None,
        };
        self.settle("replaced");
        self.reset_views();
        // A worker busy in a long task may never read the request: start a fresh one.
        let busy = matches!(
            self.state.borrow().status,
            Status::Running | Status::Unresponsive { .. }
        );
        if busy {
            self.spawn_worker();
        }
        {
            let mut state = self.state.borrow_mut();
            state.run_sent_at = now();
            state.awaiting_first_frame = true;
            state.long_task = None;
            if state.ready || self.worker.takes_early_requests() {
                drop(state);
                if let Err(error) = self.worker.send(&message) {
                    dom::log_error("could not send the run to the worker", &error);
                    self.state.borrow_mut().queued = Some(message);
                    self.spawn_worker();
                }
            } else {
                state.queued = Some(message);
            }
        }
        self.set_status(Status::Running);
    }

    /// Stops the run at once: terminates the worker and starts a fresh one.
    pub fn stop(&self) {
        self.stop_with("Stopped: the engine was terminated; a fresh one is loading.");
    }

    /// Stops as [`App::stop`] does, saying `note` in the console.
    pub(super) fn stop_with(&self, note: &str) {
        self.worker.terminate();
        {
            let mut state = self.state.borrow_mut();
            state.queued = None;
            state.awaiting_first_frame = false;
        }
        let seq = self.next_seq();
        self.console
            .push(Level::System, "", note.to_owned(), None, seq);
        self.set_status(Status::Stopped);
        self.timeline.zoom_to_fit();
        self.settle("stopped");
        self.spawn_worker();
    }

    /// Lets a paused run go on freely.
    fn resume(&self) {
        if self.state.borrow().status != Status::Paused {
            return;
        }
        self.send(&ToWorker::Resume);
        self.set_status(Status::Running);
    }

    /// Step back / Step forward through the recorded events; at the end of a paused run, Step
    /// forward runs the next task or microtask in the worker.
    pub fn step(&self, forward: bool) {
        let target = {
            let state = self.state.borrow();
            if forward {
                match state.stepper.forward_target(&state.events) {
                    Some(k) => Some(k),
                    None if state.stepper.cursor().is_none() && state.status == Status::Paused => {
                        drop(state);
                        self.send(&ToWorker::Step);
                        return;
                    }
                    None => None,
                }
            } else {
                state.stepper.back_target(&state.events)
            }
        };
        if let Some(k) = target {
            self.move_cursor(Some(k));
        }
    }

    /// Play / Pause: steps forward at the toolbar's speed, from the start when the cursor follows
    /// the run or is at its end, until the end of what was recorded.
    fn toggle_play(&self) {
        if self.player.get().is_some() {
            self.stop_playing();
            return;
        }
        let at_end = {
            let state = self.state.borrow();
            state.stepper.forward_target(&state.events).is_none()
        };
        if at_end {
            self.move_cursor(Some(0));
        }
        self.start_playing();
    }

    fn start_playing(&self) {
        let Some(tick) = self.play_tick.borrow().clone() else {
            return;
        };
        let period = (1000.0 / self.toolbar.steps_per_second()).round() as i32;
        let started = dom::window().and_then(|window| {
            window.set_interval_with_callback_and_timeout_and_arguments_0(&tick, period)
        });
        match started {
            Ok(id) => {
                self.player.set(Some(id));
                self.toolbar.set_playing(true);
            }
            Err(error) => dom::log_error("could not play the steps", &error),
        }
    }

    /// Ends Play (a no-op when it is off).
    pub(super) fn stop_playing(&self) {
        if let Some(id) = self.player.take()
            && let Ok(window) = dom::window()
        {
            window.clear_interval_with_handle(id);
        }
        self.toolbar.set_playing(false);
    }

    /// One step of Play; at the end of what was recorded, Play ends.
    fn play_step(&self) {
        let more = {
            let state = self.state.borrow();
            state.stepper.forward_target(&state.events).is_some()
        };
        if more {
            self.step(true);
        } else {
            self.stop_playing();
        }
    }

    /// Moves the step cursor to `k` events (`None`: follow the end of the run), as Step back and
    /// Step forward do, and shows the run there.
    pub fn seek(&self, k: Option<usize>) {
        self.move_cursor(k);
    }

    /// Where a timeline item was queued, for its arrow: the `seq` of the event that queued it (the
    /// task's timer set, the microtask's enqueue; for a timer or host operation, its own start)
    /// and the lane of the task or microtask running then.
    fn cause_on_timeline(&self, detail: &ItemDetail, start_seq: u64) -> Option<(u64, Lane)> {
        let mut state = self.state.borrow_mut();
        let state = &mut *state;
        state.stepper.index_causes(&state.events);
        let causes = state.stepper.causes();
        let queued = match detail {
            ItemDetail::Task { task, .. } => causes.queued_at(Item::Task(*task))?,
            ItemDetail::Microtask { microtask, .. } => {
                causes.queued_at(Item::Microtask(*microtask))?
            }
            ItemDetail::Timer { .. } | ItemDetail::HostOp { .. } => {
                state.index_of_seq(start_seq)?
            }
            ItemDetail::Frame { .. } => return None,
        };
        let lane = match causes.running_at(queued)? {
            Item::Microtask(_) => Lane::Microtask,
            Item::Task(task) => {
                let start = causes.started_at(Item::Task(task))?;
                match &state.events.get(start)?.kind {
                    EventKind::TaskStart {
                        source: TaskSource::AnimationFrame { .. },
                        ..
                    } => Lane::Frame,
                    _ => Lane::Task,
                }
            }
        };
        Some((state.events.get(queued)?.seq, lane))
    }

    /// Moves the step cursor to the step that printed the console entry of trace `seq` (entries
    /// the page made itself, past the trace, move nothing).
    fn seek_console(&self, seq: u64) {
        let step = {
            let state = self.state.borrow();
            let Some(seq) = seq.checked_sub(state.seq_base) else {
                return;
            };
            state.index_of_seq(seq).map(|index| index + 1)
        };
        if step.is_some() {
            self.move_cursor(step);
        }
    }

    /// Moves the step cursor to `step` events once the next run settles (an embed's or a link's
    /// `step`), before its `run()` promises resolve.
    pub fn seek_after_run(&self, step: usize) {
        self.state.borrow_mut().seek_after_run = Some(step);
    }

    /// The step cursor: how many events have happened at it (`None`: it follows the run).
    pub fn cursor(&self) -> Option<usize> {
        self.state.borrow().stepper.cursor()
    }

    /// Moves the step cursor (`None`: follow the end of the run) and shows the run there.
    fn move_cursor(&self, k: Option<usize>) {
        let told = {
            let mut state = self.state.borrow_mut();
            let state = &mut *state;
            state.stepper.index_causes(&state.events);
            state.stepper.move_to(&state.events, k);
            let state: &State = state;
            let snapshot = state.stepper.snapshot();
            let cursor = state.stepper.cursor();
            let at = cursor.unwrap_or(state.events.len());
            let step = at.checked_sub(1).and_then(|i| state.events.get(i));
            // The editor first: an update of it makes the browser lay out the page, which costs
            // least before the other views have changed it.
            let location = narrate::step_location(&state.events, state.stepper.causes(), at);
            self.highlight(location.as_ref());
            self.show_queues(state, snapshot, at);
            let sentence = self.tell_story(
                state.stepper.causes(),
                &state.events,
                snapshot,
                at,
                cursor.is_some(),
            );
            let limit = cursor.map(
                |k| match k.checked_sub(1).and_then(|i| state.events.get(i)) {
                    Some(event) => state.seq_base + event.seq + 1,
                    None => state.seq_base + state.events.first().map_or(0, |event| event.seq),
                },
            );
            self.console.set_limit(limit);
            self.timeline
                .set_cursor(cursor.and(step).map(|event| event.seq));
            self.redraw.request();
            let shown = snapshot.applied;
            (
                shown,
                cursor.map(|k| {
                    (
                        k,
                        step.map(|event| event.kind.type_name()).unwrap_or("start"),
                        sentence,
                    )
                }),
            )
        };
        let (shown, told) = told;
        self.state.borrow_mut().queues_shown = Some(shown);
        if let Some((k, kind, sentence)) = told {
            let listeners = self.step_listeners.borrow().clone();
            for listener in listeners {
                listener(k, kind, sentence.as_deref().unwrap_or_default());
            }
        }
    }

    /// Calls `listener` with the state each run settles in (`idle`, `paused`, `stopped`,
    /// `crashed`, `error` or `replaced`), before its `run()` promises resolve.
    pub fn on_settle(&self, listener: impl Fn(&str) + 'static) {
        self.settle_listeners.borrow_mut().push(Rc::new(listener));
    }

    /// The run's console output in order (`console` events' text) with the step that printed
    /// each line.
    pub fn printed(&self) -> Vec<(String, usize)> {
        self.state
            .borrow()
            .events
            .iter()
            .enumerate()
            .filter_map(|(index, event)| match &event.kind {
                EventKind::Console { text, .. } => Some((text.clone(), index + 1)),
                _ => None,
            })
            .collect()
    }

    /// Calls `listener` each time the step cursor moves to a step: with the step (events at the
    /// cursor), the kind of its event (`microtask_start`, …; `start` before the first) and its
    /// sentence.
    pub fn on_step(&self, listener: impl Fn(usize, &str, &str) + 'static) {
        self.step_listeners.borrow_mut().push(Rc::new(listener));
    }

    /// Shows the queues `snapshot` of the step at `at` events, each task and microtask named in
    /// the words of the code, the next to run marked.
    fn show_queues(&self, state: &State, snapshot: &QueueSnapshot, at: usize) {
        let code = self.editor.text();
        let causes = state.stepper.causes();
        let label = |item| narrate::entry_label(&state.events, causes, item, SCRIPT_NAME, &code);
        let hints = Hints {
            next: narrate::next_item(&state.events, at),
            label: &label,
            animate: state.stepper.cursor().is_some(),
        };
        let step = at.checked_sub(1).and_then(|i| state.events.get(i));
        self.queues.show(snapshot, step, &hints);
    }

    /// Shows the sentence, the notes and the chain of causes for the step at `at` events, whose
    /// queues are `snapshot`, and returns the sentence. `stepping`: the step cursor is there, so
    /// the reader may write a note for it.
    fn tell_story(
        &self,
        causes: &Causes,
        events: &[TraceEvent],
        snapshot: &QueueSnapshot,
        at: usize,
        stepping: bool,
    ) -> Option<String> {
        let sentence = narrate::narrate(events, causes, snapshot, at);
        let chain = narrate::cause_chain(events, causes, at);
        let notes = self.notes.borrow_mut().at(events, at);
        self.story
            .show(sentence.as_deref(), &notes, &chain, stepping.then_some(at));
        sentence
    }

    /// Replaces the notes pinned to steps (a lesson's, a link's, an embed's) and shows the
    /// cursor's. Saving is the caller's to ask for.
    pub fn set_notes(&self, notes: Vec<StepNote>) {
        self.notes.borrow_mut().set(notes);
        self.retell();
    }

    /// The notes pinned to steps.
    pub fn notes(&self) -> Vec<StepNote> {
        self.notes.borrow().notes().to_vec()
    }

    /// Keeps the reader's note for `step` (empty: removes the step's notes), then saves.
    fn pin_note(&self, step: usize, text: &str) {
        let pinned = {
            let state = self.state.borrow();
            self.notes.borrow_mut().pin(&state.events, step, text)
        };
        match pinned {
            Ok(()) => {
                self.retell();
                self.save();
            }
            Err(error) => notice::show_notice(&format!("The note was not kept: {error}.")),
        }
    }

    /// Tells the step at the cursor again (after its notes changed).
    fn retell(&self) {
        let cursor = self.cursor();
        if cursor.is_some() {
            self.move_cursor(cursor);
        }
    }

    /// Evaluates a REPL line in the live context of the current run.
    fn eval(&self, line: String) {
        let seq = self.next_seq();
        self.console.push(Level::Input, "", line.clone(), None, seq);
        let (ready, id) = {
            let mut state = self.state.borrow_mut();
            let id = state.next_eval;
            state.next_eval += 1;
            (state.ready, id)
        };
        if !ready {
            self.console.push(
                Level::System,
                "",
                "The engine is still loading: try again in a moment.".to_owned(),
                None,
                seq,
            );
            return;
        }
        self.send(&ToWorker::Eval { id, line });
    }

    /// A timeline item or queue entry was chosen: show its source line.
    fn select(&self, location: Option<&Location>) {
        self.highlight(location);
    }

    pub(super) fn highlight(&self, location: Option<&Location>) {
        let line = location
            .filter(|location| {
                location
                    .file
                    .as_deref()
                    .is_none_or(|file| file == SCRIPT_NAME)
            })
            .map(|location| location.line);
        self.editor.highlight_line(line);
    }

    // ---- drawing ----

    pub(super) fn set_status(&self, status: Status) {
        if self.state.borrow().status == status {
            return;
        }
        self.toolbar.set_status(&status);
        self.state.borrow_mut().status = status;
        self.redraw.request();
    }

    /// Once per animation frame after changes: the timeline's new events, the live queues and the
    /// step controls.
    ///
    /// While the loop runs they change every frame; they are then redrawn a few times a second
    /// ([`LIVE_MS`]), not every frame: the queues view rebuilds its lists each time, and a
    /// timeline that fits a growing run moves every item.
    fn draw(&self) {
        let mut state = self.state.borrow_mut();
        let state = &mut *state;
        let running = matches!(
            state.status,
            Status::Running | Status::Unresponsive { .. } | Status::Waiting { .. }
        );
        let due =
            !running || state.stepper.cursor().is_some() || now() - state.live_drawn_at >= LIVE_MS;
        if !due {
            self.redraw.request();
            return;
        }
        state.live_drawn_at = now();
        self.feed_timeline(state);
        if state.stepper.cursor().is_none() {
            let deadline = now() + CATCH_UP_MS;
            let caught_up = state.stepper.catch_up(&state.events, || now() > deadline);
            let applied = state.stepper.snapshot().applied;
            if state.queues_shown != Some(applied) {
                let snapshot = state.stepper.snapshot().clone();
                // While the loop runs, only the queues: the words and the causes index wait
                // until it settles (a flood of microtasks must not slow the page down).
                if caught_up && !running {
                    state.stepper.index_causes(&state.events);
                    self.show_queues(state, &snapshot, applied);
                    let _ = self.tell_story(
                        state.stepper.causes(),
                        &state.events,
                        &snapshot,
                        applied,
                        false,
                    );
                } else {
                    let step = applied.checked_sub(1).and_then(|i| state.events.get(i));
                    self.queues.show(&snapshot, step, &Hints::NONE);
                }
                state.queues_shown = Some(applied);
            }
            if !caught_up {
                self.redraw.request();
            }
        }
        let can_back = state.stepper.back_target(&state.events).is_some();
        let can_forward = state.stepper.forward_target(&state.events).is_some()
            || (state.stepper.cursor().is_none() && state.status == Status::Paused);
        let total = state.events.len();
        let label = match state.stepper.cursor() {
            Some(k) => format!("step {k} / {total}"),
            None if total > 0 => format!("{total} events"),
            None => String::new(),
        };
        self.toolbar.set_stepping(can_back, can_forward, &label);
    }

    /// Gives the timeline the events it has not seen yet.
    fn feed_timeline(&self, state: &mut State) {
        if state.timeline_fed < state.events.len() {
            self.timeline.append(&state.events[state.timeline_fed..]);
            state.timeline_fed = state.events.len();
        }
    }

    fn show_count(&self, shown: usize, errors: usize, warnings: usize) {
        let mut parts = vec![match shown {
            0 => "empty".to_owned(),
            1 => "1 entry".to_owned(),
            n => format!("{n} entries"),
        }];
        if errors > 0 {
            parts.push(format!("{errors} ⊗"));
        }
        if warnings > 0 {
            parts.push(format!("{warnings} ⚠"));
        }
        self.console_count
            .set_text_content(Some(&parts.join(" · ")));
    }

    /// Says so when a running worker has been silent for a while (a loop that never yields).
    fn watch(&self) {
        let (silent, running, ready) = {
            let state = self.state.borrow();
            let heard = self.worker.last_heard().max(state.run_sent_at);
            let silent = if self.worker.backlog() > 0 {
                0.0
            } else {
                (now() - heard) / 1000.0
            };
            (
                silent,
                matches!(state.status, Status::Running | Status::Unresponsive { .. }),
                state.ready,
            )
        };
        if running && ready && silent >= LONG_TASK_LIMIT_S && self.run_options.stops_long_tasks() {
            let task = self.state.borrow_mut().long_task.take();
            let what = task.map_or_else(|| "A task".to_owned(), |task| format!("A task ({task})"));
            self.stop_with(&format!(
                "Stopped: {what} kept the engine busy for more than {LONG_TASK_LIMIT_S} s \
                 without giving the event loop a turn. A fresh engine is loading; Options turns \
                 this limit off."
            ));
            return;
        }
        if running && ready && silent >= UNRESPONSIVE_S {
            self.set_status(Status::Unresponsive {
                seconds: silent.floor() as u32,
            });
        }
        let loading_for = (now() - self.worker.last_heard()) / 1000.0;
        if !ready && self.worker.is_started() && loading_for >= LOAD_TIMEOUT_S {
            self.crashed(&format!(
                "the engine did not start within {LOAD_TIMEOUT_S} s"
            ));
        }
    }

    /// Clears everything shown of the previous run.
    fn reset_views(&self) {
        self.stop_playing();
        {
            let mut state = self.state.borrow_mut();
            state.events.clear();
            state.seq_base = 0;
            state.truncated = false;
            state.stepper.reset();
            self.notes.borrow_mut().new_run();
            state.marked_error = false;
            state.queues_shown = None;
            state.timeline_fed = 0;
        }
        self.console.clear();
        self.console.set_limit(None);
        self.timeline.clear();
        self.queues.clear();
        self.story.clear();
        self.editor.clear_error();
        self.editor.highlight_line(None);
        self.redraw.request();
    }

    /// The `seq` a page-made console entry gets: after every event so far.
    pub(super) fn next_seq(&self) -> u64 {
        let state = self.state.borrow();
        state.seq_base + state.events.last().map_or(0, |event| event.seq + 1)
    }

    // ---- saving and the page contract ----

    /// What the page shows now, as it would be saved.
    pub fn saved(&self) -> Saved {
        Saved {
            code: Some(self.editor.text()),
            files: self.files.files(),
            clock: Some(self.toolbar.clock()),
            start_paused: self.toolbar.paused.checked(),
            seed: self.run_options.seed().ok().flatten(),
            start_time: self.run_options.start_time().ok().flatten(),
            notes: self.notes(),
        }
    }

    /// Tells the save listeners ([`App::on_save`]) what the page shows: after an edit, a new
    /// file, another clock, a lesson.
    pub fn save(&self) {
        let listeners = self.save_listeners.borrow().clone();
        if listeners.is_empty() {
            return;
        }
        let saved = self.saved();
        for listener in listeners {
            listener(&saved);
        }
    }

    /// Calls `listener` with what the page shows each time it is saved.
    pub fn on_save(&self, listener: impl Fn(&Saved) + 'static) {
        self.save_listeners.borrow_mut().push(Rc::new(listener));
    }

    /// Lets `rule` decide, besides the text's own `import` and `export` lines, whether the editor's
    /// text runs as a module (a module lesson, whose snippet uses top-level `await`).
    pub fn set_module_rule(&self, rule: impl Fn() -> bool + 'static) {
        self.module_rule.replace(Some(Box::new(rule)));
    }

    /// Whether the page is an embed (`?embed`): the compact view, which saves nothing and whose
    /// address is the embedding page's business.
    pub fn is_embedded(&self) -> bool {
        self.embedded
    }

    /// The editor's text.
    pub fn code(&self) -> String {
        self.editor.text()
    }

    /// Replaces the editor's text (and saves it).
    pub fn set_code(&self, text: &str) {
        self.editor.set_text(text);
        self.save();
    }

    /// Chooses the clock for the next run.
    pub fn set_clock(&self, clock: ClockKind) {
        self.toolbar.set_clock(clock);
        self.save();
    }

    /// Runs, and calls `resolve` with the run's summary once it settles.
    pub fn run_then(&self, resolve: Function) {
        self.run();
        self.state.borrow_mut().waiters.push(resolve);
    }

    /// The trace so far as JSON (an array of events, `docs/trace-format.md`).
    pub fn events_json(&self) -> Result<String, JsValue> {
        serde_json::to_string(&self.state.borrow().events)
            .map_err(|error| JsValue::from_str(&format!("could not encode the trace: {error}")))
    }

    /// Resolves every waiting `run()` with a summary of the run: `{state, console, events}`.
    pub(super) fn settle(&self, state_name: &str) {
        let (waiters, events, seek) = {
            let mut state = self.state.borrow_mut();
            // The run settled: the timeline shows all of it, whatever the redraw throttle.
            self.feed_timeline(&mut state);
            (
                std::mem::take(&mut state.waiters),
                state.events.len(),
                // A run replaced by the next one keeps the seek for that one.
                if state_name == "replaced" {
                    None
                } else {
                    state.seek_after_run.take()
                },
            )
        };
        if let Some(step) = seek {
            self.move_cursor(Some(step));
        }
        let listeners = self.settle_listeners.borrow().clone();
        for listener in listeners {
            listener(state_name);
        }
        if waiters.is_empty() {
            return;
        }
        let summary = Object::new();
        // One JSON text parsed by the browser: far faster than a string per entry.
        let texts =
            js_sys::JSON::parse(&self.console.texts_json()).unwrap_or_else(|_| Array::new().into());
        let set = |key: &str, value: &JsValue| {
            if let Err(error) = Reflect::set(&summary, &JsValue::from_str(key), value) {
                dom::log_error("run summary", &error);
            }
        };
        set("state", &JsValue::from_str(state_name));
        set("console", &texts);
        set("events", &JsValue::from_f64(events as f64));
        for resolve in waiters {
            if let Err(error) = resolve.call1(&JsValue::NULL, &summary) {
                dom::log_error("resolving run()", &error);
            }
        }
    }
}

pub(super) use crate::web::page::dom::now;
