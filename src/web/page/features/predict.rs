//! Predict, then check: with "predict first" on (the toolbar's `predict-toggle`, or an embed's
//! `predict` option), a run's console stays hidden when it settles; the reader puts the lines it
//! printed, shown shuffled, in the order they expect (dragging them, or with each line's ↑ and ↓
//! buttons), then presses Check. Each line then says whether it is in its place, and the first
//! one that is not links to the step that printed the line that belongs there, where the step's
//! sentence says why.
//!
//! # DOM contract
//! `data-testid="predict"` holds the area (hidden when not predicting); one `predict-line` per
//! line, in the reader's order, with `predict-up` / `predict-down` buttons and, after Check,
//! `data-verdict` `right` or `wrong`; `predict-check` checks; `predict-explain` (with
//! `data-step`) moves the step cursor to the first wrong place's step. While the reader
//! predicts, the body has `data-predicting` and the console, the timeline and the step panel are
//! hidden.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DragEvent, Element, HtmlElement, HtmlInputElement};

use crate::web::page::app::App;
use crate::web::page::dom;

/// The fewest lines worth predicting.
const MIN_LINES: usize = 2;

/// The prediction under way.
struct Prediction {
    /// The lines in the order they were printed, with the step that printed each.
    printed: Vec<(String, usize)>,
    /// The reader's order: indices into `printed`.
    order: Vec<usize>,
    /// Whether Check was pressed.
    checked: bool,
}

struct Predict {
    app: Weak<App>,
    area: HtmlElement,
    toggle: HtmlInputElement,
    body: HtmlElement,
    prediction: RefCell<Option<Prediction>>,
    /// The line being dragged, by its place in the reader's order.
    dragging: RefCell<Option<usize>>,
}

/// Ticks or clears "predict first" (a lesson's or a link's choice), as the reader would; a
/// prediction under way ends when it is cleared.
pub fn set_on(on: bool) {
    let Some(toggle) = toggle() else {
        return;
    };
    if toggle.checked() != on {
        toggle.set_checked(on);
        // The change listener ends a prediction under way, as a click would.
        if let Ok(event) = web_sys::Event::new("change") {
            let _ = toggle.dispatch_event(&event);
        }
    }
}

/// Whether "predict first" is ticked.
pub fn is_on() -> bool {
    toggle().is_some_and(|toggle| toggle.checked())
}

/// The toolbar's "predict first" box, if the page has one.
fn toggle() -> Option<HtmlInputElement> {
    dom::document()
        .ok()
        .and_then(|document| dom::by_id(&document, "predict-toggle").ok())
}

/// Installs predict mode; `on` ticks "predict first" (an embed's `predict` option).
pub fn install(app: &Rc<App>, on: bool) -> Result<(), JsValue> {
    let document = dom::document()?;
    let toggle: HtmlInputElement = dom::by_id(&document, "predict-toggle")?;
    if on {
        toggle.set_checked(true);
    }
    let predict = Rc::new(Predict {
        app: Rc::downgrade(app),
        area: dom::by_id(&document, "predict")?,
        toggle,
        body: document.body().ok_or("the page has no body")?,
        prediction: RefCell::new(None),
        dragging: RefCell::new(None),
    });
    let settled = Rc::downgrade(&predict);
    app.on_settle(move |state| {
        if let Some(predict) = settled.upgrade() {
            predict.settled(state);
        }
    });
    predict.wire()?;
    // Predict mode lives as long as the page (the listeners hold it weakly).
    std::mem::forget(predict);
    Ok(())
}

