//! HTTP for `fetch` on native hosts: a request on a background thread, answered through a
//! [`Reply`].
//!
//! The client is [`ureq`] (blocking, small, rustls). Each request runs on a thread of its own,
//! so the engine's thread never waits on the network; the outcome is posted back onto the loop,
//! which settles the JavaScript promise in a completion task. Every status, 4xx and 5xx included,
//! is a response; only a request that does not complete (refused, reset, unknown host, timed out,
//! malformed URL) is a [`HostError`], whose message names the URL and the reason.

use std::io;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use ureq::Agent;
use ureq::http::{self, Method};

use crate::host::{ErrorCode, FetchRequest, FetchResponse, HostError, Reply};

/// The largest response body read, in bytes; a larger one fails the request.
const BODY_LIMIT: u64 = 64 * 1024 * 1024;

/// Starts `request` on a background thread; its outcome is posted through `reply`.
pub(crate) fn fetch(request: FetchRequest, reply: Reply<FetchResponse>) {
    // The reply is shared with the thread only so that a failure to start it can still answer.
    let slot = Arc::new(Mutex::new(Some(reply)));
    let for_thread = Arc::clone(&slot);
    let url = request.url.clone();
    let spawned = std::thread::Builder::new()
        .name("tickscope-fetch".to_owned())
        .spawn(move || {
            let outcome = perform(&request);
            if let Some(reply) = take(&for_thread) {
                reply.send(outcome);
            }
        });
    if let Err(error) = spawned
        && let Some(reply) = take(&slot)
    {
        reply.send(Err(HostError::new(
            ErrorCode::Other,
            format!("fetch {url} failed: cannot start a thread for the request: {error}"),
        )));
    }
}

/// Takes the reply out of `slot`, once.
fn take(slot: &Mutex<Option<Reply<FetchResponse>>>) -> Option<Reply<FetchResponse>> {
    slot.lock().unwrap_or_else(PoisonError::into_inner).take()
}

/// Runs `request` to completion on the calling thread.
pub(crate) fn perform(request: &FetchRequest) -> Result<FetchResponse, HostError> {
    let url = request.url.as_str();
    let method = Method::from_bytes(request.method.as_bytes()).map_err(|_| {
        HostError::new(
            ErrorCode::Other,
            format!(
                "fetch {url} failed: '{}' is not a valid HTTP method",
                request.method
            ),
        )
    })?;
    let mut builder = http::Request::builder().method(method).uri(url);
    for (name, value) in &request.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let timeout = Duration::from_millis(request.timeout_ms);
    let outcome = match &request.body {
        Some(body) => builder
            .body(body.as_bytes())
            .map_err(ureq::Error::from)
            .and_then(|built| run(built, timeout)),
        None => builder
            .body(())
            .map_err(ureq::Error::from)
            .and_then(|built| run(built, timeout)),
    };
    outcome.map_err(|error| describe(url, request.timeout_ms, error))
}

/// The agent shared by every request: non-2xx statuses are responses, not errors.
fn agent() -> &'static Agent {
    static AGENT: OnceLock<Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .user_agent(concat!("tickscope/", env!("CARGO_PKG_VERSION")))
            .build()
            .into()
    })
}

/// Sends `request` with `timeout` for the whole exchange (redirects and body included) and reads
/// the response.
fn run<S: ureq::AsSendBody>(
    request: http::Request<S>,
    timeout: Duration,
) -> Result<FetchResponse, ureq::Error> {
    let agent = agent();
    let request = agent
        .configure_request(request)
        .timeout_global(Some(timeout))
        .build();
    let mut response = agent.run(request)?;
    let status = response.status();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(BODY_LIMIT)
        .read_to_vec()?;
    Ok(FetchResponse {
        status: status.as_u16(),
        status_text: status.canonical_reason().unwrap_or_default().to_owned(),
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// A [`HostError`] naming the URL and, in plain words, why the request failed.
fn describe(url: &str, timeout_ms: u64, error: ureq::Error) -> HostError {
    let (code, reason) = match error {
        ureq::Error::Timeout(_) => (
            ErrorCode::Timeout,
            format!("timed out after {timeout_ms} ms"),
        ),
        ureq::Error::Io(error) => (ErrorCode::Network, io_reason(&error)),
        ureq::Error::HostNotFound => (ErrorCode::Network, "host not found".to_owned()),
        ureq::Error::ConnectionFailed => (ErrorCode::Network, "connection failed".to_owned()),
        ureq::Error::BadUri(reason) => (ErrorCode::Other, format!("invalid URL: {reason}")),
        ureq::Error::Http(error) => (ErrorCode::Other, format!("invalid request: {error}")),
        ureq::Error::BodyExceedsLimit(limit) => (
            ErrorCode::Other,
            format!("the response body is larger than {limit} bytes"),
        ),
        ureq::Error::TooManyRedirects => (ErrorCode::Network, "too many redirects".to_owned()),
        other => (ErrorCode::Network, other.to_string()),
    };
    HostError::new(code, format!("fetch {url} failed: {reason}"))
}

/// A short reason for an I/O failure, without Rust's `(os error N)` noise where a plain phrase
/// says it better.
fn io_reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
        io::ErrorKind::ConnectionReset => "connection reset by the server".to_owned(),
        io::ErrorKind::ConnectionAborted => "connection aborted".to_owned(),
        io::ErrorKind::UnexpectedEof => "the server closed the connection".to_owned(),
        io::ErrorKind::HostUnreachable => "host unreachable".to_owned(),
        io::ErrorKind::NetworkUnreachable => "network unreachable".to_owned(),
        _ => error.to_string(),
    }
}
