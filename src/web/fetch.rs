//! [`Host::fetch`](crate::host::Host::fetch) in the browser: the global `fetch()` of the worker
//! (or window), run as a `wasm_bindgen_futures` future and answered through [`Reply::send`].
//!
//! - Only absolute `http:` and `https:` URLs are fetched, as natively; anything else fails
//!   without a request.
//! - `credentials: "omit"` and `mode: "cors"`: a snippet never sends the page's cookies, and a
//!   server must allow the playground's origin (`Access-Control-Allow-Origin`) for the snippet to
//!   see its answer; a refusal looks like any network failure, as it does to browser code.
//! - The request's `timeout_ms` covers the whole exchange, body included, through an
//!   `AbortController`; it fails with [`ErrorCode::Timeout`] (`ETIMEDOUT`).
//! - Any status, 4xx and 5xx included, is a [`FetchResponse`]; the headers are those the browser
//!   exposes (CORS hides all but the safelisted ones unless `Access-Control-Expose-Headers` names
//!   them). A request that does not complete is an [`ErrorCode::Network`] failure whose message
//!   names the URL and the browser's reason: browsers do not tell connection refused from a
//!   CORS refusal or an unknown host, they only say `Failed to fetch`.
//! - When the run that started a request ends (its host is dropped), the request is aborted.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, RequestMode, Response};

use super::global::{describe_js_error, global};
use crate::host::{ErrorCode, FetchRequest, FetchResponse, HostError, Reply};

/// What the host calls once a request's reply is posted (the worker's cue to run a frame).
pub(crate) type Notify = Option<Rc<dyn Fn()>>;

/// The requests one host has in flight; dropping it (with the host) aborts them.
#[derive(Default)]
pub(crate) struct Inflight {
    next: Cell<u64>,
    controllers: RefCell<HashMap<u64, AbortController>>,
}

impl std::fmt::Debug for Inflight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inflight")
            .field("requests", &self.controllers.borrow().len())
            .finish()
    }
}

impl Inflight {
    /// How many requests are in flight.
    pub(crate) fn len(&self) -> usize {
        self.controllers.borrow().len()
    }

    fn add(&self, controller: AbortController) -> u64 {
        let id = self.next.get();
        self.next.set(id + 1);
        self.controllers.borrow_mut().insert(id, controller);
        id
    }

    fn remove(&self, id: u64) {
        self.controllers.borrow_mut().remove(&id);
    }
}

impl Drop for Inflight {
    fn drop(&mut self) {
        for controller in self.controllers.get_mut().values() {
            controller.abort();
        }
    }
}

/// Starts `request`; its outcome is posted through `reply`, then `notify` is called (unless the
/// host that started it is gone).
pub(crate) fn start(
    request: FetchRequest,
    reply: Reply<FetchResponse>,
    inflight: &Rc<Inflight>,
    notify: Notify,
) {
    let controller = match AbortController::new() {
        Ok(controller) => controller,
        Err(error) => {
            // Without a controller there is no timeout: refuse rather than risk hanging forever.
            let error = HostError::new(
                ErrorCode::Other,
                format!(
                    "fetch {} failed: cannot make an AbortController: {}",
                    request.url,
                    describe_js_error(&error)
                ),
            );
            wasm_bindgen_futures::spawn_local(async move {
                reply.send(Err(error));
                if let Some(notify) = notify {
                    notify();
                }
            });
            return;
        }
    };
    let id = inflight.add(controller.clone());
    let host: Weak<Inflight> = Rc::downgrade(inflight);
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = perform(&request, &controller).await;
        let alive = host.upgrade();
        if let Some(inflight) = &alive {
            inflight.remove(id);
        }
        reply.send(outcome);
        if let (Some(_), Some(notify)) = (alive, notify) {
            notify();
        }
    });
}

/// A `setTimeout` that aborts a request, cleared when dropped.
struct Deadline {
    id: Option<JsValue>,
    _callback: Closure<dyn FnMut()>,
}

