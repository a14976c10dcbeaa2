//! The native file space of `require("fs")`: real files under a root folder, and nothing
//! outside it.
//!
//! A script's path resolves against the root (an absolute path is taken as it is) and is then
//! canonicalised, following every symbolic link; only a result inside the canonical root is
//! read, written or listed. Anything else (`../x`, `/etc/passwd`, `a/../../x`, a link that
//! points out of the root) fails with [`ErrorCode::PermissionDenied`] (`EACCES`) before the
//! file is touched. A path that does not exist is judged by its deepest existing ancestor, so
//! `../missing` is `EACCES` too, not `ENOENT`: nothing about the world outside the root leaks.
//!
//! Writes resolve the parent folder the same way and refuse to write through a symbolic link
//! unless it resolves inside the root (a dangling link is followed by hand to see where the
//! write would create its file). The checks and the file operation are separate system calls, so a process that
//! swaps links in between could still race them; the root confines scripts, not other programs.
//! Hard links that already exist inside the root are followed, as the file system dictates.
//!
//! Every error names the path as the script gave it, in Node's words:
//! `ENOENT: no such file or directory, open 'missing.txt'`.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::host::{ErrorCode, FileSyscall, HostError};

/// A folder that file operations are confined to.
#[derive(Debug, Clone)]
pub struct FileRoot {
    root: PathBuf,
}

impl FileRoot {
    /// Confines file operations to `root`, which is resolved (and must exist) at each
    /// operation, so it may be created after the host.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The root folder as it was given.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Reads a text file under the root; invalid UTF-8 becomes U+FFFD, as Node's `utf8`
    /// decoding does.
    pub fn read(&self, path: &str) -> Result<String, HostError> {
        let target = self.locate(path, FileSyscall::Open)?;
        if target.is_dir() {
            return Err(HostError::file(
                ErrorCode::IsDirectory,
                FileSyscall::Read,
                path,
                None,
            ));
        }
        let bytes =
            std::fs::read(&target).map_err(|error| io_failure(&error, FileSyscall::Open, path))?;
        Ok(String::from_utf8(bytes)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()))
    }

    /// Creates or replaces a text file under the root. Its folder must exist already.
    pub fn write(&self, path: &str, contents: &str) -> Result<(), HostError> {
        let destination = self.destination(path)?;
        std::fs::write(&destination, contents)
            .map_err(|error| io_failure(&error, FileSyscall::Open, path))
    }

    /// Lists the names in a folder under the root, sorted.
    pub fn list(&self, path: &str) -> Result<Vec<String>, HostError> {
        let target = self.locate(path, FileSyscall::Scandir)?;
        if !target.is_dir() {
            return Err(HostError::file(
                ErrorCode::NotDirectory,
                FileSyscall::Scandir,
                path,
                None,
            ));
        }
        let entries = std::fs::read_dir(&target)
            .map_err(|error| io_failure(&error, FileSyscall::Scandir, path))?;
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|error| io_failure(&error, FileSyscall::Scandir, path))?;
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        Ok(names)
    }

    /// The root, canonicalised.
    fn canonical_root(&self, path: &str, syscall: FileSyscall) -> Result<PathBuf, HostError> {
        std::fs::canonicalize(&self.root).map_err(|error| {
            let detail = format!(
                "the fs root {} is unavailable: {error}",
                self.root.display()
            );
            HostError::file(code_of(&error), syscall, path, Some(&detail))
        })
    }

    /// The real location of an existing file or folder named by `path`.
    fn locate(&self, path: &str, syscall: FileSyscall) -> Result<PathBuf, HostError> {
        let root = self.canonical_root(path, syscall)?;
        if path.is_empty() {
            return Err(HostError::file(ErrorCode::NotFound, syscall, path, None));
        }
        let target = root.join(path);
        match std::fs::canonicalize(&target) {
            Ok(real) if real.starts_with(&root) => Ok(real),
            Ok(_) => Err(escape(syscall, path)),
            Err(_) if !lexically_inside(&target, &root) => Err(escape(syscall, path)),
            Err(error) => Err(io_failure(&error, syscall, path)),
        }
    }

    /// Where a write to `path` lands, checked to lie inside the root.
    fn destination(&self, path: &str) -> Result<PathBuf, HostError> {
        let syscall = FileSyscall::Open;
        let root = self.canonical_root(path, syscall)?;
        if path.is_empty() {
            return Err(HostError::file(ErrorCode::NotFound, syscall, path, None));
        }
        let target = root.join(path);
        let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
            // Ends in `..` or is a root: a folder, if it is anything.
            return Err(match std::fs::canonicalize(&target) {
                Ok(real) if real.starts_with(&root) => {
                    HostError::file(ErrorCode::IsDirectory, syscall, path, None)
                }
                Ok(_) => escape(syscall, path),
                Err(_) if !lexically_inside(&target, &root) => escape(syscall, path),
                Err(error) => io_failure(&error, syscall, path),
            });
        };
        let folder = match std::fs::canonicalize(parent) {
            Ok(real) if real.starts_with(&root) => real,
            Ok(_) => return Err(escape(syscall, path)),
            Err(_) if !lexically_inside(parent, &root) => return Err(escape(syscall, path)),
            Err(error) => return Err(io_failure(&error, syscall, path)),
        };
        let file = folder.join(name);
        match std::fs::symlink_metadata(&file) {
            Ok(meta) if meta.file_type().is_symlink() => match std::fs::canonicalize(&file) {
                Ok(real) if real.starts_with(&root) => {
                    if real.is_dir() {
                        Err(HostError::file(ErrorCode::IsDirectory, syscall, path, None))
                    } else {
                        Ok(real)
                    }
                }
                Ok(_) => Err(escape(syscall, path)),
                // A dangling link: writing creates its target, which must be inside too.
                Err(_) if lexically_inside(&file, &root) => Ok(file),
                Err(_) => Err(escape(syscall, path)),
            },
            Ok(meta) if meta.is_dir() => {
                Err(HostError::file(ErrorCode::IsDirectory, syscall, path, None))
            }
            Ok(_) => Ok(file),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(file),
            Err(error) => Err(io_failure(&error, syscall, path)),
        }
    }
}

