//! `tickscope repl`: lines evaluated in a live context whose loop keeps running between them.
//!
//! The engine stays on the main thread (Boa is single-threaded); a reader thread owns the line
//! editor and hands each line over, so timers keep firing and printing while the prompt waits.

use std::rc::Rc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use rustyline::{DefaultEditor, ExternalPrinter, error::ReadlineError};
use tickscope::{EvalOutcome, Runtime, StepOutcome};

use crate::cli::ReplArgs;
use crate::output;

const PROMPT: &str = "js> ";

/// What the reader thread sends to the engine.
enum Input {
    Line(String),
    End,
}

/// Runs the REPL until end of input or `.exit`; returns the exit code.
pub fn repl(args: &ReplArgs) -> u8 {
    let options = args.runtime_options();
    let mut runtime = match Runtime::new(
        options,
        Rc::new(crate::run::host_for(args.fs_root.as_deref())),
    ) {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("tickscope: cannot start the engine: {error}");
            return 2;
        }
    };
    let mut editor = match DefaultEditor::new() {
        Ok(editor) => editor,
        Err(error) => {
            eprintln!("tickscope: cannot open the line editor: {error}");
            return 2;
        }
    };
    let interactive = std::io::IsTerminal::is_terminal(&std::io::stdin());
    let mut printer: Option<Box<dyn ExternalPrinter + Send>> = if interactive {
        editor
            .create_external_printer()
            .ok()
            .map(|printer| Box::new(printer) as Box<dyn ExternalPrinter + Send>)
    } else {
        None
    };
    let (lines_tx, lines_rx) = mpsc::channel::<Input>();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let reader = std::thread::spawn(move || read_lines(editor, &lines_tx, &done_rx));

    let mut say = |text: String| match printer.as_mut() {
        Some(printer) => {
            let _ = printer.print(format!("{text}\n"));
        }
        None => println!("{text}"),
    };
    loop {
        match next_input(&mut runtime, &lines_rx, &mut say) {
            Input::Line(line) if line.trim() == ".exit" => break,
            Input::Line(line) if line.trim().is_empty() => {}
            Input::Line(line) => {
                let outcome = runtime.eval(&line);
                flush(&mut runtime, &mut say);
                match outcome {
                    Ok(EvalOutcome::Value(text)) => say(text),
                    Ok(EvalOutcome::Thrown(text)) => say(text),
                    Err(_) => {} // the syntax error was reported with the other events
                }
            }
            Input::End => {
                // Scripted input (a pipe) expects its timers to finish; a person pressing
                // Ctrl-D expects to leave now.
                if !interactive {
                    loop {
                        let outcome = runtime.step();
                        flush(&mut runtime, &mut say);
                        if outcome == StepOutcome::Idle {
                            break;
                        }
                        runtime.wait(outcome);
                    }
                }
                break;
            }
        }
        let _ = done_tx.send(());
    }
    drop(done_tx);
    let _ = reader.join();
    0
}

/// Waits for the next line while running the loop, printing its output as it comes.
fn next_input(
    runtime: &mut Runtime,
    lines: &Receiver<Input>,
    say: &mut impl FnMut(String),
) -> Input {
    loop {
        let outcome = runtime.step();
        flush(runtime, say);
        let timeout = match outcome {
            StepOutcome::Busy => Duration::ZERO,
            StepOutcome::Waiting {
                next_due_ms: Some(due),
            } => Duration::from_secs_f64(((due - runtime.now_ms()).max(0.0)) / 1000.0),
            StepOutcome::Waiting { next_due_ms: None } => Duration::from_millis(10),
            StepOutcome::Idle => Duration::from_secs(3600),
        };
        match lines.recv_timeout(timeout) {
            Ok(input) => return input,
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Input::End,
        }
    }
}

fn flush(runtime: &mut Runtime, say: &mut impl FnMut(String)) {
    for event in runtime.take_events() {
        if let Some((_, text)) = output::render(&event) {
            say(text);
        }
    }
}

/// The reader thread: shows the prompt, sends each line, and waits until it was evaluated.
fn read_lines(mut editor: DefaultEditor, lines: &Sender<Input>, done: &Receiver<()>) {
    loop {
        match editor.readline(PROMPT) {
            Ok(line) => {
                let _ = editor.add_history_entry(line.as_str());
                if lines.send(Input::Line(line)).is_err() || done.recv().is_err() {
                    return;
                }
            }
            Err(ReadlineError::Interrupted) => {}
            Err(_) => {
                let _ = lines.send(Input::End);
                return;
            }
        }
    }
}
