//! The boundary between the platform-free core and the platform it runs on.
//!
//! Everything the core needs from outside (time, HTTP, files, waiting) goes through [`Host`].
//! The browser worker, the native CLI and tests each provide one. Background work never touches
//! the engine: it answers through a [`Reply`], which posts the outcome into the loop's
//! [`Mailbox`]; the loop then runs a named completion task that settles the JavaScript side.

use std::any::Any;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

/// What the core asks of the platform it runs on.
pub trait Host {
    /// Monotonic time in milliseconds from an arbitrary origin; drives the real clock.
    fn now_ms(&self) -> f64;

    /// Wall-clock time in milliseconds since the Unix epoch; what `Date.now()` starts from.
    fn epoch_ms(&self) -> f64;

    /// Blocks until `deadline_ms` (on the [`Host::now_ms`] scale) or until background work has
    /// posted into `mailbox`, whichever comes first.
    ///
    /// Only blocking hosts (the CLI) implement this; the browser pumps the loop from
    /// `requestAnimationFrame` instead and keeps this default, which returns at once.
    fn park(&self, deadline_ms: Option<f64>, mailbox: &Mailbox) {
        let _ = (deadline_ms, mailbox);
    }

    /// Starts an HTTP request in the background and answers through `reply`.
    fn fetch(&self, request: FetchRequest, reply: Reply<FetchResponse>) {
        let _ = request;
        reply.send(Err(HostError::new(
            ErrorCode::Unsupported,
            "this host cannot make HTTP requests",
        )));
    }

    /// Reads a text file of the host's file space (a folder natively, the playground's files in
    /// the browser).
    fn read_file(&self, path: &str) -> Result<String, HostError> {
        Err(no_files(path))
    }

    /// Creates or replaces a text file of the host's file space.
    fn write_file(&self, path: &str, contents: &str) -> Result<(), HostError> {
        let _ = contents;
        Err(no_files(path))
    }

    /// Lists the names in a folder of the host's file space, sorted.
    fn read_dir(&self, path: &str) -> Result<Vec<String>, HostError> {
        Err(no_files(path))
    }
}

fn no_files(path: &str) -> HostError {
    HostError::new(
        ErrorCode::Unsupported,
        format!("this host has no files (reading '{path}')"),
    )
}

/// Why a host operation failed, in terms JavaScript code can test (`err.code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// No such file or folder.
    NotFound,
    /// Outside the permitted root, or refused by the platform.
    PermissionDenied,
    /// A folder where a file was expected.
    IsDirectory,
    /// A file where a folder was expected.
    NotDirectory,
    /// The request did not complete: connection refused, DNS failure, reset.
    Network,
    /// The operation took longer than allowed.
    Timeout,
    /// The host does not offer this operation.
    Unsupported,
    /// Anything else.
    Other,
}

impl ErrorCode {
    /// Node's name for the code (`ENOENT`, `EACCES`, …).
    pub fn as_node_code(self) -> &'static str {
        match self {
            Self::NotFound => "ENOENT",
            Self::PermissionDenied => "EACCES",
            Self::IsDirectory => "EISDIR",
            Self::NotDirectory => "ENOTDIR",
            Self::Network => "ECONNREFUSED",
            Self::Timeout => "ETIMEDOUT",
            Self::Unsupported => "ENOSYS",
            Self::Other => "EIO",
        }
    }
}

/// A failed host operation: a code and a message naming what failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// A human-readable message, naming the path or URL.
    pub message: String,
}

impl HostError {
    /// A failure of kind `code`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// The system call a file failure is reported against, as Node names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileSyscall {
    /// Opening a file or folder.
    Open,
    /// Reading a file.
    Read,
    /// Listing a folder.
    Scandir,
}

impl FileSyscall {
    /// Node's name for it (`open`, `read`, `scandir`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Read => "read",
            Self::Scandir => "scandir",
        }
    }
}

