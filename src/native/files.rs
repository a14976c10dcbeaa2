//! The native file space of `require("fs")`: real files under a root folder, and nothing
//! outside it.

use std::path::PathBuf;

use crate::host::{ErrorCode, HostError};

/// A folder that file operations are confined to.
#[derive(Debug, Clone)]
pub struct FileRoot {
    root: PathBuf,
}

impl FileRoot {
    /// Confines file operations to `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// Reads a text file under the root.
    pub fn read(&self, path: &str) -> Result<String, HostError> {
        Err(HostError::new(
            ErrorCode::Unsupported,
            format!("cannot read '{path}' under {}", self.root.display()),
        ))
    }

    /// Creates or replaces a text file under the root.
    pub fn write(&self, path: &str, _contents: &str) -> Result<(), HostError> {
        Err(HostError::new(
            ErrorCode::Unsupported,
            format!("cannot write '{path}'"),
        ))
    }

    /// Lists a folder under the root, sorted.
    pub fn list(&self, path: &str) -> Result<Vec<String>, HostError> {
        Err(HostError::new(
            ErrorCode::Unsupported,
            format!("cannot list '{path}'"),
        ))
    }
}
