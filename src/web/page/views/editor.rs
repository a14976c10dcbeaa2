//! The code editor of the main script: a plain `<textarea>` from the moment the page starts, made
//! into CodeMirror (the bundle's `TickscopeEditor`, `www/editor/README.md`) by [`Editor::upgrade`]
//! once the page has time for it.
//!
//! Making CodeMirror costs the page's main thread about 100 ms (running the bundle's modules,
//! building the view, measuring it), which would otherwise sit between the page's start and its
//! first console output. The text area is styled to put the text where CodeMirror puts it, and
//! the upgrade (the bundle's `fromTextArea`) carries over the text, the selection, the focus, the
//! scroll position, read-only and the marks; the page stays on the text area if the bundle is
//! missing or fails.
//!
//! The editor's host says which one it shows: `data-editor="plain"` or `"codemirror"`.

use std::cell::{Cell, RefCell};

use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, HtmlTextAreaElement, KeyboardEvent};

use crate::web::page::dom;

#[wasm_bindgen]
extern "C" {
    /// An editor made by `TickscopeEditor.create`.
    type CodeMirror;

    #[wasm_bindgen(catch, js_namespace = TickscopeEditor, js_name = fromTextArea)]
    fn code_mirror_from(
        area: &HtmlTextAreaElement,
        options: &Object,
    ) -> Result<CodeMirror, JsValue>;

    #[wasm_bindgen(method, js_name = getText)]
    fn get_text(this: &CodeMirror) -> String;
    #[wasm_bindgen(method, js_name = setText)]
    fn set_text(this: &CodeMirror, text: &str);
    #[wasm_bindgen(method, js_name = flushChange)]
    fn flush_change(this: &CodeMirror);
    #[wasm_bindgen(method, js_name = markError)]
    fn mark_error(this: &CodeMirror, line: u32, column: u32, message: &str);
    #[wasm_bindgen(method, js_name = clearError)]
    fn clear_error(this: &CodeMirror);
    #[wasm_bindgen(method, js_name = highlightLine)]
    fn highlight_line(this: &CodeMirror, line: Option<u32>);
    #[wasm_bindgen(method)]
    fn focus(this: &CodeMirror);
    #[wasm_bindgen(method, js_name = setReadOnly)]
    fn set_read_only(this: &CodeMirror, read_only: bool);
}

/// What edits the text: the text area, or CodeMirror.
enum Inner {
    Plain(HtmlTextAreaElement),
    CodeMirror(CodeMirror),
}

/// An error mark: a 1-based line and column and its message.
#[derive(Debug)]
struct ErrorMark {
    line: u32,
    column: u32,
    message: String,
}

/// What the editor shows besides its text, kept so the upgrade can carry it over.
#[derive(Debug, Default)]
struct Marks {
    read_only: bool,
    error: Option<ErrorMark>,
    highlight: Option<u32>,
}

/// The page's editor of the main script.
pub struct Editor {
    host: HtmlElement,
    inner: RefCell<Inner>,
    marks: RefCell<Marks>,
    /// Whether [`Editor::upgrade`] has been called.
    tried: Cell<bool>,
    on_change: Closure<dyn FnMut(String)>,
    on_run: Closure<dyn FnMut()>,
}

impl Editor {
    /// Makes the editor (a text area, until [`Editor::upgrade`]) inside `host` with `text`.
    /// `on_change` gets the text after edits; `on_run` is called for Ctrl/Cmd+Enter; `on_focus`
    /// when the text area takes the focus (the page then upgrades at once: the person wants to
    /// edit).
    pub fn mount(
        host: &HtmlElement,
        text: &str,
        on_change: impl FnMut(String) + 'static,
        on_run: impl FnMut() + 'static,
        on_focus: impl FnMut() + 'static,
    ) -> Result<Self, JsValue> {
        let on_change = Closure::<dyn FnMut(String)>::new(on_change);
        let on_run = Closure::<dyn FnMut()>::new(on_run);
        let area = plain(host, text, &on_change, &on_run)?;
        let mut on_focus = on_focus;
        dom::listen(&area, "focus", move |_| on_focus())?;
        host.set_attribute("data-editor", "plain")?;
        Ok(Self {
            host: host.clone(),
            inner: RefCell::new(Inner::Plain(area)),
            marks: RefCell::default(),
            tried: Cell::new(false),
            on_change,
            on_run,
        })
    }

    /// Whether the editor is as it will stay: CodeMirror, or the text area after an upgrade
    /// failed.
    pub fn is_settled(&self) -> bool {
        self.tried.get()
    }

    /// Replaces the text area with CodeMirror, carrying over what it shows, once. Where the bundle
    /// is missing or fails, that is logged and the text area stays.
    pub fn upgrade(&self) {
        if self.tried.replace(true) {
            return;
        }
        let area = match &*self.inner.borrow() {
            Inner::CodeMirror(_) => return,
            Inner::Plain(area) => area.clone(),
        };
        if !Reflect::has(&js_sys::global(), &JsValue::from_str("TickscopeEditor")).unwrap_or(false)
        {
            web_sys::console::warn_1(&JsValue::from_str(
                "tickscope: the editor bundle is missing; the editor stays a plain text area",
            ));
            return;
        }
        match self.code_mirror_from(&area) {
            Ok(editor) => {
                self.inner.replace(Inner::CodeMirror(editor));
                if let Err(error) = self.host.set_attribute("data-editor", "codemirror") {
                    dom::log_error("editor", &error);
                }
            }
            Err(error) => dom::log_error(
                "the editor failed to start; it stays a plain text area",
                &error,
            ),
        }
    }

