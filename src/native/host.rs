//! [`NativeHost`]: the operating system's clocks and a blocking wait for the CLI.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::files::FileRoot;
use crate::host::{FetchRequest, FetchResponse, Host, HostError, Mailbox, Reply};

/// The host for native runs: a monotonic clock from `Instant`, wall time from `SystemTime`,
/// HTTP on background threads, files under a root folder, and a park that sleeps until the
/// next timer is due or background work answers.
#[derive(Debug, Clone)]
pub struct NativeHost {
    origin: Instant,
    files: FileRoot,
}

impl Default for NativeHost {
    fn default() -> Self {
        Self::new()
    }
}

impl NativeHost {
    /// A host whose monotonic clock starts now, with files under the current directory.
    pub fn new() -> Self {
        Self::with_fs_root(".")
    }

    /// A host whose `fs` module is confined to `root`.
    pub fn with_fs_root(root: impl Into<std::path::PathBuf>) -> Self {
        Self {
            origin: Instant::now(),
            files: FileRoot::new(root),
        }
    }
}

impl Host for NativeHost {
    fn now_ms(&self) -> f64 {
        self.origin.elapsed().as_secs_f64() * 1000.0
    }

    fn epoch_ms(&self) -> f64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |since| since.as_secs_f64() * 1000.0)
    }

    fn park(&self, deadline_ms: Option<f64>, mailbox: &Mailbox) {
        match deadline_ms {
            Some(deadline) => {
                let wait_ms = deadline - self.now_ms();
                if wait_ms > 0.0 {
                    mailbox.wait(Some(Duration::from_secs_f64(wait_ms / 1000.0)));
                }
            }
            None => mailbox.wait(None),
        }
    }

    fn fetch(&self, request: FetchRequest, reply: Reply<FetchResponse>) {
        super::http::fetch(request, reply);
    }

    fn read_file(&self, path: &str) -> Result<String, HostError> {
        self.files.read(path)
    }

    fn write_file(&self, path: &str, contents: &str) -> Result<(), HostError> {
        self.files.write(path, contents)
    }

    fn read_dir(&self, path: &str) -> Result<Vec<String>, HostError> {
        self.files.list(path)
    }
}