impl HostError {
    /// A file failure worded as Node words it:
    /// `ENOENT: no such file or directory, open 'missing.txt'`, with an optional detail.
    pub fn file(code: ErrorCode, syscall: FileSyscall, path: &str, detail: Option<&str>) -> Self {
        let description = match code {
            ErrorCode::NotFound => "no such file or directory",
            ErrorCode::PermissionDenied => "permission denied",
            ErrorCode::IsDirectory => "illegal operation on a directory",
            ErrorCode::NotDirectory => "not a directory",
            ErrorCode::Network | ErrorCode::Timeout | ErrorCode::Unsupported | ErrorCode::Other => {
                "i/o error"
            }
        };
        let mut message = format!(
            "{}: {description}, {} '{path}'",
            code.as_node_code(),
            syscall.name()
        );
        if let Some(detail) = detail {
            message.push_str(&format!(" ({detail})"));
        }
        Self::new(code, message)
    }
}

impl std::fmt::Display for HostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HostError {}

/// An HTTP request for [`Host::fetch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRequest {
    /// The absolute URL.
    pub url: String,
    /// The method, upper case.
    pub method: String,
    /// Request headers as name/value pairs.
    pub headers: Vec<(String, String)>,
    /// The request body, if any.
    pub body: Option<String>,
    /// How long the whole request may take, in milliseconds.
    pub timeout_ms: u64,
}

/// An HTTP response from [`Host::fetch`]: any status, including 4xx and 5xx.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchResponse {
    /// The status code.
    pub status: u16,
    /// The status text (`OK`, `Not Found`).
    pub status_text: String,
    /// Response headers as name/value pairs, names lower case.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

/// Outcomes posted by background work, waiting for the loop to pick them up.
#[derive(Clone, Default)]
pub struct Mailbox {
    inner: Arc<MailboxInner>,
}

#[derive(Default)]
struct MailboxInner {
    posted: Mutex<Vec<Posted>>,
    arrived: Condvar,
}

/// One posted outcome: the operation it answers and its payload.
pub(crate) struct Posted {
    pub(crate) op: u64,
    pub(crate) payload: Box<dyn Any + Send>,
}

impl std::fmt::Debug for Mailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailbox").finish_non_exhaustive()
    }
}

impl Mailbox {
    fn post(&self, posted: Posted) {
        let mut items = self
            .inner
            .posted
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        items.push(posted);
        self.inner.arrived.notify_all();
    }

    /// Takes everything posted so far, oldest first.
    pub(crate) fn take(&self) -> Vec<Posted> {
        let mut items = self
            .inner
            .posted
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        std::mem::take(&mut *items)
    }

    /// Blocks the calling thread until something is posted or `timeout` passes (forever when
    /// `None`). For blocking hosts only: a browser must never call it.
    pub fn wait(&self, timeout: Option<Duration>) {
        let items = self
            .inner
            .posted
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if !items.is_empty() {
            return;
        }
        match timeout {
            Some(timeout) => drop(self.inner.arrived.wait_timeout(items, timeout)),
            None => drop(self.inner.arrived.wait(items)),
        }
    }
}

/// The way back for one host operation: background work calls [`Reply::send`] once, from any
/// thread, and the loop settles the operation in a task of its own.
#[must_use = "a host operation stays pending until its reply is sent"]
pub struct Reply<T> {
    mailbox: Mailbox,
    op: u64,
    _payload: std::marker::PhantomData<fn(T)>,
}

impl<T> std::fmt::Debug for Reply<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reply").field("op", &self.op).finish()
    }
}

impl<T: Send + 'static> Reply<T> {
    pub(crate) fn new(mailbox: Mailbox, op: u64) -> Self {
        Self {
            mailbox,
            op,
            _payload: std::marker::PhantomData,
        }
    }

    /// Posts the operation's outcome onto the loop.
    pub fn send(self, outcome: Result<T, HostError>) {
        self.mailbox.post(Posted {
            op: self.op,
            payload: Box::new(outcome),
        });
    }
}

/// A host for tests and for runs under the virtual clock that never touch the outside world.
///
/// Its monotonic time stands still, so it is only meaningful with the virtual clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct NullHost;

impl Host for NullHost {
    fn now_ms(&self) -> f64 {
        0.0
    }

    fn epoch_ms(&self) -> f64 {
        0.0
    }
}
