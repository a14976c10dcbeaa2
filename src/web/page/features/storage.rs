//! Autosave: the editor's text, the files and the toolbar's choices, kept in the page's
//! `localStorage` and restored on reload. Storage may be missing, full or refused (private
//! modes); the page then works without it.

use wasm_bindgen::prelude::*;
use web_sys::Storage;

use crate::web::page::app::{App, Saved};
use crate::web::page::dom;

/// The `localStorage` key (versioned: a new layout gets a new key).
pub const KEY: &str = "tickscope.playground.v1";

fn storage() -> Option<Storage> {
    dom::window().ok()?.local_storage().ok().flatten()
}

/// What was saved, or the defaults when nothing (readable) was.
pub fn load() -> Saved {
    let Some(storage) = storage() else {
        return Saved::default();
    };
    match storage.get_item(KEY) {
        Ok(Some(text)) => serde_json::from_str(&text).unwrap_or_else(|error| {
            web_sys::console::warn_1(&JsValue::from_str(&format!(
                "tickscope: ignoring unreadable saved state: {error}"
            )));
            Saved::default()
        }),
        _ => Saved::default(),
    }
}

/// Saves what `app` shows whenever it changes. Not in embed mode: an embed never touches the
/// playground's autosave.
pub fn install(app: &App) {
    if !app.is_embedded() {
        app.on_save(save);
    }
}

/// Saves `saved`; failures (storage full or refused) are logged once per call and ignored.
fn save(saved: &Saved) {
    let Some(storage) = storage() else {
        return;
    };
    match serde_json::to_string(saved) {
        Ok(text) => {
            if let Err(error) = storage.set_item(KEY, &text) {
                dom::log_error("could not save the playground locally", &error);
            }
        }
        Err(error) => web_sys::console::warn_1(&JsValue::from_str(&format!(
            "tickscope: could not encode the saved state: {error}"
        ))),
    }
}
