//! The command line: what `tickscope` accepts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tickscope::{ClockKind, DEFAULT_MAX_TIMER_FIRINGS, RuntimeOptions};

use tickscope::clock::parse_start_time;

/// Run JavaScript on Boa with a browser-exact event loop, and see every step.
#[derive(Debug, Parser)]
#[command(name = "tickscope", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a script (`.js`) or an ES module (`.mjs`) until its event loop is idle.
    Run(RunArgs),
    /// Evaluate lines in a live context whose event loop keeps running between them.
    Repl(ReplArgs),
}

/// Which clock drives timers.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ClockArg {
    /// Wall time.
    Real,
    /// Simulated time that moves with the work done and jumps to the next timer: fast and
    /// deterministic.
    Virtual,
}

impl From<ClockArg> for ClockKind {
    fn from(clock: ClockArg) -> Self {
        match clock {
            ClockArg::Real => Self::Real,
            ClockArg::Virtual => Self::Virtual,
        }
    }
}

/// How `--trace` writes the trace.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TraceFormat {
    /// tickscope's own JSON schema (docs/trace-format.md).
    Json,
    /// Chrome's Trace Event format, for Perfetto and chrome://tracing.
    Chrome,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The clock that drives timers, `performance.now()` and `Date`.
    #[arg(long, value_enum, default_value = "real")]
    pub clock: ClockArg,
    /// Write the full trace of the run to this file.
    #[arg(long, value_name = "FILE")]
    pub trace: Option<PathBuf>,
    /// The trace file's format.
    #[arg(long, value_enum, default_value = "json", requires = "trace")]
    pub trace_format: TraceFormat,
    /// The folder `require("fs")` may read and write (default: the current directory).
    #[arg(long, value_name = "DIR")]
    pub fs_root: Option<PathBuf>,
    /// Stop the run when it has taken this many seconds of real time (default: no limit).
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<f64>,
    /// Stop a task whose loops run more than N iterations in one call (default: no limit).
    #[arg(long, value_name = "N")]
    pub max_loop_iterations: Option<u64>,
    /// Under the virtual clock, stop the run after N timer firings without the loop going idle
    /// (0: no limit).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_TIMER_FIRINGS)]
    pub max_timer_firings: u64,
    #[command(flatten)]
    pub determinism: Determinism,
    /// The script to run: `.mjs` runs as an ES module (top-level await works).
    pub file: PathBuf,
}

/// What pins a run's random numbers and dates.
#[derive(Debug, Args)]
pub struct Determinism {
    /// Seed `Math.random()` (default: a fixed seed under the virtual clock, none under the real one).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// When the run starts, as `Date` sees it: an ISO 8601 instant (`2024-05-01T12:00:00Z`,
    /// `2024-05-01`) or milliseconds since the Unix epoch (default: 2024-01-01T00:00:00Z under the
    /// virtual clock, now under the real one).
    #[arg(long, value_name = "INSTANT", value_parser = parse_start_time)]
    pub start_time: Option<f64>,
}

impl RunArgs {
    /// The runtime options these arguments ask for.
    pub fn runtime_options(&self) -> RuntimeOptions {
        RuntimeOptions {
            clock: self.clock.into(),
            loop_iteration_limit: self.max_loop_iterations,
            max_timer_firings: (self.max_timer_firings > 0).then_some(self.max_timer_firings),
            seed: self.determinism.seed,
            start_time: self.determinism.start_time,
            ..RuntimeOptions::default()
        }
    }
}

#[derive(Debug, Args)]
pub struct ReplArgs {
    /// The clock that drives timers.
    #[arg(long, value_enum, default_value = "real")]
    pub clock: ClockArg,
    /// The folder `require("fs")` may read and write (default: the current directory).
    #[arg(long, value_name = "DIR")]
    pub fs_root: Option<PathBuf>,
    #[command(flatten)]
    pub determinism: Determinism,
}

impl ReplArgs {
    /// The runtime options these arguments ask for.
    pub fn runtime_options(&self) -> RuntimeOptions {
        RuntimeOptions {
            clock: self.clock.into(),
            seed: self.determinism.seed,
            start_time: self.determinism.start_time,
            ..RuntimeOptions::default()
        }
    }
}

/// A positive number of seconds.
fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds.is_finite() => Ok(seconds),
        _ => Err(format!("'{text}' is not a positive number of seconds")),
    }
}
