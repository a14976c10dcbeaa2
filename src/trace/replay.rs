//! Rebuilding the loop's queues at any step from the events alone.
