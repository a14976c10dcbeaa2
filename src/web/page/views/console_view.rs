//! The console panel: a virtualised list of [`ConsoleModel`] entries. Only the entries in view
//! (and a few around them) are in the DOM, placed inside a spacer as tall as all of them, so a
//! hundred thousand lines scroll as smoothly as ten.
//!
//! # DOM contract
//! The scrolling element is the container (`data-testid="console"`). Each entry drawn is a
//! `div.ce` with `data-testid="console-entry"`, `data-level` (`log`, `info`, `debug`, `warn`,
//! `error`, `input`, `result`, `system`), `data-kind` on errors (`uncaught`, `rejection`,
//! `limit`), `data-count` when repeats are collapsed into it, and its whole formatted text in a
//! `data-testid="console-text"` element (long texts are clipped by CSS until expanded, never cut).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement};

use super::console_model::{COLLAPSED_LINES, ConsoleModel, Entry, Level};
use crate::timeline::format;
use crate::web::page::dom;
use crate::web::page::frames::Redraw;

/// Entries drawn beyond each edge of the view.
const OVERSCAN: usize = 6;
/// Scrolled within this many px of the bottom counts as "at the bottom" (new entries follow).
const STICK_PX: f64 = 24.0;

/// Told of each entry pushed: its level's name and its text.
pub type Observer = Box<dyn Fn(&str, &str)>;

/// Told the trace `seq` of an entry the user clicked ([`ConsoleView::on_pick`]).
pub type Picker = Box<dyn Fn(u64)>;

/// The console panel. Keep the `Rc` as long as the page lives.
pub struct ConsoleView {
    document: Document,
    scroller: HtmlElement,
    spacer: HtmlElement,
    rows: HtmlElement,
    empty: HtmlElement,
    model: RefCell<ConsoleModel>,
    /// Whether the view follows new entries (the user is at the bottom).
    stick: Cell<bool>,
    /// What was last drawn: (first, end, model version); skips redrawing unchanged rows.
    drawn: Cell<(usize, usize, u64)>,
    width: Cell<i32>,
    redraw: RefCell<Option<Redraw>>,
    /// Called with the new number of entries after changes (the panel's header shows it).
    on_count: Box<dyn Fn(usize, usize, usize)>,
    /// Told of every entry pushed: its level's name and its text (the embed's message API).
    observer: RefCell<Option<Observer>>,
    /// Told the trace `seq` of an entry the user clicked ([`ConsoleView::on_pick`]).
    on_pick: RefCell<Option<Picker>>,
}

impl ConsoleView {
    /// Builds the list inside `scroller`, the panel's scrolling element. `on_count` receives the
    /// number of messages, errors and warnings shown, after each redraw that changed them.
    pub fn mount(
        scroller: &HtmlElement,
        on_count: Box<dyn Fn(usize, usize, usize)>,
    ) -> Result<Rc<Self>, JsValue> {
        let document = dom::document()?;
        let spacer = dom::create(&document, "div", "console-spacer")?;
        let rows = dom::create(&document, "div", "console-rows")?;
        spacer.append_child(&rows)?;
        let empty = dom::create(&document, "div", "console-empty")?;
        empty.set_text_content(Some("Console output appears here. Press Run (Ctrl+Enter)."));
        scroller.append_child(&empty)?;
        scroller.append_child(&spacer)?;
        if !scroller.has_attribute("data-testid") {
            scroller.set_attribute("data-testid", "console")?;
        }
        let view = Rc::new(Self {
            document,
            scroller: scroller.clone(),
            spacer,
            rows,
            empty,
            model: RefCell::new(ConsoleModel::new()),
            stick: Cell::new(true),
            drawn: Cell::new((0, 0, u64::MAX)),
            // Read in the first draw: reading layout while the page is still being built would lay
            // the whole page out an extra time.
            width: Cell::new(0),
            redraw: RefCell::new(None),
            on_count,
            observer: RefCell::new(None),
            on_pick: RefCell::new(None),
        });
        let weak = Rc::downgrade(&view);
        view.redraw.replace(Some(Redraw::new(move || {
            if let Some(view) = weak.upgrade() {
                view.draw();
            }
        })));
        view.wire(Rc::downgrade(&view))?;
        view.request();
        Ok(view)
    }

