//! What the step cursor's step means, in words: the sentence that says what happens, why now and
//! what it queues, and the chain of causes of what runs there, each link a button that moves
//! the cursor to the step that queued it. Both are made by [`crate::timeline::narrate`]; this
//! view only shows them.
//!
//! # DOM contract (styled by `www/timeline.css`)
//! `data-testid="narration"` holds the sentence; `data-testid="cause-chain"` is a list with one
//! `data-testid="cause"` button per link, its `data-step` the step it moves to, the first link
//! being what runs at the cursor.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlElement};

use crate::timeline::narrate::Link;
use crate::web::page::dom;

/// The sentence and the chain of causes at the step cursor.
pub struct StepStory {
    narration: HtmlElement,
    chain: HtmlElement,
    _on_click: Closure<dyn FnMut(Event)>,
}

impl StepStory {
    /// Builds the view inside `container`; `on_seek` gets the step of a chosen link.
    pub fn mount(container: &HtmlElement, on_seek: Box<dyn Fn(usize)>) -> Result<Self, JsValue> {
        let document = dom::document()?;
        let narration = dom::create(&document, "p", "story-narration")?;
        narration.set_attribute("data-testid", "narration")?;
        narration.set_attribute("aria-live", "polite")?;
        let chain = dom::create(&document, "ol", "story-chain")?;
        chain.set_attribute("data-testid", "cause-chain")?;
        chain.set_attribute(
            "aria-label",
            "Why it runs: what queued it, and what queued that",
        )?;
        container.append_child(&narration)?;
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
            chain,
            _on_click: on_click,
        };
        view.clear();
        Ok(view)
    }

    /// Shows `sentence` and the chain `links` (what runs at the step first).
    pub fn show(&self, sentence: Option<&str>, links: &[Link]) {
        if let Err(error) = self.render(sentence, links) {
            dom::log_error("step story: drawing failed", &error);
        }
    }

    /// Shows the hint for a page with no run.
    pub fn clear(&self) {
        self.show(None, &[]);
    }

    fn render(&self, sentence: Option<&str>, links: &[Link]) -> Result<(), JsValue> {
        let document = dom::document()?;
        self.narration.set_text_content(Some(
            sentence.unwrap_or(
                "Run a snippet, then step through it (← →): each step is explained here.",
            ),
        ));
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