    /// CodeMirror in place of `area` (with its text, selection, scroll position and focus), with
    /// the callbacks, read-only and the marks.
    fn code_mirror_from(&self, area: &HtmlTextAreaElement) -> Result<CodeMirror, JsValue> {
        let marks = self.marks.borrow();
        let options = Object::new();
        Reflect::set(&options, &"onChange".into(), self.on_change.as_ref())?;
        Reflect::set(&options, &"onRun".into(), self.on_run.as_ref())?;
        Reflect::set(&options, &"readOnly".into(), &marks.read_only.into())?;
        let editor = code_mirror_from(area, &options)?;
        if let Some(error) = &marks.error {
            editor.mark_error(error.line, error.column, &error.message);
        }
        if let Some(line) = marks.highlight {
            editor.highlight_line(Some(line));
        }
        Ok(editor)
    }

    /// The whole text.
    pub fn text(&self) -> String {
        match &*self.inner.borrow() {
            Inner::CodeMirror(editor) => editor.get_text(),
            Inner::Plain(area) => area.value(),
        }
    }

    /// Calls `on_change` now if an edit is waiting for it (CodeMirror debounces it).
    pub fn flush_change(&self) {
        if let Inner::CodeMirror(editor) = &*self.inner.borrow() {
            editor.flush_change();
        }
    }

    /// Replaces the whole text (clears the error mark and the highlighted line).
    pub fn set_text(&self, text: &str) {
        {
            let mut marks = self.marks.borrow_mut();
            marks.error = None;
            marks.highlight = None;
        }
        match &*self.inner.borrow() {
            Inner::CodeMirror(editor) => editor.set_text(text),
            Inner::Plain(area) => {
                set_plain_text(area, text);
                let _ = area.set_selection_range(0, 0);
            }
        }
    }

    /// Underlines the error at a 1-based line and column, with `message` as its tooltip.
    pub fn mark_error(&self, line: u32, column: u32, message: &str) {
        self.marks.borrow_mut().error = Some(ErrorMark {
            line,
            column,
            message: message.to_owned(),
        });
        // The text area shows no marks: the console shows the error, and CodeMirror the mark.
        if let Inner::CodeMirror(editor) = &*self.inner.borrow() {
            editor.mark_error(line, column, message);
        }
    }

    /// Removes the error mark.
    pub fn clear_error(&self) {
        self.marks.borrow_mut().error = None;
        if let Inner::CodeMirror(editor) = &*self.inner.borrow() {
            editor.clear_error();
        }
    }

    /// Highlights a 1-based line (scrolled into view), or clears the highlight.
    pub fn highlight_line(&self, line: Option<u32>) {
        self.marks.borrow_mut().highlight = line;
        if let Inner::CodeMirror(editor) = &*self.inner.borrow() {
            editor.highlight_line(line);
        }
    }

    /// Makes the text read-only (selection, copying and Ctrl/Cmd+Enter still work), or editable.
    pub fn set_read_only(&self, read_only: bool) {
        self.marks.borrow_mut().read_only = read_only;
        match &*self.inner.borrow() {
            Inner::CodeMirror(editor) => editor.set_read_only(read_only),
            Inner::Plain(area) => area.set_read_only(read_only),
        }
    }

    /// Focuses the editor.
    pub fn focus(&self) {
        let focused = match &*self.inner.borrow() {
            Inner::CodeMirror(editor) => {
                editor.focus();
                Ok(())
            }
            Inner::Plain(area) => area.focus(),
        };
        if let Err(error) = focused {
            dom::log_error("could not focus the editor", &error);
        }
    }
}

/// Puts `text` into the text area, with room on its left for the line numbers CodeMirror will
/// show (`--gutter-digits`, read by `.plain-editor` in `www/style.css`).
fn set_plain_text(area: &HtmlTextAreaElement, text: &str) {
    area.set_value(text);
    let digits = text.split('\n').count().to_string().len().max(2);
    if let Err(error) = area
        .style()
        .set_property("--gutter-digits", &digits.to_string())
    {
        dom::log_error("editor", &error);
    }
}

/// The text area: the same callbacks as CodeMirror's, its text where CodeMirror puts it.
fn plain(
    host: &HtmlElement,
    text: &str,
    on_change: &Closure<dyn FnMut(String)>,
    on_run: &Closure<dyn FnMut()>,
) -> Result<HtmlTextAreaElement, JsValue> {
    let document = dom::document()?;
    let area: HtmlTextAreaElement =
        dom::create(&document, "textarea", "plain-editor")?.dyn_into()?;
    area.set_spellcheck(false);
    set_plain_text(&area, text);
    area.set_attribute("aria-label", "JavaScript source")?;
    area.set_attribute("autocapitalize", "off")?;
    area.set_attribute("autocomplete", "off")?;
    host.append_child(&area)?;
    let change: js_sys::Function = on_change.as_ref().clone().unchecked_into();
    let reader = area.clone();
    dom::listen(&area, "input", move |_| {
        if let Err(error) = change.call1(&JsValue::NULL, &reader.value().into()) {
            dom::log_error("saving the text failed", &error);
        }
    })?;
    let run: js_sys::Function = on_run.as_ref().clone().unchecked_into();
    dom::listen(&area, "keydown", move |event| {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        if key.key() == "Enter" && (key.ctrl_key() || key.meta_key()) {
            event.prevent_default();
            if let Err(error) = run.call0(&JsValue::NULL) {
                dom::log_error("running failed", &error);
            }
        }
    })?;
    Ok(area)
}
