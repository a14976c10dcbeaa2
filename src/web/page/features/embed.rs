//! Embed mode: `?embed` shows a compact playground for an `<iframe>` in a tutorial page: the
//! editor, Run (and Stop), the console and the timeline; no lesson list, no Share button, no
//! queues view, no REPL line. It neither restores nor writes the playground's autosave, and
//! leaves its own address alone.
//!
//! # Query options
//! | option | values | default |
//! |---|---|---|
//! | `embed` | present | (required) |
//! | `readonly` | present, `1`/`true`, `0`/`false` | off: the reader may edit |
//! | `autorun` | same | off: runs once loaded when on |
//! | `panels` | comma-separated `editor`, `console`, `timeline` | all three |
//! | `clock` | `real`, `virtual` | the link's, else `real` |
//! | `theme` | `light`, `dark`, `auto` | `auto` (follows the reader's system) |
//! | `seed` | a whole number from 0 to 2^64 − 1 | the link's, else none (a fixed seed under the virtual clock) |
//! | `start` | an ISO 8601 instant or date, or ms since the Unix epoch | the link's, else none |
//! | `step` | a whole number of events | none: after the first run, the step cursor is moved there |
//! | `predict` | present, `1`/`true`, `0`/`false` | off: when on, the reader orders the output before seeing it ([`super::predict`]) |
//! | `note` | `N: text` or `"printed line": text`, once per note | none: shown under the step's sentence at that step, after the link's own notes ([`crate::timeline::notes`]) |
//!
//! The code comes from the fragment, as in a share link (`…/?embed&autorun#v1.…`). A bad option
//! is ignored with a notice naming the option (never quoting its value), and so is an unknown one.
//!
//! # Messages
//! The embedding page drives the embed with `iframe.contentWindow.postMessage(message, origin)`:
//! - `{ type: "tickscope:set-code", code: "…" }` replaces the editor's text;
//! - `{ type: "tickscope:run" }` runs it;
//! - `{ type: "tickscope:seek", step: N }` moves the step cursor to `N` events (a whole number);
//! - `{ type: "tickscope:step-forward" }` and `{ type: "tickscope:step-back" }` move it one step.
//!
//! Only messages from the embedding window (`window.parent`) are read, and only plain objects
//! with exactly these keys and types; anything else that claims a `tickscope:` type is ignored
//! with a warning in the embed's console, and messages of other types are ignored silently.
//! The embed posts plain data to `window.parent` (target origin `"*"`: nothing private is sent):
//! - `{ type: "tickscope:ready" }` once the page has started (a run asked for before the engine
//!   is loaded starts as soon as it is);
//! - `{ type: "tickscope:console", level, text }` for each console entry, `level` being the
//!   console's `data-level` (`log`, `info`, `debug`, `warn`, `error`, `system`, …);
//! - `{ type: "tickscope:idle", state, console }` when a run is over: `state` is `"idle"` (the
//!   loop ran out of work) or `"error"` (the script did not load), `console` every entry's text;
//! - `{ type: "tickscope:step", index, kind, sentence }` each time the step cursor moves: `index`
//!   the step (events at the cursor), `kind` its event's `type` in the trace (`microtask_start`, …;
//!   `start` before the first event) and `sentence` the step in words, as the page shows it.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, MessageEvent, MutationObserver, MutationObserverInit, Window};

use super::share;
use crate::ClockKind;
use crate::timeline::notes::{MAX_NOTES, StepNote, check_all};
use crate::web::page::app::App;
use crate::web::page::dom;
use crate::web::page::views::notice;

/// The longest code a `tickscope:set-code` message may carry, in UTF-16 units (1 Mi).
pub const MAX_MESSAGE_CODE: u32 = 1 << 20;
/// `tickscope:console` messages posted per run at most; the `idle` message still has them all.
pub const MAX_CONSOLE_MESSAGES: u32 = 10_000;

