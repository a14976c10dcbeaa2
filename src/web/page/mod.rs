//! The playground page, on the browser's main thread: the editor, the toolbar, the console with
//! its REPL line, the files, the timeline and the step-through queues view.
//!
//! The page runs no JavaScript engine (and links no Boa): the engine lives in a Web Worker
//! ([`crate::web::worker`]) that the page talks to with [`crate::protocol`] messages and terminates
//! to stop a run. `www/index.html` holds the page's skeleton; [`start`] (run by the
//! `tickscope-page` binary) finds its elements, mounts the views and starts the worker.
//!
//! The folders say what may depend on what: the views and the worker link know nothing of the
//! app; the app owns the page's state and wires views and worker together; the features are
//! installed on top of the app, which never calls them.
//!
//! | module | what it holds |
//! |---|---|
//! | [`app`] | the page's state and wiring: runs, the worker's messages, the step-through |
//! | [`views`] | the toolbar, editor, files, console, REPL line, timeline and queues view |
//! | [`worker_link`] | the worker: starting, messaging and replacing it, reading its messages |
//! | [`features`] | `window.tickscope`, autosave, lessons, share links, embed mode and predict mode |
//! | [`frames`] / [`dom`] | redraws once per animation frame / DOM helpers |
//!
//! The page's contract for tests and embedders (test ids, `window.tickscope`) is documented in
//! `docs/page-contract.md`.

pub mod app;
pub mod dom;
pub mod features;
pub mod frames;
pub mod views;
pub mod worker_link;

use std::rc::Rc;

use wasm_bindgen::prelude::*;

/// Starts the page: called once by the `tickscope-page` binary when its module loads.
///
/// A failure to build the page (a missing element in `index.html`, say) is logged and shown in
/// the status line; nothing panics.
pub fn start() {
    console_error_panic_hook::set_once();
    features::embed::prepare();
    let embedded = features::embed::active();
    // A share link in the URL decides what the page opens with; otherwise the autosave does,
    // except in an embed, which never shows the playground's autosave.
    let saved = features::share::initial_state()
        .or_else(|| (!embedded).then(features::storage::load))
        .unwrap_or_default();
    match app::App::start(saved, embedded) {
        Ok(app) => {
            features::storage::install(&app);
            if let Err(error) = features::api::install(Rc::downgrade(&app)) {
                dom::log_error("could not install window.tickscope", &error);
            }
            if let Err(error) = features::lessons::mount(&app) {
                dom::log_error("could not show the lessons", &error);
            }
            if let Err(error) = features::share::install(&app) {
                dom::log_error("could not set up share links", &error);
            }
            if let Err(error) = features::embed::install(&app) {
                dom::log_error("could not set up embed mode", &error);
            }
            let predict = features::embed::options().is_some_and(|options| options.predict);
            if let Err(error) = features::predict::install(&app, predict) {
                dom::log_error("could not set up predict mode", &error);
            }
            // The page lives as long as its tab.
            std::mem::forget(app);
        }
        Err(error) => {
            dom::log_error("the page could not start", &error);
            show_failure(&error);
        }
    }
}

/// Puts a start-up failure where the status line is (or at the top of the body).
fn show_failure(error: &JsValue) {
    let Ok(document) = dom::document() else {
        return;
    };
    let text = format!(
        "tickscope could not start: {}",
        error.as_string().unwrap_or_else(|| format!("{error:?}"))
    );
    if let Some(status) = document.get_element_by_id("status-text") {
        status.set_text_content(Some(&text));
    } else if let Some(body) = document.body() {
        body.set_text_content(Some(&text));
    }
}
