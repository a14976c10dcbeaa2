//! The timeline panel: the run's tasks, microtasks, timers, host operations and frames on five
//! lanes over real time, drawn with DOM elements for what is in view only.
//!
//! The layout (which items, where, merged how) is the platform-free [`crate::timeline`]; this
//! module draws it, once per animation frame at most, and handles the pointer.
//!
//! # API
//! ```ignore
//! let view = TimelineView::mount(&container, Box::new(|location| editor.highlight(location)))?;
//! view.append(&batch);      // each worker frame's events, in seq order
//! view.zoom_to_fit();       // after a run (also the state after mount and clear)
//! view.set_cursor(Some(seq)); // step-through: a vertical line at that event, revealed if off-screen
//! view.clear();             // before a new run
//! ```
//! - [`TimelineView::mount`] builds the panel inside `container` and returns the view; keep the
//!   `Rc` alive as long as the panel is shown (dropping it removes the panel).
//! - `on_select` is called with the source location of an item the user clicks (what queued the
//!   microtask, set the timer, started the host operation or the timer/operation behind a task),
//!   `None` when the item has no location or the selection is cleared. It is never called from
//!   inside a [`TimelineView`] method, so it may call back into the view.
//! - [`TimelineView::set_events`] replaces everything; [`TimelineView::append`] adds a batch.
//! - Until the user zooms or pans, the view keeps the whole run in view as events arrive;
//!   [`TimelineView::zoom_to_fit`] (or the Fit button, or a double click) returns to that.
//!
//! # Interaction
//! Wheel or trackpad pinch zooms about the pointer; horizontal wheel, shift+wheel, dragging and a
//! one-finger swipe pan; two fingers pinch-zoom; the strip under the axis shows where the view is
//! within the run and can be dragged. Hovering shows a tooltip; a click selects an item (or zooms
//! into an aggregate of merged items); a click on empty space clears the selection.
//!
//! # DOM contract (styled by `www/timeline.css`)
//! - The container gets `data-testid="timeline"` unless it already has a `data-testid`.
//! - Each item in view is a `div.tl-item` with `data-testid="timeline-item"`, `data-kind`
//!   (`task`, `microtask`, `timer`, `hostop`, `frame`), `data-state` (`open`, `done`, `cleared`,
//!   `failed`, `error`), `data-count` on aggregates of several items, and `data-selected` /
//!   `data-current` (covers the step cursor) when set. Elements are reused between frames and only
//!   those in view exist.
//! - The selected item's initiator, when the page knows it ([`TimelineView::mount`]'s `cause_of`),
//!   is an arrow (`data-testid="timeline-arrow"`, an SVG line) from the point where it was
//!   queued, on the lane of the task or microtask that queued it, to the start of the item.
//! - Buttons: `timeline-fit`, `timeline-zoom-in`, `timeline-zoom-out`; the cursor line is
//!   `timeline-cursor`, the tooltip `timeline-tooltip`.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    AddEventListenerOptions, Document, Element, Event, HtmlElement, PointerEvent, ResizeObserver,
    WheelEvent, Window,
};

use crate::timeline::{
    ItemDetail, ItemRef, ItemState, Lane, LaneRows, RowStyle, TimelineLayout, Viewport,
    VisibleItem, format,
};
use crate::trace::{Location, TaskSource, TraceEvent};

/// Height of the time axis under the lanes, px.
const AXIS_PX: f64 = 18.0;
/// Height of the overview strip under the axis, px.
const OVERVIEW_PX: f64 = 10.0;
/// Least distance between labelled ticks, px.
const TICK_SPACING_PX: f64 = 90.0;
/// Items at least this wide show their label inside.
const LABEL_MIN_PX: f64 = 36.0;
/// A press that moves less than this is a click, not a drag.
const CLICK_SLOP_PX: f64 = 5.0;
/// How much one button press zooms.
const BUTTON_ZOOM: f64 = 2.0;
/// A safety cap on drawn items per frame (the layout's aggregation keeps far below it).
const MAX_DRAWN: usize = 6000;

/// The animation-frame callback.
type FrameCallback = Closure<dyn FnMut(f64)>;
/// An event listener.
type Listener = Closure<dyn FnMut(Event)>;
/// The resize observer and its callback.
type Resize = (ResizeObserver, Closure<dyn FnMut(JsValue)>);

/// The timeline panel. See the module documentation for the API and the DOM it draws.
pub struct TimelineView {
    window: Window,
    document: Document,
    els: Elements,
    state: RefCell<State>,
    on_select: Box<dyn Fn(Option<Location>)>,
    cause_of: Box<CauseOf>,
    frame_callback: RefCell<Option<FrameCallback>>,
    frame_request: Cell<Option<i32>>,
    listeners: RefCell<Vec<Listener>>,
    resize: RefCell<Option<Resize>>,
}

/// The panel's fixed elements.
struct Elements {
    root: HtmlElement,
    range: HtmlElement,
    labels: Vec<HtmlElement>,
    label_counts: Vec<HtmlElement>,
    plot: HtmlElement,
    lane_backgrounds: Vec<HtmlElement>,
    ticks: HtmlElement,
    items: HtmlElement,
    cursor: HtmlElement,
    /// The selected item's initiator (an `svg` holding one `line`).
    arrow: Element,
    overview: HtmlElement,
    thumb: HtmlElement,
    tooltip: HtmlElement,
}