/// The embed's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follow the reader's system (`prefers-color-scheme`).
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// The options of an embed, from the page's query.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Whether the reader may not edit the code.
    pub readonly: bool,
    /// Whether the code runs once the page is loaded.
    pub autorun: bool,
    /// Whether the editor is shown.
    pub editor: bool,
    /// Whether the console is shown.
    pub console: bool,
    /// Whether the timeline is shown.
    pub timeline: bool,
    /// The clock, when the query chooses one.
    pub clock: Option<ClockKind>,
    /// The colours.
    pub theme: Theme,
    /// `Math.random()`'s seed, when the query chooses one.
    pub seed: Option<u64>,
    /// The run's start instant (ms since the Unix epoch), when the query chooses one.
    pub start_time: Option<f64>,
    /// The step the cursor moves to after the first run, when the query chooses one.
    pub step: Option<usize>,
    /// Whether "predict first" is on.
    pub predict: bool,
    /// Notes pinned to steps, in the query's order.
    pub notes: Vec<StepNote>,
    /// What was wrong with the query, in words that never quote it.
    pub problems: Vec<&'static str>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            readonly: false,
            autorun: false,
            editor: true,
            console: true,
            timeline: true,
            clock: None,
            theme: Theme::Auto,
            seed: None,
            start_time: None,
            step: None,
            predict: false,
            notes: Vec::new(),
            problems: Vec::new(),
        }
    }
}

thread_local! {
    /// The query's embed options (`None`: not embedded), read once.
    static OPTIONS: RefCell<Option<Option<Options>>> = const { RefCell::new(None) };
}

/// Whether the page is an embed (`?embed` in its query).
pub fn active() -> bool {
    options().is_some()
}

/// The embed options, or `None` when the page is not an embed.
pub fn options() -> Option<Options> {
    OPTIONS.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| {
                let search = dom::window()
                    .ok()
                    .and_then(|window| window.location().search().ok())
                    .unwrap_or_default();
                parse_query(&search)
            })
            .clone()
    })
}

/// Reads the embed options from a query string (`?embed&readonly&panels=editor,console`), or
/// `None` without `embed`. Names and values are percent-decoded; unknown names are ignored.
pub fn parse_query(search: &str) -> Option<Options> {
    let search = search.strip_prefix('?').unwrap_or(search);
    let pairs: Vec<(String, String)> = search
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect();
    if !pairs.iter().any(|(name, _)| name == "embed") {
        return None;
    }
    let mut options = Options::default();
    let mut unknown = false;
    for (name, value) in &pairs {
        match name.as_str() {
            "readonly" => match flag(value) {
                Some(on) => options.readonly = on,
                None => options
                    .problems
                    .push("readonly takes no value, or 1, true, 0 or false"),
            },
            "autorun" => match flag(value) {
                Some(on) => options.autorun = on,
                None => options
                    .problems
                    .push("autorun takes no value, or 1, true, 0 or false"),
            },
            "predict" => match flag(value) {
                Some(on) => options.predict = on,
                None => options
                    .problems
                    .push("predict takes no value, or 1, true, 0 or false"),
            },
            "panels" => {
                let mut chosen = (false, false, false);
                let mut ok = true;
                for panel in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    match panel {
                        "editor" => chosen.0 = true,
                        "console" => chosen.1 = true,
                        "timeline" => chosen.2 = true,
                        _ => ok = false,
                    }
                }
                if ok && (chosen.0 || chosen.1 || chosen.2) {
                    (options.editor, options.console, options.timeline) = chosen;
                } else {
                    options.problems.push(
                        "panels is a comma-separated list of editor, console and timeline: \
                         showing all three",
                    );
                }
            }
            "clock" => match value.as_str() {
                "real" => options.clock = Some(ClockKind::Real),
                "virtual" => options.clock = Some(ClockKind::Virtual),
                _ => options.problems.push("clock is real or virtual"),
            },
            "theme" => match value.as_str() {
                "auto" | "" => options.theme = Theme::Auto,
                "light" => options.theme = Theme::Light,
                "dark" => options.theme = Theme::Dark,
                _ => options
                    .problems
                    .push("theme is light, dark or auto: following the system"),
            },
            "seed" => match value.parse::<u64>() {
                Ok(seed) => options.seed = Some(seed),
                Err(_) => options
                    .problems
                    .push("seed is a whole number from 0 to 18446744073709551615"),
            },
            "start" => match crate::clock::parse_start_time(value) {
                Ok(ms) => options.start_time = Some(ms),
                Err(_) => options.problems.push(
                    "start is an ISO 8601 instant or date, or milliseconds since the Unix epoch",
                ),
            },
            "step" => match value.parse::<usize>() {
                Ok(step) => options.step = Some(step),
                Err(_) => options.problems.push("step is a whole number of events"),
            },
            "note" => match StepNote::parse(value) {
                Ok(note) if options.notes.len() < MAX_NOTES => options.notes.push(note),
                Ok(_) => options.problems.push("an embed takes at most 64 notes"),
                Err(_) => options.problems.push(
                    "note is `N: text` or `\"printed line\": text`, one line of at most 1000 \
                     characters",
                ),
            },
            "embed" => {}
            _ => unknown = true,
        }
    }
    if unknown {
        options.problems.push(
            "the query has an option this page does not know (it knows embed, readonly, \
             autorun, panels, clock, theme, seed, start, step, predict and note)",
        );
    }
    Some(options)
}

