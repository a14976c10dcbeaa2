//! The lessons: a list beside the playground (`data-testid="lesson-list"`, one
//! `data-testid="lesson"` button per lesson, showing its title), and the selected lesson's prose.
//!
//! Lessons are data. `scripts/build-lessons.mjs` (a Trunk pre-build hook) gathers `lessons/*.md`
//! and their files (`lessons/files/<stem>/`) into `www/generated/lessons.json`, which Trunk copies
//! to `dist/lessons.json`; the page fetches it and parses each lesson with
//! [`crate::lessons::Lesson::parse`], the parser the lesson tests use. Adding a lesson needs no
//! Rust change.
//!
//! Choosing a lesson puts its snippet into the editor, its files into the files panel and its
//! clock into the toolbar, and shows its prose; the selected lesson goes into the share link
//! ([`selected_id`]). A link naming a lesson only selects it (shows its prose): the link's own
//! code and files stay.
//!
//! # Text from a lesson is only ever text
//! The prose is rendered from a small Markdown subset (headings, paragraphs, lists, tables,
//! fenced code blocks, inline code, `**strong**` and `*emphasis*`) by creating elements and
//! text nodes. Nothing from a lesson file is ever parsed as HTML.
//!
//! In embed mode ([`super::embed`]) there is no list; the lessons are still fetched, so that a
//! link to a module lesson runs as a module.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement, Response};

use super::predict;
use crate::lessons::Lesson;
use crate::protocol::FileEntry;
use crate::web::page::app::App;
use crate::web::page::dom;
use crate::web::page::views::notice;

/// Where the page finds the lessons, relative to the page: `www/generated/lessons.json`, copied
/// to the root of `dist/` by Trunk (`www/index.html`).
pub const LESSONS_URL: &str = "lessons.json";

thread_local! {
    /// The page's one lessons panel, once mounted.
    static PANEL: RefCell<Option<Rc<LessonsPanel>>> = const { RefCell::new(None) };
}

/// `generated/lessons.json`, as `scripts/build-lessons.mjs` writes it.
#[derive(Debug, Deserialize)]
struct LessonsFile {
    lessons: Vec<RawLesson>,
}

/// One lesson's file and its files, unparsed.
#[derive(Debug, Deserialize)]
struct RawLesson {
    /// `NN-name.md`.
    file: String,
    /// The Markdown.
    text: String,
    /// The files of `lessons/files/<stem>/`.
    #[serde(default)]
    files: Vec<FileEntry>,
}

/// A parsed lesson and its files.
struct Entry {
    lesson: Lesson,
    files: Vec<FileEntry>,
}

/// The lessons panel: its elements and what it knows.
pub struct LessonsPanel {
    app: Weak<App>,
    document: Document,
    /// The panel (`None` in embed mode, which shows no lessons).
    view: Option<View>,
    state: RefCell<State>,
}

/// The panel's elements.
struct View {
    aside: HtmlElement,
    list: HtmlElement,
    article: HtmlElement,
    count: HtmlElement,
    toggle: HtmlElement,
}

#[derive(Default)]
struct State {
    /// The lessons, in order; empty until loaded.
    entries: Vec<Entry>,
    /// Whether `generated/lessons.json` was read (successfully or not).
    loaded: bool,
    /// The selected lesson's stem (also while the lessons load, when a link named it).
    selected: Option<String>,
}

/// Mounts the panel (in embed mode: only loads the lessons) and starts fetching the lessons.
pub fn mount(app: &Rc<App>) -> Result<(), JsValue> {
    let document = dom::document()?;
    let view = if app.is_embedded() {
        None
    } else {
        Some(View::build(&document)?)
    };
    let panel = Rc::new(LessonsPanel {
        app: Rc::downgrade(app),
        document,
        view,
        state: RefCell::new(State::default()),
    });
    if let Some(view) = &panel.view {
        panel.wire(view, Rc::downgrade(&panel))?;
    }
    PANEL.with(|slot| slot.replace(Some(Rc::clone(&panel))));
    app.set_module_rule(selected_is_module);
    fetch_lessons(Rc::downgrade(&panel))
}

/// The selected lesson's id (its stem, `03-promise-states`), for the share link.
pub fn selected_id() -> Option<String> {
    with_panel(|panel| panel.state.borrow().selected.clone()).flatten()
}

