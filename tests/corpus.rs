//! The differential corpus: every snippet in `tests/corpus/` run through `tickscope run` under
//! both clocks, its output compared with what Chromium printed for the same snippet.
//!
//! Stdout must match exactly. Stderr is compared without stack lines (`    at …`), whose
//! wording differs between engines. The expected exit code follows from the expected output:
//! 1 when Chromium reported an uncaught error or unhandled rejection, else 0.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use libtest_mimic::{Arguments, Failed, Trial};

    pub fn main() -> std::process::ExitCode {
        let args = Arguments::from_args();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut snippets: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| {
                    path.extension()
                        .is_some_and(|ext| ext == "js" || ext == "mjs")
                })
                // The recorder that wrote the expected files lives beside them.
                .filter(|path| !path.ends_with("record.mjs"))
                .collect(),
            Err(error) => {
                eprintln!("cannot read {}: {error}", dir.display());
                return std::process::ExitCode::FAILURE;
            }
        };
        snippets.sort();
        let trials = snippets
            .iter()
            .flat_map(|path| {
                ["virtual", "real"].map(|clock| {
                    let name = path.file_name().map_or_else(String::new, |name| {
                        format!("{} [{clock}]", name.to_string_lossy())
                    });
                    let path = path.clone();
                    Trial::test(name, move || check_with_retries(&path, clock))
                })
            })
            .collect();
        libtest_mimic::run(&args, trials).exit_code()
    }

    fn without_stack(text: &str) -> String {
        text.lines()
            .filter(|line| {
                !line.trim_start().starts_with("at ") || !line.starts_with(char::is_whitespace)
            })
            .map(|line| format!("{line}\n"))
            .collect()
    }

    /// Under the real clock a snippet's timers race real time, and on a loaded machine a process
    /// starved for longer than a snippet's margin (25 ms or more) can see them fire in another
    /// order, as Chromium would. Real-clock runs get two more tries; virtual-clock runs get none.
    fn check_with_retries(path: &Path, clock: &str) -> Result<(), Failed> {
        let tries = if clock == "real" { 3 } else { 1 };
        let mut outcome = check(path, clock);
        for _ in 1..tries {
            if outcome.is_ok() {
                break;
            }
            outcome = check(path, clock);
        }
        outcome
    }

    fn check(path: &Path, clock: &str) -> Result<(), Failed> {
        let read = |ext: &str| {
            std::fs::read_to_string(path.with_extension(ext))
                .map_err(|error| format!("missing expected .{ext} for {}: {error}", path.display()))
        };
        let expected_stdout = read("stdout")?;
        let expected_stderr = without_stack(&read("stderr")?);
        let output = Command::new(env!("CARGO_BIN_EXE_tickscope"))
            .args(["run", "--clock", clock])
            .arg(path)
            .output()
            .map_err(|error| format!("cannot run tickscope: {error}"))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = without_stack(&String::from_utf8_lossy(&output.stderr));
        let mut problems = Vec::new();
        if stdout != expected_stdout {
            problems.push(format!(
                "stdout differs\n--- expected (Chromium)\n{expected_stdout}--- tickscope\n{stdout}"
            ));
        }
        if stderr != expected_stderr {
            problems.push(format!(
                "stderr differs\n--- expected (Chromium)\n{expected_stderr}--- tickscope\n{stderr}"
            ));
        }
        let expected_code = if expected_stderr
            .lines()
            .any(|line| line.starts_with("Uncaught "))
        {
            1
        } else {
            0
        };
        if output.status.code() != Some(expected_code) {
            problems.push(format!(
                "exit code {:?}, expected {expected_code}",
                output.status.code()
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n").into())
        }
    }
}
