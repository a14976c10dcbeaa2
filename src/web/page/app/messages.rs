//! What the page does with each message of the worker, and with the worker failing: the run's
//! events go to the console, the timeline and the trace; the loop's state to the status line; a
//! crash restarts the engine.

use super::output;
use super::script::error_location;
use super::{App, MAX_EVENTS, MAX_LOAD_FAILURES, now};
use crate::protocol::{FromWorker, LoopState, LoopStatus, ToWorker};
use crate::timeline::narrate;
use crate::trace::TraceEvent;
use crate::web::page::dom;
use crate::web::page::views::console_model::Level;
use crate::web::page::views::toolbar::Status;
use crate::web::page::worker_link::worker_client::WorkerEvent;

impl App {
    pub(super) fn spawn_worker(&self) {
        {
            let mut state = self.state.borrow_mut();
            state.ready = false;
        }
        if let Err(error) = self.body.set_attribute("data-engine", "loading") {
            dom::log_error("page", &error);
        }
        if let Err(error) = self.worker.restart() {
            dom::log_error("could not start the engine's worker", &error);
            self.set_status(Status::Error("could not start the engine".to_owned()));
        }
    }

    pub(super) fn send(&self, message: &ToWorker) {
        if let Err(error) = self.worker.send(message) {
            dom::log_error("could not send a request to the worker", &error);
        }
    }

    pub(super) fn on_worker(&self, event: WorkerEvent) {
        match event {
            WorkerEvent::Message(message) => self.on_message(message),
            WorkerEvent::Events { frame, events } => {
                if self.is_current_frame(frame) {
                    self.take_events(events);
                }
            }
            WorkerEvent::Failed(message) => self.crashed(&message),
            WorkerEvent::Overflowed => self.stop_with(
                "Stopped: the run produced its trace faster than the page can read it, so the \
                 engine was terminated to keep the page alive; a fresh one is loading.",
            ),
        }
    }

    /// Whether a frame belongs to the current run: after a Run, frames of the run before it may
    /// still arrive until the new run's first.
    fn is_current_frame(&self, frame: u64) -> bool {
        let mut state = self.state.borrow_mut();
        if state.awaiting_first_frame {
            if frame > 1 {
                return false;
            }
            state.awaiting_first_frame = false;
        }
        true
    }

    pub(super) fn on_message(&self, message: FromWorker) {
        match message {
            FromWorker::Ready { .. } => self.on_ready(),
            FromWorker::Frame {
                frame,
                status,
                events,
            } => {
                if self.is_current_frame(frame) {
                    self.take_events(events);
                    self.on_status(status);
                }
            }
            FromWorker::LoadError {
                message,
                line,
                column,
                events,
            } => {
                self.state.borrow_mut().awaiting_first_frame = false;
                let had_output = events.iter().any(TraceEvent::is_output);
                self.take_events(events);
                if !had_output {
                    let seq = self.next_seq();
                    self.console
                        .push(Level::Error, "uncaught", message.clone(), None, seq);
                }
                if let Some(line) = line {
                    self.editor.mark_error(line, column.unwrap_or(1), &message);
                    self.state.borrow_mut().marked_error = true;
                }
                self.set_status(Status::Error("the script did not load".to_owned()));
                self.timeline.zoom_to_fit();
                self.settle("error");
            }
            FromWorker::EvalResult { text, thrown, .. } => {
                let seq = self.next_seq();
                let (level, kind) = if thrown {
                    (Level::Error, "eval")
                } else {
                    (Level::Result, "")
                };
                self.console.push(level, kind, text, None, seq);
            }
            FromWorker::FileWritten { file } => self.files.upsert(file),
            FromWorker::Crashed { message } => {
                self.crashed(&message);
            }
            FromWorker::LongTask { task } => {
                // A timer's task may have started while the page thought the loop waited.
                let waiting = {
                    let mut state = self.state.borrow_mut();
                    state.long_task = Some(task);
                    matches!(state.status, Status::Waiting { .. })
                };
                if waiting {
                    self.set_status(Status::Running);
                }
            }
            FromWorker::Invalid { message } => {
                let seq = self.next_seq();
                self.console.push(
                    Level::System,
                    "",
                    format!("The worker refused a request from the page: {message}"),
                    None,
                    seq,
                );
            }
        }
    }

    pub(super) fn on_ready(&self) {
        let queued = {
            let mut state = self.state.borrow_mut();
            state.ready = true;
            state.failures = 0;
            state.queued.take()
        };
        if let Err(error) = self.body.set_attribute("data-engine", "ready") {
            dom::log_error("page", &error);
        }
        self.repl
            .set_placeholder("Evaluate in the run (Enter) · ↑ ↓ history");
        if let Some(message) = queued {
            self.state.borrow_mut().run_sent_at = now();
            self.send(&message);
        } else if self.state.borrow().status == Status::Loading {
            self.set_status(Status::Ready);
        }
    }