impl Deadline {
    /// Aborts `controller` after `ms`, noting in `fired` that it did.
    fn start(ms: u64, controller: &AbortController, fired: &Rc<Cell<bool>>) -> Self {
        let controller = controller.clone();
        let flag = Rc::clone(fired);
        let callback = Closure::<dyn FnMut()>::new(move || {
            flag.set(true);
            controller.abort();
        });
        // setTimeout's delay is a signed 32-bit number; longer timeouts never fire.
        let id = (ms <= i32::MAX as u64)
            .then(|| {
                global()
                    .set_timeout(callback.as_ref().unchecked_ref(), ms as f64)
                    .ok()
            })
            .flatten();
        Self {
            id,
            _callback: callback,
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(id) = &self.id {
            // Clearing an unknown or fired timer does nothing, and cannot fail in browsers.
            let _ = global().clear_timeout(id);
        }
    }
}

/// Runs `request` to completion (body read included) or until its deadline.
async fn perform(
    request: &FetchRequest,
    controller: &AbortController,
) -> Result<FetchResponse, HostError> {
    let url = request.url.as_str();
    check_url(url)?;
    let init = request_init(request, controller)?;
    let timed_out = Rc::new(Cell::new(false));
    let deadline = Deadline::start(request.timeout_ms, controller, &timed_out);
    let exchange = async {
        let promise = global().fetch_with_init(url, &init)?;
        let response: Response = JsFuture::from(promise).await?.dyn_into()?;
        let body = JsFuture::from(response.text()?).await?;
        Ok::<_, JsValue>((response, body))
    };
    let outcome = exchange.await;
    drop(deadline);
    match outcome {
        Ok((response, body)) => Ok(FetchResponse {
            status: response.status(),
            status_text: response.status_text(),
            headers: headers_of(&response.headers()),
            body: body.as_string().unwrap_or_default(),
        }),
        Err(_) if timed_out.get() => Err(HostError::new(
            ErrorCode::Timeout,
            format!(
                "fetch {url} failed: timed out after {} ms",
                request.timeout_ms
            ),
        )),
        Err(error) => {
            // Browsers reject a request that does not complete with a TypeError ("Failed to
            // fetch"); an AbortError here means the run ended under it.
            let (code, reason) = match error.dyn_ref::<js_sys::TypeError>() {
                Some(type_error) => (
                    ErrorCode::Network,
                    format!("network error ({})", String::from(type_error.message())),
                ),
                None => (ErrorCode::Other, describe_js_error(&error)),
            };
            Err(HostError::new(
                code,
                format!("fetch {url} failed: {reason}"),
            ))
        }
    }
}

/// Refuses what is not an absolute `http:` or `https:` URL (a relative URL would otherwise be
/// resolved against the worker's own address).
fn check_url(url: &str) -> Result<(), HostError> {
    let parsed = web_sys::Url::new(url).map_err(|_| {
        HostError::new(
            ErrorCode::Other,
            format!("fetch {url} failed: invalid URL: expected an absolute http: or https: URL"),
        )
    })?;
    match parsed.protocol().as_str() {
        "http:" | "https:" => Ok(()),
        scheme => Err(HostError::new(
            ErrorCode::Other,
            format!(
                "fetch {url} failed: unsupported URL scheme '{scheme}' (http: and https: only)"
            ),
        )),
    }
}

/// The browser's `RequestInit` for `request`: method, headers, body, no credentials, CORS, and
/// the controller's signal.
fn request_init(
    request: &FetchRequest,
    controller: &AbortController,
) -> Result<RequestInit, HostError> {
    let url = request.url.as_str();
    let init = RequestInit::new();
    init.set_method(&request.method);
    init.set_credentials(RequestCredentials::Omit);
    init.set_mode(RequestMode::Cors);
    init.set_signal(Some(&controller.signal()));
    let headers = Headers::new().map_err(|error| {
        HostError::new(
            ErrorCode::Other,
            format!(
                "fetch {url} failed: cannot make headers: {}",
                describe_js_error(&error)
            ),
        )
    })?;
    for (name, value) in &request.headers {
        headers.append(name, value).map_err(|error| {
            HostError::new(
                ErrorCode::Other,
                format!(
                    "fetch {url} failed: invalid header '{name}': {}",
                    describe_js_error(&error)
                ),
            )
        })?;
    }
    init.set_headers(&headers);
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    Ok(init)
}

/// The response headers the browser exposes, as lower-case name/value pairs in its order.
fn headers_of(headers: &Headers) -> Vec<(String, String)> {
    let Ok(Some(entries)) = js_sys::try_iter(headers) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let pair = entry.dyn_into::<Array>().ok()?;
            let name = pair.get(0).as_string()?;
            let value = pair.get(1).as_string()?;
            Some((name.to_ascii_lowercase(), value))
        })
        .collect()
}
