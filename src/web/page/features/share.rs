//! Share links in the page: the playground's state in the URL fragment ([`crate::share`]).
//!
//! - **Opening**: at start, before the editor is made, [`initial_state`] decodes `location.hash`.
//!   A good link's code, files and clock become what the page opens with (instead of the
//!   autosave); its lesson is selected once the lessons are loaded. A bad link (truncated,
//!   garbled, another version, hostile) opens the default code, and [`install`] shows a notice
//!   (`data-testid="notice"`) with the [`LinkError`]'s sentence. Without a fragment the autosave
//!   is restored as before. A fragment pasted into the address bar later (`hashchange`) is opened
//!   the same way.
//! - **Following edits**: every save of the page ([`changed`], from `App::save`) schedules, after
//!   [`URL_DELAY_MS`] of quiet, a `history.replaceState` to the link of the current state: the
//!   address bar is always a link to what is on screen, and the history gets no entries. Until
//!   the update, the tab notes its fragment as stale (`sessionStorage`): a reload in that time
//!   (whose URL is chosen before the page could rewrite it) restores the newer autosave instead
//!   of the older link.
//! - **Sharing**: the Share button (`data-testid="share"`) copies the link with
//!   `navigator.clipboard.writeText` and says how long it is, with [`length_warning`]'s words
//!   when it is too long; when the clipboard is refused, the link is shown in a selected text
//!   field to copy by hand. `window.tickscope.shareUrl()` returns the link.
//!
//! # Text from a link is only ever text
//! Everything decoded from a link goes into the page through the editor's API, input values and
//! `textContent`; nothing from the URL (fragment or query) is ever parsed as HTML.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlElement, HtmlInputElement, KeyboardEvent};

use super::{lessons, predict};
use crate::share::{LinkError, PlaygroundState, decode, encode, length_warning, share_url};
use crate::web::page::app::{App, Saved};
use crate::web::page::dom;
use crate::web::page::views::notice;

/// Quiet time after the last edit before the address bar is updated, ms.
pub const URL_DELAY_MS: i32 = 400;

/// What the page's fragment held when it started.
#[derive(Debug, Clone)]
enum Opened {
    /// No fragment.
    Nothing,
    /// A share link, decoded.
    Link(PlaygroundState),
    /// A fragment that is not a link that opens.
    Bad(LinkError),
}

thread_local! {
    /// The start-up fragment, decoded once.
    static OPENED: RefCell<Option<Opened>> = const { RefCell::new(None) };
    /// The page, once [`install`] ran.
    static APP: RefCell<Weak<App>> = const { RefCell::new(Weak::new()) };
    /// The pending address-bar update.
    static TIMER: Cell<Option<i32>> = const { Cell::new(None) };
    /// The function the timer calls (made once by [`install`]).
    static TICK: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// The fragment (without `#`) the page last wrote, to tell its own from a pasted one.
    static WRITTEN: RefCell<String> = const { RefCell::new(String::new()) };
}

/// What the page opens with when its URL decides it instead of the autosave, or `None` when the
/// URL holds no link: a link's state; the defaults for a bad link (its notice follows from
/// [`install`]).
pub fn initial_state() -> Option<Saved> {
    match opened() {
        Opened::Link(state) => Some(Saved {
            code: Some(state.code),
            files: state.files,
            clock: Some(state.clock),
            start_paused: false,
            seed: state.seed,
            start_time: state.start_time.map(|ms| ms as f64),
            notes: state.notes,
        }),
        Opened::Bad(_) => Some(Saved::default()),
        Opened::Nothing => None,
    }
}

/// The page's fragment at start, decoded (once).
fn opened() -> Opened {
    OPENED.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| match decode(&current_hash()) {
                // This tab's own link from before an edit it had not written yet (a reload
                // within URL_DELAY_MS): the autosave holds the newer text.
                Ok(_) if stale_link().is_some_and(|stale| stale == current_hash()) => {
                    Opened::Nothing
                }
                Ok(state) => Opened::Link(state),
                Err(LinkError::Empty) => Opened::Nothing,
                Err(error) => Opened::Bad(error),
            })
            .clone()
    })
}

/// `location.hash`, or empty when it cannot be read.
fn current_hash() -> String {
    dom::window()
        .ok()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default()
}

