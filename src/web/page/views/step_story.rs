//! What the step cursor's step means, in words: the sentence that says what happens, why now and
//! what it queues, and the chain of causes of what runs there, each link a button that moves
//! the cursor to the step that queued it. Both are made by [`crate::timeline::narrate`]; this
//! view only shows them. Under the sentence come the notes an author pinned to the step
//! ([`crate::timeline::notes`]), and, where the page lets the reader write notes, a button to
//! write or change the step's own.
//!
//! # DOM contract (styled by `www/timeline.css`)
//! `data-testid="narration"` holds the sentence; `data-testid="step-note"` the step's notes
//! (hidden when it has none), one `<p>` each; `data-testid="cause-chain"` is a list with one
//! `data-testid="cause"` button per link, its `data-step` the step it moves to, the first link
//! being what runs at the cursor. `data-testid="note-edit"` opens `data-testid="note-input"`,
//! where Enter keeps the note (an empty one removes it) and Escape drops the change.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, KeyboardEvent};

use crate::timeline::narrate::Link;
use crate::timeline::notes::MAX_NOTE_CHARS;
use crate::web::page::dom;

/// What the view tells the page.
pub struct StoryActions {
    /// The reader chose a link of the chain: the step it goes to.
    pub seek: Box<dyn Fn(usize)>,
    /// The reader kept a note for a step (empty: removed it); `None` where notes are read-only.
    pub pin: Option<Box<dyn Fn(usize, String)>>,
}

/// The sentence, the notes and the chain of causes at the step cursor.
pub struct StepStory {
    narration: HtmlElement,
    note: HtmlElement,
    chain: HtmlElement,
    edit: Option<NoteEditor>,
    _on_click: Closure<dyn FnMut(Event)>,
}

/// The button and the field for the reader's own note at the cursor's step.
struct NoteEditor {
    button: HtmlElement,
    input: HtmlInputElement,
    /// The step the field writes to, while it is open or could be opened.
    step: Rc<Cell<Option<usize>>>,
}

impl StepStory {
    /// Builds the view inside `container`.
    pub fn mount(container: &HtmlElement, actions: StoryActions) -> Result<Self, JsValue> {
        let StoryActions { seek: on_seek, pin } = actions;
        let document = dom::document()?;
        let narration = dom::create(&document, "p", "story-narration")?;
        narration.set_attribute("data-testid", "narration")?;
        narration.set_attribute("aria-live", "polite")?;
        let note = dom::create(&document, "div", "story-note")?;
        note.set_attribute("data-testid", "step-note")?;
        note.set_attribute("aria-label", "Notes on this step")?;
        let chain = dom::create(&document, "ol", "story-chain")?;
        chain.set_attribute("data-testid", "cause-chain")?;
        chain.set_attribute(
            "aria-label",
            "Why it runs: what queued it, and what queued that",
        )?;
        container.append_child(&narration)?;
        container.append_child(&note)?;
        let edit = match pin {
            Some(pin) => Some(NoteEditor::mount(container, pin)?),
            None => None,
        };
        container.append_child(&chain)?;
        let on_click = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            let step = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .and_then(|target| target.closest("[data-step]").ok().flatten())
                .and_then(|link| link.get_attribute("data-step"))
                .and_then(|step| step.parse::<usize>().ok());
            if let Some(step) = step {
                on_seek(step);
            }
        });
        chain.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
        let view = Self {
            narration,
            note,
            chain,
            edit,
            _on_click: on_click,
        };
        view.clear();
        Ok(view)
    }

    /// Shows `sentence`, the `notes` pinned to the step and the chain `links` (what runs at
    /// the step first). `step`: the cursor's step, which the reader may write a note for.
    pub fn show(
        &self,
        sentence: Option<&str>,
        notes: &[String],
        links: &[Link],
        step: Option<usize>,
    ) {
        if let Err(error) = self.render(sentence, notes, links, step) {
            dom::log_error("step story: drawing failed", &error);
        }
    }

    /// Shows the hint for a page with no run.
    pub fn clear(&self) {
        self.show(None, &[], &[], None);
    }

    fn render(
        &self,
        sentence: Option<&str>,
        notes: &[String],
        links: &[Link],
        step: Option<usize>,
    ) -> Result<(), JsValue> {
        let document = dom::document()?;
        self.narration.set_text_content(Some(
            sentence.unwrap_or(
                "Run a snippet, then step through it (← →): each step is explained here.",
            ),
        ));
        self.note.set_text_content(None);
        self.note.set_hidden(notes.is_empty());
        for text in notes {
            let paragraph = dom::create(&document, "p", "story-note-text")?;
            paragraph.set_text_content(Some(text));
            self.note.append_child(&paragraph)?;
        }
        if let Some(edit) = &self.edit {
            edit.show(step, notes)?;
        }
        self.chain.set_text_content(None);
        self.chain.set_hidden(links.len() < 2);
        for (position, link) in links.iter().enumerate() {
            let item = dom::create(&document, "li", "story-link")?;
            let button = dom::create(&document, "button", "story-cause")?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-testid", "cause")?;
            button.set_attribute("data-step", &link.step.to_string())?;
            let verb = if position == 0 {
                "runs"
            } else {
                "← queued by"
            };
            button.set_attribute("title", &format!("Go to step {}", link.step))?;
            let label = dom::create(&document, "span", "story-verb")?;
            label.set_text_content(Some(verb));
            let text = dom::create(&document, "span", "story-text")?;
            text.set_text_content(Some(&link.text));
            button.append_child(&label)?;
            button.append_child(&text)?;
            item.append_child(&button)?;
            self.chain.append_child(&item)?;
        }
        Ok(())
    }
}