    /// Adds an occurrence (see [`ConsoleModel::push`]) and redraws in the next frame.
    pub fn push(
        &self,
        level: Level,
        kind: &'static str,
        text: String,
        time: Option<f64>,
        seq: u64,
    ) {
        if let Some(observer) = self.observer.borrow().as_ref() {
            observer(level.name(), &text);
        }
        self.model.borrow_mut().push(level, kind, text, time, seq);
        self.request();
    }

    /// Calls `observer` with the level's name and the text of every entry pushed from now on
    /// (replacing any observer before it).
    pub fn observe(&self, observer: Observer) {
        self.observer.replace(Some(observer));
    }

    /// Calls `on_pick` with the trace `seq` of the entry's first occurrence when the user clicks
    /// an entry (but not its "show all" toggle).
    pub fn on_pick(&self, on_pick: Picker) {
        self.on_pick.replace(Some(on_pick));
    }

    /// Removes every entry.
    pub fn clear(&self) {
        self.model.borrow_mut().clear();
        self.stick.set(true);
        self.request();
    }

    /// Step-through: shows only what was logged before the trace event `seq`, or everything.
    pub fn set_limit(&self, limit: Option<u64>) {
        self.model.borrow_mut().set_limit(limit);
        self.stick.set(true);
        self.request();
    }

