//! The playground's files besides the main script: small text files the snippet reads and writes
//! with `require("fs")`. The user adds, renames, edits and deletes them here; each run sends them
//! to the worker, and a file the snippet writes comes back ([`FilesPanel::upsert`]).
//!
//! # DOM contract
//! Inside the container (`data-testid="files"`): `file-add`, each file's button `file` (with
//! `data-name`), and for the selected file `file-name` (an input; renaming happens on change),
//! `file-text` (its contents) and `file-delete`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use crate::protocol::FileEntry;
use crate::web::page::dom;

/// What the panel calls after every edit, with all files.
pub type OnChange = Box<dyn Fn(&[FileEntry])>;

/// The name the main script has (a file may not take it).
pub const MAIN_NAME: &str = "main.js";
/// The most files the panel holds.
const MAX_FILES: usize = 64;

/// Why a file name is refused, or `None` when it is fine.
pub fn name_problem(name: &str, others: &[FileEntry]) -> Option<&'static str> {
    if name.trim().is_empty() {
        Some("a file needs a name")
    } else if name != name.trim() {
        Some("a name cannot start or end with spaces")
    } else if name.starts_with('/') || name.contains('\\') {
        Some("use a relative name with / between folders, such as notes/a.txt")
    } else if name
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        Some("a name cannot have empty, . or .. parts")
    } else if name == MAIN_NAME {
        Some("main.js is the script in the editor")
    } else if others.iter().any(|file| file.name == name) {
        Some("another file has that name")
    } else {
        None
    }
}

/// The files panel.
pub struct FilesPanel {
    document: Document,
    list: HtmlElement,
    name: HtmlInputElement,
    text: HtmlTextAreaElement,
    editor: HtmlElement,
    problem: HtmlElement,
    count: HtmlElement,
    state: RefCell<State>,
    on_change: OnChange,
}

#[derive(Debug, Default)]
struct State {
    files: Vec<FileEntry>,
    selected: Option<usize>,
}

impl FilesPanel {
    /// Builds the panel inside `container`, showing `files`; `count` is where the panel's tab
    /// shows how many files there are. `on_change` receives all files after every edit.
    pub fn mount(
        container: &HtmlElement,
        count: HtmlElement,
        files: Vec<FileEntry>,
        on_change: OnChange,
    ) -> Result<Rc<Self>, JsValue> {
        let document = dom::document()?;
        let list = dom::create(&document, "div", "files-list")?;
        list.set_attribute("role", "list")?;
        let editor = dom::create(&document, "div", "file-editor")?;
        let head = dom::create(&document, "div", "file-head")?;
        let name: HtmlInputElement = dom::create(&document, "input", "file-name")?.dyn_into()?;
        name.set_attribute("data-testid", "file-name")?;
        name.set_attribute("aria-label", "File name")?;
        name.set_attribute("spellcheck", "false")?;
        name.set_attribute("autocomplete", "off")?;
        let delete = dom::create(&document, "button", "file-delete")?;
        delete.set_attribute("type", "button")?;
        delete.set_attribute("data-testid", "file-delete")?;
        delete.set_text_content(Some("Delete"));
        head.append_child(&name)?;
        head.append_child(&delete)?;
        let problem = dom::create(&document, "div", "file-problem")?;
        problem.set_attribute("role", "alert")?;
        let text: HtmlTextAreaElement =
            dom::create(&document, "textarea", "file-text")?.dyn_into()?;
        text.set_attribute("data-testid", "file-text")?;
        text.set_attribute("aria-label", "File contents")?;
        text.set_spellcheck(false);
        editor.append_child(&head)?;
        editor.append_child(&problem)?;
        editor.append_child(&text)?;
        let note = dom::create(&document, "p", "files-note")?;
        note.set_inner_html(
            "The script reads these with <code>require(\"fs\")</code>, e.g. \
             <code>fs.readFile(\"data.txt\", \"utf8\", cb)</code>; files it writes appear here.",
        );
        container.append_child(&list)?;
        container.append_child(&editor)?;
        container.append_child(&note)?;
        if !container.has_attribute("data-testid") {
            container.set_attribute("data-testid", "files")?;
        }
        let selected = if files.is_empty() { None } else { Some(0) };
        let panel = Rc::new(Self {
            document,
            list,
            name,
            text,
            editor,
            problem,
            count,
            state: RefCell::new(State { files, selected }),
            on_change,
        });
        panel.wire(Rc::downgrade(&panel), &delete)?;
        panel.render()?;
        Ok(panel)
    }

    /// All files, in order.
    pub fn files(&self) -> Vec<FileEntry> {
        self.state.borrow().files.clone()
    }

    /// Replaces every file (a lesson's or a share link's), selecting the first. Does not call
    /// the panel's `on_change`: the caller saves.
    pub fn set_files(&self, files: Vec<FileEntry>) {
        {
            let mut state = self.state.borrow_mut();
            state.selected = if files.is_empty() { None } else { Some(0) };
            state.files = files;
        }
        self.show();
    }