/// What changes between frames.
struct State {
    layout: TimelineLayout,
    viewport: Viewport,
    rows: LaneRows,
    auto_fit: bool,
    cursor: Option<u64>,
    reveal_cursor: bool,
    selected: Option<ItemRef>,
    /// The pointer over the plot, in plot coordinates, for the tooltip.
    hover: Option<(f64, f64)>,
    gesture: Gesture,
    /// Pointers down on the plot: id and client position.
    pointers: Vec<(i32, f64, f64)>,
    /// The plot's offset inside the panel's root, for placing the tooltip.
    plot_offset: (f64, f64),
    slots: Vec<Slot>,
    attached: usize,
    tick_slots: Vec<Slot>,
    ticks_attached: usize,
    /// Last values written to the fixed elements, to skip unchanged writes.
    written: Written,
    tooltip_lines: Vec<(&'static str, String)>,
    /// The selected item's initiator, if known.
    arrow: Option<Arrow>,
}

/// An arrow from where an item was queued (`seq`, lane) to its start (`seq`, lane, track).
type Arrow = ((u64, Lane), (u64, Lane, usize));

/// Where a selected item was queued: given what it is and the `seq` of its start, the `seq` of
/// the event that queued it and the lane of the task or microtask running then.
pub type CauseOf = dyn Fn(&ItemDetail, u64) -> Option<(u64, Lane)>;

#[derive(Default)]
struct Written {
    root_height: String,
    labels: Vec<String>,
    counts: Vec<String>,
    backgrounds: Vec<String>,
    cursor: String,
    /// The arrow's `x1 y1 x2 y2`, or empty while it is hidden.
    arrow: String,
    thumb: String,
    range: String,
    tooltip_style: String,
}

/// What the pointer is doing.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Gesture {
    None,
    /// One pointer down on the plot; a click unless it moves.
    Press {
        start_x: f64,
        start_y: f64,
        last_x: f64,
        moved: bool,
    },
    /// Two pointers: pinch zoom about their middle, pan with it.
    Pinch {
        distance: f64,
        middle: f64,
    },
    /// Dragging the overview strip's thumb.
    Thumb {
        last_x: f64,
    },
}

/// A reusable element and what was last written to it.
struct Slot {
    el: HtmlElement,
    kind: &'static str,
    state: &'static str,
    style: String,
    text: String,
    count: usize,
    selected: bool,
    current: bool,
}

impl Slot {
    fn new(el: HtmlElement) -> Self {
        Self {
            el,
            kind: "",
            state: "",
            style: String::new(),
            text: String::new(),
            count: 0,
            selected: false,
            current: false,
        }
    }
}

