//! The toolbar: Run, Stop, Step back, Step forward, Play and its speed, Resume, the clock,
//! "start paused" and the status line. It finds its elements in `www/index.html` by id and knows nothing of what the
//! buttons do (the app wires them).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

use crate::ClockKind;
use crate::web::page::dom;

/// What the status line says, as its `data-state` and words.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// The engine's worker is loading.
    Loading,
    /// The engine is loaded and nothing has run yet.
    Ready,
    /// Work is ready: the loop is running.
    Running,
    /// The loop is running and the page has heard nothing for a while: perhaps a snippet that
    /// never yields.
    Unresponsive {
        /// Seconds since the last message.
        seconds: u32,
    },
    /// Nothing ready, but timers or host operations are pending.
    Waiting {
        /// Timers pending.
        timers: usize,
        /// Host operations in flight.
        ops: usize,
    },
    /// A run started paused, waiting for Step or Resume.
    Paused,
    /// The run is over: nothing ready or pending.
    Idle,
    /// Stop was pressed: the engine was terminated.
    Stopped,
    /// The script did not load, or the engine crashed.
    Error(String),
}

impl Status {
    /// The `data-state` value: `loading`, `ready`, `running`, `waiting`, `paused`, `idle`,
    /// `stopped` or `error`.
    pub fn state(&self) -> &'static str {
        match self {
            Status::Loading => "loading",
            Status::Ready => "ready",
            Status::Running | Status::Unresponsive { .. } => "running",
            Status::Waiting { .. } => "waiting",
            Status::Paused => "paused",
            Status::Idle => "idle",
            Status::Stopped => "stopped",
            Status::Error(_) => "error",
        }
    }

    /// The words shown.
    pub fn text(&self) -> String {
        match self {
            Status::Loading => "loading the engine…".to_owned(),
            Status::Ready => "ready".to_owned(),
            Status::Running => "running".to_owned(),
            Status::Unresponsive { seconds } => {
                format!(
                    "running · no reply for {seconds} s (a loop that never yields? Stop ends it)"
                )
            }
            Status::Waiting { timers, ops } => {
                let mut parts = Vec::new();
                if *timers > 0 {
                    parts.push(plural(*timers, "timer", "timers"));
                }
                if *ops > 0 {
                    parts.push(plural(*ops, "operation", "operations"));
                }
                if parts.is_empty() {
                    "idle · waiting".to_owned()
                } else {
                    format!("idle · {} pending", parts.join(", "))
                }
            }
            Status::Paused => "paused · Step forward runs the next task or microtask".to_owned(),
            Status::Idle => "idle · the run is over".to_owned(),
            Status::Stopped => "stopped".to_owned(),
            Status::Error(message) => format!("error · {message}"),
        }
    }

    /// Whether the loop may still run code (Stop has something to stop).
    pub fn is_live(&self) -> bool {
        matches!(
            self,
            Status::Running | Status::Unresponsive { .. } | Status::Waiting { .. } | Status::Paused
        )
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The toolbar's elements.
pub struct Toolbar {
    /// Run.
    pub run: HtmlButtonElement,
    /// Stop.
    pub stop: HtmlButtonElement,
    /// Step back.
    pub back: HtmlButtonElement,
    /// Step forward.
    pub forward: HtmlButtonElement,
    /// Resume a paused run.
    pub resume: HtmlButtonElement,
    /// The clock: `real` or `virtual`.
    pub clock: HtmlSelectElement,
    /// Start paused (virtual clock only).
    pub paused: HtmlInputElement,
    status: HtmlElement,
    status_text: HtmlElement,
    step_label: HtmlElement,
    /// Play (Pause while playing).
    pub play: HtmlButtonElement,
    /// Steps per second while playing.
    pub speed: HtmlSelectElement,
    /// What [`Toolbar::set_stepping`] last wrote, to skip unchanged writes.
    stepping: RefCell<(bool, bool, String)>,
}

impl Toolbar {
    /// Finds the toolbar's elements in the page.
    pub fn find(document: &Document) -> Result<Self, JsValue> {
        Ok(Self {
            run: dom::by_id(document, "run")?,
            stop: dom::by_id(document, "stop")?,
            back: dom::by_id(document, "step-back")?,
            forward: dom::by_id(document, "step-forward")?,
            resume: dom::by_id(document, "resume")?,
            clock: dom::by_id(document, "clock")?,
            paused: dom::by_id(document, "start-paused")?,
            status: dom::by_id(document, "status")?,
            status_text: dom::by_id(document, "status-text")?,
            step_label: dom::by_id(document, "step-label")?,
            play: dom::by_id(document, "play")?,
            speed: dom::by_id(document, "play-speed")?,
            stepping: RefCell::new((false, false, String::new())),
        })
    }

    /// The clock chosen.
    pub fn clock(&self) -> ClockKind {
        if self.clock.value() == "virtual" {
            ClockKind::Virtual
        } else {
            ClockKind::Real
        }
    }

    /// Chooses a clock; "start paused" is only offered with the virtual clock.
    pub fn set_clock(&self, clock: ClockKind) {
        self.clock.set_value(match clock {
            ClockKind::Real => "real",
            ClockKind::Virtual => "virtual",
        });
        self.sync_paused();
    }

    /// Enables "start paused" only under the virtual clock.
    pub fn sync_paused(&self) {
        let is_virtual = self.clock() == ClockKind::Virtual;
        self.paused.set_disabled(!is_virtual);
        if let Some(label) = self.paused.parent_element()
            && let Err(error) = dom::set_flag(&label, "data-disabled", !is_virtual)
        {
            dom::log_error("toolbar", &error);
        }
    }

    /// Whether the run should start paused (virtual clock only).
    pub fn start_paused(&self) -> bool {
        self.paused.checked() && self.clock() == ClockKind::Virtual
    }

    /// Shows a status.
    pub fn set_status(&self, status: &Status) {
        if let Err(error) = self.status.set_attribute("data-state", status.state()) {
            dom::log_error("toolbar", &error);
        }
        let text = status.text();
        self.status_text.set_text_content(Some(&text));
        self.status.set_title(&text);
        self.stop.set_disabled(!status.is_live());
        self.resume.set_hidden(*status != Status::Paused);
    }

    /// Shows Play as playing (it then reads Pause) or not.
    pub fn set_playing(&self, playing: bool) {
        let _ = self
            .play
            .set_attribute("aria-pressed", if playing { "true" } else { "false" });
        if let Ok(Some(label)) = self.play.query_selector(".label") {
            label.set_text_content(Some(if playing { "Pause" } else { "Play" }));
        }
    }

    /// The steps per second chosen for playing (2 when the choice does not read).
    pub fn steps_per_second(&self) -> f64 {
        self.speed
            .value()
            .parse::<f64>()
            .ok()
            .filter(|speed| speed.is_finite() && *speed > 0.0)
            .unwrap_or(2.0)
    }

    /// Enables the step buttons and says where the cursor is (`step 3 / 40`, or empty).
    pub fn set_stepping(&self, can_back: bool, can_forward: bool, label: &str) {
        let mut last = self.stepping.borrow_mut();
        if last.0 != can_back {
            self.back.set_disabled(!can_back);
        }
        if last.1 != can_forward {
            self.forward.set_disabled(!can_forward);
        }
        if (last.0 || last.1) != (can_back || can_forward) {
            self.play.set_disabled(!(can_back || can_forward));
        }
        if last.2 != label {
            self.step_label.set_text_content(Some(label));
        }
        *last = (can_back, can_forward, label.to_owned());
    }
}
