//! The code editor: bindings to the CodeMirror bundle's `TickscopeEditor` (`www/editor/README.md`),
//! with a plain `<textarea>` standing in when the bundle did not load, so the page stays usable.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, HtmlTextAreaElement};

use super::dom;

#[wasm_bindgen]
extern "C" {
    /// An editor made by `TickscopeEditor.create`.
    type CodeMirror;

    #[wasm_bindgen(catch, js_namespace = TickscopeEditor, js_name = create)]
    fn create_code_mirror(parent: &HtmlElement, options: &Object) -> Result<CodeMirror, JsValue>;

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

/// What edits the text: CodeMirror, or the fallback text area.
enum Inner {
    CodeMirror(CodeMirror),
    Plain(HtmlTextAreaElement),
}

/// The page's editor of the main script.
pub struct Editor {
    inner: Inner,
}

impl Editor {
    /// Makes the editor inside `parent` with `text`. `on_change` gets the text after edits
    /// (debounced by the bundle); `on_run` is called for Ctrl/Cmd+Enter.
    pub fn mount(
        parent: &HtmlElement,
        text: &str,
        on_change: impl FnMut(String) + 'static,
        on_run: impl FnMut() + 'static,
    ) -> Result<Self, JsValue> {
        let on_change = Closure::<dyn FnMut(String)>::new(on_change);
        let on_run = Closure::<dyn FnMut()>::new(on_run);
        let has_bundle =
            Reflect::has(&js_sys::global(), &JsValue::from_str("TickscopeEditor")).unwrap_or(false);
        let inner = if has_bundle {
            let options = Object::new();
            Reflect::set(&options, &"doc".into(), &text.into())?;
            Reflect::set(&options, &"onChange".into(), on_change.as_ref())?;
            Reflect::set(&options, &"onRun".into(), on_run.as_ref())?;
            match create_code_mirror(parent, &options) {
                Ok(editor) => Some(Inner::CodeMirror(editor)),
                Err(error) => {
                    dom::log_error(
                        "the editor failed to start; using a plain text area",
                        &error,
                    );
                    None
                }
            }
        } else {
            web_sys::console::warn_1(&JsValue::from_str(
                "tickscope: the editor bundle is missing; using a plain text area",
            ));
            None
        };
        let inner = match inner {
            Some(inner) => inner,
            None => Inner::Plain(plain(parent, text, &on_change, &on_run)?),
        };
        // One editor per page, alive as long as the page.
        on_change.forget();
        on_run.forget();
        Ok(Self { inner })
    }

    /// The whole text.
    pub fn text(&self) -> String {
        match &self.inner {
            Inner::CodeMirror(editor) => editor.get_text(),
            Inner::Plain(area) => area.value(),
        }
    }

    /// Calls `on_change` now if an edit is waiting for it (the bundle debounces it).
    pub fn flush_change(&self) {
        if let Inner::CodeMirror(editor) = &self.inner {
            editor.flush_change();
        }
    }

    /// Replaces the whole text (clears the error mark and the highlighted line).
    pub fn set_text(&self, text: &str) {
        match &self.inner {
            Inner::CodeMirror(editor) => editor.set_text(text),
            Inner::Plain(area) => area.set_value(text),
        }
    }

    /// Underlines the error at a 1-based line and column, with `message` as its tooltip.
    pub fn mark_error(&self, line: u32, column: u32, message: &str) {
        match &self.inner {
            Inner::CodeMirror(editor) => editor.mark_error(line, column, message),
            Inner::Plain(area) => area.set_title(&format!("{line}:{column}: {message}")),
        }
    }

    /// Removes the error mark.
    pub fn clear_error(&self) {
        match &self.inner {
            Inner::CodeMirror(editor) => editor.clear_error(),
            Inner::Plain(area) => area.set_title(""),
        }
    }

    /// Highlights a 1-based line (scrolled into view), or clears the highlight.
    pub fn highlight_line(&self, line: Option<u32>) {
        if let Inner::CodeMirror(editor) = &self.inner {
            editor.highlight_line(line);
        }
    }

    /// Makes the text read-only (selection, copying and Ctrl/Cmd+Enter still work), or editable.
    pub fn set_read_only(&self, read_only: bool) {
        match &self.inner {
            Inner::CodeMirror(editor) => editor.set_read_only(read_only),
            Inner::Plain(area) => area.set_read_only(read_only),
        }
    }

    /// Focuses the editor.
    pub fn focus(&self) {
        let focused = match &self.inner {
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

/// The fallback editor: a text area calling the same callbacks.
fn plain(
    parent: &HtmlElement,
    text: &str,
    on_change: &Closure<dyn FnMut(String)>,
    on_run: &Closure<dyn FnMut()>,
) -> Result<HtmlTextAreaElement, JsValue> {
    let document = dom::document()?;
    let area: HtmlTextAreaElement =
        dom::create(&document, "textarea", "plain-editor")?.dyn_into()?;
    area.set_spellcheck(false);
    area.set_value(text);
    area.set_attribute("aria-label", "main.js")?;
    parent.append_child(&area)?;
    let change: js_sys::Function = on_change.as_ref().clone().unchecked_into();
    let reader = area.clone();
    dom::listen(&area, "input", move |_| {
        if let Err(error) = change.call1(&JsValue::NULL, &reader.value().into()) {
            dom::log_error("saving the text failed", &error);
        }
    })?;
    let run: js_sys::Function = on_run.as_ref().clone().unchecked_into();
    dom::listen(&area, "keydown", move |event| {
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
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