impl TimelineView {
    /// Builds the panel inside `container` (its existing children are left alone) and starts
    /// drawing. `on_select` receives the source location of a clicked item, `None` when the
    /// selection is cleared or the item has none. `cause_of` says, for a selected item, where its
    /// initiator queued it: the `seq` of that event and the lane of what was running then.
    pub fn mount(
        container: &HtmlElement,
        on_select: Box<dyn Fn(Option<Location>)>,
        cause_of: Box<CauseOf>,
    ) -> Result<Rc<Self>, JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let document = window.document().ok_or("no document")?;
        let els = build(&document, container)?;
        if !container.has_attribute("data-testid") {
            container.set_attribute("data-testid", "timeline")?;
        }
        let layout = TimelineLayout::new();
        let rows = layout.rows(RowStyle::default());
        let view = Rc::new(Self {
            window,
            document,
            els,
            state: RefCell::new(State {
                layout,
                viewport: Viewport::default(),
                rows,
                auto_fit: true,
                cursor: None,
                reveal_cursor: false,
                selected: None,
                hover: None,
                gesture: Gesture::None,
                pointers: Vec::new(),
                plot_offset: (0.0, 0.0),
                slots: Vec::new(),
                attached: 0,
                tick_slots: Vec::new(),
                ticks_attached: 0,
                written: Written::default(),
                tooltip_lines: Vec::new(),
                arrow: None,
            }),
            on_select,
            cause_of,
            frame_callback: RefCell::new(None),
            frame_request: Cell::new(None),
            listeners: RefCell::new(Vec::new()),
            resize: RefCell::new(None),
        });
        // Measured in its first frame (or by the resize observer), not here: reading layout while
        // the page is still being built would lay the whole page out an extra time.
        view.wire()?;
        view.schedule();
        Ok(view)
    }

    /// Replaces the events shown by `events`.
    pub fn set_events(&self, events: &[TraceEvent]) {
        self.clear();
        self.append(events);
    }

    /// Adds a batch of events, continuing in `seq` order.
    pub fn append(&self, events: &[TraceEvent]) {
        if events.is_empty() {
            return;
        }
        self.state.borrow_mut().layout.append(events);
        self.schedule();
    }

    /// Forgets every event, the selection and the cursor; the view fits the (empty) run again.
    pub fn clear(&self) {
        {
            let mut state = self.state.borrow_mut();
            state.layout.clear();
            state.auto_fit = true;
            state.cursor = None;
            state.selected = None;
            state.arrow = None;
            state.hover = None;
        }
        self.schedule();
    }

    /// Shows the whole run, and keeps showing it as events arrive until the user zooms or pans.
    pub fn zoom_to_fit(&self) {
        self.state.borrow_mut().auto_fit = true;
        self.schedule();
    }

    /// Puts the step cursor at the event `seq` (panning to it when it is out of view), or removes
    /// it.
    pub fn set_cursor(&self, seq: Option<u64>) {
        {
            let mut state = self.state.borrow_mut();
            state.cursor = seq;
            state.reveal_cursor = seq.is_some();
        }
        self.schedule();
    }

    /// How many events the view holds.
    pub fn event_count(&self) -> usize {
        self.state.borrow().layout.event_count()
    }

    /// Asks for a redraw in the next animation frame (at most one is pending).
    fn schedule(&self) {
        if self.frame_request.get().is_some() {
            return;
        }
        let callback = self.frame_callback.borrow();
        let Some(callback) = callback.as_ref() else {
            return;
        };
        match self
            .window
            .request_animation_frame(callback.as_ref().unchecked_ref())
        {
            Ok(id) => self.frame_request.set(Some(id)),
            Err(error) => report("timeline: requestAnimationFrame failed", &error),
        }
    }

    /// Installs the frame callback, the resize observer and the pointer and button listeners.
    fn wire(self: &Rc<Self>) -> Result<(), JsValue> {
        let weak = Rc::downgrade(self);
        *self.frame_callback.borrow_mut() = Some(Closure::new(move |_time: f64| {
            if let Some(view) = weak.upgrade() {
                view.frame_request.set(None);
                if let Err(error) = view.render() {
                    report("timeline: drawing failed", &error);
                }
            }
        }));

        let weak = Rc::downgrade(self);
        let on_resize = Closure::<dyn FnMut(JsValue)>::new(move |_entries: JsValue| {
            if let Some(view) = weak.upgrade() {
                view.measure();
                view.schedule();
            }
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
        observer.observe(&self.els.root);
        observer.observe(&self.els.plot);
        *self.resize.borrow_mut() = Some((observer, on_resize));

        let plot: &Element = &self.els.plot;
        self.listen(plot, "pointerdown", false, |view, event| {
            view.on_pointer_down(event)
        })?;
        self.listen(plot, "pointermove", false, |view, event| {
            view.on_pointer_move(event)
        })?;
        self.listen(plot, "pointerup", false, |view, event| {
            view.on_pointer_up(event, true)
        })?;
        self.listen(plot, "pointercancel", false, |view, event| {
            view.on_pointer_up(event, false)
        })?;
        self.listen(plot, "pointerleave", false, |view, event| {
            view.on_pointer_leave(event)
        })?;
        self.listen(plot, "wheel", true, |view, event| view.on_wheel(event))?;
        self.listen(plot, "dblclick", false, |view, event| {
            event.prevent_default();
            view.zoom_to_fit();
        })?;

        let overview: &Element = &self.els.overview;
        self.listen(overview, "pointerdown", false, |view, event| {
            view.on_thumb_down(event)
        })?;
        self.listen(overview, "pointermove", false, |view, event| {
            view.on_thumb_move(event)
        })?;
        for kind in ["pointerup", "pointercancel"] {
            self.listen(overview, kind, false, |view, _event| {
                view.state.borrow_mut().gesture = Gesture::None;
            })?;
        }

        for (testid, action) in [
            ("timeline-fit", ButtonAction::Fit),
            ("timeline-zoom-in", ButtonAction::ZoomIn),
            ("timeline-zoom-out", ButtonAction::ZoomOut),
        ] {
            let selector = format!("[data-testid=\"{testid}\"]");
            if let Some(button) = self.els.root.query_selector(&selector)? {
                self.listen(&button, "click", false, move |view, _event| {
                    view.on_button(action)
                })?;
            }
        }
        Ok(())
    }

    /// Adds an event listener that holds the view weakly; a non-passive one when it must be able
    /// to prevent the default (wheel).
    fn listen(
        self: &Rc<Self>,
        target: &Element,
        kind: &str,
        non_passive: bool,
        handler: impl Fn(&Rc<Self>, &Event) + 'static,
    ) -> Result<(), JsValue> {
        let weak: Weak<Self> = Rc::downgrade(self);
        let closure: Listener = Closure::new(move |event: Event| {
            if let Some(view) = weak.upgrade() {
                handler(&view, &event);
            }
        });
        if non_passive {
            let options = AddEventListenerOptions::new();
            options.set_passive(false);
            target.add_event_listener_with_callback_and_add_event_listener_options(
                kind,
                closure.as_ref().unchecked_ref(),
                &options,
            )?;
        } else {
            target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
        }
        self.listeners.borrow_mut().push(closure);
        Ok(())
    }

    /// Reads the plot's size (layout is fresh in a resize observer's callback).
    fn measure(&self) {
        let width = f64::from(self.els.plot.client_width());
        let offset = (
            f64::from(self.els.plot.offset_left()),
            f64::from(self.els.plot.offset_top()),
        );
        let mut state = self.state.borrow_mut();
        state.viewport.width_px = width.max(0.0);
        state.plot_offset = offset;
    }

    /// A client position in plot coordinates.
    fn plot_point(&self, client_x: f64, client_y: f64) -> (f64, f64) {
        let rect = self.els.plot.get_bounding_client_rect();
        (client_x - rect.left(), client_y - rect.top())
    }

    fn on_button(&self, action: ButtonAction) {
        {
            let mut state = self.state.borrow_mut();
            let middle = state.viewport.width_px / 2.0;
            match action {
                ButtonAction::Fit => state.auto_fit = true,
                ButtonAction::ZoomIn | ButtonAction::ZoomOut => {
                    let factor = if action == ButtonAction::ZoomIn {
                        BUTTON_ZOOM
                    } else {
                        1.0 / BUTTON_ZOOM
                    };
                    state.auto_fit = false;
                    state.viewport.zoom_at(middle, factor);
                    keep_in_reach(&mut state);
                }
            }
        }
        self.schedule();
    }

    fn on_pointer_down(&self, event: &Event) {
        let Some(event) = event.dyn_ref::<PointerEvent>() else {
            return;
        };
        if event.pointer_type() == "mouse" && event.button() != 0 {
            return;
        }
        let (cx, cy) = (f64::from(event.client_x()), f64::from(event.client_y()));
        let (x, y) = self.plot_point(cx, cy);
        // Capture so the drag goes on outside the plot; failing that, it ends at the edge.
        let _ = self.els.plot.set_pointer_capture(event.pointer_id());
        {
            let mut state = self.state.borrow_mut();
            state
                .pointers
                .retain(|(id, _, _)| *id != event.pointer_id());
            state.pointers.push((event.pointer_id(), cx, cy));
            state.hover = Some((x, y));
            state.gesture = match state.pointers.as_slice() {
                [_] => Gesture::Press {
                    start_x: x,
                    start_y: y,
                    last_x: x,
                    moved: false,
                },
                [a, b, ..] => {
                    let (distance, middle) = pinch(a, b);
                    Gesture::Pinch {
                        distance,
                        middle: middle - (cx - x),
                    }
                }
                [] => Gesture::None,
            };
        }
        self.schedule();
    }

    fn on_pointer_move(&self, event: &Event) {
        let Some(event) = event.dyn_ref::<PointerEvent>() else {
            return;
        };
        let (cx, cy) = (f64::from(event.client_x()), f64::from(event.client_y()));
        let (x, y) = self.plot_point(cx, cy);
        {
            let mut state = self.state.borrow_mut();
            state.hover = Some((x, y));
            let id = event.pointer_id();
            if let Some(pointer) = state.pointers.iter_mut().find(|(p, _, _)| *p == id) {
                pointer.1 = cx;
                pointer.2 = cy;
            }
            match state.gesture {
                Gesture::Press {
                    start_x,
                    start_y,
                    last_x,
                    moved,
                } => {
                    let moved = moved
                        || (x - start_x).abs() > CLICK_SLOP_PX
                        || (y - start_y).abs() > CLICK_SLOP_PX;
                    if moved {
                        state.viewport.pan_px(x - last_x);
                        state.auto_fit = false;
                        keep_in_reach(&mut state);
                    }
                    state.gesture = Gesture::Press {
                        start_x,
                        start_y,
                        last_x: x,
                        moved,
                    };
                }
                Gesture::Pinch { distance, middle } => {
                    if let [a, b, ..] = state.pointers.as_slice() {
                        let (new_distance, new_middle) = pinch(a, b);
                        let new_middle = new_middle - (cx - x);
                        if distance > 0.0 && new_distance > 0.0 {
                            state.viewport.pan_px(new_middle - middle);
                            state.viewport.zoom_at(new_middle, new_distance / distance);
                            state.auto_fit = false;
                            keep_in_reach(&mut state);
                        }
                        state.gesture = Gesture::Pinch {
                            distance: new_distance,
                            middle: new_middle,
                        };
                    }
                }
                Gesture::None | Gesture::Thumb { .. } => {}
            }
        }
        self.schedule();
    }

    fn on_pointer_up(&self, event: &Event, completed: bool) {
        let Some(event) = event.dyn_ref::<PointerEvent>() else {
            return;
        };
        let (x, y) = self.plot_point(f64::from(event.client_x()), f64::from(event.client_y()));
        let click = {
            let mut state = self.state.borrow_mut();
            let id = event.pointer_id();
            state.pointers.retain(|(p, _, _)| *p != id);
            let click = matches!(state.gesture, Gesture::Press { moved: false, .. }) && completed;
            // After a pinch, a remaining finger pans on without clicking.
            state.gesture = match state.pointers.as_slice() {
                [(_, cx, cy)] => {
                    let (x, y) = (cx - (f64::from(event.client_x()) - x), *cy);
                    Gesture::Press {
                        start_x: x,
                        start_y: y,
                        last_x: x,
                        moved: true,
                    }
                }
                _ => Gesture::None,
            };
            if event.pointer_type() != "mouse" && state.pointers.is_empty() && !click {
                state.hover = None;
            }
            click
        };
        let _ = self.els.plot.release_pointer_capture(event.pointer_id());
        if click {
            self.click(x, y);
        }
        self.schedule();
    }

    fn on_pointer_leave(&self, event: &Event) {
        let mouse = event
            .dyn_ref::<PointerEvent>()
            .is_some_and(|event| event.pointer_type() == "mouse");
        if mouse {
            self.state.borrow_mut().hover = None;
            self.schedule();
        }
    }

    fn on_wheel(&self, event: &Event) {
        let Some(event) = event.dyn_ref::<WheelEvent>() else {
            return;
        };
        event.prevent_default();
        let (x, _) = self.plot_point(f64::from(event.client_x()), f64::from(event.client_y()));
        let scale = match event.delta_mode() {
            WheelEvent::DOM_DELTA_LINE => 16.0,
            WheelEvent::DOM_DELTA_PAGE => 400.0,
            _ => 1.0,
        };
        let (dx, dy) = (event.delta_x() * scale, event.delta_y() * scale);
        {
            let mut state = self.state.borrow_mut();
            state.auto_fit = false;
            if event.shift_key() && !event.ctrl_key() {
                state.viewport.pan_px(-(dx + dy));
            } else if event.ctrl_key() || dy.abs() >= dx.abs() {
                // Trackpad pinches arrive as ctrl+wheel with small deltas: zoom faster for them.
                let rate = if event.ctrl_key() { 0.01 } else { 0.002 };
                state.viewport.zoom_at(x, (-dy * rate).exp());
            } else {
                state.viewport.pan_px(-dx);
            }
            keep_in_reach(&mut state);
        }
        self.schedule();
    }

    fn on_thumb_down(&self, event: &Event) {
        let Some(event) = event.dyn_ref::<PointerEvent>() else {
            return;
        };
        let x = f64::from(event.client_x());
        let _ = self.els.overview.set_pointer_capture(event.pointer_id());
        {
            let mut state = self.state.borrow_mut();
            // A press beside the thumb centres the view there first.
            let rect = self.els.overview.get_bounding_client_rect();
            if let Some((lo, hi)) = state.layout.extent() {
                let width = rect.width().max(1.0);
                let at = lo + (x - rect.left()) / width * (hi - lo).max(1e-9);
                let viewport = &mut state.viewport;
                if at < viewport.start_ms || at > viewport.end_ms {
                    let span = viewport.span();
                    viewport.start_ms = at - span / 2.0;
                    viewport.end_ms = at + span / 2.0;
                }
            }
            state.auto_fit = false;
            keep_in_reach(&mut state);
            state.gesture = Gesture::Thumb { last_x: x };
        }
        self.schedule();
    }

    fn on_thumb_move(&self, event: &Event) {
        let Some(event) = event.dyn_ref::<PointerEvent>() else {
            return;
        };
        let x = f64::from(event.client_x());
        {
            let mut state = self.state.borrow_mut();
            let Gesture::Thumb { last_x } = state.gesture else {
                return;
            };
            let width = f64::from(self.els.overview.client_width()).max(1.0);
            if let Some((lo, hi)) = state.layout.extent() {
                let ms = (x - last_x) / width * (hi - lo).max(1e-9);
                let px = ms / state.viewport.ms_per_px();
                state.viewport.pan_px(-px);
                keep_in_reach(&mut state);
            }
            state.gesture = Gesture::Thumb { last_x: x };
        }
        self.schedule();
    }

    /// A click at plot coordinates: select the item there (or zoom into an aggregate), or clear
    /// the selection. Calls `on_select` after the state is released.
    fn click(&self, x: f64, y: f64) {
        let selection = {
            let mut state = self.state.borrow_mut();
            let state = &mut *state;
            let hit = state.layout.hit(&state.viewport, &state.rows, x, y);
            match hit {
                Some(hit) if hit.is_aggregate() => {
                    state.auto_fit = false;
                    state.viewport.fit_range(hit.start, hit.end);
                    None
                }
                Some(hit) => {
                    state.selected = hit.item_ref();
                    let item = hit
                        .item_ref()
                        .and_then(|at| state.layout.item(at).map(|item| (at, item)));
                    state.arrow = item.and_then(|(at, item)| {
                        let from = (self.cause_of)(&item.detail, item.seq_start)?;
                        Some((from, (item.seq_start, at.lane, at.track)))
                    });
                    let location = item.and_then(|(_, item)| item.by.clone());
                    Some(location)
                }
                None if state.selected.is_some() => {
                    state.selected = None;
                    state.arrow = None;
                    Some(None)
                }
                None => None,
            }
        };
        self.schedule();
        if let Some(location) = selection {
            (self.on_select)(location);
        }
    }

    /// Draws the current state: lanes, items in view, axis, cursor, overview and tooltip.
    fn render(&self) -> Result<(), JsValue> {
        if self.state.borrow().viewport.width_px <= 0.0 {
            self.measure();
        }
        let mut guard = self.state.borrow_mut();
        let state = &mut *guard;
        if state.auto_fit {
            let width = state.viewport.width_px;
            state.viewport.fit(&state.layout);
            state.viewport.width_px = width;
        }
        if state.reveal_cursor {
            state.reveal_cursor = false;
            if let Some(wall) = state.cursor.and_then(|seq| state.layout.wall_of_seq(seq)) {
                state.viewport.reveal(wall);
            }
        }
        state.rows = state.layout.rows(RowStyle::default());
        self.draw_lanes(state)?;
        self.draw_items(state)?;
        self.draw_ticks(state)?;
        self.draw_cursor(state)?;
        self.draw_arrow(state)?;
        self.draw_overview(state)?;
        self.draw_tooltip(state)?;
        Ok(())
    }

    fn draw_lanes(&self, state: &mut State) -> Result<(), JsValue> {
        let written = &mut state.written;
        let height = format!(
            "--tl-lanes-h:{}px;--tl-axis-h:{AXIS_PX}px;--tl-overview-h:{OVERVIEW_PX}px",
            state.rows.height
        );
        if written.root_height != height {
            self.els.root.set_attribute("style", &height)?;
            written.root_height = height;
        }
        written.labels.resize(Lane::ALL.len(), String::new());
        written.counts.resize(Lane::ALL.len(), String::new());
        written.backgrounds.resize(Lane::ALL.len(), String::new());
        for (i, row) in state.rows.rows.iter().enumerate() {
            let style = format!("top:{}px;height:{}px", row.top, row.height);
            if written.labels[i] != style {
                self.els.labels[i].set_attribute("style", &style)?;
                self.els.lane_backgrounds[i].set_attribute("style", &style)?;
                written.labels[i].clone_from(&style);
                written.backgrounds[i] = style;
            }
            let count = state.layout.count(row.lane);
            let count = if count == 0 {
                String::new()
            } else {
                format::count(count)
            };
            if written.counts[i] != count {
                self.els.label_counts[i].set_text_content(Some(&count));
                written.counts[i] = count;
            }
        }
        let range = match state.layout.extent() {
            Some(_) => format!(
                "{} – {} · {} events",
                format::millis(state.viewport.start_ms.max(0.0)),
                format::millis(state.viewport.end_ms),
                format::count(state.layout.event_count())
            ),
            None => "no events yet".to_owned(),
        };
        if written.range != range {
            self.els.range.set_text_content(Some(&range));
            written.range = range;
        }
        Ok(())
    }

    fn draw_items(&self, state: &mut State) -> Result<(), JsValue> {
        let mut used = 0;
        let track_px = RowStyle::default().track_px;
        for lane in Lane::ALL {
            let row = *state.rows.row(lane);
            for visible in state.layout.visible(lane, &state.viewport) {
                if used >= MAX_DRAWN {
                    break;
                }
                if used == state.slots.len() {
                    let el = create(&self.document, "div", "tl-item")?;
                    el.set_attribute("data-testid", "timeline-item")?;
                    state.slots.push(Slot::new(el));
                }
                if used >= state.attached {
                    self.els.items.append_child(&state.slots[used].el)?;
                    state.attached = used + 1;
                }
                let single = visible.item_ref().and_then(|at| state.layout.item(at));
                let item_state = single.map_or("done", |item| item.state.name());
                let selected = state.selected.is_some_and(|selected| {
                    selected.lane == lane
                        && selected.track == visible.track
                        && visible.indices().contains(&selected.index)
                });
                let current = match (single, state.cursor) {
                    (Some(item), Some(seq)) => item.covers(seq),
                    _ => false,
                };
                let text = if visible.width >= LABEL_MIN_PX {
                    state.layout.label(&visible)
                } else {
                    String::new()
                };
                let style = format!(
                    "transform:translate({:.1}px,{}px);width:{:.1}px;height:{}px",
                    visible.x,
                    row.track_top(visible.track),
                    visible.width,
                    track_px - 2.0
                );
                let slot = &mut state.slots[used];
                write_slot(
                    slot,
                    lane.kind(),
                    item_state,
                    style,
                    text,
                    visible.count,
                    selected,
                    current,
                )?;
                used += 1;
            }
        }
        for slot in &state.slots[used..state.attached.max(used)] {
            slot.el.remove();
        }
        state.attached = used;
        Ok(())
    }

    fn draw_ticks(&self, state: &mut State) -> Result<(), JsValue> {
        let ticks = state.viewport.ticks(TICK_SPACING_PX);
        for (i, tick) in ticks.iter().enumerate() {
            if i == state.tick_slots.len() {
                let el = create(&self.document, "div", "tl-tick")?;
                state.tick_slots.push(Slot::new(el));
            }
            if i >= state.ticks_attached {
                self.els.ticks.append_child(&state.tick_slots[i].el)?;
                state.ticks_attached = i + 1;
            }
            let slot = &mut state.tick_slots[i];
            let style = format!("transform:translateX({:.1}px)", tick.x);
            if slot.style != style {
                slot.el.set_attribute("style", &style)?;
                slot.style = style;
            }
            if slot.text != tick.label {
                slot.el.set_text_content(Some(&tick.label));
                slot.text.clone_from(&tick.label);
            }
        }
        for slot in &state.tick_slots[ticks.len()..state.ticks_attached.max(ticks.len())] {
            slot.el.remove();
        }
        state.ticks_attached = ticks.len();
        Ok(())
    }

    fn draw_cursor(&self, state: &mut State) -> Result<(), JsValue> {
        let x = state
            .cursor
            .and_then(|seq| state.layout.x_of_seq(seq, &state.viewport))
            .filter(|x| (-2.0..=state.viewport.width_px + 2.0).contains(x));
        let style = match x {
            Some(x) => format!("transform:translateX({x:.1}px)"),
            None => "display:none".to_owned(),
        };
        if state.written.cursor != style {
            self.els.cursor.set_attribute("style", &style)?;
            state.written.cursor = style;
        }
        Ok(())
    }

    /// The selected item's initiator as an arrow, or none.
    fn draw_arrow(&self, state: &mut State) -> Result<(), JsValue> {
        let track_px = RowStyle::default().track_px;
        let points =
            state
                .arrow
                .and_then(|((from_seq, from_lane), (to_seq, to_lane, to_track))| {
                    let x1 = state.layout.x_of_seq(from_seq, &state.viewport)?;
                    let x2 = state.layout.x_of_seq(to_seq, &state.viewport)?;
                    let y1 = state.rows.row(from_lane).track_top(0) + track_px / 2.0;
                    let y2 = state.rows.row(to_lane).track_top(to_track) + track_px / 2.0;
                    Some((x1, y1, x2, y2))
                });
        // Written only when it moved, as the other fixed elements are.
        let written = points
            .map(|(x1, y1, x2, y2)| format!("{x1:.1} {y1:.1} {x2:.1} {y2:.1}"))
            .unwrap_or_default();
        if state.written.arrow == written {
            return Ok(());
        }
        let line = self.els.arrow.first_element_child();
        match (points, line) {
            (Some((x1, y1, x2, y2)), Some(line)) => {
                for (name, value) in [("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)] {
                    line.set_attribute(name, &format!("{value:.1}"))?;
                }
                self.els.arrow.remove_attribute("display")?;
            }
            _ => self.els.arrow.set_attribute("display", "none")?,
        }
        state.written.arrow = written;
        Ok(())
    }

    fn draw_overview(&self, state: &mut State) -> Result<(), JsValue> {
        let style = match state.layout.extent() {
            Some((lo, hi)) if hi > lo => {
                let span = hi - lo;
                let left = ((state.viewport.start_ms - lo) / span).clamp(0.0, 1.0);
                let right = ((state.viewport.end_ms - lo) / span).clamp(0.0, 1.0);
                format!(
                    "left:{:.3}%;width:max(12px,{:.3}%)",
                    left * 100.0,
                    (right - left).max(0.0) * 100.0
                )
            }
            _ => "left:0;width:100%".to_owned(),
        };
        if state.written.thumb != style {
            self.els.thumb.set_attribute("style", &style)?;
            state.written.thumb = style;
        }
        Ok(())
    }

    fn draw_tooltip(&self, state: &mut State) -> Result<(), JsValue> {
        let dragging = matches!(
            state.gesture,
            Gesture::Press { moved: true, .. } | Gesture::Pinch { .. } | Gesture::Thumb { .. }
        );
        let hit = match state.hover {
            Some((x, y)) if !dragging => state
                .layout
                .hit(&state.viewport, &state.rows, x, y)
                .map(|hit| (hit, x, y)),
            _ => None,
        };
        let Some((hit, x, y)) = hit else {
            if !state.tooltip_lines.is_empty() {
                self.els.tooltip.set_attribute("hidden", "")?;
                state.tooltip_lines.clear();
            }
            return Ok(());
        };
        let lines = describe(&state.layout, &hit);
        if lines != state.tooltip_lines {
            self.els.tooltip.set_text_content(None);
            for (class, text) in &lines {
                let line = create(&self.document, "div", class)?;
                line.set_text_content(Some(text));
                self.els.tooltip.append_child(&line)?;
            }
            self.els.tooltip.remove_attribute("hidden")?;
            state.tooltip_lines = lines;
        }
        // Beside the pointer, on the side with more room.
        let (ox, oy) = state.plot_offset;
        let horizontal = if x > state.viewport.width_px / 2.0 {
            format!("right:calc(100% - {:.0}px)", ox + x - 10.0)
        } else {
            format!("left:{:.0}px", ox + x + 12.0)
        };
        let vertical = if y > state.rows.height / 2.0 {
            format!("bottom:calc(100% - {:.0}px)", oy + y - 8.0)
        } else {
            format!("top:{:.0}px", oy + y + 14.0)
        };
        let style = format!("{horizontal};{vertical}");
        if state.written.tooltip_style != style {
            self.els.tooltip.set_attribute("style", &style)?;
            state.written.tooltip_style = style;
        }
        Ok(())
    }
}

impl Drop for TimelineView {
    fn drop(&mut self) {
        if let Some(id) = self.frame_request.take() {
            let _ = self.window.cancel_animation_frame(id);
        }
        if let Some((observer, _)) = self.resize.borrow_mut().take() {
            observer.disconnect();
        }
        self.els.root.remove();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ButtonAction {
    Fit,
    ZoomIn,
    ZoomOut,
}

/// Keeps the window within the run after the user moved or zoomed it.
fn keep_in_reach(state: &mut State) {
    if let Some((lo, hi)) = state.layout.extent() {
        state.viewport.clamp_to(lo, hi);
    }
}

/// Distance between two pointers and the x of their middle (client coordinates).
fn pinch(a: &(i32, f64, f64), b: &(i32, f64, f64)) -> (f64, f64) {
    let distance = ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt();
    (distance, (a.1 + b.1) / 2.0)
}

/// Writes what changed to a pooled item element.
#[allow(clippy::too_many_arguments)]
fn write_slot(
    slot: &mut Slot,
    kind: &'static str,
    state: &'static str,
    style: String,
    text: String,
    count: usize,
    selected: bool,
    current: bool,
) -> Result<(), JsValue> {
    if slot.kind != kind {
        slot.el.set_attribute("data-kind", kind)?;
        slot.kind = kind;
    }
    if slot.state != state {
        slot.el.set_attribute("data-state", state)?;
        slot.state = state;
    }
    if slot.style != style {
        slot.el.set_attribute("style", &style)?;
        slot.style = style;
    }
    if slot.text != text {
        slot.el.set_text_content(Some(&text));
        slot.text = text;
    }
    if slot.count != count {
        if count > 1 {
            slot.el.set_attribute("data-count", &count.to_string())?;
        } else {
            slot.el.remove_attribute("data-count")?;
        }
        slot.count = count;
    }
    if slot.selected != selected {
        set_flag(&slot.el, "data-selected", selected)?;
        slot.selected = selected;
    }
    if slot.current != current {
        set_flag(&slot.el, "data-current", current)?;
        slot.current = current;
    }
    Ok(())
}

fn set_flag(el: &Element, name: &str, on: bool) -> Result<(), JsValue> {
    if on {
        el.set_attribute(name, "")
    } else {
        el.remove_attribute(name)
    }
}

/// The tooltip's lines for a drawn item: (CSS class, text).
fn describe(layout: &TimelineLayout, hit: &VisibleItem) -> Vec<(&'static str, String)> {
    let real = |start: f64, end: f64| format!("real {}", format::range(start, end));
    let Some(item) = hit.item_ref().and_then(|at| layout.item(at)) else {
        return vec![
            ("tl-tip-title", hit.lane.plural(hit.count)),
            ("tl-tip-line", real(hit.start, hit.end)),
            ("tl-tip-hint", "click to zoom in".to_owned()),
        ];
    };
    let now = layout.now();
    let mut lines = vec![("tl-tip-title", item.label())];
    let what = match &item.detail {
        ItemDetail::Task { task, source, .. } => {
            let of = match source {
                TaskSource::Script { .. } | TaskSource::Module { .. } => "script evaluation",
                TaskSource::Timer { .. } => "setTimeout callback",
                TaskSource::Interval { .. } => "setInterval tick",
                TaskSource::HostOp { .. } => "host operation completion",
                TaskSource::Eval => "REPL line",
                TaskSource::RejectionReport => "rejection report",
                TaskSource::Engine => "engine job",
                TaskSource::AnimationFrame { .. } => "animation frame callback",
                TaskSource::IdleCallback { .. } => "idle callback",
                TaskSource::PostedMessage { .. } => "posted message",
                TaskSource::RejectionHandled => "rejectionhandled event",
                TaskSource::Scheduler {
                    continuation: true, ..
                } => "scheduler.yield() continuation",
                TaskSource::Scheduler { .. } => "scheduler.postTask callback",
            };
            format!("task #{task} · {of}")
        }
        ItemDetail::Microtask {
            microtask, source, ..
        } => match source {
            Some(source) => format!(
                "microtask #{microtask} · {}",
                format::microtask_source(*source)
            ),
            None => format!("microtask #{microtask}"),
        },
        ItemDetail::Timer {
            id, due, repeat, ..
        } => format!(
            "{} #{id} · due at {} loop time",
            if *repeat { "interval" } else { "timer" },
            format::millis(*due)
        ),
        ItemDetail::HostOp { op, settle, .. } => match settle {
            Some(settle) => format!("host operation #{op} · settled as {settle}"),
            None => format!("host operation #{op}"),
        },
        ItemDetail::Frame { .. } => "worker animation frame".to_owned(),
    };
    let status = match (item.state, item.lane()) {
        (ItemState::Open, Lane::Timer) => " · pending",
        (ItemState::Open, Lane::HostOp) => " · in flight",
        (ItemState::Open, _) => " · running",
        (ItemState::Cleared, _) => " · cleared",
        (ItemState::Failed, _) => " · failed",
        (ItemState::Error, _) => " · threw",
        (ItemState::Done, _) => "",
    };
    lines.push(("tl-tip-kind", format!("{what}{status}")));
    if item.lane() == Lane::Frame {
        lines.push((
            "tl-tip-line",
            format!(
                "real {} · loop {}",
                format::millis(item.start),
                format::millis(item.loop_start)
            ),
        ));
    } else {
        lines.push(("tl-tip-line", real(item.start, item.end_or(now))));
        let loop_line = match item.loop_end {
            Some(loop_end) => format!("loop {}", format::range(item.loop_start, loop_end)),
            None => format!("loop {} → …", format::millis(item.loop_start)),
        };
        lines.push(("tl-tip-line", loop_line));
    }
    let queued = match &item.detail {
        ItemDetail::Task { queued_wall, .. } | ItemDetail::Microtask { queued_wall, .. } => {
            *queued_wall
        }
        _ => None,
    };
    if let Some(queued) = queued {
        lines.push((
            "tl-tip-line",
            format!(
                "waited {} in the queue",
                format::millis(item.start - queued)
            ),
        ));
    }
    if let Some(by) = &item.by {
        let verb = match &item.detail {
            ItemDetail::Task {
                source: TaskSource::HostOp { .. },
                ..
            } => "operation started at",
            ItemDetail::Task { .. } | ItemDetail::Timer { .. } => "set at",
            ItemDetail::Microtask { .. } => "queued at",
            ItemDetail::HostOp { .. } => "started at",
            ItemDetail::Frame { .. } => "at",
        };
        lines.push(("tl-tip-loc", format!("{verb} {}", format::location(by))));
    }
    lines.push((
        "tl-tip-seq",
        match item.seq_end {
            Some(end) if end != item.seq_start => format!("events #{}–#{end}", item.seq_start),
            _ => format!("event #{}", item.seq_start),
        },
    ));
    lines
}

/// Creates an element with a class.
fn create(document: &Document, tag: &str, class: &str) -> Result<HtmlElement, JsValue> {
    let el: HtmlElement = document.create_element(tag)?.dyn_into()?;
    el.set_class_name(class);
    Ok(el)
}

/// Builds the panel's fixed elements inside `container`.
fn build(document: &Document, container: &HtmlElement) -> Result<Elements, JsValue> {
    let root = create(document, "div", "tl")?;

    let bar = create(document, "div", "tl-bar")?;
    for (testid, text, title) in [
        (
            "timeline-fit",
            "Fit",
            "Zoom to fit the whole run (double-click)",
        ),
        ("timeline-zoom-out", "−", "Zoom out"),
        ("timeline-zoom-in", "+", "Zoom in"),
    ] {
        let button = create(document, "button", "tl-button")?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-testid", testid)?;
        button.set_attribute("aria-label", title)?;
        button.set_title(title);
        button.set_text_content(Some(text));
        bar.append_child(&button)?;
    }
    let range = create(document, "span", "tl-range")?;
    range.set_attribute("aria-live", "off")?;
    bar.append_child(&range)?;
    root.append_child(&bar)?;

    let labels_column = create(document, "div", "tl-labels")?;
    let plot = create(document, "div", "tl-plot")?;
    let lanes = create(document, "div", "tl-lanes")?;
    let mut labels = Vec::new();
    let mut label_counts = Vec::new();
    let mut lane_backgrounds = Vec::new();
    for lane in Lane::ALL {
        let label = create(document, "div", "tl-label")?;
        label.set_attribute("data-lane", lane.kind())?;
        let name = create(document, "span", "tl-label-name")?;
        name.set_text_content(Some(lane.title()));
        let count = create(document, "span", "tl-label-count")?;
        label.append_child(&name)?;
        label.append_child(&count)?;
        labels_column.append_child(&label)?;
        labels.push(label);
        label_counts.push(count);

        let background = create(document, "div", "tl-lane")?;
        background.set_attribute("data-lane", lane.kind())?;
        lanes.append_child(&background)?;
        lane_backgrounds.push(background);
    }
    let ticks = create(document, "div", "tl-ticks")?;
    let items = create(document, "div", "tl-items")?;
    let cursor = create(document, "div", "tl-cursor")?;
    cursor.set_attribute("data-testid", "timeline-cursor")?;
    cursor.set_attribute("style", "display:none")?;
    const SVG: Option<&str> = Some("http://www.w3.org/2000/svg");
    let arrow = document.create_element_ns(SVG, "svg")?;
    arrow.set_attribute("class", "tl-arrow")?;
    arrow.set_attribute("data-testid", "timeline-arrow")?;
    arrow.set_attribute("aria-hidden", "true")?;
    arrow.set_attribute("display", "none")?;
    let defs = document.create_element_ns(SVG, "defs")?;
    let marker = document.create_element_ns(SVG, "marker")?;
    for (name, value) in [
        ("id", "tl-arrow-head"),
        ("viewBox", "0 0 8 8"),
        ("refX", "7"),
        ("refY", "4"),
        ("markerWidth", "7"),
        ("markerHeight", "7"),
        ("orient", "auto-start-reverse"),
    ] {
        marker.set_attribute(name, value)?;
    }
    let head = document.create_element_ns(SVG, "path")?;
    head.set_attribute("d", "M0,0 L8,4 L0,8 z")?;
    marker.append_child(&head)?;
    defs.append_child(&marker)?;
    let line = document.create_element_ns(SVG, "line")?;
    line.set_attribute("marker-end", "url(#tl-arrow-head)")?;
    arrow.append_child(&line)?;
    arrow.append_child(&defs)?;
    for layer in [&lanes, &ticks, &items, &cursor] {
        plot.append_child(layer)?;
    }
    plot.append_child(&arrow)?;
    root.append_child(&labels_column)?;
    root.append_child(&plot)?;

    let overview = create(document, "div", "tl-overview")?;
    overview.set_title("Where the view is within the run: drag to scroll");
    let thumb = create(document, "div", "tl-thumb")?;
    overview.append_child(&thumb)?;
    let corner = create(document, "div", "tl-corner")?;
    root.append_child(&corner)?;
    root.append_child(&overview)?;

    let tooltip = create(document, "div", "tl-tip")?;
    tooltip.set_attribute("data-testid", "timeline-tooltip")?;
    tooltip.set_attribute("role", "tooltip")?;
    tooltip.set_attribute("hidden", "")?;
    root.append_child(&tooltip)?;

    container.append_child(&root)?;
    Ok(Elements {
        root,
        range,
        labels,
        label_counts,
        plot,
        lane_backgrounds,
        ticks,
        items,
        cursor,
        arrow,
        overview,
        thumb,
        tooltip,
    })
}

/// Logs a browser error to the console.
fn report(what: &str, error: &JsValue) {
    web_sys::console::error_2(&JsValue::from_str(what), error);
}
