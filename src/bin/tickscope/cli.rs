//! The command line: what `tickscope` accepts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tickscope::{ClockKind, RuntimeOptions};

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
    /// Simulated time that jumps to the next timer: instant and deterministic.
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
    /// Loop iterations one function call may run before its task is stopped as runaway.
    #[arg(long, value_name = "N", default_value_t = RuntimeOptions::default().loop_iteration_limit)]
    pub max_loop_iterations: u64,
    /// The script to run: `.mjs` runs as an ES module (top-level await works).
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReplArgs {
    /// The clock that drives timers.
    #[arg(long, value_enum, default_value = "real")]
    pub clock: ClockArg,
    /// The folder `require("fs")` may read and write (default: the current directory).
    #[arg(long, value_name = "DIR")]
    pub fs_root: Option<PathBuf>,
}
