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

/// The engine's thread stack. Recursion that goes through native callbacks (`[0].map(f)` inside
/// `f`) uses the native stack at every level; this leaves room for the runtime's recursion limit
/// to stop it first. Only the pages actually used are committed.
#[cfg(not(target_arch = "wasm32"))]
const ENGINE_STACK_BYTES: usize = 512 << 20;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    let cli = cli::Cli::parse();
    let engine = std::thread::Builder::new()
        .name("engine".to_owned())
        .stack_size(ENGINE_STACK_BYTES)
        .spawn(move || match cli.command {
            cli::Command::Run(args) => run::run(&args),
            cli::Command::Repl(args) => repl::repl(&args),
        });
    let code = match engine.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => {
            eprintln!("tickscope: the engine thread panicked");
            70
        }
        Err(error) => {
            eprintln!("tickscope: cannot start the engine thread: {error}");
            2
        }
    };
    std::process::ExitCode::from(code)
}

/// The CLI is native only; on wasm32 this binary is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}
