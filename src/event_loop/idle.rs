//! Idle periods and the `requestIdleCallback` callbacks they run.
//!
//! As Chromium schedules them: an idle period starts when the loop has nothing else to do and
//! nothing is due soon; it lasts until the next frame when frames are being drawn (then it only
//! starts right after one), otherwise until the next timer, and never longer than
//! [`MAX_IDLE_PERIOD_MS`]. The callbacks registered before the period starts run in it, one per
//! task, oldest first, while its deadline has not passed; those registered during it wait for the
//! next period, which begins when this one ends. A callback with a `timeout` that has not run when
//! the timeout passes runs as an ordinary task, with `didTimeout` set.

use std::collections::VecDeque;

use boa_engine::object::builtins::JsFunction;

/// The longest idle period there is, in milliseconds (HTML's 50 ms).
pub const MAX_IDLE_PERIOD_MS: f64 = 50.0;

/// An idle period shorter than this is not started: the loop waits for what is due instead.
pub(crate) const MIN_IDLE_PERIOD_MS: f64 = 1.0;

/// A callback waiting for an idle period.
pub(crate) struct IdleRequest {
    pub(crate) id: u32,
    pub(crate) callback: JsFunction,
    /// The loop timer of its `timeout`, to cancel once it runs.
    pub(crate) timeout_timer: Option<u32>,
}

/// The idle callbacks of one runtime and the idle period in progress.
#[derive(Default)]
pub(crate) struct Idle {
    next_id: u32,
    queue: VecDeque<IdleRequest>,
    /// How many callbacks at the front of the queue the period in progress may run.
    runnable: usize,
    /// The deadline of the idle period in progress.
    deadline: Option<f64>,
}

impl Idle {
    /// Allocates the id of a new request (from 1).
    pub(crate) fn allocate_id(&mut self) -> u32 {
        self.next_id = self.next_id.wrapping_add(1).max(1);
        self.next_id
    }

    /// Adds a request at the back of the queue.
    pub(crate) fn push(&mut self, request: IdleRequest) {
        self.queue.push_back(request);
    }

    /// Removes a request; returns it if it was still waiting.
    pub(crate) fn remove(&mut self, id: u32) -> Option<IdleRequest> {
        let at = self.queue.iter().position(|request| request.id == id)?;
        if at < self.runnable {
            self.runnable -= 1;
        }
        self.queue.remove(at)
    }

    /// Whether callbacks wait for an idle period.
    pub(crate) fn is_waiting(&self) -> bool {
        !self.queue.is_empty()
    }

    /// The deadline of the idle period in progress, if one is.
    pub(crate) fn deadline(&self) -> Option<f64> {
        self.deadline
    }

    /// Ends the idle period in progress if its deadline has passed at `now`.
    pub(crate) fn expire(&mut self, now: f64) {
        if self.deadline.is_some_and(|deadline| now >= deadline) {
            self.deadline = None;
            self.runnable = 0;
        }
    }

    /// Starts an idle period ending at `deadline`: every callback waiting now may run in it.
    pub(crate) fn start_period(&mut self, deadline: f64) {
        self.deadline = Some(deadline);
        self.runnable = self.queue.len();
    }

    /// The next callback the period in progress may run at `now`, with its deadline.
    pub(crate) fn next_runnable(&mut self, now: f64) -> Option<(IdleRequest, f64)> {
        let deadline = self.deadline.filter(|deadline| now < *deadline)?;
        if self.runnable == 0 {
            return None;
        }
        self.runnable -= 1;
        self.queue.pop_front().map(|request| (request, deadline))
    }

    /// Whether the period in progress has a callback it may run at `now`.
    pub(crate) fn has_runnable(&self, now: f64) -> bool {
        self.runnable > 0 && self.deadline.is_some_and(|deadline| now < deadline)
    }
}

/// The deadline an idle period starting at `now` gets: [`MAX_IDLE_PERIOD_MS`] away at most,
/// and no later than the next timer or frame, or `None` when that leaves too little to start.
pub(crate) fn period_deadline(
    now: f64,
    next_timer: Option<f64>,
    next_frame: Option<f64>,
) -> Option<f64> {
    let mut deadline = now + MAX_IDLE_PERIOD_MS;
    for bound in [next_timer, next_frame].into_iter().flatten() {
        deadline = deadline.min(bound);
    }
    (deadline - now >= MIN_IDLE_PERIOD_MS).then_some(deadline)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_lasts_fifty_ms_at_most_and_ends_at_the_next_timer_or_frame() {
        assert_eq!(period_deadline(10.0, None, None), Some(60.0));
        assert_eq!(period_deadline(10.0, Some(30.0), None), Some(30.0));
        assert_eq!(period_deadline(10.0, Some(30.0), Some(26.0)), Some(26.0));
        assert_eq!(period_deadline(10.0, Some(10.5), None), None);
    }
}
