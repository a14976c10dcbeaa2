//! The REPL line under the console: Enter submits the line, ↑ and ↓ walk through the lines
//! submitted before (as in browser devtools).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlInputElement, KeyboardEvent};

use crate::web::page::dom;

/// Lines kept in the history.
const HISTORY: usize = 200;

/// The history and where ↑/↓ are in it.
#[derive(Debug, Default)]
struct History {
    lines: Vec<String>,
    /// The line being shown from the history, or `None` when editing a new one.
    at: Option<usize>,
    /// The new line being edited before ↑ was pressed.
    draft: String,
}

/// The REPL's input line.
pub struct ReplLine {
    input: HtmlInputElement,
}

impl ReplLine {
    /// Wires the input `#repl-input`; `on_submit` receives each non-empty line.
    pub fn mount(on_submit: impl Fn(String) + 'static) -> Result<Self, JsValue> {
        let document = dom::document()?;
        let input: HtmlInputElement = dom::by_id(&document, "repl-input")?;
        let history = Rc::new(RefCell::new(History::default()));
        let field = input.clone();
        dom::listen(&input, "keydown", move |event| {
            let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            let mut history = history.borrow_mut();
            match key.key().as_str() {
                "Enter" => {
                    event.prevent_default();
                    let line = field.value();
                    if line.trim().is_empty() {
                        return;
                    }
                    if history.lines.last() != Some(&line) {
                        history.lines.push(line.clone());
                        if history.lines.len() > HISTORY {
                            history.lines.remove(0);
                        }
                    }
                    history.at = None;
                    history.draft.clear();
                    field.set_value("");
                    drop(history);
                    on_submit(line);
                }
                "ArrowUp" => {
                    event.prevent_default();
                    let at = match history.at {
                        None if history.lines.is_empty() => return,
                        None => {
                            history.draft = field.value();
                            history.lines.len() - 1
                        }
                        Some(at) => at.saturating_sub(1),
                    };
                    history.at = Some(at);
                    field.set_value(&history.lines[at]);
                }
                "ArrowDown" => {
                    let Some(at) = history.at else {
                        return;
                    };
                    event.prevent_default();
                    if at + 1 < history.lines.len() {
                        history.at = Some(at + 1);
                        field.set_value(&history.lines[at + 1]);
                    } else {
                        history.at = None;
                        let draft = std::mem::take(&mut history.draft);
                        field.set_value(&draft);
                    }
                }
                _ => {}
            }
        })?;
        Ok(Self { input })
    }

    /// Enables or disables the line (with a placeholder saying why).
    pub fn set_placeholder(&self, text: &str) {
        self.input.set_placeholder(text);
    }
}
