//! Step-through over a recorded run: a cursor `k` (how many events have happened) that Step back
//! and Step forward move from one event to the next, skipping frame markers, and the queues after
//! event `k`, rebuilt by replay ([`Replay`]), never by running the code again.

use crate::trace::causes::Causes;
use crate::trace::replay::{QueueSnapshot, Replay};
use crate::trace::{EventKind, TraceEvent};

/// Whether the cursor may stop after `k` events: at the start, or after any event but a frame
/// marker.
fn is_stop(events: &[TraceEvent], k: usize) -> bool {
    k == 0
        || events
            .get(k - 1)
            .is_some_and(|event| !matches!(event.kind, EventKind::Frame { .. }))
}

/// The step cursor and the queues at it.
#[derive(Debug, Default)]
pub struct Stepper {
    /// Events applied at the cursor; `None` follows the end of the run (no step-through).
    cursor: Option<usize>,
    /// The queues at the cursor, or as far as the live view has caught up.
    replay: Replay,
    /// What queued each task and microtask, for the step's sentence and chain of causes.
    causes: Causes,
}

impl Stepper {
    /// Leaves step-through: the cursor follows the end of the run.
    pub fn reset(&mut self) {
        self.cursor = None;
        self.replay = Replay::default();
        self.causes = Causes::default();
    }

    /// The cursor, if stepping.
    pub fn cursor(&self) -> Option<usize> {
        self.cursor
    }

    /// Where Step back goes from here, if anywhere.
    pub fn back_target(&self, events: &[TraceEvent]) -> Option<usize> {
        let from = self.cursor.unwrap_or(events.len());
        (0..from).rev().find(|&k| is_stop(events, k))
    }

    /// Where Step forward goes from here within the recorded events, if anywhere (`None` at
    /// the end, where a paused run can only be advanced by the worker).
    pub fn forward_target(&self, events: &[TraceEvent]) -> Option<usize> {
        let from = self.cursor?;
        (from + 1..=events.len()).find(|&k| is_stop(events, k))
    }

    /// Moves the cursor to `k` events (`None` or the end: follow the run again) and returns the
    /// queues there.
    pub fn move_to(&mut self, events: &[TraceEvent], k: Option<usize>) -> &QueueSnapshot {
        let k = k.map(|k| k.min(events.len()));
        self.cursor = k.filter(|&k| k < events.len());
        self.replay.seek(events, k.unwrap_or(events.len()))
    }

    /// Following the run live (no cursor): applies the events past the snapshot until it is
    /// caught up or `out_of_time()` says to stop (asked every few events, so a long trace never
    /// holds the page's thread for long). Returns whether it is caught up.
    pub fn catch_up(
        &mut self,
        events: &[TraceEvent],
        mut out_of_time: impl FnMut() -> bool,
    ) -> bool {
        if self.cursor.is_some() {
            return true;
        }
        while self.replay.advance(events) {
            if self.replay.snapshot().applied.is_multiple_of(16) && out_of_time() {
                break;
            }
        }
        self.replay.snapshot().applied >= events.len()
    }

    /// The queues at the cursor, as last computed.
    pub fn snapshot(&self) -> &QueueSnapshot {
        self.replay.snapshot()
    }

    /// Brings the index of what queued each task and microtask up to the end of `events`.
    pub fn index_causes(&mut self, events: &[TraceEvent]) {
        self.causes.extend(events);
    }

    /// What queued each task and microtask, as far as [`Stepper::index_causes`] went.
    pub fn causes(&self) -> &Causes {
        &self.causes
    }
}

/// A 1-based line and column of the main script in an error's stack lines (`f (main.js:3:9)` or
/// `main.js:3:9`), for underlining an uncaught error that carries no location of its own.
pub fn stack_location(stack: &[String], script: &str) -> Option<(u32, u32)> {
    stack.iter().find_map(|line| {
        let start = line.find(script)? + script.len();
        let rest = line[start..].strip_prefix(':')?;
        let rest = rest.trim_end_matches(')');
        let (line_no, column) = rest.split_once(':')?;
        Some((line_no.parse().ok()?, column.parse().ok()?))
    })
}
