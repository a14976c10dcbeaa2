//! The editor pane's tabs: `main.js` (the editor) and `Files` (the files panel). Tabs are
//! `[role=tab]` buttons with `aria-controls` naming the panel they show.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement};

use crate::web::page::dom;

/// Makes the tabs in `#pane-tabs` switch between their panels.
pub fn wire_tabs(document: &Document) -> Result<(), JsValue> {
    let bar: HtmlElement = dom::by_id(document, "pane-tabs")?;
    let tabs = bar.clone();
    let doc = document.clone();
    dom::listen(&bar, "click", move |event| {
        let tab = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|el| el.closest("[role=tab]").ok().flatten());
        if let Some(tab) = tab
            && let Err(error) = select(&doc, &tabs, &tab)
        {
            dom::log_error("switching tabs failed", &error);
        }
    })
}

/// Shows `chosen`'s panel and hides the others of the tab bar.
fn select(document: &Document, bar: &HtmlElement, chosen: &Element) -> Result<(), JsValue> {
    let tabs = bar.query_selector_all("[role=tab]")?;
    for i in 0..tabs.length() {
        let Some(tab) = tabs
            .item(i)
            .and_then(|node| node.dyn_into::<Element>().ok())
        else {
            continue;
        };
        let on = tab == *chosen;
        tab.set_attribute("aria-selected", if on { "true" } else { "false" })?;
        if let Some(panel) = tab
            .get_attribute("aria-controls")
            .and_then(|id| document.get_element_by_id(&id))
        {
            dom::set_flag(&panel, "hidden", !on)?;
        }
    }
    Ok(())
}