/// Shows what the start-up link held (or why it did not open), and installs the Share button,
/// `window.tickscope.shareUrl()` and the address-bar updates. Call once, after `App::start`
/// and `api::install`.
pub fn install(app: &Rc<App>) -> Result<(), JsValue> {
    APP.with(|slot| slot.replace(Rc::downgrade(app)));
    let tick = Closure::<dyn FnMut()>::new(|| {
        TIMER.with(|timer| timer.set(None));
        if let Some(app) = APP.with(|slot| slot.borrow().upgrade()) {
            write_url(&app);
        }
    });
    TICK.with(|slot| slot.replace(Some(tick.as_ref().unchecked_ref::<Function>().clone())));
    tick.forget();

    match opened() {
        Opened::Link(state) => {
            // storage::load opened the link's state; should it not have, open it now.
            if app.code() != state.code {
                apply(app, &state);
            } else {
                open_step_through(app, &state);
            }
            lessons::select_from_link(state.lesson.as_deref());
            WRITTEN.with(|written| written.replace(encode(&state)));
        }
        Opened::Bad(error) => show_link_error(&error),
        Opened::Nothing => {}
    }

    define_share_url()?;
    if !app.is_embedded() {
        app.on_save(|_| changed());
        ShareButton::mount(&dom::document()?)?;
        let window: web_sys::EventTarget = dom::window()?.into();
        dom::listen(&window, "hashchange", |_| on_hash_change())?;
    }
    Ok(())
}

/// The page saved (an edit, a new file, another clock, a lesson): update the address bar once
/// the edits pause.
fn changed() {
    let Ok(window) = dom::window() else {
        return;
    };
    let Some(tick) = TICK.with(|slot| slot.borrow().clone()) else {
        return;
    };
    match TIMER.with(Cell::take) {
        Some(id) => window.clear_timeout_with_handle(id),
        None => mark_stale(&window),
    }
    match window.set_timeout_with_callback_and_timeout_and_arguments_0(&tick, URL_DELAY_MS) {
        Ok(id) => TIMER.with(|timer| timer.set(Some(id))),
        Err(error) => dom::log_error("could not schedule the address-bar update", &error),
    }
}

/// The `sessionStorage` key of the fragment that an edit not yet in the address bar made stale.
const STALE_KEY: &str = "tickscope.stale-link";

/// Notes, for a reload that comes before the address bar is updated, that its fragment is older
/// than the autosave.
fn mark_stale(window: &web_sys::Window) {
    if let Ok(Some(storage)) = window.session_storage() {
        // Best effort, as in write_url.
        let _ = storage.set_item(STALE_KEY, &current_hash());
    }
}

/// The fragment [`mark_stale`] noted, if the address bar was not updated since.
fn stale_link() -> Option<String> {
    dom::window()
        .ok()?
        .session_storage()
        .ok()??
        .get_item(STALE_KEY)
        .ok()?
}

/// The state on screen: the editor's code, the files, the clock, the selected lesson, the
/// Options menu's seed and start time (left out while they do not parse), "predict first" and
/// the notes pinned to steps. Not the step cursor: see [`shared_state`].
pub fn current_state(app: &App) -> PlaygroundState {
    PlaygroundState {
        code: app.code(),
        files: app.files.files(),
        clock: app.toolbar.clock(),
        lesson: lessons::selected_id(),
        seed: app.run_options.seed().ok().flatten(),
        // Whole milliseconds: a link keeps the instant to the millisecond, as `Date` does.
        start_time: app
            .run_options
            .start_time()
            .ok()
            .flatten()
            .map(|ms| ms.round() as i64),
        step: None,
        predict: predict::is_on(),
        notes: app.notes(),
    }
}

/// What the Share button and `shareUrl()` give: the state on screen and the step cursor, so the
/// link opens at the step the reader is looking at. (The address bar, rewritten on every edit,
/// leaves the cursor out.)
pub fn shared_state(app: &App) -> PlaygroundState {
    PlaygroundState {
        step: app.cursor(),
        ..current_state(app)
    }
}

/// The share link of `state`. Its base is the page's address without the fragment; in embed
/// mode, without the query either (a link to the full playground).
pub fn link(app: &App, state: &PlaygroundState) -> Result<String, JsValue> {
    let location = dom::window()?.location();
    let base = if app.is_embedded() {
        format!("{}{}", location.origin()?, location.pathname()?)
    } else {
        location.href()?
    };
    Ok(share_url(&base, state))
}

