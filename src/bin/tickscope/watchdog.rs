//! `--timeout`: ends a run that has taken too long, saying what it was running.
//!
//! The engine cannot be interrupted in the middle of a task, so the watchdog ends the whole
//! process from the main thread; what the run printed so far has already been written.

use std::io::Write;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use tickscope::TaskWatch;

/// Waits for the engine to say it is done; after `seconds` of real time, reports what `watch`
/// says runs and exits with code 1.
pub fn guard(seconds: f64, done: &Receiver<()>, watch: &TaskWatch) {
    match done.recv_timeout(Duration::from_secs_f64(seconds)) {
        Ok(()) | Err(RecvTimeoutError::Disconnected) => {}
        Err(RecvTimeoutError::Timeout) => {
            let what = watch.current().map_or_else(
                || "waiting for timers or host operations".to_owned(),
                |task| format!("running {task}"),
            );
            let _ = std::io::stdout().flush();
            eprintln!(
                "tickscope: the run took longer than its {} (--timeout) and was stopped while {what}",
                describe_seconds(seconds)
            );
            std::process::exit(1);
        }
    }
}

fn describe_seconds(seconds: f64) -> String {
    if seconds == 1.0 {
        "1 second".to_owned()
    } else {
        format!("{seconds} seconds")
    }
}