/// Whether the selected lesson's snippet is a module (`js run module`): the page then runs the
/// editor's text as a module even without `import` or `export` lines (top-level `await`).
fn selected_is_module() -> bool {
    with_panel(|panel| {
        let state = panel.state.borrow();
        let selected = state.selected.as_deref();
        state
            .entries
            .iter()
            .any(|entry| Some(entry.lesson.stem.as_str()) == selected && entry.lesson.module)
    })
    .unwrap_or(false)
}

/// Selects the lesson a share link names (or none), without loading its code (the link's own
/// code and files stay): its prose is shown once the lessons are loaded. A name the page does
/// not know gets a notice then.
pub fn select_from_link(id: Option<&str>) {
    let loaded = with_panel(|panel| {
        panel.state.borrow_mut().selected = id.map(str::to_owned);
        panel.state.borrow().loaded
    });
    if loaded == Some(true) {
        with_panel(|panel| panel.show_selected(false));
    }
}

/// Loads the lesson `id` as if it was chosen from the list: its code, files, clock and prose.
/// Returns whether such a lesson exists (false also while the lessons are still loading).
pub fn load(id: &str) -> bool {
    with_panel(|panel| {
        let index = panel
            .state
            .borrow()
            .entries
            .iter()
            .position(|entry| entry.lesson.stem == id);
        index.map(|index| panel.choose(index)).is_some()
    })
    .unwrap_or(false)
}

fn with_panel<T>(f: impl FnOnce(&LessonsPanel) -> T) -> Option<T> {
    let panel = PANEL.with(|slot| slot.borrow().clone())?;
    Some(f(&panel))
}

impl View {
    /// Builds the panel's elements: an `<aside>` before the page's `<main>`, and a toggle
    /// button in the bar.
    fn build(document: &Document) -> Result<Self, JsValue> {
        let aside = dom::create(document, "aside", "lessons")?;
        aside.set_id("lessons");
        aside.set_attribute("data-testid", "lessons")?;
        aside.set_attribute("aria-label", "Lessons")?;
        let head = dom::create(document, "div", "pane-head")?;
        let title = dom::create(document, "h2", "")?;
        title.set_text_content(Some("Lessons"));
        let count = dom::create(document, "span", "muted")?;
        head.append_child(&title)?;
        head.append_child(&count)?;
        let list = dom::create(document, "ol", "lesson-list")?;
        list.set_attribute("data-testid", "lesson-list")?;
        list.set_attribute("aria-label", "Lessons")?;
        let loading = dom::create(document, "li", "lesson-note muted")?;
        loading.set_text_content(Some("Loading the lessons…"));
        list.append_child(&loading)?;
        let article = dom::create(document, "article", "lesson-text")?;
        article.set_attribute("data-testid", "lesson-text")?;
        article.set_attribute("tabindex", "0")?;
        let hint = dom::create(document, "p", "muted")?;
        hint.set_text_content(Some(
            "Choose a lesson: its snippet goes into the editor and its files into the Files tab. \
             Press Run, then read the timeline.",
        ));
        article.append_child(&hint)?;
        aside.append_child(&head)?;
        aside.append_child(&list)?;
        aside.append_child(&article)?;

        let body = document.body().ok_or("the page has no body")?;
        match document.query_selector("main")? {
            Some(main) => body.insert_before(&aside, Some(&main))?,
            None => body.append_child(&aside)?,
        };

        let toggle = dom::create(document, "button", "lessons-toggle")?;
        toggle.set_attribute("type", "button")?;
        toggle.set_attribute("data-testid", "lessons-toggle")?;
        toggle.set_attribute("aria-controls", "lessons")?;
        toggle.set_attribute("aria-expanded", "true")?;
        toggle.set_attribute("title", "Show or hide the lessons")?;
        toggle.set_text_content(Some("Lessons"));
        if let Some(bar) = document.query_selector(".bar")? {
            let after_brand = bar
                .query_selector(".brand")?
                .and_then(|brand| brand.next_sibling());
            bar.insert_before(&toggle, after_brand.as_ref())?;
        }
        Ok(Self {
            aside,
            list,
            article,
            count,
            toggle,
        })
    }
}

