//! The playground's files: the file space `require("fs")` reads and writes in the browser.
//!
//! The page sends its files with each [`ToWorker::Run`](crate::protocol::ToWorker::Run); they live
//! in memory for the run, in a map from normalised name to text. There are no folders of their
//! own: a folder exists while some file's name lies under it (`notes/a.md` makes `notes`), and
//! the root always exists. Errors are those of the native file space, in Node's words
//! (`ENOENT: no such file or directory, open 'missing.txt'`), naming the path as the script gave
//! it:
//!
//! | case | code |
//! | --- | --- |
//! | no such file or folder; a file written into a folder that does not exist; an empty path | `ENOENT` |
//! | a path that climbs above the root (`../x`, `a/../../x`) | `EACCES` |
//! | reading or writing a folder | `EISDIR` |
//! | a file used as a folder (`data.txt/x`), listing a file | `ENOTDIR` |
//!
//! Paths are normalised lexically, as there are no links to follow: `.` and empty segments are
//! dropped, `a/../b` is `b`, and a leading `/` is the playground's root (the browser has no other
//! file system to name).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::host::{ErrorCode, FileSyscall, HostError};
use crate::protocol::FileEntry;

/// The playground's files, shared by the browser host and whoever seeded them.
///
/// Cloning gives another handle on the same files.
#[derive(Debug, Clone, Default)]
pub struct FileSpace {
    files: Rc<RefCell<BTreeMap<String, String>>>,
}

/// What a normalised path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Folder,
    /// Nothing, and no file stands where one of its folders should be.
    Missing,
    /// Nothing, because a file stands where one of its folders should be.
    UnderFile,
}

impl FileSpace {
    /// An empty file space.
    pub fn new() -> Self {
        Self::default()
    }

    /// A file space holding `entries`, under their normalised names.
    ///
    /// Returns the names that cannot be files (empty, the root, or climbing above the root),
    /// which are left out.
    pub fn from_entries(entries: impl IntoIterator<Item = FileEntry>) -> (Self, Vec<String>) {
        let space = Self::new();
        let mut refused = Vec::new();
        {
            let mut files = space.files.borrow_mut();
            for entry in entries {
                match normalise(&entry.name) {
                    Some(name) if !name.is_empty() => {
                        files.insert(name, entry.text);
                    }
                    _ => refused.push(entry.name),
                }
            }
        }
        (space, refused)
    }

    /// Every file, sorted by name.
    pub fn entries(&self) -> Vec<FileEntry> {
        self.files
            .borrow()
            .iter()
            .map(|(name, text)| FileEntry {
                name: name.clone(),
                text: text.clone(),
            })
            .collect()
    }

    /// The text of the file at `path`.
    pub fn read(&self, path: &str) -> Result<String, HostError> {
        let name = self.resolve(path, FileSyscall::Open)?;
        match self.kind(&name) {
            Kind::File => Ok(self.files.borrow().get(&name).cloned().unwrap_or_default()),
            // Node opens a folder and then fails to read it.
            Kind::Folder => Err(HostError::file(
                ErrorCode::IsDirectory,
                FileSyscall::Read,
                path,
                None,
            )),
            Kind::UnderFile => Err(HostError::file(
                ErrorCode::NotDirectory,
                FileSyscall::Open,
                path,
                None,
            )),
            Kind::Missing => Err(HostError::file(
                ErrorCode::NotFound,
                FileSyscall::Open,
                path,
                None,
            )),
        }
    }

    /// Creates or replaces the file at `path`; its folder must exist already. Returns the file as
    /// stored, under its normalised name.
    pub fn write(&self, path: &str, text: &str) -> Result<FileEntry, HostError> {
        let name = self.resolve(path, FileSyscall::Open)?;
        match self.kind(&name) {
            Kind::Folder => {
                return Err(HostError::file(
                    ErrorCode::IsDirectory,
                    FileSyscall::Open,
                    path,
                    None,
                ));
            }
            Kind::UnderFile => {
                return Err(HostError::file(
                    ErrorCode::NotDirectory,
                    FileSyscall::Open,
                    path,
                    None,
                ));
            }
            Kind::File | Kind::Missing => {}
        }
        let parent = name.rsplit_once('/').map_or("", |(parent, _)| parent);
        if self.kind(parent) != Kind::Folder {
            return Err(HostError::file(
                ErrorCode::NotFound,
                FileSyscall::Open,
                path,
                None,
            ));
        }
        self.files
            .borrow_mut()
            .insert(name.clone(), text.to_owned());
        Ok(FileEntry {
            name,
            text: text.to_owned(),
        })
    }

    /// The names in the folder at `path` (files and folders), sorted.
    pub fn list(&self, path: &str) -> Result<Vec<String>, HostError> {
        let name = self.resolve(path, FileSyscall::Scandir)?;
        match self.kind(&name) {
            Kind::Folder => {}
            Kind::File | Kind::UnderFile => {
                return Err(HostError::file(
                    ErrorCode::NotDirectory,
                    FileSyscall::Scandir,
                    path,
                    None,
                ));
            }
            Kind::Missing => {
                return Err(HostError::file(
                    ErrorCode::NotFound,
                    FileSyscall::Scandir,
                    path,
                    None,
                ));
            }
        }
        let prefix = folder_prefix(&name);
        let mut names: Vec<String> = self
            .files
            .borrow()
            .range(prefix.clone()..)
            .take_while(|(file, _)| file.starts_with(&prefix))
            .filter_map(|(file, _)| file[prefix.len()..].split('/').next().map(str::to_owned))
            .collect();
        // A file and a folder may share a name (`a` and `a/b`): list it once.
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// The normalised name for `path`, or the failure for a path that cannot name anything here.
    fn resolve(&self, path: &str, syscall: FileSyscall) -> Result<String, HostError> {
        if path.is_empty() {
            return Err(HostError::file(ErrorCode::NotFound, syscall, path, None));
        }
        normalise(path).ok_or_else(|| {
            HostError::file(
                ErrorCode::PermissionDenied,
                syscall,
                path,
                Some("outside the playground's files"),
            )
        })
    }

    /// What the normalised `name` names (`""` is the root).
    fn kind(&self, name: &str) -> Kind {
        if name.is_empty() {
            return Kind::Folder;
        }
        let files = self.files.borrow();
        if files.contains_key(name) {
            return Kind::File;
        }
        let prefix = folder_prefix(name);
        if files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(file, _)| file.starts_with(&prefix))
        {
            return Kind::Folder;
        }
        let mut ancestor = name;
        while let Some((parent, _)) = ancestor.rsplit_once('/') {
            if files.contains_key(parent) {
                return Kind::UnderFile;
            }
            ancestor = parent;
        }
        Kind::Missing
    }
}

/// `name/`, what the names of a folder's contents start with (empty for the root).
fn folder_prefix(name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        format!("{name}/")
    }
}

/// `path` with `.` and empty segments dropped and `..` applied; `None` when it climbs above the
/// root. The root itself is `""`.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}