    /// Adds a frame's events to the run: the console, the timeline, the trace.
    pub(super) fn take_events(&self, events: Vec<TraceEvent>) {
        // A trace starting again from 0 is a new session in the worker (a REPL line after Stop or
        // a crash): its events replace the old run's, and page-made entries keep their order.
        let restarted = events.first().is_some_and(|event| event.seq == 0)
            && !self.state.borrow().events.is_empty();
        if restarted {
            let base = self.next_seq();
            {
                let mut state = self.state.borrow_mut();
                state.seq_base = base;
                state.events.clear();
                state.truncated = false;
                state.stepper.reset();
                state.queues_shown = None;
                state.timeline_fed = 0;
            }
            self.timeline.clear();
            self.console.set_limit(None);
        }
        let base = self.state.borrow().seq_base;
        let mut mark = None;
        for event in &events {
            if let Some(entry) = output::of(&event.kind) {
                self.console.push(
                    entry.level,
                    entry.kind,
                    entry.text,
                    Some(event.time),
                    base + event.seq,
                );
            }
            if mark.is_none() {
                mark = error_location(&event.kind);
            }
        }
        let mut state = self.state.borrow_mut();
        if let Some((line, column, message)) = mark
            && !state.marked_error
        {
            state.marked_error = true;
            self.editor.mark_error(line, column, &message);
        }
        if state.truncated {
            return;
        }
        if state.events.len() + events.len() > MAX_EVENTS {
            state.truncated = true;
            let seq = events.first().map_or(0, |event| event.seq);
            drop(state);
            self.console.push(
                Level::System,
                "",
                format!(
                    "The trace passed {MAX_EVENTS} events: the timeline and step-through stop \
                     here; the console goes on."
                ),
                None,
                seq,
            );
            return;
        }
        state.events.extend(events);
        drop(state);
        self.redraw.request();
    }

    pub(super) fn on_status(&self, status: LoopStatus) {
        let shown = match status.state {
            LoopState::Busy => Status::Running,
            LoopState::Waiting => Status::Waiting {
                timers: status.pending.timers,
                ops: status.pending.host_ops,
            },
            LoopState::Paused => Status::Paused,
            LoopState::Idle => Status::Idle,
        };
        // A stopped or failed run stays so until the next Run.
        if matches!(
            self.state.borrow().status,
            Status::Stopped | Status::Error(_)
        ) {
            return;
        }
        self.set_status(shown);
        match status.state {
            LoopState::Idle => {
                self.timeline.zoom_to_fit();
                self.settle("idle");
            }
            LoopState::Paused => {
                // Show where the paused run stands: the cursor at its last event.
                let (seq, location) = {
                    let mut state = self.state.borrow_mut();
                    let state = &mut *state;
                    state.stepper.index_causes(&state.events);
                    let seq = state.events.last().map(|event| event.seq);
                    let at = state.events.len();
                    (
                        seq,
                        narrate::step_location(&state.events, state.stepper.causes(), at),
                    )
                };
                if self.state.borrow().stepper.cursor().is_none() {
                    self.timeline.set_cursor(seq);
                    self.highlight(location.as_ref());
                }
                self.settle("paused");
            }
            LoopState::Busy | LoopState::Waiting => {}
        }
    }

    /// The worker crashed, failed to load or broke the protocol: say so and start a fresh one.
    pub(super) fn crashed(&self, message: &str) {
        self.worker.terminate();
        let failures = {
            let mut state = self.state.borrow_mut();
            if !state.ready {
                state.failures += 1;
            }
            state.queued = None;
            state.awaiting_first_frame = false;
            state.failures
        };
        let seq = self.next_seq();
        let retry = failures < MAX_LOAD_FAILURES;
        let text = if retry {
            format!("The engine stopped: {message}. A fresh one is loading.")
        } else {
            format!("The engine could not be loaded: {message}. Reload the page to try again.")
        };
        self.console.push(Level::Error, "crash", text, None, seq);
        self.set_status(Status::Error(if retry {
            "the engine crashed and was restarted".to_owned()
        } else {
            "the engine could not be loaded".to_owned()
        }));
        self.timeline.zoom_to_fit();
        self.settle("crashed");
        if retry {
            self.spawn_worker();
        } else {
            self.repl
                .set_placeholder("The engine could not be loaded: reload the page to try again");
            if let Err(error) = self.body.set_attribute("data-engine", "failed") {
                dom::log_error("page", &error);
            }
        }
    }
}
