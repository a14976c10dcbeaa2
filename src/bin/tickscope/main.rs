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
#[cfg(not(target_arch = "wasm32"))]
mod watchdog;

/// The engine's thread stack. Recursion that goes through native callbacks (`[0].map(f)` inside
/// `f`) uses the native stack at every level; this leaves room for the runtime's recursion limit
/// to stop it first. Only the pages actually used are committed.
#[cfg(not(target_arch = "wasm32"))]
const ENGINE_STACK_BYTES: usize = 512 << 20;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    let cli = cli::Cli::parse();
    let timeout = match &cli.command {
        cli::Command::Run(args) => args.timeout,
        cli::Command::Repl(_) => None,
    };
    let watch = tickscope::TaskWatch::new();
    let engine_watch = watch.clone();
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    let engine = std::thread::Builder::new()
        .name("engine".to_owned())
        .stack_size(ENGINE_STACK_BYTES)
        .spawn(move || {
            let code = match cli.command {
                cli::Command::Run(args) => run::run(&args, engine_watch),
                cli::Command::Repl(args) => repl::repl(&args),
            };
            // The receiver is gone only if the watchdog already ended the process.
            let _ = done_tx.send(());
            code
        });
    let engine = match engine {
        Ok(engine) => engine,
        Err(error) => {
            eprintln!("tickscope: cannot start the engine thread: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    if let Some(seconds) = timeout {
        watchdog::guard(seconds, &done_rx, &watch);
    }
    let code = match engine.join() {
        Ok(code) => code,
        Err(_) => {
            eprintln!("tickscope: the engine thread panicked");
            70
        }
    };
    std::process::ExitCode::from(code)
}

/// The CLI is native only; on wasm32 this binary is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}
