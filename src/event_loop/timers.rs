//! Pending `setTimeout`/`setInterval` timers, ordered as browsers fire them.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use boa_engine::{JsString, JsValue, job::TimeoutJob, object::builtins::JsFunction};

use crate::trace::Location;

/// HTML's nesting level past which short delays are clamped.
pub(crate) const MAX_NESTING_BEFORE_CLAMP: u32 = 5;
/// The clamped minimum delay for deeply nested timers, in milliseconds.
pub(crate) const CLAMPED_DELAY_MS: f64 = 4.0;

/// What a timer runs when it fires.
pub(crate) enum TimerCallback {
    /// A JavaScript function, called with the timer's extra arguments.
    Function(JsFunction),
    /// A string of code, evaluated as a script (the legacy form of `setTimeout`).
    Code(JsString),
    /// A timeout job queued by the engine itself.
    Engine(TimeoutJob),
    /// Work of the loop's own scheduled on its clock (an idle callback's timeout, a delayed
    /// scheduler task): when due it queues whatever it needs, and is no task itself.
    Loop(LoopTimer),
    /// Part of a host operation scheduled on the loop's clock (`timer.sleep`, stream ticks).
    Host {
        /// The operation it belongs to.
        op: u64,
        /// The name of the task each firing runs as, such as `timer.sleep.settle`.
        completion: String,
        /// Whether firing settles the operation.
        settles: bool,
        /// What each firing runs.
        work: super::TimerWork,
    },
}

/// What a [`TimerCallback::Loop`] does when it falls due.
pub(crate) type LoopTimer = Box<dyn FnOnce(&super::EventLoop)>;

/// A pending timer.
pub(crate) struct Timer {
    pub(crate) id: u32,
    pub(crate) callback: TimerCallback,
    pub(crate) args: Vec<JsValue>,
    /// `Some(delay)` for intervals.
    pub(crate) repeat: Option<f64>,
    /// HTML's timer nesting level of the task this timer will run as.
    pub(crate) nesting: u32,
    /// Where it was set, when the trace knows.
    pub(crate) by: Option<Location>,
    key: DueKey,
}

/// Order of firing: due time, then creation order.
#[derive(Debug, Clone, Copy, PartialEq)]
struct DueKey {
    due: f64,
    seq: u64,
}

impl Eq for DueKey {}

impl Ord for DueKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.due
            .total_cmp(&other.due)
            .then(self.seq.cmp(&other.seq))
    }
}

impl PartialOrd for DueKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Converts a `setTimeout` delay argument the way WebIDL's `long` conversion and HTML do:
/// `ToNumber`, non-finite to 0, truncation, wrap to 32 bits, negatives to 0.
pub(crate) fn coerce_delay(number: f64) -> f64 {
    if !number.is_finite() {
        return 0.0;
    }
    let wrapped = (number.trunc() as i64 as u64 & 0xFFFF_FFFF) as u32 as i32;
    f64::from(wrapped.max(0))
}

/// Applies HTML's nesting clamp to an already coerced delay; `nesting` is the level of the task
/// that sets the timer (0 outside timer tasks), so the seventh nested timer is the first clamped.
pub(crate) fn clamp_for_nesting(delay: f64, nesting: u32) -> f64 {
    if nesting > MAX_NESTING_BEFORE_CLAMP && delay < CLAMPED_DELAY_MS {
        CLAMPED_DELAY_MS
    } else {
        delay
    }
}

/// The set of pending timers with their shared id space.
#[derive(Default)]
pub(crate) struct TimerHeap {
    by_due: BTreeMap<DueKey, u32>,
    by_id: FxHashMap<u32, Timer>,
    next_id: u32,
    next_host_id: u32,
    next_seq: u64,
}

/// The first id of host-operation timers.
const HOST_TIMER_IDS: u32 = 1 << 31;

/// The fields of a timer to register.
pub(crate) struct NewTimer {
    pub(crate) callback: TimerCallback,
    pub(crate) args: Vec<JsValue>,
    pub(crate) repeat: Option<f64>,
    pub(crate) nesting: u32,
    pub(crate) due: f64,
    pub(crate) by: Option<Location>,
}

impl TimerHeap {
    /// Allocates the next timer id: positive, never reused within a run.
    pub(crate) fn allocate_id(&mut self) -> u32 {
        self.next_id = self.next_id.wrapping_add(1).max(1);
        self.next_id
    }

    /// Allocates an id for a host operation's timer, from a range `setTimeout` never reaches,
    /// so that user-visible timer ids stay 1, 2, 3… as in browsers.
    pub(crate) fn allocate_host_id(&mut self) -> u32 {
        self.next_host_id = self.next_host_id.wrapping_add(1).max(HOST_TIMER_IDS);
        self.next_host_id
    }

