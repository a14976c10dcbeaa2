//! The playground page, on the browser's main thread: the editor, the toolbar, the console with
//! its REPL line, the files, the timeline and the step-through queues view.
//!
//! The page runs no JavaScript engine (and links no Boa): the engine lives in a Web Worker
//! ([`crate::web::worker`]) that the page talks to with [`crate::protocol`] messages and terminates
//! to stop a run. `www/index.html` holds the page's skeleton; [`start`] (run by the
//! `tickscope-page` binary) finds its elements, mounts the views and starts the worker.
//!
//! | module | its one job |
//! |---|---|
//! | [`app`] | the state of the page and the wiring between views, buttons and the worker |
//! | [`messages`] | what the page does with each message of the worker, and with its failures |
//! | [`script`] | the main script: its name, default text, module detection, error locations |
//! | [`worker_client`] | spawning, messaging, terminating and restarting the worker |
//! | [`wire`] | reading the worker's messages (small and fast, checked against the derived serde) |
//! | [`editor`] | bindings to the CodeMirror bundle's `TickscopeEditor` |
//! | [`toolbar`] | the buttons, clock, "start paused" and the status line |
//! | [`run_options`] | the Options menu: seed, start time, long-task limit |
//! | [`console_model`] / [`console_view`] | the console's entries / their virtualised list |
//! | [`output`] | which trace events are console entries, and their text |
//! | [`repl_line`] | the REPL's input line and history |
//! | [`files_panel`] | the playground's files |
//! | [`panels`] | the editor pane's tabs |
//! | [`stepper`] | the step-through cursor and replayed queues |
//! | [`storage`] | autosave in `localStorage` |
//! | [`api`] | `window.tickscope` |
//! | [`share`] | share links: open the URL's fragment, keep it current, the Share button |
//! | [`lessons_panel`] | the lesson list and the selected lesson's prose |
//! | [`embed`] | `?embed`: the compact view for iframes and its postMessage API |
//! | [`frames`] / [`dom`] | redraws once per animation frame / DOM helpers |
//! | [`timeline_view`] / [`queues_view`] | the timeline and the queues view |
//!
//! The page's contract for tests and embedders (test ids, `window.tickscope`) is documented in
//! `docs/page-contract.md`.

pub mod api;
pub mod app;
pub mod console_model;
pub mod console_view;
pub mod dom;
pub mod editor;
pub mod embed;
pub mod files_panel;
pub mod frames;
pub mod lessons_panel;
pub mod messages;
pub mod output;
pub mod panels;
pub mod queues_view;
pub mod repl_line;
pub mod run_options;
pub mod script;
pub mod share;
pub mod stepper;
pub mod storage;
pub mod timeline_view;
pub mod toolbar;
pub mod wire;
pub mod worker_client;

use std::rc::Rc;

use wasm_bindgen::prelude::*;

/// Starts the page: called once by the `tickscope-page` binary when its module loads.
///
/// A failure to build the page (a missing element in `index.html`, say) is logged and shown in
/// the status line; nothing panics.
pub fn start() {
    console_error_panic_hook::set_once();
    embed::prepare();
    match app::App::start() {
        Ok(app) => {
            if let Err(error) = api::install(Rc::downgrade(&app)) {
                dom::log_error("could not install window.tickscope", &error);
            }
            if let Err(error) = lessons_panel::mount(&app) {
                dom::log_error("could not show the lessons", &error);
            }
            if let Err(error) = share::install(&app) {
                dom::log_error("could not set up share links", &error);
            }
            if let Err(error) = embed::install(&app) {
                dom::log_error("could not set up embed mode", &error);
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