impl LessonsPanel {
    fn wire(&self, view: &View, weak: Weak<Self>) -> Result<(), JsValue> {
        let on_list = weak;
        dom::listen(&view.list, "click", move |event| {
            let Some(panel) = on_list.upgrade() else {
                return;
            };
            let index = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .and_then(|target| target.closest(".lesson").ok().flatten())
                .and_then(|button| button.get_attribute("data-index"))
                .and_then(|index| index.parse::<usize>().ok());
            if let Some(index) = index {
                panel.choose(index);
            }
        })?;
        let aside = view.aside.clone();
        let toggle = view.toggle.clone();
        dom::listen(&view.toggle, "click", move |_| {
            let open = aside.hidden();
            aside.set_hidden(!open);
            if let Err(error) =
                toggle.set_attribute("aria-expanded", if open { "true" } else { "false" })
            {
                dom::log_error("lessons", &error);
            }
        })?;
        Ok(())
    }

    /// The lessons arrived: parse them, list them, and show the lesson a link selected.
    fn loaded(&self, text: Result<String, String>) {
        let mut problems = Vec::new();
        let mut entries = Vec::new();
        match text.and_then(|text| {
            serde_json::from_str::<LessonsFile>(&text)
                .map_err(|error| format!("{LESSONS_URL} is not readable: {error}"))
        }) {
            Ok(file) => {
                for raw in file.lessons {
                    match Lesson::parse(&raw.file, &raw.text) {
                        Ok(lesson) => entries.push(Entry {
                            lesson,
                            files: raw.files,
                        }),
                        Err(error) => problems.push(error.to_string()),
                    }
                }
            }
            Err(problem) => problems.push(problem),
        }
        entries.sort_by(|a, b| {
            (a.lesson.number, &a.lesson.stem).cmp(&(b.lesson.number, &b.lesson.stem))
        });
        for problem in &problems {
            web_sys::console::warn_1(&JsValue::from_str(&format!(
                "tickscope: a lesson could not be read: {problem}"
            )));
        }
        {
            let mut state = self.state.borrow_mut();
            state.entries = entries;
            state.loaded = true;
        }
        if let Err(error) = self.render_list(&problems) {
            dom::log_error("drawing the lessons failed", &error);
        }
        if self.state.borrow().selected.is_some() {
            self.show_selected(false);
        }
    }

    /// Loads lesson `index` into the playground.
    fn choose(&self, index: usize) {
        let Some(app) = self.app.upgrade() else {
            return;
        };
        let (lesson, files) = {
            let state = self.state.borrow();
            let Some(entry) = state.entries.get(index) else {
                return;
            };
            (entry.lesson.clone(), entry.files.clone())
        };
        self.state.borrow_mut().selected = Some(lesson.stem);
        app.files.set_files(files);
        app.toolbar.set_clock(lesson.clock);
        app.toolbar.sync_paused();
        app.editor.set_text(&lesson.code);
        app.set_notes(lesson.notes);
        predict::set_on(lesson.predict);
        app.save();
        self.show_selected(true);
    }

    /// Shows the selected lesson's prose and marks it in the list; `scroll`: bring the prose's
    /// start into view. A selected name that is not a lesson gets a notice and is dropped.
    fn show_selected(&self, scroll: bool) {
        let selected = self.state.borrow().selected.clone();
        let Some(selected) = selected else {
            return;
        };
        let index = self
            .state
            .borrow()
            .entries
            .iter()
            .position(|entry| entry.lesson.stem == selected);
        let Some(index) = index else {
            self.state.borrow_mut().selected = None;
            // The id passed the share codec's check: ASCII letters, digits, `-`, `_` and `.`.
            notice::show_notice(&format!(
                "This link names a lesson this page does not have ({selected}); its code was \
                 loaded without the lesson's text."
            ));
            return;
        };
        let Some(view) = &self.view else {
            return;
        };
        if let Err(error) = self.render_lesson(view, index, scroll) {
            dom::log_error("drawing the lesson failed", &error);
        }
    }

