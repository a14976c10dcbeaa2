//! `tickscope run FILE`.

use std::path::Path;
use std::rc::Rc;

use tickscope::{Runtime, StepOutcome, TaskWatch, native::NativeHost, trace, trace::TraceEvent};

use crate::cli::{RunArgs, TraceFormat};
use crate::output;

/// Runs the file until its loop is idle, telling `watch` what runs; returns the exit code.
pub fn run(args: &RunArgs, watch: TaskWatch) -> u8 {
    let source = match std::fs::read_to_string(&args.file) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("tickscope: cannot read {}: {error}", args.file.display());
            return 2;
        }
    };
    let options = args.runtime_options();
    let mut runtime = match Runtime::new(options, Rc::new(host_for(args.fs_root.as_deref()))) {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("tickscope: cannot start the engine: {error}");
            return 2;
        }
    };
    runtime.watch_tasks(watch);
    let name = args.file.display().to_string();
    let is_module = args.file.extension().is_some_and(|ext| ext == "mjs");
    let loaded = if is_module {
        runtime.load_module(&name, &source)
    } else {
        runtime.load_script(&name, &source)
    };
    let mut recorded: Vec<TraceEvent> = Vec::new();
    let keep = args.trace.is_some();
    let mut flush = |runtime: &mut Runtime| {
        let events = runtime.take_events();
        output::print(&events);
        if keep {
            recorded.extend(events);
        }
    };
    if loaded.is_ok() {
        loop {
            let outcome = runtime.step();
            flush(&mut runtime);
            match outcome {
                StepOutcome::Idle => break,
                outcome => runtime.wait(outcome),
            }
        }
    }
    flush(&mut runtime);
    if let Some(path) = &args.trace
        && let Err(error) = write_trace(path, args.trace_format, &recorded)
    {
        eprintln!(
            "tickscope: cannot write the trace to {}: {error}",
            path.display()
        );
        return 2;
    }
    if runtime.failures() > 0 { 1 } else { 0 }
}

/// The native host, with `fs` confined to `--fs-root` (default: the current directory).
pub fn host_for(fs_root: Option<&Path>) -> NativeHost {
    NativeHost::with_fs_root(fs_root.unwrap_or(Path::new(".")))
}

fn write_trace(path: &Path, format: TraceFormat, events: &[TraceEvent]) -> std::io::Result<()> {
    let text = match format {
        TraceFormat::Json => trace::to_json(events),
        TraceFormat::Chrome => trace::chrome::to_chrome_json(events),
    }
    .map_err(std::io::Error::other)?;
    std::fs::write(path, text)
}
