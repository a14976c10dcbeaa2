//! The browser's [`Host`]: clocks from `performance.now()` and `Date.now()`, HTTP through the
//! global `fetch()` ([`super::fetch`]), and the playground's files in memory ([`FileSpace`]).

use std::rc::Rc;

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Performance;

use super::fetch::{self, Inflight, Notify};
use super::files::FileSpace;
use crate::host::{FetchRequest, FetchResponse, Host, HostError, Reply};
use crate::protocol::FileEntry;

/// What the host calls after `require("fs")` wrote a file.
type OnWrite = Rc<dyn Fn(&FileEntry)>;

/// The [`Host`] of a page or a Web Worker.
///
/// Monotonic time comes from the global `performance.now()` (there is one in windows and in
/// workers alike); where a global scope has none, it falls back to `Date.now()`, which is
/// wall time and may jump, but keeps the runtime working.
///
/// `fetch` runs in the background and answers through [`Reply::send`]; then the host calls its
/// [`on_reply`](Self::on_reply) callback, so a worker that waits for replies knows when to pump
/// the loop again. Requests still in flight when the host is dropped (with its runtime) are
/// aborted. Clones share the files, the callbacks and the requests in flight.
#[derive(Clone)]
pub struct BrowserHost {
    performance: Option<Performance>,
    files: FileSpace,
    on_write: Option<OnWrite>,
    on_reply: Notify,
    inflight: Rc<Inflight>,
}

impl std::fmt::Debug for BrowserHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BrowserHost")
            .field("files", &self.files)
            .field("inflight", &self.inflight)
            .finish_non_exhaustive()
    }
}

impl BrowserHost {
    /// Makes a host for the current global scope (window or worker), with no files.
    pub fn new() -> Self {
        let performance = Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
            .ok()
            .and_then(|value| value.dyn_into::<Performance>().ok());
        Self {
            performance,
            files: FileSpace::new(),
            on_write: None,
            on_reply: None,
            inflight: Rc::new(Inflight::default()),
        }
    }

    /// The same host over `files` (shared: writes show in every handle on them).
    pub fn with_files(mut self, files: FileSpace) -> Self {
        self.files = files;
        self
    }

    /// Calls `callback` with each file `require("fs")` writes, as stored.
    pub fn on_file_written(mut self, callback: impl Fn(&FileEntry) + 'static) -> Self {
        self.on_write = Some(Rc::new(callback));
        self
    }

    /// Calls `callback` each time a background operation (a `fetch`) has posted its reply onto
    /// the loop; never during a call into the engine.
    pub fn on_reply(mut self, callback: impl Fn() + 'static) -> Self {
        self.on_reply = Some(Rc::new(callback));
        self
    }

    /// The playground's files this host reads and writes.
    pub fn files(&self) -> &FileSpace {
        &self.files
    }

    /// How many `fetch` requests are in flight.
    pub fn requests_in_flight(&self) -> usize {
        self.inflight.len()
    }
}

impl Default for BrowserHost {
    fn default() -> Self {
        Self::new()
    }
}

impl Host for BrowserHost {
    fn now_ms(&self) -> f64 {
        match &self.performance {
            Some(performance) => performance.now(),
            None => js_sys::Date::now(),
        }
    }

    fn epoch_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn fetch(&self, request: FetchRequest, reply: Reply<FetchResponse>) {
        fetch::start(request, reply, &self.inflight, self.on_reply.clone());
    }

    fn read_file(&self, path: &str) -> Result<String, HostError> {
        self.files.read(path)
    }

    fn write_file(&self, path: &str, contents: &str) -> Result<(), HostError> {
        let entry = self.files.write(path, contents)?;
        if let Some(on_write) = &self.on_write {
            on_write(&entry);
        }
        Ok(())
    }

    fn read_dir(&self, path: &str) -> Result<Vec<String>, HostError> {
        self.files.list(path)
    }
}
