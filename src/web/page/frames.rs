//! Coalesced redraws: however often [`Redraw::request`] is called, its callback runs once, in the
//! next animation frame.
//!
//! Every redraw of the page runs from one animation-frame callback, in the order requested, and a
//! redraw requested during that frame by another one runs in the same frame: the worker's
//! messages read in a frame are drawn in that frame, not one frame later. A redraw that asks for
//! itself again while it runs is put off to the next frame, so each runs at most once per frame.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::dom;

/// A redraw callback run at most once per animation frame.
pub struct Redraw {
    slot: Rc<Slot>,
}

struct Slot {
    /// Whether it waits in the queue.
    queued: Cell<bool>,
    /// The dispatch it last ran in.
    ran_in: Cell<u64>,
    draw: RefCell<Box<dyn FnMut()>>,
}

impl Redraw {
    /// Wraps `draw`, which runs in the animation frame after a request.
    pub fn new(draw: impl FnMut() + 'static) -> Self {
        Self {
            slot: Rc::new(Slot {
                queued: Cell::new(false),
                ran_in: Cell::new(0),
                draw: RefCell::new(Box::new(draw)),
            }),
        }
    }

    /// Asks for the callback to run in the next animation frame (once, however often asked).
    pub fn request(&self) {
        QUEUE.with(|queue| {
            queue.push(&self.slot);
            queue.request_frame();
        });
    }

    /// Asks for the callback to run as soon as the current task is done (in a microtask), for
    /// work that should not wait for a frame.
    pub fn request_soon(&self) {
        QUEUE.with(|queue| {
            queue.push(&self.slot);
            queue.request_microtask();
        });
    }
}

thread_local! {
    static QUEUE: Queue = Queue::new();
}

/// The redraws requested and how they will run.
struct Queue {
    waiting: RefCell<VecDeque<Rc<Slot>>>,
    /// Dispatches so far (a frame or a microtask each).
    dispatches: Cell<u64>,
    frame_requested: Cell<bool>,
    microtask_requested: Cell<bool>,
    on_frame: Closure<dyn FnMut(f64)>,
    on_microtask: Closure<dyn FnMut(JsValue)>,
}

impl Queue {
    fn new() -> Self {
        Self {
            waiting: RefCell::default(),
            dispatches: Cell::new(0),
            frame_requested: Cell::new(false),
            microtask_requested: Cell::new(false),
            on_frame: Closure::new(|_time: f64| {
                QUEUE.with(|queue| queue.frame_requested.set(false));
                dispatch();
            }),
            on_microtask: Closure::new(|_: JsValue| {
                QUEUE.with(|queue| queue.microtask_requested.set(false));
                dispatch();
            }),
        }
    }

    fn push(&self, slot: &Rc<Slot>) {
        if !slot.queued.replace(true) {
            self.waiting.borrow_mut().push_back(Rc::clone(slot));
        }
    }

    fn request_frame(&self) {
        if self.frame_requested.get() {
            return;
        }
        let callback = self.on_frame.as_ref().unchecked_ref();
        match dom::window().and_then(|window| window.request_animation_frame(callback)) {
            Ok(_) => self.frame_requested.set(true),
            Err(error) => dom::log_error("could not request an animation frame", &error),
        }
    }

    fn request_microtask(&self) {
        if self.microtask_requested.replace(true) {
            return;
        }
        // A resolved promise's reaction: the microtask queue, without a dependency on futures.
        let _ = js_sys::Promise::resolve(&JsValue::UNDEFINED).then(&self.on_microtask);
    }
}

/// Runs what is queued, and what that queues in turn, once each; a redraw that already ran in
/// this dispatch waits for the next frame.
fn dispatch() {
    let dispatch = QUEUE.with(|queue| {
        let next = queue.dispatches.get() + 1;
        queue.dispatches.set(next);
        next
    });
    let mut later = Vec::new();
    // Never hold the queue while drawing: a redraw requests others.
    while let Some(slot) = QUEUE.with(|queue| queue.waiting.borrow_mut().pop_front()) {
        if slot.ran_in.get() == dispatch {
            later.push(slot);
            continue;
        }
        slot.queued.set(false);
        slot.ran_in.set(dispatch);
        // Dispatches never nest (they start from a frame or a microtask), so this is free.
        (slot.draw.borrow_mut())();
    }
    if !later.is_empty() {
        QUEUE.with(|queue| {
            queue.waiting.borrow_mut().extend(later);
            queue.request_frame();
        });
    }
}