/// Whether `target` (absolute, possibly naming things that do not exist) stays inside `root`:
/// its deepest existing ancestor is canonicalised and the rest is applied lexically; a dangling
/// symbolic link on the way is followed by hand.
fn lexically_inside(target: &Path, root: &Path) -> bool {
    inside_after_links(target, root, 0)
}

/// How many dangling links [`lexically_inside`] follows before it gives up, as the kernel's
/// own limit on symbolic links in a path.
const MAX_LINKS: u32 = 40;

fn inside_after_links(target: &Path, root: &Path, links: u32) -> bool {
    if links > MAX_LINKS {
        return false;
    }
    for ancestor in target.ancestors() {
        let Ok(rest) = target.strip_prefix(ancestor) else {
            return false;
        };
        if let Ok(mut real) = std::fs::canonicalize(ancestor) {
            for component in rest.components() {
                match component {
                    Component::Normal(part) => real.push(part),
                    Component::ParentDir => {
                        real.pop();
                    }
                    Component::CurDir => {}
                    Component::RootDir | Component::Prefix(_) => return false,
                }
            }
            return real.starts_with(root);
        }
        if let Ok(link) = std::fs::read_link(ancestor) {
            let base = ancestor.parent().unwrap_or(ancestor);
            return inside_after_links(&base.join(link).join(rest), root, links + 1);
        }
    }
    false
}

/// The failure for a path outside the root.
fn escape(syscall: FileSyscall, path: &str) -> HostError {
    HostError::file(
        ErrorCode::PermissionDenied,
        syscall,
        path,
        Some("outside the fs root"),
    )
}

/// The failure for an I/O error on `path`.
fn io_failure(error: &io::Error, syscall: FileSyscall, path: &str) -> HostError {
    let code = code_of(error);
    let detail = (code == ErrorCode::Other).then(|| error.to_string());
    HostError::file(code, syscall, path, detail.as_deref())
}

/// The error code for an I/O error.
fn code_of(error: &io::Error) -> ErrorCode {
    match error.kind() {
        io::ErrorKind::NotFound => ErrorCode::NotFound,
        io::ErrorKind::PermissionDenied => ErrorCode::PermissionDenied,
        io::ErrorKind::IsADirectory => ErrorCode::IsDirectory,
        io::ErrorKind::NotADirectory => ErrorCode::NotDirectory,
        _ => ErrorCode::Other,
    }
}
