//! The lessons never drift: every lesson in `lessons/` is parsed with [`tickscope::lessons`], its
//! snippet run through `tickscope run --clock <its clock>` (with `--fs-root lessons/files/<stem>`
//! when it declares files), and the output compared with the lesson's expected blocks.
//!
//! Stdout must match the `text expected` block exactly; stderr, without stack lines, the
//! `text expected-stderr` block (empty when there is none). The expected exit code follows from the
//! expected output, as in the corpus: 1 when it has an `Uncaught …` line, else 0. One more test
//! checks the collection: at least 12 lessons, numbered uniquely, every Markdown file a lesson or
//! the README.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use libtest_mimic::{Arguments, Failed, Trial};
    use tickscope::ClockKind;
    use tickscope::lessons::{self, ExpectedSource, Lesson};
    use tickscope::timeline::notes::NoteAnchor;

    /// The fewest lessons the playground ships with.
    const MIN_LESSONS: usize = 12;

    fn lessons_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons")
    }

    pub fn main() -> std::process::ExitCode {
        let args = Arguments::from_args();
        let mut names: Vec<String> = match std::fs::read_dir(lessons_dir()) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .filter_map(|entry| entry.file_name().into_string().ok())
                .filter(|name| name.ends_with(".md"))
                .collect(),
            Err(error) => {
                eprintln!("cannot read {}: {error}", lessons_dir().display());
                return std::process::ExitCode::FAILURE;
            }
        };
        names.sort();
        let mut trials = vec![{
            let names = names.clone();
            Trial::test("collection", move || check_collection(&names))
        }];
        trials.extend(
            names
                .iter()
                .filter_map(|name| lessons::stem_of(name).map(|(stem, _)| (name, stem)))
                .map(|(name, stem)| {
                    let name = name.clone();
                    Trial::test(stem.to_owned(), move || check_lesson(&name))
                }),
        );
        libtest_mimic::run(&args, trials).exit_code()
    }

    fn read(name: &str) -> Result<String, Failed> {
        let path = lessons_dir().join(name);
        std::fs::read_to_string(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()).into())
    }

    /// At least [`MIN_LESSONS`], all valid, numbered uniquely; no stray Markdown file.
    fn check_collection(names: &[String]) -> Result<(), Failed> {
        let stray: Vec<&String> = names
            .iter()
            .filter(|name| *name != "README.md" && lessons::stem_of(name).is_none())
            .collect();
        if !stray.is_empty() {
            return Err(format!(
                "not lesson file names (NN-name.md): {stray:?}; rename them or move them out of lessons/"
            )
            .into());
        }
        let texts: Vec<(String, String)> = names
            .iter()
            .map(|name| read(name).map(|text| (name.clone(), text)))
            .collect::<Result<_, _>>()?;
        let parsed = lessons::parse_all(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|errors| {
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            })?;
        if parsed.len() < MIN_LESSONS {
            return Err(format!(
                "{} lessons, the playground needs at least {MIN_LESSONS}",
                parsed.len()
            )
            .into());
        }
        // lessons/files/ holds one folder per lesson that reads files, named by its stem.
        let files_dir = lessons_dir().join("files");
        if files_dir.is_dir() {
            let entries = std::fs::read_dir(&files_dir)
                .map_err(|error| format!("cannot list {}: {error}", files_dir.display()))?;
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                let is_dir = entry.file_type().is_ok_and(|kind| kind.is_dir());
                if !is_dir || !parsed.iter().any(|lesson| lesson.stem == name) {
                    return Err(format!(
                        "lessons/files/{name} is not the folder of a lesson (lessons/files/<stem>/)"
                    )
                    .into());
                }
            }
        }
        Ok(())
    }

    /// Whether the snippet loads a native module (which browsers do not have).
    fn uses_native_modules(code: &str) -> bool {
        code.contains("require(")
            || code.lines().any(|line| {
                let line = line.trim_start();
                line.starts_with("import ") || line.starts_with("import{")
            })
            || code.contains("import(")
    }

    /// The files in `dir`, relative to it, with `/` between folders.
    fn files_under(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type()?.is_dir() {
                files_under(&entry.path(), &format!("{name}/"), out)?;
            } else {
                out.insert(name);
            }
        }
        Ok(())
    }

    /// The lesson's own rules beyond parsing: what its expected source allows, its files, and a
    /// timeline section that points at lanes.
    fn check_rules(lesson: &Lesson, files_dir: &Path) -> Result<(), String> {
        if lesson.expected_source == ExpectedSource::Chromium && uses_native_modules(&lesson.code) {
            return Err(
                "`expected: chromium`, but the snippet loads a module browsers do not have; \
                 use `expected: tickscope`"
                    .to_owned(),
            );
        }
        let mut present = BTreeSet::new();
        if files_dir.is_dir() {
            files_under(files_dir, "", &mut present)
                .map_err(|error| format!("cannot list {}: {error}", files_dir.display()))?;
        }
        let declared: BTreeSet<String> = lesson.files.iter().cloned().collect();
        if declared != present {
            return Err(format!(
                "`files:` lists {declared:?}, but {} holds {present:?}; they must be the same",
                files_dir.display()
            ));
        }
        for note in &lesson.notes {
            if let NoteAnchor::Prints(printed) = &note.at {
                let printed_lines = lesson.stdout.lines().chain(
                    lesson
                        .stderr
                        .lines()
                        .filter(|line| !line.starts_with("Uncaught ")),
                );
                if !printed_lines.into_iter().any(|line| line == printed) {
                    return Err(format!(
                        "a step note is pinned to {printed:?}, which the expected output never \
                         prints as a console line"
                    ));
                }
            }
        }
        if !lesson.timeline.to_lowercase().contains("lane") {
            return Err(
                "the timeline section names no lane (tasks, microtasks, timers, host ops, \
                        frames)"
                    .to_owned(),
            );
        }
        Ok(())
    }

    fn check_lesson(name: &str) -> Result<(), Failed> {
        let lesson = Lesson::parse(name, &read(name)?).map_err(|error| error.to_string())?;
        let files_dir = lessons_dir().join("files").join(&lesson.stem);
        check_rules(&lesson, &files_dir).map_err(|message| format!("{name}: {message}"))?;

        // The snippet under the name the playground gives it; a lesson without files gets an
        // empty folder as its file root, so it cannot read anything by accident.
        let work = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("lessons")
            .join(&lesson.stem);
        let empty_root = work.join("no-files");
        std::fs::create_dir_all(&empty_root)
            .map_err(|error| format!("cannot create {}: {error}", empty_root.display()))?;
        let script = work.join(lesson.script_name());
        std::fs::write(&script, &lesson.code)
            .map_err(|error| format!("cannot write {}: {error}", script.display()))?;
        let fs_root = if lesson.files.is_empty() {
            empty_root
        } else {
            files_dir
        };
        let clock = match lesson.clock {
            ClockKind::Virtual => "virtual",
            ClockKind::Real => "real",
        };
        let output = Command::new(env!("CARGO_BIN_EXE_tickscope"))
            .args(["run", "--clock", clock, "--fs-root"])
            .arg(&fs_root)
            .arg(&script)
            .output()
            .map_err(|error| format!("cannot run tickscope: {error}"))?;

        let stdout = String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n");
        let stderr = lessons::without_stack_lines(&String::from_utf8_lossy(&output.stderr));
        let source = match lesson.expected_source {
            ExpectedSource::Chromium => "expected (recorded from Chromium)",
            ExpectedSource::Tickscope => "expected (tickscope's documented behaviour)",
        };
        let mut problems = Vec::new();
        if stdout != lesson.stdout {
            problems.push(format!(
                "stdout differs\n--- {source}\n{}--- tickscope\n{stdout}",
                lesson.stdout
            ));
        }
        if stderr != lesson.stderr {
            problems.push(format!(
                "stderr differs (stack lines dropped)\n--- {source}\n{}--- tickscope\n{stderr}",
                lesson.stderr
            ));
        }
        if output.status.code() != Some(lesson.expected_exit_code()) {
            problems.push(format!(
                "exit code {:?}, expected {}",
                output.status.code(),
                lesson.expected_exit_code()
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!("{name}: {}", problems.join("\n")).into())
        }
    }
}