fn flag(value: &str) -> Option<bool> {
    match value {
        "" | "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte; a malformed
/// escape stays as written, invalid UTF-8 becomes U+FFFD.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok());
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Before the page is built: marks the body as an embed (the styles hide the chrome) and fixes
/// the theme when the query asks for one. Does nothing outside embed mode.
pub fn prepare() {
    let Some(options) = options() else {
        return;
    };
    let result = (|| -> Result<(), JsValue> {
        let document = dom::document()?;
        if let Some(body) = document.body() {
            body.set_attribute("data-embed", "")?;
        }
        match options.theme {
            Theme::Auto => {}
            Theme::Light => force_theme(false)?,
            Theme::Dark => force_theme(true)?,
        }
        Ok(())
    })();
    if let Err(error) = result {
        dom::log_error("embed mode", &error);
    }
}

/// Fixes light or dark: the style sheets' `prefers-color-scheme` rules are switched on or off,
/// and `matchMedia` answers the editor's colour-scheme query accordingly.
fn force_theme(dark: bool) -> Result<(), JsValue> {
    let document = dom::document()?;
    let window = dom::window()?;
    if let Some(root) = document
        .document_element()
        .and_then(|root| root.dyn_into::<HtmlElement>().ok())
    {
        root.style()
            .set_property("color-scheme", if dark { "dark" } else { "light" })?;
    }
    let key = |name: &str| JsValue::from_str(name);
    let sheets = Reflect::get(&document, &key("styleSheets"))?;
    let count = Reflect::get(&sheets, &key("length"))?
        .as_f64()
        .unwrap_or(0.0) as u32;
    for i in 0..count {
        let sheet = Reflect::get_u32(&sheets, i)?;
        // A sheet from another origin throws on cssRules: it is none of ours.
        let Ok(rules) = Reflect::get(&sheet, &key("cssRules")) else {
            continue;
        };
        if rules.is_null() || rules.is_undefined() {
            continue;
        }
        let rule_count = Reflect::get(&rules, &key("length"))?
            .as_f64()
            .unwrap_or(0.0) as u32;
        for j in 0..rule_count {
            let rule = Reflect::get_u32(&rules, j)?;
            let media = Reflect::get(&rule, &key("media"))?;
            if !media.is_object() {
                continue;
            }
            let text = Reflect::get(&media, &key("mediaText"))?
                .as_string()
                .unwrap_or_default();
            if text.contains("prefers-color-scheme") {
                let wants_dark = text.contains("dark");
                let on = wants_dark == dark;
                Reflect::set(
                    &media,
                    &key("mediaText"),
                    &key(if on { "all" } else { "not all" }),
                )?;
            }
        }
    }
    // The editor bundle follows `matchMedia("(prefers-color-scheme: dark)")`.
    let original: Function = Reflect::get(&window, &key("matchMedia"))?.dyn_into()?;
    let target: JsValue = window.clone().into();
    let wrapped =
        Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(move |query: JsValue| {
            let text = query.as_string().unwrap_or_default();
            let query = if text.contains("prefers-color-scheme") {
                let on = text.contains("dark") == dark;
                JsValue::from_str(if on { "all" } else { "not all" })
            } else {
                query
            };
            original.call1(&target, &query)
        })
        .into_js_value();
    Reflect::set(&window, &key("matchMedia"), &wrapped)?;
    Ok(())
}

/// Sets up the embed once the page is built: panels, read-only, clock, the message API, and
/// autorun. Does nothing outside embed mode.
pub fn install(app: &Rc<App>) -> Result<(), JsValue> {
    let Some(options) = options() else {
        return Ok(());
    };
    let document = dom::document()?;
    layout(&document, &options)?;
    for problem in &options.problems {
        notice::show_notice(&format!("An embed option was ignored: {problem}."));
    }
    if options.readonly {
        app.editor.set_read_only(true);
    }
    if let Some(clock) = options.clock {
        app.toolbar.set_clock(clock);
        app.toolbar.sync_paused();
    }
    if options.seed.is_some() || options.start_time.is_some() {
        let linked = share::current_state(app);
        app.run_options.set(
            options.seed.or(linked.seed),
            options.start_time.or(linked.start_time.map(|ms| ms as f64)),
        );
    }
    if let Some(step) = options.step {
        app.seek_after_run(step);
    }
    if !options.notes.is_empty() {
        let mut notes = app.notes();
        notes.extend(options.notes.iter().cloned());
        match check_all(&notes) {
            Ok(()) => app.set_notes(notes),
            Err(_) => notice::show_notice(
                "The embed's notes were ignored: with the link's, they are more than 64.",
            ),
        }
    }
    let Some(parent) = parent_window() else {
        // Opened on its own, not in a frame: nobody to talk to.
        if options.autorun {
            app.run();
        }
        return Ok(());
    };
    let bridge = Rc::new(Bridge {
        app: Rc::downgrade(app),
        parent,
        posted: Cell::new(0),
        last_state: RefCell::new(String::new()),
    });
    bridge.wire(&document)?;
    bridge.post(&message("tickscope:ready", &[]));
    if options.autorun {
        app.run();
    }
    // The embed lives as long as its page.
    std::mem::forget(bridge);
    Ok(())
}

/// Shows only the chosen panels, in a grid: editor and console side by side, the timeline
/// under them.
fn layout(document: &web_sys::Document, options: &Options) -> Result<(), JsValue> {
    let mut panels = Vec::new();
    for (on, name) in [
        (options.editor, "editor"),
        (options.console, "console"),
        (options.timeline, "timeline"),
    ] {
        if on {
            panels.push(name);
        }
    }
    if let Some(body) = document.body() {
        body.set_attribute("data-panels", &panels.join(" "))?;
    }
    let show = |selector: &str, on: bool| -> Result<(), JsValue> {
        if let Some(el) = document.query_selector(selector)?
            && let Ok(el) = el.dyn_into::<HtmlElement>()
        {
            el.set_hidden(!on);
        }
        Ok(())
    };
    show(".pane-editor", options.editor)?;
    show(".pane-console", options.console)?;
    show(".pane-timeline", options.timeline)?;
    show(".pane-queues", false)?;
    let top: Vec<&str> = [(options.editor, "editor"), (options.console, "console")]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
    let columns = top.len().max(1);
    let mut areas = Vec::new();
    let mut rows = Vec::new();
    if !top.is_empty() {
        areas.push(format!("\"{}\"", top.join(" ")));
        rows.push("minmax(0, 1fr)");
    }
    if options.timeline {
        areas.push(format!("\"{}\"", vec!["timeline"; columns].join(" ")));
        rows.push(if top.is_empty() {
            "minmax(0, 1fr)"
        } else {
            "auto"
        });
    }
    if let Some(main) = document.query_selector("main.layout")?
        && let Ok(main) = main.dyn_into::<HtmlElement>()
    {
        let style = main.style();
        style.set_property("display", "grid")?;
        style.set_property("grid-template-areas", &areas.join(" "))?;
        style.set_property(
            "grid-template-columns",
            &vec!["minmax(0, 1fr)"; columns].join(" "),
        )?;
        style.set_property("grid-template-rows", &rows.join(" "))?;
    }
    Ok(())
}

/// The embedding window, or `None` when the page is not in a frame.
fn parent_window() -> Option<Window> {
    let window = dom::window().ok()?;
    let parent = window.parent().ok()??;
    if Object::is(&parent, &window) {
        None
    } else {
        Some(parent)
    }
}

/// A plain object `{ type, ...fields }`.
fn message(kind: &str, fields: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    let set = |key: &str, value: &JsValue| {
        if let Err(error) = Reflect::set(&object, &JsValue::from_str(key), value) {
            dom::log_error("embed message", &error);
        }
    };
    set("type", &JsValue::from_str(kind));
    for (key, value) in fields {
        set(key, value);
    }
    object
}

/// A message from the embedding page, checked.
#[derive(Debug, Clone, PartialEq)]
enum Command {
    SetCode(String),
    Run,
    Seek(usize),
    Step { forward: bool },
}

/// Reads a message: `Ok(None)` for messages that are not tickscope's (ignored), `Err` for one
/// that claims to be but is malformed.
fn read_command(data: &JsValue) -> Result<Option<Command>, &'static str> {
    if !data.is_object() || Array::is_array(data) {
        return Ok(None);
    }
    let object: &Object = data.unchecked_ref();
    let prototype = Object::get_prototype_of(data);
    let plain =
        prototype.is_null() || Object::is(&prototype, &Object::get_prototype_of(&Object::new()));
    let kind = Reflect::get(object, &JsValue::from_str("type"))
        .ok()
        .and_then(|kind| kind.as_string());
    let Some(kind) = kind else {
        return Ok(None);
    };
    if !kind.starts_with("tickscope:") {
        return Ok(None);
    }
    if !plain {
        return Err("a message must be a plain object");
    }
    let keys: Vec<String> = Object::keys(object)
        .iter()
        .filter_map(|key| key.as_string())
        .collect();
    let only = |allowed: &[&str]| {
        keys.len() == allowed.len() && keys.iter().all(|key| allowed.contains(&key.as_str()))
    };
    match kind.as_str() {
        "tickscope:set-code" => {
            if !only(&["type", "code"]) {
                return Err("tickscope:set-code takes exactly the keys type and code");
            }
            let code = Reflect::get(object, &JsValue::from_str("code"))
                .map_err(|_| "tickscope:set-code: code is unreadable")?;
            let Some(text) = code.dyn_ref::<js_sys::JsString>() else {
                return Err("tickscope:set-code: code must be a string");
            };
            if text.length() > MAX_MESSAGE_CODE {
                return Err("tickscope:set-code: code is longer than 1 Mi characters");
            }
            Ok(Some(Command::SetCode(String::from(text))))
        }
        "tickscope:run" => {
            if !only(&["type"]) {
                return Err("tickscope:run takes only the key type");
            }
            Ok(Some(Command::Run))
        }
        "tickscope:seek" => {
            if !only(&["type", "step"]) {
                return Err("tickscope:seek takes exactly the keys type and step");
            }
            let step = Reflect::get(object, &JsValue::from_str("step"))
                .ok()
                .and_then(|step| step.as_f64())
                .filter(|step| step.is_finite() && *step >= 0.0 && step.fract() == 0.0)
                .ok_or("tickscope:seek: step must be a whole number")?;
            Ok(Some(Command::Seek(step as usize)))
        }
        "tickscope:step-forward" | "tickscope:step-back" => {
            if !only(&["type"]) {
                return Err(
                    "tickscope:step-forward and tickscope:step-back take only the key type",
                );
            }
            Ok(Some(Command::Step {
                forward: kind == "tickscope:step-forward",
            }))
        }
        _ => Err(
            "unknown tickscope: message type (known: tickscope:set-code, tickscope:run, \
             tickscope:seek, tickscope:step-forward, tickscope:step-back)",
        ),
    }
}

/// The postMessage bridge to the embedding page.
struct Bridge {
    app: Weak<App>,
    parent: Window,
    /// `tickscope:console` messages posted in this run.
    posted: Cell<u32>,
    /// The status line's last `data-state`.
    last_state: RefCell<String>,
}

impl Bridge {
    fn wire(self: &Rc<Self>, document: &web_sys::Document) -> Result<(), JsValue> {
        // Messages from the embedding page.
        let on_message = Rc::downgrade(self);
        let window: web_sys::EventTarget = dom::window()?.into();
        dom::listen(&window, "message", move |event| {
            let Some(bridge) = on_message.upgrade() else {
                return;
            };
            if let Some(event) = event.dyn_ref::<MessageEvent>() {
                bridge.receive(event);
            }
        })?;
        // Each console entry.
        if let Some(app) = self.app.upgrade() {
            let on_entry = Rc::downgrade(self);
            app.console.observe(Box::new(move |level, text| {
                if let Some(bridge) = on_entry.upgrade() {
                    bridge.entry(level, text);
                }
            }));
        }
        // Each step the cursor moves to.
        if let Some(app) = self.app.upgrade() {
            let on_step = Rc::downgrade(self);
            app.on_step(move |index, kind, sentence| {
                if let Some(bridge) = on_step.upgrade() {
                    bridge.post(&message(
                        "tickscope:step",
                        &[
                            ("index", JsValue::from_f64(index as f64)),
                            ("kind", JsValue::from_str(kind)),
                            ("sentence", JsValue::from_str(sentence)),
                        ],
                    ));
                }
            });
        }
        // The end of a run: the status line's data-state.
        let status = document
            .query_selector("[data-testid=\"status\"]")?
            .ok_or("the page has no status line")?;
        let on_status = Rc::downgrade(self);
        let target = status.clone();
        let callback = Closure::<dyn FnMut(JsValue)>::new(move |_records: JsValue| {
            if let Some(bridge) = on_status.upgrade() {
                bridge.status(&target.get_attribute("data-state").unwrap_or_default());
            }
        });
        let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
        let init = MutationObserverInit::new();
        init.set_attributes(true);
        init.set_attribute_filter(&Array::of1(&JsValue::from_str("data-state")));
        observer.observe_with_options(&status, &init)?;
        callback.forget();
        Ok(())
    }

    fn post(&self, message: &Object) {
        if let Err(error) = self.parent.post_message(message, "*") {
            dom::log_error("could not post to the embedding page", &error);
        }
    }

    fn receive(&self, event: &MessageEvent) {
        let from_parent = event
            .source()
            .is_some_and(|source| Object::is(&source, &self.parent));
        if !from_parent {
            return;
        }
        let Some(app) = self.app.upgrade() else {
            return;
        };
        match read_command(&event.data()) {
            Ok(Some(Command::SetCode(code))) => app.set_code(&code),
            Ok(Some(Command::Run)) => app.run(),
            Ok(Some(Command::Seek(step))) => app.seek(Some(step)),
            Ok(Some(Command::Step { forward })) => app.step(forward),
            Ok(None) => {}
            Err(problem) => web_sys::console::warn_1(&JsValue::from_str(&format!(
                "tickscope embed: ignored a message: {problem}"
            ))),
        }
    }

    fn entry(&self, level: &str, text: &str) {
        let posted = self.posted.get();
        if posted >= MAX_CONSOLE_MESSAGES {
            return;
        }
        self.posted.set(posted + 1);
        self.post(&message(
            "tickscope:console",
            &[
                ("level", JsValue::from_str(level)),
                ("text", JsValue::from_str(text)),
            ],
        ));
    }

    fn status(&self, state: &str) {
        let before = self.last_state.replace(state.to_owned());
        if before == state {
            return;
        }
        match state {
            "running" => self.posted.set(0),
            "idle" | "error" => {
                let Some(app) = self.app.upgrade() else {
                    return;
                };
                let console: Array = app
                    .console
                    .texts()
                    .into_iter()
                    .map(|text| JsValue::from_str(&text))
                    .collect();
                self.post(&message(
                    "tickscope:idle",
                    &[
                        ("state", JsValue::from_str(state)),
                        ("console", console.into()),
                    ],
                ));
            }
            _ => {}
        }
    }
}