/// Writes the current state's link into the address bar (`replaceState`: no history entry).
fn write_url(app: &App) {
    let result = (|| -> Result<(), JsValue> {
        let window = dom::window()?;
        let url = link(app, &current_state(app))?;
        if window.location().href()? != url {
            window
                .history()?
                .replace_state_with_url(&JsValue::NULL, "", Some(&url))?;
        }
        if let Ok(Some(storage)) = window.session_storage() {
            // Best effort: without session storage a quick reload reopens the older link.
            let _ = storage.remove_item(STALE_KEY);
        }
        if let Some((_, fragment)) = url.split_once('#') {
            WRITTEN.with(|written| written.replace(fragment.to_owned()));
        }
        Ok(())
    })();
    if let Err(error) = result {
        dom::log_error("could not update the address bar", &error);
    }
}

/// Puts a state into the page: code, files, clock and lesson (a link opened after start).
fn apply(app: &App, state: &PlaygroundState) {
    app.files.set_files(state.files.clone());
    app.toolbar.set_clock(state.clock);
    app.toolbar.sync_paused();
    app.run_options
        .set(state.seed, state.start_time.map(|ms| ms as f64));
    app.editor.set_text(&state.code);
    lessons::select_from_link(state.lesson.as_deref());
    open_step_through(app, state);
}

/// What a link says of the step-through: its notes, "predict first", and the step to open at.
fn open_step_through(app: &App, state: &PlaygroundState) {
    app.set_notes(state.notes.clone());
    predict::set_on(state.predict);
    if let Some(step) = state.step {
        app.seek_after_run(step);
    }
}

/// A fragment typed or pasted into the address bar of the open page.
fn on_hash_change() {
    let Some(app) = APP.with(|slot| slot.borrow().upgrade()) else {
        return;
    };
    let hash = current_hash();
    let fragment = hash.strip_prefix('#').unwrap_or(&hash);
    if WRITTEN.with(|written| *written.borrow() == fragment) {
        return;
    }
    match decode(&hash) {
        Ok(state) => {
            WRITTEN.with(|written| written.replace(fragment.to_owned()));
            apply(&app, &state);
            app.save();
        }
        Err(LinkError::Empty) => {}
        Err(error) => show_link_error(&error),
    }
}

fn show_link_error(error: &LinkError) {
    notice::show_notice(&format!(
        "This share link could not be opened: {error}. The page opened with its default code \
         instead."
    ));
}