    /// Every occurrence's text, repeats included, in order.
    pub fn texts(&self) -> Vec<String> {
        self.model
            .borrow()
            .texts()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// Every occurrence's text, repeats included, in order, as a JSON array.
    pub fn texts_json(&self) -> String {
        serde_json::to_string(&self.model.borrow().texts()).unwrap_or_else(|_| "[]".to_owned())
    }

    fn request(&self) {
        if let Some(redraw) = self.redraw.borrow().as_ref() {
            redraw.request();
        }
    }

    fn wire(&self, weak: Weak<Self>) -> Result<(), JsValue> {
        let on_scroll = weak.clone();
        dom::listen(&self.scroller, "scroll", move |_| {
            if let Some(view) = on_scroll.upgrade() {
                let el = &view.scroller;
                let bottom = f64::from(el.scroll_top() + el.client_height());
                view.stick
                    .set(bottom >= f64::from(el.scroll_height()) - STICK_PX);
                view.request();
            }
        })?;
        // Expanding a long entry: one listener for all rows.
        let on_click = weak.clone();
        dom::listen(&self.rows, "click", move |event| {
            let Some(view) = on_click.upgrade() else {
                return;
            };
            let toggle = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .and_then(|el| el.closest(".ce-toggle").ok().flatten());
            let index = toggle
                .and_then(|el| el.get_attribute("data-index"))
                .and_then(|index| index.parse::<usize>().ok());
            if let Some(index) = index {
                view.model.borrow_mut().toggle(index);
                view.request();
                return;
            }
            let seq = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .and_then(|el| el.closest("[data-seq]").ok().flatten())
                .and_then(|row| row.get_attribute("data-seq"))
                .and_then(|seq| seq.parse::<u64>().ok());
            if let (Some(seq), Some(on_pick)) = (seq, view.on_pick.borrow().as_ref()) {
                on_pick(seq);
            }
        })?;
        let on_resize = weak;
        dom::listen(dom::window()?.as_ref(), "resize", move |_| {
            if let Some(view) = on_resize.upgrade() {
                view.request();
            }
        })?;
        Ok(())
    }

    /// Draws the entries in view; runs in an animation frame.
    fn draw(&self) {
        if let Err(error) = self.try_draw() {
            dom::log_error("drawing the console failed", &error);
        }
    }

    fn try_draw(&self) -> Result<(), JsValue> {
        let width = self.scroller.client_width();
        let mut model = self.model.borrow_mut();
        if width != self.width.get() {
            self.width.set(width);
            model.reestimate();
        }
        let len = model.visible_len();
        let total = model.offset(len);
        let style = self.spacer.style();
        style.set_property("height", &format!("{total}px"))?;
        dom::set_flag(&self.empty, "hidden", len > 0)?;
        let view_height = f64::from(self.scroller.client_height());
        if self.stick.get() {
            let top = (total - view_height).max(0.0);
            self.scroller.set_scroll_top(top.ceil() as i32);
        }
        let top = f64::from(self.scroller.scroll_top());
        let (first, end) = if len == 0 {
            (0, 0)
        } else {
            let first = model.index_at(top, len).saturating_sub(OVERSCAN);
            let last = model.index_at(top + view_height, len);
            (first, (last + 1 + OVERSCAN).min(len))
        };
        let version = model.version();
        if self.drawn.get() == (first, end, version) {
            return Ok(());
        }
        self.rows.style().set_property(
            "transform",
            &format!("translateY({}px)", model.offset(first)),
        )?;
        self.rows.set_text_content(None);
        let mut drawn = Vec::with_capacity(end - first);
        for index in first..end {
            let Some(entry) = model.get(index) else {
                break;
            };
            let row = self.row(index, entry, model.count(index))?;
            self.rows.append_child(&row)?;
            drawn.push((index, row));
        }
        // Measure what was drawn (one layout) and correct the estimates.
        let mut changed = false;
        for (index, row) in &drawn {
            let height = row.get_bounding_client_rect().height();
            if height > 0.0 {
                changed |= model.set_height(*index, height);
            }
        }
        self.drawn.set((first, end, version));
        let (mut errors, mut warnings) = (0, 0);
        // Counting is O(entries): only on content changes, which are at most once a frame.
        for index in 0..len {
            match model.get(index).map(|entry| entry.level) {
                Some(Level::Error) => errors += model.count(index),
                Some(Level::Warn) => warnings += model.count(index),
                _ => {}
            }
        }
        drop(model);
        (self.on_count)(len, errors, warnings);
        if changed {
            // Positions moved: place the rows again next frame (heights are now measured, so this
            // settles at once).
            self.drawn.set((usize::MAX, 0, version));
            self.request();
        }
        Ok(())
    }

    /// One entry's element.
    fn row(&self, index: usize, entry: &Entry, count: usize) -> Result<HtmlElement, JsValue> {
        let doc = &self.document;
        let row = dom::create(doc, "div", "ce")?;
        row.set_attribute("data-testid", "console-entry")?;
        row.set_attribute("data-level", entry.level.name())?;
        if let Some(seq) = entry.seqs.first() {
            row.set_attribute("data-seq", &seq.to_string())?;
        }
        if !entry.kind.is_empty() {
            row.set_attribute("data-kind", entry.kind)?;
        }
        let icon = dom::create(doc, "span", "ce-icon")?;
        icon.set_attribute("aria-hidden", "true")?;
        row.append_child(&icon)?;
        if count > 1 {
            row.set_attribute("data-count", &count.to_string())?;
            let badge = dom::create(doc, "span", "ce-count")?;
            badge.set_text_content(Some(&count.to_string()));
            badge.set_title(&format!("{count} times in a row"));
            row.append_child(&badge)?;
        }
        let body = dom::create(doc, "div", "ce-body")?;
        let text = dom::create(doc, "div", "ce-text")?;
        text.set_attribute("data-testid", "console-text")?;
        text.set_text_content(Some(&entry.text));
        body.append_child(&text)?;
        if entry.is_long() {
            dom::set_flag(&text, "data-collapsed", !entry.expanded)?;
            let toggle = dom::create(doc, "button", "ce-toggle")?;
            toggle.set_attribute("type", "button")?;
            toggle.set_attribute("data-index", &index.to_string())?;
            toggle.set_attribute(
                "aria-expanded",
                if entry.expanded { "true" } else { "false" },
            )?;
            let label = if entry.expanded {
                "▴ show less".to_owned()
            } else {
                format!(
                    "▸ show all ({} more lines)",
                    entry.lines.saturating_sub(COLLAPSED_LINES)
                )
            };
            toggle.set_text_content(Some(&label));
            body.append_child(&toggle)?;
        }
        row.append_child(&body)?;
        if let Some(time) = entry.time {
            let stamp = dom::create(doc, "span", "ce-time")?;
            stamp.set_text_content(Some(&format::millis(time)));
            row.append_child(&stamp)?;
        }
        Ok(row)
    }
}