impl Predict {
    fn wire(self: &Rc<Self>) -> Result<(), JsValue> {
        let clicked = Rc::downgrade(self);
        dom::listen(&self.area, "click", move |event| {
            let Some(predict) = clicked.upgrade() else {
                return;
            };
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            let Ok(Some(button)) = target.closest("button") else {
                return;
            };
            let place = place_of(&button);
            match button.get_attribute("data-testid").as_deref() {
                Some("predict-up") => predict.swap(place, -1),
                Some("predict-down") => predict.swap(place, 1),
                Some("predict-check") => predict.check(),
                Some("predict-explain") => {
                    let step = button
                        .get_attribute("data-step")
                        .and_then(|step| step.parse::<usize>().ok());
                    if let (Some(step), Some(app)) = (step, predict.app.upgrade()) {
                        app.seek(Some(step));
                    }
                }
                _ => {}
            }
        })?;
        let started = Rc::downgrade(self);
        dom::listen(&self.area, "dragstart", move |event| {
            if let Some(predict) = started.upgrade() {
                let place = event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|el| place_of(&el));
                predict.dragging.replace(place);
            }
        })?;
        dom::listen(&self.area, "dragover", |event| event.prevent_default())?;
        let dropped = Rc::downgrade(self);
        dom::listen(&self.area, "drop", move |event| {
            event.prevent_default();
            let Some(predict) = dropped.upgrade() else {
                return;
            };
            let to = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| place_of(&el));
            let from = predict.dragging.take();
            if let (Some(from), Some(to)) = (from, to) {
                predict.move_line(from, to);
            }
            if let Some(drag) = event.dyn_ref::<DragEvent>()
                && let Some(data) = drag.data_transfer()
            {
                let _ = data.clear_data();
            }
        })?;
        let toggled = Rc::downgrade(self);
        dom::listen(&self.toggle, "change", move |_| {
            if let Some(predict) = toggled.upgrade()
                && !predict.toggle.checked()
            {
                predict.finish();
            }
        })?;
        Ok(())
    }

    /// A run settled: with "predict first" on and enough lines, hide the console and ask.
    fn settled(&self, state: &str) {
        self.finish();
        if !self.toggle.checked() || !matches!(state, "idle" | "paused") {
            return;
        }
        let Some(app) = self.app.upgrade() else {
            return;
        };
        let printed = app.printed();
        if printed.len() < MIN_LINES {
            return;
        }
        let order = shuffled(printed.len());
        self.prediction.replace(Some(Prediction {
            printed,
            order,
            checked: false,
        }));
        self.draw();
    }

    /// Ends predicting: the console shows again.
    fn finish(&self) {
        self.prediction.replace(None);
        self.area.set_hidden(true);
        self.area.set_text_content(None);
        let _ = self.body.remove_attribute("data-predicting");
    }

    fn swap(&self, place: Option<usize>, by: isize) {
        let Some(place) = place else {
            return;
        };
        let Some(other) = place.checked_add_signed(by) else {
            return;
        };
        self.move_line(place, other);
    }

    /// Moves the line at `from` to place `to` in the reader's order.
    fn move_line(&self, from: usize, to: usize) {
        {
            let mut prediction = self.prediction.borrow_mut();
            let Some(prediction) = prediction.as_mut().filter(|p| !p.checked) else {
                return;
            };
            if from >= prediction.order.len() || to >= prediction.order.len() || from == to {
                return;
            }
            let line = prediction.order.remove(from);
            prediction.order.insert(to, line);
        }
        self.draw();
    }

    fn check(&self) {
        if let Some(prediction) = self.prediction.borrow_mut().as_mut() {
            prediction.checked = true;
        }
        let _ = self.body.remove_attribute("data-predicting");
        self.draw();
    }

    fn draw(&self) {
        if let Err(error) = self.render() {
            dom::log_error("predict: drawing failed", &error);
        }
    }

    fn render(&self) -> Result<(), JsValue> {
        let prediction = self.prediction.borrow();
        let Some(prediction) = prediction.as_ref() else {
            return Ok(());
        };
        let document = dom::document()?;
        self.area.set_text_content(None);
        self.area.set_hidden(false);
        if !prediction.checked {
            self.body.set_attribute("data-predicting", "")?;
        }
        let heading = dom::create(&document, "p", "predict-heading")?;
        heading.set_text_content(Some(if prediction.checked {
            "Your order, checked against the run:"
        } else {
            "Predict: put the lines in the order the snippet prints them (drag them, or use ↑ ↓), then Check."
        }));
        self.area.append_child(&heading)?;
        let list = dom::create(&document, "ol", "predict-lines")?;
        for (place, &line) in prediction.order.iter().enumerate() {
            let item = dom::create(&document, "li", "predict-line")?;
            item.set_attribute("data-testid", "predict-line")?;
            item.set_attribute("data-place", &place.to_string())?;
            let text = dom::create(&document, "span", "predict-text")?;
            text.set_text_content(Some(&prediction.printed[line].0));
            item.append_child(&text)?;
            if prediction.checked {
                let right = prediction.printed[place].0 == prediction.printed[line].0;
                item.set_attribute("data-verdict", if right { "right" } else { "wrong" })?;
                let mark = dom::create(&document, "span", "predict-mark")?;
                mark.set_text_content(Some(if right { "✓" } else { "✗" }));
                item.append_child(&mark)?;
            } else {
                item.set_attribute("draggable", "true")?;
                for (testid, label, title) in [
                    ("predict-up", "↑", "Move up"),
                    ("predict-down", "↓", "Move down"),
                ] {
                    let button = dom::create(&document, "button", "small predict-move")?;
                    button.set_attribute("type", "button")?;
                    button.set_attribute("data-testid", testid)?;
                    button.set_attribute("aria-label", title)?;
                    button.set_title(title);
                    button.set_text_content(Some(label));
                    item.append_child(&button)?;
                }
            }
            list.append_child(&item)?;
        }
        self.area.append_child(&list)?;
        if prediction.checked {
            let first_wrong = (0..prediction.order.len()).find(|&place| {
                prediction.printed[place].0 != prediction.printed[prediction.order[place]].0
            });
            let verdict = dom::create(&document, "p", "predict-verdict")?;
            match first_wrong {
                None => verdict.set_text_content(Some("All in order.")),
                Some(place) => {
                    let (text, step) = &prediction.printed[place];
                    verdict.set_text_content(Some(&format!("Line {} is “{text}”. ", place + 1)));
                    let why = dom::create(&document, "button", "small predict-why")?;
                    why.set_attribute("type", "button")?;
                    why.set_attribute("data-testid", "predict-explain")?;
                    why.set_attribute("data-step", &step.to_string())?;
                    why.set_text_content(Some(&format!("Why? Go to step {step}")));
                    verdict.append_child(&why)?;
                }
            }
            self.area.append_child(&verdict)?;
        } else {
            let check = dom::create(&document, "button", "predict-check")?;
            check.set_attribute("type", "button")?;
            check.set_attribute("data-testid", "predict-check")?;
            check.set_text_content(Some("Check"));
            self.area.append_child(&check)?;
        }
        Ok(())
    }
}

/// The place (`data-place`) of the line `el` is in, if any.
fn place_of(el: &Element) -> Option<usize> {
    el.closest("[data-place]")
        .ok()
        .flatten()
        .and_then(|line| line.get_attribute("data-place"))
        .and_then(|place| place.parse().ok())
}

/// `0..n` in an order that is never the identity for `n >= 2` and the same every time, so the
/// reader must think and a test can reproduce it: every other index from the end, then the rest.
fn shuffled(n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).rev().step_by(2).collect();
    order.extend((0..n).rev().skip(1).step_by(2));
    order
}

#[cfg(test)]
mod tests {
    use super::shuffled;

    #[test]
    fn the_shuffle_is_a_permutation_and_never_the_printed_order() {
        for n in 2..40 {
            let mut order = shuffled(n);
            assert_ne!(order, (0..n).collect::<Vec<_>>(), "n = {n}");
            order.sort_unstable();
            assert_eq!(order, (0..n).collect::<Vec<_>>(), "n = {n}");
        }
    }
}