    /// Adds or replaces a file by name (a file the snippet wrote).
    pub fn upsert(&self, file: FileEntry) {
        let changed = {
            let mut state = self.state.borrow_mut();
            let room = state.files.len() < MAX_FILES;
            match state.files.iter_mut().find(|old| old.name == file.name) {
                Some(old) if old.text == file.text => false,
                Some(old) => {
                    old.text = file.text;
                    true
                }
                None if room => {
                    state.files.push(file);
                    if state.selected.is_none() {
                        state.selected = Some(0);
                    }
                    true
                }
                None => false,
            }
        };
        if changed {
            self.changed();
            self.show();
        }
    }

    fn wire(&self, weak: Weak<Self>, delete: &HtmlElement) -> Result<(), JsValue> {
        let on_list = weak.clone();
        dom::listen(&self.list, "click", move |event| {
            let Some(panel) = on_list.upgrade() else {
                return;
            };
            let Some(target) = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
            else {
                return;
            };
            if let Ok(Some(_)) = target.closest(".file-add") {
                panel.add();
            } else if let Ok(Some(button)) = target.closest(".file") {
                let index = button
                    .get_attribute("data-index")
                    .and_then(|index| index.parse::<usize>().ok());
                if let Some(index) = index {
                    panel.state.borrow_mut().selected = Some(index);
                    panel.show();
                }
            }
        })?;
        let on_text = weak.clone();
        dom::listen(&self.text, "input", move |_| {
            if let Some(panel) = on_text.upgrade() {
                let value = panel.text.value();
                {
                    let mut state = panel.state.borrow_mut();
                    let Some(at) = state.selected else {
                        return;
                    };
                    if let Some(file) = state.files.get_mut(at) {
                        file.text = value;
                    }
                }
                panel.changed();
            }
        })?;
        let on_name = weak.clone();
        dom::listen(&self.name, "change", move |_| {
            if let Some(panel) = on_name.upgrade() {
                panel.rename();
            }
        })?;
        let on_delete = weak;
        dom::listen(delete, "click", move |_| {
            if let Some(panel) = on_delete.upgrade() {
                panel.delete();
            }
        })?;
        Ok(())
    }

    fn add(&self) {
        {
            let mut state = self.state.borrow_mut();
            if state.files.len() >= MAX_FILES {
                return;
            }
            let mut n = state.files.len() + 1;
            let name = loop {
                let name = format!("file{n}.txt");
                if name_problem(&name, &state.files).is_none() {
                    break name;
                }
                n += 1;
            };
            state.files.push(FileEntry {
                name,
                text: String::new(),
            });
            state.selected = Some(state.files.len() - 1);
        }
        self.changed();
        self.show();
        if let Err(error) = self.name.focus() {
            dom::log_error("files", &error);
        }
        self.name.select();
    }

    fn rename(&self) {
        let wanted = self.name.value();
        let problem = {
            let mut state = self.state.borrow_mut();
            let Some(at) = state.selected else {
                return;
            };
            let others: Vec<FileEntry> = state
                .files
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, file)| file.clone())
                .collect();
            let problem = name_problem(&wanted, &others);
            if problem.is_none()
                && let Some(file) = state.files.get_mut(at)
            {
                file.name = wanted;
            }
            problem
        };
        self.problem.set_text_content(problem);
        if problem.is_none() {
            self.changed();
            self.show();
        }
    }

    fn delete(&self) {
        {
            let mut state = self.state.borrow_mut();
            let Some(at) = state.selected else {
                return;
            };
            if at < state.files.len() {
                state.files.remove(at);
            }
            state.selected = if state.files.is_empty() {
                None
            } else {
                Some(at.min(state.files.len() - 1))
            };
        }
        self.changed();
        self.show();
    }

    fn changed(&self) {
        let files = self.state.borrow().files.clone();
        (self.on_change)(&files);
    }

    fn show(&self) {
        if let Err(error) = self.render() {
            dom::log_error("drawing the files failed", &error);
        }
    }

    fn render(&self) -> Result<(), JsValue> {
        let state = self.state.borrow();
        self.list.set_text_content(None);
        for (index, file) in state.files.iter().enumerate() {
            let button = dom::create(&self.document, "button", "file")?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-testid", "file")?;
            button.set_attribute("data-name", &file.name)?;
            button.set_attribute("data-index", &index.to_string())?;
            button.set_attribute("role", "listitem")?;
            if state.selected == Some(index) {
                button.set_attribute("aria-current", "true")?;
            }
            button.set_text_content(Some(&file.name));
            self.list.append_child(&button)?;
        }
        let add = dom::create(&self.document, "button", "file-add")?;
        add.set_attribute("type", "button")?;
        add.set_attribute("data-testid", "file-add")?;
        add.set_text_content(Some("+ New file"));
        self.list.append_child(&add)?;
        self.count.set_text_content(Some(&match state.files.len() {
            0 => String::new(),
            n => n.to_string(),
        }));
        let file = state.selected.and_then(|at| state.files.get(at));
        self.editor.set_hidden(file.is_none());
        if let Some(file) = file {
            self.name.set_value(&file.name);
            // Leave the text alone while the user types in it (a write from the worker waits).
            let text: &Element = self.text.as_ref();
            let typing = self
                .document
                .active_element()
                .is_some_and(|active| active == *text);
            if !typing && self.text.value() != file.text {
                self.text.set_value(&file.text);
            }
        }
        self.problem.set_text_content(None);
        Ok(())
    }
}
