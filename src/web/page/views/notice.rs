//! The page's notice bar (`data-testid="notice"`): messages for the user that are not a run's
//! output, such as a share link that did not open or an embed option that was ignored.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlElement};

use crate::web::page::dom;

/// Shows `text` in the page's notice bar (`data-testid="notice"`, made on first use), below
/// the earlier notices. Text only: `textContent`, never HTML.
pub fn show_notice(text: &str) {
    let result = (|| -> Result<(), JsValue> {
        let document = dom::document()?;
        let notice: HtmlElement = match document.query_selector("[data-testid=\"notice\"]")? {
            Some(notice) => notice.dyn_into()?,
            None => make_notice(&document)?,
        };
        let messages = notice
            .query_selector(".notice-messages")?
            .ok_or("the notice has no message list")?;
        let line = dom::create(&document, "p", "notice-text")?;
        line.set_text_content(Some(text));
        messages.append_child(&line)?;
        notice.set_hidden(false);
        Ok(())
    })();
    if let Err(error) = result {
        dom::log_error("could not show a notice", &error);
        web_sys::console::warn_1(&JsValue::from_str(text));
    }
}

fn make_notice(document: &Document) -> Result<HtmlElement, JsValue> {
    let notice = dom::create(document, "div", "notice")?;
    notice.set_attribute("data-testid", "notice")?;
    notice.set_attribute("role", "alert")?;
    let messages = dom::create(document, "div", "notice-messages")?;
    let close = dom::create(document, "button", "notice-close small")?;
    close.set_attribute("type", "button")?;
    close.set_attribute("data-testid", "notice-close")?;
    close.set_attribute("aria-label", "Dismiss the notice")?;
    close.set_text_content(Some("Dismiss"));
    notice.append_child(&messages)?;
    notice.append_child(&close)?;
    let target = notice.clone();
    let list = messages.clone();
    dom::listen(&close, "click", move |_| {
        list.set_text_content(None);
        target.set_hidden(true);
    })?;
    let body = document.body().ok_or("the page has no body")?;
    let after_bar = document
        .query_selector(".bar")?
        .and_then(|bar| bar.next_sibling());
    body.insert_before(&notice, after_bar.as_ref())?;
    Ok(notice)
}
