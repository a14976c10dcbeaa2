//! The step-through queues view: what the loop's queues held at one step of a recorded run.
//!
//! The page rebuilds a [`QueueSnapshot`] for the step (replay, see [`crate::trace::replay`]) and
//! hands it here:
//! ```ignore
//! let queues = QueuesView::mount(&container, Box::new(|location| editor.highlight(location)))?;
//! queues.show(&QueueSnapshot::after(&events, k), events.get(k - 1), &hints);
//! queues.clear();
//! ```
//! It shows what is running, the task queue, the microtask queue, the pending timers (id, kind,
//! delay, due time, where set), the host operations in flight, how many log entries exist so far
//! and, when given, the event of this step in words. A task or microtask reads like the code that
//! queued it (`then(v => console.log(v))`, from [`Hints::label`]), and the one that starts next
//! is marked (`data-next`). When the step starts a task or microtask that was in a queue, its
//! entry is seen moving to the "running" line (not with `prefers-reduced-motion`). An entry with a
//! source location is a button: clicking it calls `on_select` with that location.
//!
//! # DOM contract (styled by `www/timeline.css`)
//! Lists `data-testid` `queue-tasks`, `queue-microtasks`, `queue-timers`, `queue-hostops`, each
//! entry an element with `data-testid="queue-entry"`; `queue-running` says what is running,
//! `queue-step` the step's event, `queue-log` the log count. A list shows at most
//! [`MAX_ENTRIES`] entries and then a `… N more` line (not an entry).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event, HtmlElement, KeyboardEvent};

use crate::timeline::format;
use crate::trace::causes::Item;
use crate::trace::replay::{QueueSnapshot, Running};
use crate::trace::{Location, TraceEvent};

/// What the queues view shows beside a snapshot, from the recorded run.
pub struct Hints<'a> {
    /// The task or microtask that starts next.
    pub next: Option<Item>,
    /// What a queued (or running) task or microtask runs, in the words of the code.
    pub label: &'a dyn Fn(Item) -> Option<String>,
    /// Whether the entry that starts running is seen moving to the running line (a step, not
    /// the live view of a running loop, where reading the layout every redraw would cost frames).
    pub animate: bool,
}

impl Hints<'_> {
    /// No hints: names from the snapshot alone.
    pub const NONE: Hints<'static> = Hints {
        next: None,
        label: &|_| None,
        animate: false,
    };
}

/// The most entries a list shows; the rest are counted. Every step draws the lists again, so
/// this bounds a step's work on a long queue (40 entries take about a millisecond to build).
pub const MAX_ENTRIES: usize = 40;

/// The queues view. Dropping it removes its elements.
pub struct QueuesView {
    document: Document,
    root: HtmlElement,
    step: HtmlElement,
    running: HtmlElement,
    lists: [QueueList; 4],
    log: HtmlElement,
    /// Source locations of the entries shown, indexed by their `data-loc`.
    locations: Rc<RefCell<Vec<Location>>>,
    _on_click: Closure<dyn FnMut(Event)>,
}

/// One titled list.
struct QueueList {
    count: HtmlElement,
    list: HtmlElement,
}

/// One entry to show: an id, what it is, details, and where it came from.
struct Entry {
    id: String,
    name: String,
    detail: String,
    by: Option<Location>,
    /// The task or microtask it is, if it is one.
    item: Option<Item>,
}

impl QueuesView {
    /// Builds the view inside `container`. `on_select` receives the location of a clicked entry.
    pub fn mount(
        container: &HtmlElement,
        on_select: Box<dyn Fn(Option<Location>)>,
    ) -> Result<Self, JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let document = window.document().ok_or("no document")?;
        let root = create(&document, "div", "qv")?;

        let step = create(&document, "div", "qv-step")?;
        step.set_attribute("data-testid", "queue-step")?;
        root.append_child(&step)?;
        let running = create(&document, "div", "qv-running")?;
        running.set_attribute("data-testid", "queue-running")?;
        root.append_child(&running)?;

        let make_list = |testid: &str, title: &str| -> Result<QueueList, JsValue> {
            let section = create(&document, "section", "qv-queue")?;
            section.set_attribute("data-queue", testid)?;
            let heading = create(&document, "h3", "qv-title")?;
            let name = create(&document, "span", "qv-title-name")?;
            name.set_text_content(Some(title));
            let count = create(&document, "span", "qv-count")?;
            heading.append_child(&name)?;
            heading.append_child(&count)?;
            let list = create(&document, "ol", "qv-list")?;
            list.set_attribute("data-testid", testid)?;
            section.append_child(&heading)?;
            section.append_child(&list)?;
            root.append_child(&section)?;
            Ok(QueueList { count, list })
        };
        let lists = [
            make_list("queue-tasks", "task queue")?,
            make_list("queue-microtasks", "microtask queue")?,
            make_list("queue-timers", "timers")?,
            make_list("queue-hostops", "host operations")?,
        ];
        let log = create(&document, "div", "qv-log")?;
        log.set_attribute("data-testid", "queue-log")?;
        root.append_child(&log)?;