    /// Registers a timer under an id from [`TimerHeap::allocate_id`].
    pub(crate) fn insert(&mut self, id: u32, timer: NewTimer) {
        let key = DueKey {
            due: timer.due,
            seq: self.next_seq,
        };
        self.next_seq += 1;
        self.by_due.insert(key, id);
        self.by_id.insert(
            id,
            Timer {
                id,
                callback: timer.callback,
                args: timer.args,
                repeat: timer.repeat,
                nesting: timer.nesting,
                by: timer.by,
                key,
            },
        );
    }

    /// Takes a pending timer out, to run it now.
    pub(crate) fn take(&mut self, id: u32) -> Option<Timer> {
        let timer = self.by_id.remove(&id)?;
        self.by_due.remove(&timer.key);
        Some(timer)
    }

    /// Removes a pending timer; `false` when there is none with that id.
    pub(crate) fn cancel(&mut self, id: u32) -> bool {
        match self.by_id.remove(&id) {
            Some(timer) => {
                self.by_due.remove(&timer.key);
                true
            }
            None => false,
        }
    }

    /// The earliest due time, if any timer is pending.
    pub(crate) fn next_due(&self) -> Option<f64> {
        self.by_due.keys().next().map(|key| key.due)
    }

    /// Removes and returns the earliest timer if it is due at `now`.
    pub(crate) fn pop_due(&mut self, now: f64) -> Option<Timer> {
        let (&key, &id) = self.by_due.iter().next()?;
        if key.due > now {
            return None;
        }
        self.by_due.remove(&key);
        self.by_id.remove(&id)
    }

    /// The latest due time of the timers pending now.
    pub(crate) fn last_due(&self) -> Option<f64> {
        self.by_due.keys().next_back().map(|key| key.due)
    }

    /// Removes every pending timer.
    pub(crate) fn clear(&mut self) {
        self.by_due.clear();
        self.by_id.clear();
    }

    /// How many timers are pending.
    pub(crate) fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether no timer is pending.
    pub(crate) fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timer(due: f64) -> NewTimer {
        NewTimer {
            callback: TimerCallback::Code(JsString::from("")),
            args: Vec::new(),
            repeat: None,
            nesting: 1,
            due,
            by: None,
        }
    }

    #[test]
    fn fires_by_due_time_then_creation_order() {
        let mut heap = TimerHeap::default();
        let ids: Vec<u32> = (0..4).map(|_| heap.allocate_id()).collect();
        heap.insert(ids[0], timer(10.0));
        heap.insert(ids[1], timer(5.0));
        heap.insert(ids[2], timer(10.0));
        heap.insert(ids[3], timer(0.0));
        let order: Vec<u32> = std::iter::from_fn(|| heap.pop_due(100.0).map(|t| t.id)).collect();
        assert_eq!(order, vec![ids[3], ids[1], ids[0], ids[2]]);
    }

    #[test]
    fn not_due_timers_stay_and_cancel_removes() {
        let mut heap = TimerHeap::default();
        let a = heap.allocate_id();
        let b = heap.allocate_id();
        heap.insert(a, timer(10.0));
        heap.insert(b, timer(20.0));
        assert!(heap.pop_due(5.0).is_none());
        assert!(heap.cancel(a));
        assert!(!heap.cancel(a));
        assert_eq!(heap.next_due(), Some(20.0));
        assert_eq!(heap.len(), 1);
    }

    #[test]
    fn ids_are_positive_and_distinct() {
        let mut heap = TimerHeap::default();
        let first = heap.allocate_id();
        let second = heap.allocate_id();
        assert!(first >= 1 && second > first);
    }

    #[test]
    fn delays_coerce_like_webidl_long() {
        assert_eq!(coerce_delay(f64::NAN), 0.0);
        assert_eq!(coerce_delay(-5.0), 0.0);
        assert_eq!(coerce_delay(1.9), 1.0);
        assert_eq!(coerce_delay(f64::INFINITY), 0.0);
        assert_eq!(coerce_delay(2f64.powi(31)), 0.0);
        assert_eq!(coerce_delay(2f64.powi(32) + 7.0), 7.0);
        assert_eq!(coerce_delay(2_147_483_647.0), 2_147_483_647.0);
    }

    #[test]
    fn nesting_clamps_only_past_level_five() {
        assert_eq!(clamp_for_nesting(0.0, 5), 0.0);
        assert_eq!(clamp_for_nesting(0.0, 6), 4.0);
        assert_eq!(clamp_for_nesting(10.0, 9), 10.0);
    }
}
