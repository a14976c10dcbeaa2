//! Autosave: the editor's text, the files and the toolbar's choices, kept in the page's
//! `localStorage` and restored on reload. Storage may be missing, full or refused (private
//! modes); the page then works without it.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use web_sys::Storage;

use crate::ClockKind;
use crate::protocol::FileEntry;
use crate::web::page::dom;

/// The `localStorage` key (versioned: a new layout gets a new key).
pub const KEY: &str = "tickscope.playground.v1";

/// What the page keeps between visits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The main script.
    #[serde(default)]
    pub code: Option<String>,
    /// The playground's files.
    #[serde(default)]
    pub files: Vec<FileEntry>,
    /// The clock chosen.
    #[serde(default)]
    pub clock: Option<ClockKind>,
    /// Whether "start paused" is ticked.
    #[serde(default)]
    pub start_paused: bool,
    /// The Options menu's seed for `Math.random`.
    #[serde(default)]
    pub seed: Option<u64>,
    /// The Options menu's start time, ms since the Unix epoch.
    #[serde(default)]
    pub start_time: Option<f64>,
}

fn storage() -> Option<Storage> {
    dom::window().ok()?.local_storage().ok().flatten()
}

/// What was saved, or the defaults when nothing (readable) was.
pub fn load() -> Saved {
    // A share link in the URL, or embed mode, decides instead of the autosave.
    if let Some(saved) = super::share::initial_state() {
        return saved;
    }
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

/// Saves `saved`; failures (storage full or refused) are logged once per call and ignored.
pub fn save(saved: &Saved) {
    // An embed never touches the playground's autosave.
    if super::embed::active() {
        return;
    }
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
