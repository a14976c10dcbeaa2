//! The rendering step: `requestAnimationFrame` callbacks and when their frames come.
//!
//! As in HTML's "update the rendering", a frame runs every callback registered before it, in
//! registration order, each as a task of its own followed by a microtask checkpoint, all with the
//! frame's timestamp; a callback registered during a frame waits for the next one. Frames come
//! only while callbacks wait. Under [`FrameSource::Clock`] they fall on a grid of
//! [`FRAME_INTERVAL_MS`] of loop time (virtual or real), so a program sees the same frames
//! whichever clock runs it; under [`FrameSource::Host`] the host says when a frame begins (the
//! browser worker's own animation frames).

use boa_engine::object::builtins::JsFunction;
use rustc_hash::FxHashSet;

/// The time between two frames on the loop's own grid: a 60 Hz display.
pub const FRAME_INTERVAL_MS: f64 = 1000.0 / 60.0;

/// Who decides when a frame begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FrameSource {
    /// The loop itself: a frame every [`FRAME_INTERVAL_MS`] of loop time while callbacks wait
    /// (the CLI under both clocks, and every host under the virtual clock).
    #[default]
    Clock,
    /// The host, by calling [`crate::Runtime::mark_frame`] at each of its frames (the browser
    /// worker under the real clock).
    Host,
}

/// A callback of the frame being run, with the frame's timestamp.
pub(crate) struct FrameCallback {
    pub(crate) id: u32,
    pub(crate) callback: JsFunction,
    pub(crate) timestamp: f64,
}

/// The animation frame callbacks of one runtime and the frame they wait for.
#[derive(Default)]
pub(crate) struct Frames {
    source: FrameSource,
    next_id: u32,
    /// Callbacks waiting for the next frame, in registration order.
    waiting: Vec<(u32, JsFunction)>,
    /// Callbacks of the frame being run that have not run yet (cancelling one removes it).
    running: FxHashSet<u32>,
    /// When the next frame is due on the grid, in loop time, while callbacks wait.
    due: Option<f64>,
    /// The timestamp of the last frame that ran callbacks.
    last: Option<f64>,
    /// Frames that ran callbacks so far.
    count: u64,
}

impl Frames {
    /// No callbacks yet; frames from `source`.
    pub(crate) fn new(source: FrameSource) -> Self {
        Self {
            source,
            ..Self::default()
        }
    }

    /// Who decides when frames begin.
    pub(crate) fn source(&self) -> FrameSource {
        self.source
    }

    /// Registers a callback for the next frame at loop time `now`; returns its id (from 1).
    pub(crate) fn request(&mut self, callback: JsFunction, now: f64) -> u32 {
        self.next_id = self.next_id.wrapping_add(1).max(1);
        self.waiting.push((self.next_id, callback));
        if self.due.is_none() {
            let after = self.last.map_or(now, |last| last.max(now));
            self.due = Some(next_grid_time(after));
        }
        self.next_id
    }

    /// Cancels a waiting callback or one of the running frame's that has not run; `true` when
    /// there was one.
    pub(crate) fn cancel(&mut self, id: u32) -> bool {
        if let Some(at) = self.waiting.iter().position(|(waiting, _)| *waiting == id) {
            self.waiting.remove(at);
            if self.waiting.is_empty() {
                self.due = None;
            }
            return true;
        }
        self.running.remove(&id)
    }

    /// Whether a callback of the running frame may still run (was not cancelled); forgets it.
    pub(crate) fn take_running(&mut self, id: u32) -> bool {
        self.running.remove(&id)
    }

    /// Whether callbacks wait for a frame.
    pub(crate) fn is_waiting(&self) -> bool {
        !self.waiting.is_empty()
    }

    /// When the next grid frame is due, while callbacks wait for one ([`FrameSource::Clock`]).
    pub(crate) fn due(&self) -> Option<f64> {
        match self.source {
            FrameSource::Clock => self.due,
            FrameSource::Host => None,
        }
    }

    /// The timestamp of the last frame that ran callbacks, if any did.
    pub(crate) fn last(&self) -> Option<f64> {
        self.last
    }

    /// Begins a frame with timestamp `timestamp`: takes every waiting callback, in order.
    /// Returns the frame's number (from 1) and its callbacks; none when nothing waits.
    pub(crate) fn begin(&mut self, timestamp: f64) -> Option<(u64, Vec<FrameCallback>)> {
        if self.waiting.is_empty() {
            return None;
        }
        self.due = None;
        self.last = Some(timestamp);
        self.count += 1;
        let callbacks = std::mem::take(&mut self.waiting)
            .into_iter()
            .map(|(id, callback)| {
                self.running.insert(id);
                FrameCallback {
                    id,
                    callback,
                    timestamp,
                }
            })
            .collect();
        Some((self.count, callbacks))
    }
}

/// The first grid frame strictly after loop time `now`.
pub(crate) fn next_grid_time(now: f64) -> f64 {
    let slot = (now / FRAME_INTERVAL_MS).floor() + 1.0;
    slot * FRAME_INTERVAL_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_frames_fall_every_interval_after_now() {
        assert!((next_grid_time(0.0) - FRAME_INTERVAL_MS).abs() < 1e-9);
        assert!((next_grid_time(16.0) - FRAME_INTERVAL_MS).abs() < 1e-9);
        assert!((next_grid_time(FRAME_INTERVAL_MS) - 2.0 * FRAME_INTERVAL_MS).abs() < 1e-9);
        assert!((next_grid_time(100.0) - 7.0 * FRAME_INTERVAL_MS).abs() < 1e-9);
    }
}
