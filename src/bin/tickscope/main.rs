//! `tickscope`: run a JavaScript file on tickscope's event loop, or open a REPL.
//!
//! Exit codes: 0 when the loop went idle with no uncaught error or unhandled rejection;
//! 1 when there was one (or a syntax error, or a runaway task was stopped); 2 for usage or
//! I/O errors.

#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod output;
#[cfg(not(target_arch = "wasm32"))]
mod repl;
#[cfg(not(target_arch = "wasm32"))]
mod run;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    let cli = cli::Cli::parse();
    let code = match cli.command {
        cli::Command::Run(args) => run::run(&args),
        cli::Command::Repl(args) => repl::repl(&args),
    };
    std::process::ExitCode::from(code)
}

/// The CLI is native only; on wasm32 this binary is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}