        let locations: Rc<RefCell<Vec<Location>>> = Rc::default();
        let shared = Rc::clone(&locations);
        let on_click = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            // Entries are buttons: Enter and Space choose them too.
            if let Some(key) = event.dyn_ref::<KeyboardEvent>() {
                if key.key() != "Enter" && key.key() != " " {
                    return;
                }
                event.prevent_default();
            }
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            let Ok(Some(entry)) = target.closest("[data-loc]") else {
                return;
            };
            let index = entry
                .get_attribute("data-loc")
                .and_then(|index| index.parse::<usize>().ok());
            // Release the borrow before calling out: the callback may call `show`.
            let location = index.and_then(|index| shared.borrow().get(index).cloned());
            if location.is_some() {
                on_select(location);
            }
        });
        for kind in ["click", "keydown"] {
            root.add_event_listener_with_callback(kind, on_click.as_ref().unchecked_ref())?;
        }
        container.append_child(&root)?;

        let view = Self {
            document,
            root,
            step,
            running,
            lists,
            log,
            locations,
            _on_click: on_click,
        };
        view.clear();
        Ok(view)
    }

    /// Shows the queues of `snapshot`; `step` is the event that led to it (the last applied), if
    /// any, described on the first line.
    pub fn show(&self, snapshot: &QueueSnapshot, step: Option<&TraceEvent>, hints: &Hints) {
        if let Err(error) = self.render(snapshot, step, hints) {
            web_sys::console::error_2(&JsValue::from_str("queues view: drawing failed"), &error);
        }
    }

    /// Shows empty queues and no step.
    pub fn clear(&self) {
        self.show(&QueueSnapshot::default(), None, &Hints::NONE);
    }

    fn render(
        &self,
        snapshot: &QueueSnapshot,
        step: Option<&TraceEvent>,
        hints: &Hints,
    ) -> Result<(), JsValue> {
        self.locations.borrow_mut().clear();
        let running_item = match &snapshot.running {
            Some(Running::Task { task, .. }) => Some(Item::Task(*task)),
            Some(Running::Microtask { microtask }) => Some(Item::Microtask(*microtask)),
            None => None,
        };
        // Where the entry that now runs was, to move it from there.
        let came_from = running_item
            .filter(|_| hints.animate)
            .and_then(|item| {
                self.root
                    .query_selector(&format!("[data-item=\"{}\"]", item_key(item)))
                    .ok()
                    .flatten()
            })
            .map(|entry| entry.get_bounding_client_rect());
        let step_text = match step {
            Some(event) => format!("step {}: {}", event.seq + 1, format::event(&event.kind)),
            None if snapshot.applied == 0 => "before the first event".to_owned(),
            None => format!("after {} events", snapshot.applied),
        };
        self.step.set_text_content(Some(&step_text));

        let label = |item| {
            (hints.label)(item)
                .map(|label| format!(" · {label}"))
                .unwrap_or_default()
        };
        let running = match &snapshot.running {
            Some(Running::Task { task, source }) => format!(
                "running: task #{task} · {}{}",
                format::task_name(source),
                label(Item::Task(*task))
            ),
            Some(Running::Microtask { microtask }) => format!(
                "running: microtask #{microtask}{}",
                label(Item::Microtask(*microtask))
            ),
            None => "running: nothing".to_owned(),
        };
        self.running.set_text_content(Some(&running));
        set_flag(&self.running, "data-idle", snapshot.running.is_none())?;
        if let Some(from) = came_from {
            self.slide_running_from(&from)?;
        }

        let tasks = snapshot.tasks.iter().map(|task| {
            let item = Item::Task(task.task);
            let name = format::task_name(&task.source);
            match (hints.label)(item) {
                Some(label) => Entry {
                    id: format!("#{}", task.task),
                    name: label,
                    detail: name,
                    by: None,
                    item: Some(item),
                },
                None => Entry {
                    id: format!("#{}", task.task),
                    name,
                    detail: String::new(),
                    by: None,
                    item: Some(item),
                },
            }
        });
        self.fill(&self.lists[0], snapshot.tasks.len(), tasks, hints.next)?;

        let microtasks = snapshot.microtasks.iter().map(|micro| {
            let item = Item::Microtask(micro.microtask);
            let source = format::microtask_source(micro.source).to_owned();
            let (name, detail) = match (hints.label)(item) {
                Some(label) => (label, source),
                None => (source, String::new()),
            };
            Entry {
                id: format!("#{}", micro.microtask),
                name,
                detail,
                by: micro.by.clone(),
                item: Some(item),
            }
        });
        self.fill(
            &self.lists[1],
            snapshot.microtasks.len(),
            microtasks,
            hints.next,
        )?;

        let timers = snapshot.timers.iter().map(|timer| Entry {
            id: format!("#{}", timer.id),
            name: format!(
                "{}({})",
                if timer.repeat {
                    "setInterval"
                } else {
                    "setTimeout"
                },
                timer.delay
            ),
            detail: format!("due {}", format::millis(timer.due)),
            by: timer.by.clone(),
            item: None,
        });
        self.fill(&self.lists[2], snapshot.timers.len(), timers, None)?;

        let ops = snapshot.host_ops.iter().map(|op| Entry {
            id: format!("#{}", op.op),
            name: format!("{}({})", op.name, op.args),
            detail: String::new(),
            by: None,
            item: None,
        });
        self.fill(&self.lists[3], snapshot.host_ops.len(), ops, None)?;

        let log = match snapshot.output {
            0 => "log: empty so far".to_owned(),
            1 => "log: 1 entry so far".to_owned(),
            n => format!("log: {} entries so far", format::count(n)),
        };
        self.log.set_text_content(Some(&log));
        Ok(())
    }

    /// Moves the "running" line from `from` (where its entry was) to its place, unless the
    /// reader asked for reduced motion (`www/timeline.css` turns the transition off then).
    fn slide_running_from(&self, from: &web_sys::DomRect) -> Result<(), JsValue> {
        let to = self.running.get_bounding_client_rect();
        let (dx, dy) = (from.left() - to.left(), from.top() - to.top());
        let style = self.running.style();
        style.set_property("transition", "none")?;
        style.set_property("transform", &format!("translate({dx}px, {dy}px)"))?;
        // Lay the moved line out before the transition starts from there.
        let _ = self.running.offset_width();
        style.set_property("transition", "transform 220ms ease-out")?;
        style.set_property("transform", "none")?;
        Ok(())
    }

    /// Replaces a list's entries by (at most [`MAX_ENTRIES`] of) `entries`; the entry of `next`
    /// is marked as the one about to run.
    fn fill(
        &self,
        list: &QueueList,
        total: usize,
        entries: impl Iterator<Item = Entry>,
        next: Option<Item>,
    ) -> Result<(), JsValue> {
        list.count.set_text_content(Some(&format::count(total)));
        list.list.set_text_content(None);
        for entry in entries.take(MAX_ENTRIES) {
            let li = create(&self.document, "li", "qv-entry")?;
            li.set_attribute("data-testid", "queue-entry")?;
            if let Some(item) = entry.item {
                li.set_attribute("data-item", &item_key(item))?;
                if Some(item) == next {
                    li.set_attribute("data-next", "")?;
                    li.set_title("Runs next");
                }
            }
            let id = create(&self.document, "span", "qv-id")?;
            id.set_text_content(Some(&entry.id));
            let name = create(&self.document, "span", "qv-name")?;
            name.set_text_content(Some(&entry.name));
            li.append_child(&id)?;
            li.append_child(&name)?;
            if !entry.detail.is_empty() {
                let detail = create(&self.document, "span", "qv-detail")?;
                detail.set_text_content(Some(&entry.detail));
                li.append_child(&detail)?;
            }
            if let Some(by) = entry.by {
                let place = create(&self.document, "span", "qv-loc")?;
                place.set_text_content(Some(&format::location(&by)));
                li.append_child(&place)?;
                let mut locations = self.locations.borrow_mut();
                li.set_attribute("data-loc", &locations.len().to_string())?;
                li.set_attribute("role", "button")?;
                li.set_attribute("tabindex", "0")?;
                li.set_title("Show this line in the editor");
                locations.push(by);
            }
            list.list.append_child(&li)?;
        }
        if total > MAX_ENTRIES {
            let more = create(&self.document, "li", "qv-more")?;
            more.set_text_content(Some(&format!(
                "… {} more",
                format::count(total - MAX_ENTRIES)
            )));
            list.list.append_child(&more)?;
        }
        Ok(())
    }
}

impl Drop for QueuesView {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// An entry's `data-item`: `t3` for task #3, `m5` for microtask #5.
fn item_key(item: Item) -> String {
    match item {
        Item::Task(task) => format!("t{task}"),
        Item::Microtask(microtask) => format!("m{microtask}"),
    }
}

fn set_flag(el: &Element, name: &str, on: bool) -> Result<(), JsValue> {
    if on {
        el.set_attribute(name, "")
    } else {
        el.remove_attribute(name)
    }
}

/// Creates an element with a class.
fn create(document: &Document, tag: &str, class: &str) -> Result<HtmlElement, JsValue> {
    let el: HtmlElement = document.create_element(tag)?.dyn_into()?;
    el.set_class_name(class);
    Ok(el)
}
