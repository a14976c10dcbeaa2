//! Coalesced redraws: however often [`Redraw::request`] is called, its callback runs once, in the
//! next animation frame.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::dom;

/// A redraw callback run at most once per animation frame.
pub struct Redraw {
    requested: Rc<Cell<bool>>,
    callback: Closure<dyn FnMut(f64)>,
}

impl Redraw {
    /// Wraps `draw`, which runs in the animation frame after a request.
    pub fn new(mut draw: impl FnMut() + 'static) -> Self {
        let requested = Rc::new(Cell::new(false));
        let flag = Rc::clone(&requested);
        let callback = Closure::<dyn FnMut(f64)>::new(move |_time: f64| {
            flag.set(false);
            draw();
        });
        Self {
            requested,
            callback,
        }
    }

    /// Asks for the callback to run in the next animation frame (once, however often asked).
    pub fn request(&self) {
        if self.requested.get() {
            return;
        }
        let requested = dom::window().and_then(|window| {
            window.request_animation_frame(self.callback.as_ref().unchecked_ref())
        });
        match requested {
            Ok(_) => self.requested.set(true),
            Err(error) => dom::log_error("could not request an animation frame", &error),
        }
    }
}