impl NoteEditor {
    fn mount(container: &HtmlElement, pin: Box<dyn Fn(usize, String)>) -> Result<Self, JsValue> {
        let document = dom::document()?;
        let button = dom::create(&document, "button", "story-note-edit")?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-testid", "note-edit")?;
        let input: HtmlInputElement = document.create_element("input")?.dyn_into()?;
        input.set_class_name("story-note-input");
        input.set_attribute("data-testid", "note-input")?;
        input.set_attribute(
            "aria-label",
            "Your note on this step (Enter keeps it, Escape drops it)",
        )?;
        input.set_attribute(
            "placeholder",
            "A note on this step; Enter keeps it, Escape drops it",
        )?;
        input.set_max_length(MAX_NOTE_CHARS as i32);
        input.set_hidden(true);
        container.append_child(&button)?;
        container.append_child(&input)?;
        let step = Rc::new(Cell::new(None));

        let opened = input.clone();
        let from = button.clone();
        dom::listen(&button, "click", move |_| {
            from.set_hidden(true);
            opened.set_hidden(false);
            let _ = opened.focus();
            opened.select();
        })?;
        let typed = input.clone();
        let to = Rc::clone(&step);
        let closed = button.clone();
        dom::listen(&input, "keydown", move |event| {
            let Some(key) = event.dyn_ref::<KeyboardEvent>().map(KeyboardEvent::key) else {
                return;
            };
            // The page's own keys (← → step) must not act while the reader types.
            event.stop_propagation();
            match key.as_str() {
                "Enter" => {
                    event.prevent_default();
                    typed.set_hidden(true);
                    closed.set_hidden(false);
                    if let Some(step) = to.get() {
                        pin(step, typed.value());
                    }
                }
                "Escape" => {
                    typed.set_hidden(true);
                    closed.set_hidden(false);
                }
                _ => {}
            }
        })?;
        Ok(Self {
            button,
            input,
            step,
        })
    }

    /// Offers a note for `step` (none: no step, nothing to write), filled with its `notes`.
    fn show(&self, step: Option<usize>, notes: &[String]) -> Result<(), JsValue> {
        self.step.set(step);
        self.input.set_hidden(true);
        self.input.set_value(&notes.join(" "));
        self.button.set_hidden(step.is_none());
        self.button.set_text_content(Some(if notes.is_empty() {
            "Add a note to this step"
        } else {
            "Change the note"
        }));
        if let Some(step) = step {
            self.button.set_attribute(
                "title",
                &format!("Write a note for step {step}; a share link carries it"),
            )?;
        }
        Ok(())
    }
}