    fn render_list(&self, problems: &[String]) -> Result<(), JsValue> {
        let Some(view) = &self.view else {
            return Ok(());
        };
        let state = self.state.borrow();
        view.list.set_text_content(None);
        for (index, entry) in state.entries.iter().enumerate() {
            let item = dom::create(&self.document, "li", "")?;
            let button = dom::create(&self.document, "button", "lesson")?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-testid", "lesson")?;
            button.set_attribute("data-lesson", &entry.lesson.stem)?;
            button.set_attribute("data-index", &index.to_string())?;
            button.set_attribute("title", &entry.lesson.summary)?;
            let number = dom::create(&self.document, "span", "lesson-number")?;
            number.set_text_content(Some(&entry.lesson.number.to_string()));
            let title = dom::create(&self.document, "span", "lesson-title")?;
            title.set_text_content(Some(&entry.lesson.title));
            button.append_child(&number)?;
            button.append_child(&title)?;
            item.append_child(&button)?;
            view.list.append_child(&item)?;
        }
        for problem in problems {
            let item = dom::create(&self.document, "li", "lesson-note lesson-problem")?;
            item.set_text_content(Some(&format!("Could not read a lesson: {problem}")));
            view.list.append_child(&item)?;
        }
        view.count
            .set_text_content(Some(&state.entries.len().to_string()));
        Ok(())
    }

    fn render_lesson(&self, view: &View, index: usize, scroll: bool) -> Result<(), JsValue> {
        let state = self.state.borrow();
        let Some(entry) = state.entries.get(index) else {
            return Ok(());
        };
        let buttons = view.list.query_selector_all(".lesson")?;
        for i in 0..buttons.length() {
            if let Some(button) = buttons
                .item(i)
                .and_then(|node| node.dyn_into::<Element>().ok())
            {
                let current = button.get_attribute("data-index") == Some(index.to_string());
                dom::set_flag(&button, "aria-current", current)?;
            }
        }
        let article = &view.article;
        article.set_text_content(None);
        article.set_attribute("data-lesson", &entry.lesson.stem)?;
        let title = dom::create(&self.document, "h2", "lesson-heading")?;
        title.set_text_content(Some(&entry.lesson.title));
        article.append_child(&title)?;
        let lesson = &entry.lesson;
        let mut facts = vec![format!("{} clock", clock_name(lesson.clock))];
        if lesson.module {
            facts.push("runs as a module".to_owned());
        }
        if !lesson.files.is_empty() {
            facts.push(format!("files: {}", lesson.files.join(", ")));
        }
        let meta = dom::create(&self.document, "p", "lesson-meta muted")?;
        meta.set_text_content(Some(&facts.join(" · ")));
        article.append_child(&meta)?;
        for block in markdown::blocks(&lesson.body) {
            self.render_block(article, &block)?;
        }
        if scroll {
            article.set_scroll_top(0);
        }
        Ok(())
    }

    fn render_block(&self, parent: &HtmlElement, block: &markdown::Block) -> Result<(), JsValue> {
        use markdown::Block;
        let document = &self.document;
        match block {
            Block::Heading { level, text } => {
                // The lesson's title is the h2, and lessons' sections are `##`: h3.
                let tag = format!("h{}", (level + 1).clamp(3, 6));
                let heading = dom::create(document, &tag, "")?;
                inline(document, &heading, text)?;
                parent.append_child(&heading)?;
            }
            Block::Paragraph(text) => {
                let p = dom::create(document, "p", "")?;
                inline(document, &p, text)?;
                parent.append_child(&p)?;
            }
            Block::List { ordered, items } => {
                let list = dom::create(document, if *ordered { "ol" } else { "ul" }, "")?;
                for item in items {
                    let li = dom::create(document, "li", "")?;
                    inline(document, &li, item)?;
                    list.append_child(&li)?;
                }
                parent.append_child(&list)?;
            }
            Block::Table(rows) => {
                let wrap = dom::create(document, "div", "lesson-table")?;
                let table = dom::create(document, "table", "")?;
                for (i, row) in rows.iter().enumerate() {
                    let tr = dom::create(document, "tr", "")?;
                    for cell in row {
                        let td = dom::create(document, if i == 0 { "th" } else { "td" }, "")?;
                        inline(document, &td, cell)?;
                        tr.append_child(&td)?;
                    }
                    table.append_child(&tr)?;
                }
                wrap.append_child(&table)?;
                parent.append_child(&wrap)?;
            }
            Block::Code { info, text } => {
                let role = markdown::code_role(info);
                let figure = dom::create(document, "figure", "lesson-code")?;
                if let Some(role) = role {
                    figure.set_attribute("data-role", role.name())?;
                    let caption = dom::create(document, "figcaption", "")?;
                    caption.set_text_content(Some(role.caption()));
                    figure.append_child(&caption)?;
                }
                let pre = dom::create(document, "pre", "")?;
                let code = dom::create(document, "code", "")?;
                code.set_text_content(Some(text));
                pre.append_child(&code)?;
                figure.append_child(&pre)?;
                parent.append_child(&figure)?;
            }
        }
        Ok(())
    }
}