/// Adds `shareUrl()` to `window.tickscope`.
fn define_share_url() -> Result<(), JsValue> {
    let window: JsValue = dom::window()?.into();
    let api = Reflect::get(&window, &JsValue::from_str("tickscope"))?;
    if !api.is_object() {
        return Err(JsValue::from_str("window.tickscope is missing"));
    }
    let share_url = Closure::<dyn Fn() -> Result<JsValue, JsValue>>::new(|| {
        let app = APP
            .with(|slot| slot.borrow().upgrade())
            .ok_or_else(|| JsValue::from_str("the page is gone"))?;
        Ok(JsValue::from_str(&link(&app, &shared_state(&app))?))
    })
    .into_js_value();
    Reflect::set(&api, &JsValue::from_str("shareUrl"), &share_url)?;
    Ok(())
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The Share button and the panel under it.
struct ShareButton {
    button: HtmlElement,
    panel: HtmlElement,
    message: HtmlElement,
    length: HtmlElement,
    warning: HtmlElement,
    field: HtmlInputElement,
}

impl ShareButton {
    fn mount(document: &Document) -> Result<(), JsValue> {
        let wrap = dom::create(document, "div", "share")?;
        let button = dom::create(document, "button", "share-button")?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-testid", "share")?;
        button.set_attribute("aria-expanded", "false")?;
        button.set_attribute("aria-controls", "share-panel")?;
        button.set_attribute(
            "title",
            "Copy a link to this code, its files, clock and lesson",
        )?;
        button.set_text_content(Some("Share"));
        let panel = dom::create(document, "div", "share-panel")?;
        panel.set_id("share-panel");
        panel.set_attribute("data-testid", "share-panel")?;
        panel.set_attribute("role", "dialog")?;
        panel.set_attribute("aria-label", "Share link")?;
        panel.set_hidden(true);
        let message = dom::create(document, "p", "share-message")?;
        message.set_attribute("data-testid", "share-message")?;
        message.set_attribute("aria-live", "polite")?;
        let field: HtmlInputElement = dom::create(document, "input", "share-link")?.dyn_into()?;
        field.set_attribute("data-testid", "share-link")?;
        field.set_attribute("aria-label", "The share link")?;
        field.set_attribute("spellcheck", "false")?;
        field.set_read_only(true);
        let length = dom::create(document, "p", "share-length muted")?;
        length.set_attribute("data-testid", "share-length")?;
        let warning = dom::create(document, "p", "share-warning")?;
        warning.set_attribute("data-testid", "share-warning")?;
        warning.set_hidden(true);
        let close = dom::create(document, "button", "small share-close")?;
        close.set_attribute("type", "button")?;
        close.set_text_content(Some("Close"));
        panel.append_child(&message)?;
        panel.append_child(&field)?;
        panel.append_child(&length)?;
        panel.append_child(&warning)?;
        panel.append_child(&close)?;
        wrap.append_child(&button)?;
        wrap.append_child(&panel)?;
        if let Some(bar) = document.query_selector(".bar")? {
            let status = bar.query_selector(".status")?;
            bar.insert_before(&wrap, status.as_ref().map(AsRef::as_ref))?;
        }
        let share = Rc::new(Self {
            button,
            panel,
            message,
            length,
            warning,
            field,
        });
        let on_click = Rc::clone(&share);
        dom::listen(&share.button, "click", move |_| on_click.share())?;
        let on_close = Rc::clone(&share);
        dom::listen(&close, "click", move |_| on_close.close())?;
        let on_key = Rc::clone(&share);
        dom::listen(&share.panel, "keydown", move |event| {
            if event
                .dyn_ref::<KeyboardEvent>()
                .is_some_and(|key| key.key() == "Escape")
            {
                on_key.close();
                if let Err(error) = on_key.button.focus() {
                    dom::log_error("share", &error);
                }
            }
        })?;
        Ok(())
    }

    fn close(&self) {
        self.panel.set_hidden(true);
        if let Err(error) = self.button.set_attribute("aria-expanded", "false") {
            dom::log_error("share", &error);
        }
    }

    /// Share: update the address bar, copy the link, say how long it is.
    fn share(self: &Rc<Self>) {
        let Some(app) = APP.with(|slot| slot.borrow().upgrade()) else {
            return;
        };
        if !self.panel.hidden() {
            self.close();
            return;
        }
        let state = shared_state(&app);
        let url = match link(&app, &state) {
            Ok(url) => url,
            Err(error) => {
                dom::log_error("could not make the share link", &error);
                return;
            }
        };
        write_url(&app);
        let chars = url.chars().count();
        self.length
            .set_text_content(Some(&format!("{} characters", thousands(chars))));
        let warning = match state.validate() {
            Err(error) => Some(format!(
                "This link would not open: {error}. Fix it in the Files tab first."
            )),
            Ok(()) => length_warning(chars).map(str::to_owned),
        };
        self.warning.set_hidden(warning.is_none());
        self.warning.set_text_content(warning.as_deref());
        self.field.set_value(&url);
        self.field.set_hidden(true);
        self.message.set_text_content(Some("Copying the link…"));
        self.panel.set_hidden(false);
        if let Err(error) = self.button.set_attribute("aria-expanded", "true") {
            dom::log_error("share", &error);
        }
        match clipboard_write(&url) {
            Some(promise) => {
                let copied = Rc::clone(self);
                let refused = Rc::clone(self);
                dom::on_settle(
                    &promise,
                    move |_| {
                        copied
                            .message
                            .set_text_content(Some("Link copied to the clipboard."));
                        copied.field.set_hidden(false);
                    },
                    move |_| refused.fallback(),
                );
            }
            None => self.fallback(),
        }
    }

    /// The clipboard was refused: show the link selected, to copy by hand.
    fn fallback(&self) {
        self.message.set_text_content(Some(
            "The browser did not allow copying: copy the link below (it is selected).",
        ));
        self.field.set_hidden(false);
        if let Err(error) = self.field.focus() {
            dom::log_error("share", &error);
        }
        self.field.select();
    }
}

/// `navigator.clipboard.writeText(text)`, or `None` where there is no clipboard API (an insecure
/// page) or it throws.
fn clipboard_write(text: &str) -> Option<Promise> {
    let window: JsValue = dom::window().ok()?.into();
    let navigator = Reflect::get(&window, &JsValue::from_str("navigator")).ok()?;
    let clipboard = Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if !clipboard.is_object() {
        return None;
    }
    let write: Function = Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()?
        .dyn_into()
        .ok()?;
    write
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()?
        .dyn_into::<Promise>()
        .ok()
}