fn clock_name(clock: crate::ClockKind) -> &'static str {
    match clock {
        crate::ClockKind::Real => "real",
        crate::ClockKind::Virtual => "virtual",
    }
}

/// Appends `text` to `parent` with its inline Markdown as elements: `code`, `**strong**`,
/// `*emphasis*`. Everything else is text.
fn inline(document: &Document, parent: &HtmlElement, text: &str) -> Result<(), JsValue> {
    for span in markdown::spans(text) {
        let el = match span {
            markdown::Span::Text(text) => {
                parent.append_with_str_1(&text)?;
                continue;
            }
            markdown::Span::Code(text) => {
                let el = dom::create(document, "code", "")?;
                el.set_text_content(Some(&text));
                el
            }
            markdown::Span::Strong(text) => {
                let el = dom::create(document, "strong", "")?;
                inline(document, &el, &text)?;
                el
            }
            markdown::Span::Emphasis(text) => {
                let el = dom::create(document, "em", "")?;
                inline(document, &el, &text)?;
                el
            }
        };
        parent.append_child(&el)?;
    }
    Ok(())
}

/// Fetches the lessons and hands them to the panel.
fn fetch_lessons(panel: Weak<LessonsPanel>) -> Result<(), JsValue> {
    let deliver = move |text: Result<String, String>| {
        if let Some(panel) = panel.upgrade() {
            panel.loaded(text);
        }
    };
    fetch_text(LESSONS_URL, deliver)
}

/// `fetch(url)`, then the response's text, to `done` (an error as words).
fn fetch_text(
    url: &str,
    done: impl FnOnce(Result<String, String>) + 'static,
) -> Result<(), JsValue> {
    let done = Rc::new(RefCell::new(Some(done)));
    let finish = move |result: Result<String, String>| {
        if let Some(done) = done.borrow_mut().take() {
            done(result);
        }
    };
    let finish = Rc::new(finish);
    let failed = {
        let finish = Rc::clone(&finish);
        move |error: JsValue| {
            finish(Err(format!(
                "could not load {LESSONS_URL}: {}",
                words(&error)
            )))
        }
    };
    let failed = Rc::new(failed);
    let url_text = url.to_owned();
    let on_failure = Rc::clone(&failed);
    dom::on_settle(
        &dom::window()?.fetch_with_str(url),
        move |response| {
            let text = match response.dyn_into::<Response>() {
                Ok(response) if response.ok() => response.text(),
                Ok(response) => Err(JsValue::from_str(&format!(
                    "{url_text} answered HTTP {}",
                    response.status()
                ))),
                Err(_) => Err(JsValue::from_str("fetch gave no response")),
            };
            match text {
                Ok(promise) => {
                    let on_failure = Rc::clone(&on_failure);
                    dom::on_settle(
                        &promise,
                        move |text| {
                            finish(
                                text.as_string()
                                    .ok_or_else(|| "the lessons are not text".to_owned()),
                            );
                        },
                        move |error| on_failure(error),
                    );
                }
                Err(error) => on_failure(error),
            }
        },
        move |error| failed(error),
    );
    Ok(())
}

/// A thrown or rejected value in words.
fn words(error: &JsValue) -> String {
    error
        .as_string()
        .or_else(|| {
            error
                .dyn_ref::<js_sys::Error>()
                .map(|error| String::from(error.message()))
        })
        .unwrap_or_else(|| "the request failed".to_owned())
}

/// The Markdown subset lessons are shown with, as data (no DOM): blocks and inline spans.
pub mod markdown {
    use crate::lessons::{FenceKind, closes_fence, fence_kind, heading, open_fence};

    /// A block of a lesson's body.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Block {
        /// `#`…`######`: the level (1–6) and the text.
        Heading {
            /// 1 for `#`.
            level: usize,
            /// The heading's inline text.
            text: String,
        },
        /// Lines of text up to a blank line, joined with spaces.
        Paragraph(String),
        /// `- item` / `* item` / `1. item` lines; indented lines continue an item.
        List {
            /// Numbered.
            ordered: bool,
            /// Each item's inline text.
            items: Vec<String>,
        },
        /// `| a | b |` rows (the `|---|` row dropped); the first row is the header.
        Table(Vec<Vec<String>>),
        /// A fenced code block: its info string and its text.
        Code {
            /// What follows the opening fence (`js run`, `text expected`).
            info: String,
            /// The lines between the fences, each ending in `\n`.
            text: String,
        },
    }

    /// What a lesson's special code block is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum CodeRole {
        /// `js run` / `js run module`: the snippet in the editor.
        Snippet,
        /// `text expected`: what it prints.
        Stdout,
        /// `text expected-stderr`: its warnings and errors.
        Stderr,
        /// `text step-notes`: notes shown at their steps.
        StepNotes,
    }

    impl CodeRole {
        /// The figure's `data-role`.
        pub fn name(self) -> &'static str {
            match self {
                Self::Snippet => "snippet",
                Self::Stdout => "expected",
                Self::Stderr => "expected-stderr",
                Self::StepNotes => "step-notes",
            }
        }

        /// The caption shown above the block.
        pub fn caption(self) -> &'static str {
            match self {
                Self::Snippet => "The snippet (in the editor: press Run)",
                Self::Stdout => "Expected output",
                Self::Stderr => "Expected errors and warnings",
                Self::StepNotes => {
                    "Notes on the steps (shown under a step's sentence when you reach it)"
                }
            }
        }
    }

    /// The role of a fence's info string, if it is one of the lesson format's.
    pub fn code_role(info: &str) -> Option<CodeRole> {
        match fence_kind(info) {
            Ok(FenceKind::Run { .. }) => Some(CodeRole::Snippet),
            Ok(FenceKind::Stdout) => Some(CodeRole::Stdout),
            Ok(FenceKind::Stderr) => Some(CodeRole::Stderr),
            Ok(FenceKind::StepNotes) => Some(CodeRole::StepNotes),
            Ok(FenceKind::Other) | Err(_) => None,
        }
    }

    /// An inline piece of text.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Span {
        /// Plain text.
        Text(String),
        /// `` `code` ``.
        Code(String),
        /// `**strong**` (its contents may hold further spans).
        Strong(String),
        /// `*emphasis*` (its contents may hold further spans).
        Emphasis(String),
    }

    /// A list item's marker: whether it is numbered, and the text after it.
    fn item(line: &str) -> Option<(bool, &str)> {
        for marker in ["- ", "* ", "+ "] {
            if let Some(rest) = line.strip_prefix(marker) {
                return Some((false, rest.trim()));
            }
        }
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && digits <= 9 {
            let rest = &line[digits..];
            if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
                return Some((true, rest.trim()));
            }
        }
        None
    }

    fn row(line: &str) -> Vec<String> {
        let inner = line.trim();
        let inner = inner.strip_prefix('|').unwrap_or(inner);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        inner
            .split('|')
            .map(|cell| cell.trim().to_owned())
            .collect()
    }

    fn is_rule_row(line: &str) -> bool {
        let cells = row(line);
        !cells.is_empty()
            && cells
                .iter()
                .all(|cell| !cell.is_empty() && cell.chars().all(|c| matches!(c, '-' | ':' | ' ')))
    }

    fn starts_block(line: &str) -> bool {
        open_fence(line).is_some()
            || heading(line).is_some()
            || item(line).is_some()
            || line.starts_with('|')
    }

    /// Splits a lesson's body into blocks.
    pub fn blocks(body: &str) -> Vec<Block> {
        let lines: Vec<&str> = body.lines().collect();
        let mut blocks = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            if line.trim().is_empty() {
                i += 1;
                continue;
            }
            if let Some((fence_char, count, info)) = open_fence(line) {
                let mut text = String::new();
                i += 1;
                while i < lines.len() && !closes_fence(lines[i], fence_char, count) {
                    text.push_str(lines[i]);
                    text.push('\n');
                    i += 1;
                }
                i += 1; // the closing fence (or the end)
                blocks.push(Block::Code {
                    info: info.to_owned(),
                    text,
                });
                continue;
            }
            if let Some((level, text)) = heading(line) {
                blocks.push(Block::Heading {
                    level,
                    text: text.to_owned(),
                });
                i += 1;
                continue;
            }
            if line.starts_with('|') {
                let mut rows = Vec::new();
                while i < lines.len() && lines[i].starts_with('|') {
                    if !is_rule_row(lines[i]) {
                        rows.push(row(lines[i]));
                    }
                    i += 1;
                }
                blocks.push(Block::Table(rows));
                continue;
            }
            if let Some((ordered, first)) = item(line) {
                let mut items = vec![first.to_owned()];
                i += 1;
                while i < lines.len() {
                    let next = lines[i];
                    if next.trim().is_empty() {
                        // A blank line ends the list unless another item of it follows.
                        let more = lines
                            .get(i + 1)
                            .and_then(|l| item(l))
                            .is_some_and(|(o, _)| o == ordered);
                        if more {
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    if let Some((o, text)) = item(next)
                        && o == ordered
                    {
                        items.push(text.to_owned());
                    } else if next.starts_with([' ', '\t']) && !starts_block(next.trim_start()) {
                        if let Some(last) = items.last_mut() {
                            last.push(' ');
                            last.push_str(next.trim());
                        }
                    } else if next.starts_with([' ', '\t']) {
                        // A nested item or block: kept as text of the item.
                        if let Some(last) = items.last_mut() {
                            last.push(' ');
                            last.push_str(next.trim());
                        }
                    } else {
                        break;
                    }
                    i += 1;
                }
                blocks.push(Block::List { ordered, items });
                continue;
            }
            let mut text = line.trim().to_owned();
            i += 1;
            while i < lines.len() && !lines[i].trim().is_empty() && !starts_block(lines[i]) {
                text.push(' ');
                text.push_str(lines[i].trim());
                i += 1;
            }
            blocks.push(Block::Paragraph(text));
        }
        blocks
    }

    /// Splits inline text into spans: code first (nothing inside it is markup), then `**strong**`
    /// and `*emphasis*` in the rest. Unmatched markers are text.
    pub fn spans(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('`') {
            let ticks = rest[open..].chars().take_while(|c| *c == '`').count();
            let marker = &rest[open..open + ticks];
            let after = &rest[open + ticks..];
            let Some(close) = find_run(after, marker) else {
                break;
            };
            emphasis(&rest[..open], &mut out);
            let code = &after[..close];
            let code = if code.starts_with(' ') && code.ends_with(' ') && code.trim() != "" {
                &code[1..code.len() - 1]
            } else {
                code
            };
            out.push(Span::Code(code.to_owned()));
            rest = &after[close + ticks..];
        }
        emphasis(rest, &mut out);
        out
    }

    /// The byte offset of a run of exactly `marker`'s backticks in `text`.
    fn find_run(text: &str, marker: &str) -> Option<usize> {
        let mut from = 0;
        while let Some(at) = text[from..].find(marker) {
            let at = from + at;
            let end = at + marker.len();
            let longer = text[end..].starts_with('`') || text[..at].ends_with('`');
            if !longer {
                return Some(at);
            }
            from = end + text[end..].chars().take_while(|c| *c == '`').count();
            if from >= text.len() {
                return None;
            }
        }
        None
    }

    fn emphasis(text: &str, out: &mut Vec<Span>) {
        let mut plain = String::new();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(inner) = rest.strip_prefix("**")
                && let Some(close) = inner.find("**")
                && close > 0
            {
                flush(&mut plain, out);
                out.push(Span::Strong(inner[..close].to_owned()));
                rest = &inner[close + 2..];
                continue;
            }
            if let Some(inner) = rest.strip_prefix('*')
                && !inner.starts_with([' ', '*'])
                && let Some(close) = inner.find('*')
                && close > 0
                && !inner[..close].ends_with(' ')
            {
                flush(&mut plain, out);
                out.push(Span::Emphasis(inner[..close].to_owned()));
                rest = &inner[close + 1..];
                continue;
            }
            let mut chars = rest.chars();
            if let Some(c) = chars.next() {
                plain.push(c);
            }
            rest = chars.as_str();
        }
        flush(&mut plain, out);
    }

    fn flush(plain: &mut String, out: &mut Vec<Span>) {
        if !plain.is_empty() {
            out.push(Span::Text(std::mem::take(plain)));
        }
    }
}
