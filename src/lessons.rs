//! Lessons: Markdown files in `lessons/` with a runnable snippet and its expected output.
//!
//! A lesson is data, not code: an author adds `lessons/NN-name.md` and it shows up in the lesson
//! list and in `cargo test --test lessons`, which runs its snippet and compares the output. This
//! module parses one lesson from its file name and text; it touches no files and no platform API,
//! so the playground page and the native tests share it. The format is documented for authors in
//! `lessons/README.md`; in short:
//!
//! ````markdown
//! ---
//! title: "Promises: their three states"
//! summary: Pending, fulfilled, rejected.
//! clock: virtual
//! expected: chromium
//! files: [todo.txt]
//! predict: true
//! ---
//!
//! Prose…
//!
//! ```js run
//! console.log('hello');
//! ```
//!
//! ```text expected
//! hello
//! ```
//!
//! ```text step-notes
//! "hello": The script's only line prints; nothing was queued.
//! ```
//!
//! ## What to look for on the timeline
//!
//! - **Tasks lane**: …
//! ````
//!
//! - The file name is `NN-name.md`: digits (the lesson's place in the list), a dash, then lower-case
//!   letters, digits and dashes.
//! - The front matter is one `key: value` per line, a subset of YAML: `title`, `summary` and
//!   `expected` (`chromium` or `tickscope`: who defines the expected output) are required; `clock`
//!   (`virtual` or `real`) defaults to `virtual`; `files` (a single name or `[a.txt, b.txt]`)
//!   defaults to none; `predict` (`true` or `false`, default `false`) opens the lesson in
//!   "predict first", where the reader orders the output before the run. A value holding `: ` or starting with a YAML indicator must be quoted
//!   (`"…"` with `\"` and `\\` escapes, or `'…'` with `''`), so the block stays valid YAML.
//! - Code fences start at the beginning of a line (three or more backticks or tildes). Exactly one
//!   fence is `js run` (a classic script) or `js run module` (a module: top-level `await`), exactly
//!   one is `text expected` (the stdout lines), and at most one is `text expected-stderr` (warnings,
//!   errors, `Uncaught …` lines; never stack lines). At most one is `text step-notes`: notes the
//!   page shows when the step cursor reaches their step, one per line, `"printed line": note`
//!   ([`StepNote::parse`]'s form): the note belongs to the step that prints that line. Step
//!   numbers (`N: note`) are for links made in the page; a lesson's would shift whenever the
//!   page's frames fall elsewhere. Other fences are illustrations and never run.
//! - Exactly one heading reads `What to look for on the timeline`, with text under it.
//!
//! ```
//! use tickscope::lessons::{ExpectedSource, Lesson};
//!
//! let text = "---\ntitle: Hello\nsummary: Says hello.\nexpected: chromium\n---\n\
//!             ```js run\nconsole.log('hi');\n```\n\n```text expected\nhi\n```\n\n\
//!             ## What to look for on the timeline\n\nOne task.\n";
//! let lesson = Lesson::parse("01-hello.md", text).expect("a valid lesson");
//! assert_eq!(lesson.number, 1);
//! assert_eq!(lesson.stem, "01-hello");
//! assert_eq!(lesson.expected_source, ExpectedSource::Chromium);
//! assert_eq!(lesson.code, "console.log('hi');\n");
//! assert_eq!(lesson.stdout, "hi\n");
//! assert_eq!(lesson.expected_exit_code(), 0);
//! ```

use std::fmt;

use crate::ClockKind;
use crate::timeline::notes::{self, NoteAnchor, StepNote};

/// The heading of the section that says what to look for on the timeline.
pub const TIMELINE_HEADING: &str = "What to look for on the timeline";

/// Who defines a lesson's expected output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectedSource {
    /// Recorded from headless Chromium (`lessons/record.mjs`): the snippet uses only ECMAScript,
    /// timers, `queueMicrotask` and `console`, and a browser defines the answer.
    Chromium,
    /// tickscope's documented behaviour: the snippet uses native modules browsers do not have.
    Tickscope,
}

impl ExpectedSource {
    /// The front-matter word: `chromium` or `tickscope`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Chromium => "chromium",
            Self::Tickscope => "tickscope",
        }
    }
}

/// One parsed lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// The file name without `.md`: `03-promise-states`. Also the folder of its files,
    /// `lessons/files/<stem>/`.
    pub stem: String,
    /// The number the file name starts with; lessons are listed in this order.
    pub number: u32,
    /// The title, for the lesson list and the page.
    pub title: String,
    /// One or two sentences on what the lesson teaches.
    pub summary: String,
    /// The clock the snippet runs on (`virtual` unless the front matter says otherwise).
    pub clock: ClockKind,
    /// Who defines the expected output.
    pub expected_source: ExpectedSource,
    /// Names of the files the snippet reads, relative to `lessons/files/<stem>/` (and to the
    /// playground's files panel); empty when it reads none.
    pub files: Vec<String>,
    /// The Markdown after the front matter, as written (prose, code, expected output, timeline).
    pub body: String,
    /// The runnable snippet, each line ending in `\n`.
    pub code: String,
    /// Whether the snippet is a module (`js run module`: top-level `await`, `import`).
    pub module: bool,
    /// The expected stdout, each line ending in `\n` (empty when the block is empty).
    pub stdout: String,
    /// The expected stderr without stack lines, each line ending in `\n` (empty without the block).
    pub stderr: String,
    /// The text of the "What to look for on the timeline" section, trimmed.
    pub timeline: String,
    /// Notes pinned to steps (the `text step-notes` block), in the block's order.
    pub notes: Vec<StepNote>,
    /// Whether the lesson opens in "predict first".
    pub predict: bool,
}

/// Why a lesson could not be parsed: the file, the line (1-based, in the whole file) when one is
/// to blame, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonError {
    /// The lesson's file name.
    pub file: String,
    /// The line at fault, if there is one.
    pub line: Option<usize>,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for LessonError {}

/// The stem and number of a lesson file name (`07-unhandled-rejections.md` gives
/// `("07-unhandled-rejections", 7)`), or `None` when the name is not a lesson's (`README.md`).
pub fn stem_of(file_name: &str) -> Option<(&str, u32)> {
    let stem = file_name.strip_suffix(".md")?;
    let (digits, name) = stem.split_once('-')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let name_ok = !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !name_ok {
        return None;
    }
    let number = digits.parse().ok()?;
    Some((stem, number))
}

/// Parses every lesson of a folder's listing, given as `(file name, text)` pairs; names that are
/// not lesson file names (`README.md`, `record.mjs`) are skipped. Returns the lessons sorted by
/// number, or every error found (including two lessons with the same number).
pub fn parse_all<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<Lesson>, Vec<LessonError>> {
    let mut lessons = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in files {
        if stem_of(name).is_none() {
            continue;
        }
        match Lesson::parse(name, text) {
            Ok(lesson) => lessons.push(lesson),
            Err(error) => errors.push(error),
        }
    }
    lessons.sort_by(|a, b| a.number.cmp(&b.number).then_with(|| a.stem.cmp(&b.stem)));
    for pair in lessons.windows(2) {
        if pair[0].number == pair[1].number {
            errors.push(LessonError {
                file: format!("{}.md", pair[1].stem),
                line: None,
                message: format!(
                    "lesson number {} is taken by {}.md",
                    pair[1].number, pair[0].stem
                ),
            });
        }
    }
    if errors.is_empty() {
        Ok(lessons)
    } else {
        Err(errors)
    }
}

/// `text` without stack-frame lines (an indented line starting with `at `), each remaining line
/// ending in `\n`: how actual stderr is compared with a lesson's `text expected-stderr` block.
pub fn without_stack_lines(text: &str) -> String {
    text.lines()
        .filter(|line| !is_stack_line(line))
        .map(|line| format!("{line}\n"))
        .collect()
}

fn is_stack_line(line: &str) -> bool {
    line.starts_with(char::is_whitespace) && line.trim_start().starts_with("at ")
}

impl Lesson {
    /// Parses a lesson from its file name (`NN-name.md`) and text.
    pub fn parse(file_name: &str, text: &str) -> Result<Lesson, LessonError> {
        let fail = |line: Option<usize>, message: String| LessonError {
            file: file_name.to_owned(),
            line,
            message,
        };
        let Some((stem, number)) = stem_of(file_name) else {
            return Err(fail(
                None,
                "a lesson's file name is NN-name.md: digits, a dash, then a-z, 0-9 and dashes"
                    .to_owned(),
            ));
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = text.replace("\r\n", "\n");
        let lines: Vec<&str> = text.split('\n').collect();

        let front = FrontMatter::parse(&lines).map_err(|(line, message)| fail(line, message))?;
        let body_start = front.end + 1;
        let body = lines.get(body_start..).unwrap_or_default().join("\n");
        let scan =
            Body::scan(&lines, body_start).map_err(|(line, message)| fail(Some(line), message))?;

        let Some(code) = scan.code else {
            return Err(fail(
                None,
                "no runnable snippet: add a ```js run (or ```js run module) block".to_owned(),
            ));
        };
        let Some(stdout) = scan.stdout else {
            return Err(fail(
                None,
                "no expected output: add a ```text expected block with the stdout lines".to_owned(),
            ));
        };
        let Some(timeline) = scan.timeline else {
            return Err(fail(
                None,
                format!("no section headed \"{TIMELINE_HEADING}\""),
            ));
        };
        if code.text.trim().is_empty() {
            return Err(fail(
                Some(code.line),
                "the runnable snippet is empty".to_owned(),
            ));
        }
        if let Some(stderr) = &scan.stderr
            && let Some(offset) = stderr.text.lines().position(is_stack_line)
        {
            return Err(fail(
                Some(stderr.line + 1 + offset),
                "expected stderr never includes stack lines (`    at …`)".to_owned(),
            ));
        }
        for block in [Some(&stdout), scan.stderr.as_ref()].into_iter().flatten() {
            if let Some(offset) = block.text.lines().position(|l| l.ends_with([' ', '\t'])) {
                return Err(fail(
                    Some(block.line + 1 + offset),
                    "an expected line ends with whitespace, which editors strip; print something \
                     visible at the end"
                        .to_owned(),
                ));
            }
        }

        let mut step_notes = Vec::new();
        if let Some(block) = &scan.notes {
            for (offset, line) in block.text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let at = Some(block.line + 1 + offset);
                let note = StepNote::parse(line).map_err(|error| fail(at, error.0))?;
                if let NoteAnchor::Step(_) = note.at {
                    return Err(fail(
                        at,
                        "a lesson pins a note to a printed line (`\"line\": note`), not to a step \
                         number, which shifts with the page's frames"
                            .to_owned(),
                    ));
                }
                step_notes.push(note);
            }
            notes::check_all(&step_notes).map_err(|error| fail(Some(block.line), error.0))?;
        }

        Ok(Lesson {
            stem: stem.to_owned(),
            number,
            title: front.title,
            summary: front.summary,
            clock: front.clock,
            expected_source: front.expected,
            files: front.files,
            body,
            code: code.text,
            module: scan.module,
            stdout: stdout.text,
            stderr: scan.stderr.map(|block| block.text).unwrap_or_default(),
            timeline,
            notes: step_notes,
            predict: front.predict,
        })
    }

    /// The name the snippet runs under: `main.mjs` for a module, else `main.js` (as the
    /// playground's editor calls it).
    pub fn script_name(&self) -> &'static str {
        if self.module { "main.mjs" } else { "main.js" }
    }

    /// The exit code `tickscope run` should give: 1 when the expected stderr has an `Uncaught …`
    /// line (an uncaught error or unhandled rejection), else 0.
    pub fn expected_exit_code(&self) -> i32 {
        i32::from(
            self.stderr
                .lines()
                .any(|line| line.starts_with("Uncaught ")),
        )
    }
}

/// The front matter's fields and the index of its closing `---` line.
struct FrontMatter {
    title: String,
    summary: String,
    clock: ClockKind,
    expected: ExpectedSource,
    files: Vec<String>,
    predict: bool,
    end: usize,
}

/// An error at a line (1-based) or in general.
type AtLine = (Option<usize>, String);

impl FrontMatter {
    fn parse(lines: &[&str]) -> Result<Self, AtLine> {
        if lines.first().map(|l| l.trim_end()) != Some("---") {
            return Err((
                Some(1),
                "a lesson starts with front matter: a line `---`, `key: value` lines, `---`"
                    .to_owned(),
            ));
        }
        let Some(end) = lines
            .iter()
            .skip(1)
            .position(|l| l.trim_end() == "---")
            .map(|i| i + 1)
        else {
            return Err((
                Some(1),
                "the front matter has no closing `---` line".to_owned(),
            ));
        };
        let mut title = None;
        let mut summary = None;
        let mut clock = None;
        let mut expected = None;
        let mut files = None;
        let mut predict = None;
        for (index, raw) in lines.iter().enumerate().take(end).skip(1) {
            let at = Some(index + 1);
            let line = raw.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                return Err((at, format!("expected `key: value`, found `{line}`")));
            };
            let value = value.trim();
            let twice = || (at, format!("`{key}` is given twice"));
            match key {
                "title" | "summary" => {
                    let text = scalar(value).map_err(|m| (at, m))?;
                    if text.trim().is_empty() {
                        return Err((at, format!("`{key}` is empty")));
                    }
                    let slot = if key == "title" {
                        &mut title
                    } else {
                        &mut summary
                    };
                    if slot.replace(text).is_some() {
                        return Err(twice());
                    }
                }
                "clock" => {
                    let kind = scalar(value)
                        .map_err(|m| (at, m))?
                        .parse::<ClockKind>()
                        .map_err(|m| (at, m))?;
                    if clock.replace(kind).is_some() {
                        return Err(twice());
                    }
                }
                "expected" => {
                    let source = match scalar(value).map_err(|m| (at, m))?.as_str() {
                        "chromium" => ExpectedSource::Chromium,
                        "tickscope" => ExpectedSource::Tickscope,
                        other => {
                            return Err((
                                at,
                                format!(
                                    "expected: `{other}` is neither `chromium` (recorded from \
                                     the browser) nor `tickscope` (native modules)"
                                ),
                            ));
                        }
                    };
                    if expected.replace(source).is_some() {
                        return Err(twice());
                    }
                }
                "files" => {
                    let names = file_list(value).map_err(|m| (at, m))?;
                    if files.replace(names).is_some() {
                        return Err(twice());
                    }
                }
                "predict" => {
                    let on = match scalar(value).map_err(|m| (at, m))?.as_str() {
                        "true" => true,
                        "false" => false,
                        other => {
                            return Err((
                                at,
                                format!("predict: `{other}` is neither `true` nor `false`"),
                            ));
                        }
                    };
                    if predict.replace(on).is_some() {
                        return Err(twice());
                    }
                }
                other => {
                    return Err((
                        at,
                        format!(
                            "unknown front-matter key `{other}` (known: title, summary, clock, \
                             expected, files, predict)"
                        ),
                    ));
                }
            }
        }
        let missing = |key: &str| (Some(1), format!("the front matter has no `{key}`"));
        Ok(FrontMatter {
            title: title.ok_or_else(|| missing("title"))?,
            summary: summary.ok_or_else(|| missing("summary"))?,
            clock: clock.unwrap_or(ClockKind::Virtual),
            expected: expected.ok_or_else(|| missing("expected"))?,
            files: files.unwrap_or_default(),
            predict: predict.unwrap_or(false),
            end,
        })
    }
}

/// A one-line YAML scalar: `"double"` (with `\"` and `\\`), `'single'` (with `''`) or plain. A
/// plain value may not hold what would make it something else in YAML.
fn scalar(value: &str) -> Result<String, String> {
    if let Some(rest) = value.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => {
                    return if chars.as_str().trim().is_empty() {
                        Ok(out)
                    } else {
                        Err(format!("text after the closing quote in `{value}`"))
                    };
                }
                '\\' => match chars.next() {
                    Some(e @ ('"' | '\\')) => out.push(e),
                    _ => return Err(format!("only \\\" and \\\\ escapes are allowed: `{value}`")),
                },
                c => out.push(c),
            }
        }
        return Err(format!("no closing double quote in `{value}`"));
    }
    if let Some(rest) = value.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    let after: String = chars.collect();
                    return if after.trim().is_empty() {
                        Ok(out)
                    } else {
                        Err(format!("text after the closing quote in `{value}`"))
                    };
                }
            } else {
                out.push(c);
            }
        }
        return Err(format!("no closing single quote in `{value}`"));
    }
    if value.starts_with([
        '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', ',',
    ]) || value.contains(": ")
        || value.contains(" #")
        || value.ends_with(':')
    {
        return Err(format!(
            "quote this value (\"…\"): as written it is not plain text in YAML: `{value}`"
        ));
    }
    Ok(value.to_owned())
}

/// `files:`: a single name, or `[a.txt, b.txt]` (`[]` for none).
fn file_list(value: &str) -> Result<Vec<String>, String> {
    let names: Vec<String> = match value.strip_prefix('[') {
        Some(inner) => {
            let Some(inner) = inner.trim_end().strip_suffix(']') else {
                return Err(format!("no closing `]` in `{value}`"));
            };
            if inner.trim().is_empty() {
                return Ok(Vec::new());
            }
            inner
                .split(',')
                .map(|item| scalar(item.trim()))
                .collect::<Result<_, _>>()?
        }
        None => vec![scalar(value)?],
    };
    for (i, name) in names.iter().enumerate() {
        let bad = name.is_empty()
            || name.starts_with('/')
            || name.contains('\\')
            || name
                .split('/')
                .any(|part| part.is_empty() || part == "." || part == "..");
        if bad {
            return Err(format!(
                "`{name}` is not a relative file name with / between folders"
            ));
        }
        if name == "main.js" || name == "main.mjs" {
            return Err(format!("`{name}` is the snippet's own name"));
        }
        if names[..i].contains(name) {
            return Err(format!("`{name}` is listed twice"));
        }
    }
    Ok(names)
}

/// A fenced block's content and the line (1-based) of its opening fence.
struct Block {
    text: String,
    line: usize,
}

/// What the Markdown body holds.
#[derive(Default)]
struct Body {
    code: Option<Block>,
    module: bool,
    stdout: Option<Block>,
    stderr: Option<Block>,
    notes: Option<Block>,
    timeline: Option<String>,
}

/// What a fence's info string makes it.
pub(crate) enum FenceKind {
    Run { module: bool },
    Stdout,
    Stderr,
    StepNotes,
    Other,
}

/// What the fence with `info` holds in the lesson format; an error for an info string that
/// looks like one of the format's, misspelt.
pub(crate) fn fence_kind(info: &str) -> Result<FenceKind, String> {
    let words: Vec<&str> = info.split_whitespace().collect();
    Ok(match words.as_slice() {
        ["js", "run"] => FenceKind::Run { module: false },
        ["js", "run", "module"] => FenceKind::Run { module: true },
        ["text", "expected"] => FenceKind::Stdout,
        ["text", "expected-stderr"] => FenceKind::Stderr,
        ["text", "step-notes"] => FenceKind::StepNotes,
        ["js" | "javascript" | "mjs", rest @ ..] if rest.iter().any(|w| w.starts_with("run")) => {
            return Err(format!(
                "a runnable block is fenced ```js run or ```js run module, not ```{info}"
            ));
        }
        [_, second, ..] if second.starts_with("expect") => {
            return Err(format!(
                "expected output is fenced ```text expected or ```text expected-stderr, not ```{info}"
            ));
        }
        _ => FenceKind::Other,
    })
}

/// An opening fence: its character, its length and its info string.
pub(crate) fn open_fence(line: &str) -> Option<(char, usize, &str)> {
    let fence_char = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let count = line.chars().take_while(|c| *c == fence_char).count();
    if count < 3 {
        return None;
    }
    let info = line[count..].trim();
    if fence_char == '`' && info.contains('`') {
        return None;
    }
    Some((fence_char, count, info))
}

/// Whether `line` closes a fence opened with `count` of `fence_char`.
pub(crate) fn closes_fence(line: &str, fence_char: char, count: usize) -> bool {
    let line = line.trim_end();
    line.chars().count() >= count && line.chars().all(|c| c == fence_char)
}

/// An ATX heading outside a fence: its level and its text.
pub(crate) fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
}

fn block_text(lines: &[&str]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}

impl Body {
    /// Scans the body, which starts at index `start` of `lines`. Errors carry a 1-based line.
    fn scan(lines: &[&str], start: usize) -> Result<Body, (usize, String)> {
        let mut body = Body::default();
        // The timeline heading's line and level, while its section is open, and its lines.
        let mut section: Option<(usize, usize)> = None;
        let mut section_lines: Vec<&str> = Vec::new();
        let mut index = start;
        while index < lines.len() {
            let line = lines[index];
            let number = index + 1;
            if let Some((fence_char, count, info)) = open_fence(line) {
                let kind = fence_kind(info).map_err(|m| (number, m))?;
                let Some(len) = lines[index + 1..]
                    .iter()
                    .position(|l| closes_fence(l, fence_char, count))
                else {
                    return Err((number, "this code block is never closed".to_owned()));
                };
                let content = &lines[index + 1..index + 1 + len];
                if section.is_some() {
                    section_lines.extend_from_slice(&lines[index..=index + 1 + len]);
                }
                let block = Block {
                    text: block_text(content),
                    line: number,
                };
                let target = match kind {
                    FenceKind::Run { module } => {
                        body.module = module;
                        Some((&mut body.code, "runnable snippet (```js run)"))
                    }
                    FenceKind::Stdout => Some((&mut body.stdout, "```text expected block")),
                    FenceKind::Stderr => Some((&mut body.stderr, "```text expected-stderr block")),
                    FenceKind::StepNotes => Some((&mut body.notes, "```text step-notes block")),
                    FenceKind::Other => None,
                };
                if let Some((slot, what)) = target
                    && let Some(first) = slot.replace(block)
                {
                    return Err((
                        number,
                        format!("a second {what}; the first is at line {}", first.line),
                    ));
                }
                index += len + 2;
                continue;
            }
            if let Some((level, text)) = heading(line) {
                if let Some((_, open_level)) = section
                    && level <= open_level
                {
                    body.finish_section(&mut section, &mut section_lines)?;
                }
                if text.eq_ignore_ascii_case(TIMELINE_HEADING) {
                    if body.timeline.is_some() || section.is_some() {
                        return Err((number, format!("a second \"{TIMELINE_HEADING}\" section")));
                    }
                    section = Some((number, level));
                    index += 1;
                    continue;
                }
            }
            if section.is_some() {
                section_lines.push(line);
            }
            index += 1;
        }
        body.finish_section(&mut section, &mut section_lines)?;
        Ok(body)
    }

    fn finish_section(
        &mut self,
        section: &mut Option<(usize, usize)>,
        lines: &mut Vec<&str>,
    ) -> Result<(), (usize, String)> {
        if let Some((number, _)) = section.take() {
            let text = lines.join("\n").trim().to_owned();
            if text.is_empty() {
                return Err((
                    number,
                    format!("the \"{TIMELINE_HEADING}\" section is empty"),
                ));
            }
            self.timeline = Some(text);
            lines.clear();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "---\n\
        title: \"Chaining: values flow\"\n\
        summary: 'It''s a chain'\n\
        clock: real\n\
        expected: tickscope\n\
        files: [a.txt, notes/b.txt]\n\
        ---\n\
        \n\
        Prose with an illustration:\n\
        \n\
        ```js\n\
        not.run();\n\
        ```\n\
        \n\
        ````js run module\n\
        await null;\n\
        console.log('x');\n\
        ```\n\
        still code\n\
        ````\n\
        \n\
        ```text expected\n\
        x\n\
        ```\n\
        \n\
        ```text expected-stderr\n\
        Uncaught Error: boom\n\
        ```\n\
        \n\
        ## What to look for on the timeline\n\
        \n\
        - **Tasks lane**: one.\n\
        \n\
        ### Details\n\
        \n\
        More.\n\
        \n\
        ## Afterwards\n\
        \n\
        Not part of it.\n";

    fn with(replace: &str, by: &str) -> String {
        assert!(GOOD.contains(replace), "{replace:?} is in GOOD");
        GOOD.replacen(replace, by, 1)
    }

    fn error(text: &str) -> LessonError {
        Lesson::parse("05-x.md", text).expect_err("the lesson is refused")
    }

    #[test]
    fn a_full_lesson_parses() {
        let lesson = Lesson::parse("05-chaining-2.md", GOOD).expect("valid");
        assert_eq!(lesson.stem, "05-chaining-2");
        assert_eq!(lesson.number, 5);
        assert_eq!(lesson.title, "Chaining: values flow");
        assert_eq!(lesson.summary, "It's a chain");
        assert_eq!(lesson.clock, ClockKind::Real);
        assert_eq!(lesson.expected_source, ExpectedSource::Tickscope);
        assert_eq!(lesson.files, ["a.txt", "notes/b.txt"]);
        assert!(lesson.module);
        assert_eq!(lesson.script_name(), "main.mjs");
        assert_eq!(
            lesson.code,
            "await null;\nconsole.log('x');\n```\nstill code\n"
        );
        assert_eq!(lesson.stdout, "x\n");
        assert_eq!(lesson.stderr, "Uncaught Error: boom\n");
        assert_eq!(lesson.expected_exit_code(), 1);
        assert_eq!(
            lesson.timeline,
            "- **Tasks lane**: one.\n\n### Details\n\nMore."
        );
        assert!(lesson.body.starts_with("\nProse with an illustration:"));
        assert!(lesson.body.ends_with("Not part of it.\n"));
    }

    #[test]
    fn step_notes_and_predict() {
        let notes_block =
            "```text step-notes\n\"x\": printed here\n\n\"y\": the next line\n```\n\n";
        let text = with(
            "files: [a.txt, notes/b.txt]\n",
            "files: [a.txt, notes/b.txt]\npredict: true\n",
        )
        .replacen(
            "## What to look for",
            &format!("{notes_block}## What to look for"),
            1,
        );
        let lesson = Lesson::parse("07-x.md", &text).expect("a lesson with notes");
        assert!(lesson.predict);
        assert_eq!(
            lesson.notes,
            [
                StepNote::parse("\"x\": printed here").expect("note"),
                StepNote::parse("\"y\": the next line").expect("note"),
            ]
        );
        let plain = Lesson::parse("07-x.md", GOOD).expect("GOOD");
        assert!(!plain.predict && plain.notes.is_empty());

        for (note, why) in [
            ("three: no step", "whole number"),
            ("3: a step number", "not to a step number"),
        ] {
            let bad = text.replace("\"y\": the next line", note);
            let error = Lesson::parse("07-x.md", &bad).expect_err(note);
            assert!(error.message.contains(why), "{error}");
            let line = bad.lines().position(|l| l == note).map(|i| i + 1);
            assert_eq!(error.line, line);
        }
        let error = Lesson::parse("07-x.md", &text.replace("predict: true", "predict: yes"))
            .expect_err("a bad predict");
        assert!(
            error.message.contains("neither `true` nor `false`"),
            "{error}"
        );
        let twice = text.replacen(notes_block, &format!("{notes_block}{notes_block}"), 1);
        let error = Lesson::parse("07-x.md", &twice).expect_err("two blocks");
        assert!(
            error.message.contains("second ```text step-notes"),
            "{error}"
        );
    }

    #[test]
    fn defaults_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: T\r\nsummary: S\r\nexpected: chromium\r\n---\r\n\
                    ```js run\r\nconsole.log(1)\r\n```\r\n```text expected\r\n```\r\n\
                    # What to look for on the timeline #\r\nlanes\r\n";
        let lesson = Lesson::parse("1-t.md", text).expect("valid");
        assert_eq!(lesson.clock, ClockKind::Virtual);
        assert!(lesson.files.is_empty());
        assert!(!lesson.module);
        assert_eq!(lesson.script_name(), "main.js");
        assert_eq!(lesson.code, "console.log(1)\n");
        assert_eq!(lesson.stdout, "");
        assert_eq!(lesson.stderr, "");
        assert_eq!(lesson.expected_exit_code(), 0);
        assert_eq!(lesson.timeline, "lanes");
    }

    #[test]
    fn file_names() {
        assert_eq!(stem_of("01-sync.md"), Some(("01-sync", 1)));
        assert_eq!(stem_of("120-a-b-2.md"), Some(("120-a-b-2", 120)));
        for bad in [
            "README.md",
            "01-sync.txt",
            "sync.md",
            "-sync.md",
            "01-.md",
            "01-Sync.md",
            "01-a_b.md",
            "01--a.md",
            "01-a-.md",
            "99999999999-a.md",
        ] {
            assert_eq!(stem_of(bad), None, "{bad}");
        }
        assert!(Lesson::parse("lesson.md", GOOD).is_err());
    }

    #[test]
    fn front_matter_errors() {
        let cases = [
            (
                with("---\ntitle", "title"),
                Some(1),
                "starts with front matter",
            ),
            (GOOD.replace("---\n\n", "\n\n"), Some(1), "no closing"),
            (with("clock: real", "clock: fast"), Some(4), "unknown clock"),
            (
                with("expected: tickscope", "expected: node"),
                Some(5),
                "neither",
            ),
            (
                with(
                    "title: \"Chaining: values flow\"",
                    "title: Chaining: values",
                ),
                Some(2),
                "quote",
            ),
            (
                with("title: \"Chaining: values flow\"", "title: \"open"),
                Some(2),
                "closing double",
            ),
            (
                with("title: \"Chaining: values flow\"", "title: \"\\n\""),
                Some(2),
                "escapes",
            ),
            (
                with("title: \"Chaining: values flow\"", "title: \"a\" b"),
                Some(2),
                "after the closing",
            ),
            (
                with("title: \"Chaining: values flow\"", "title:  "),
                Some(2),
                "is empty",
            ),
            (
                with("summary: 'It''s a chain'", "summary: 'open"),
                Some(3),
                "closing single",
            ),
            (
                with("clock: real", "colour: red"),
                Some(4),
                "unknown front-matter key",
            ),
            (
                with("clock: real", "clock: real\nclock: real"),
                Some(5),
                "twice",
            ),
            (with("clock: real", "just words"), Some(4), "key: value"),
            (
                with("title: \"Chaining: values flow\"\n", ""),
                Some(1),
                "no `title`",
            ),
            (with("expected: tickscope\n", ""), Some(1), "no `expected`"),
            (
                with("[a.txt, notes/b.txt]", "[a.txt"),
                Some(6),
                "closing `]`",
            ),
            (
                with("[a.txt, notes/b.txt]", "[../a.txt]"),
                Some(6),
                "relative",
            ),
            (
                with("[a.txt, notes/b.txt]", "/etc/passwd"),
                Some(6),
                "relative",
            ),
            (
                with("[a.txt, notes/b.txt]", "[a.txt, a.txt]"),
                Some(6),
                "twice",
            ),
            (
                with("[a.txt, notes/b.txt]", "[main.js]"),
                Some(6),
                "snippet's own",
            ),
        ];
        for (text, line, words) in cases {
            let err = error(&text);
            assert_eq!(err.line, line, "{err}");
            assert!(err.message.contains(words), "{err} should say {words:?}");
        }
        let none = Lesson::parse("05-x.md", &with("[a.txt, notes/b.txt]", "[]")).expect("valid");
        assert!(none.files.is_empty());
        let one = Lesson::parse("05-x.md", &with("[a.txt, notes/b.txt]", "a.txt")).expect("valid");
        assert_eq!(one.files, ["a.txt"]);
    }

    #[test]
    fn body_errors() {
        let cases = [
            (
                with("````js run module", "````js"),
                None,
                "no runnable snippet",
            ),
            (
                with("```text expected\n", "```text\n"),
                None,
                "no expected output",
            ),
            (
                with("## What to look for", "## Look for"),
                None,
                "no section",
            ),
            (
                with("## Afterwards", "## What to look for on the timeline"),
                Some(38),
                "second",
            ),
            (
                with("```js\nnot", "```js run\nnot"),
                Some(15),
                "second runnable",
            ),
            (
                with("```js\nnot", "```text expected\nnot"),
                Some(22),
                "second ```text expected",
            ),
            (
                with("```js\nnot", "```js runs\nnot"),
                Some(11),
                "fenced ```js run",
            ),
            (
                with("```js\nnot", "```text expect\nnot"),
                Some(11),
                "fenced ```text expected",
            ),
            (
                with("````\n\n```text expected", "```\n\n```text expected"),
                Some(15),
                "never closed",
            ),
            (
                with(
                    "Uncaught Error: boom\n",
                    "Uncaught Error: boom\n    at f (x.js:1:1)\n",
                ),
                Some(28),
                "stack",
            ),
            (
                with("```text expected\nx\n", "```text expected\nx \n"),
                Some(23),
                "whitespace",
            ),
            (
                with("- **Tasks lane**: one.\n\n### Details\n\nMore.\n", ""),
                Some(30),
                "is empty",
            ),
        ];
        for (text, line, words) in cases {
            let err = error(&text);
            assert_eq!(err.line, line, "{err}");
            assert!(err.message.contains(words), "{err} should say {words:?}");
        }
        let blank = with("await null;\nconsole.log('x');\n```\nstill code\n", "\n");
        assert!(error(&blank).message.contains("empty"));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let err = error(&with("clock: real", "clock: fast"));
        assert_eq!(err.to_string().split(": ").next(), Some("05-x.md:4"));
        let err = error(&with("## What to look for", "## Look for"));
        assert!(err.to_string().starts_with("05-x.md: no section"));
    }

    #[test]
    fn parse_all_sorts_skips_and_reports() {
        let two = with("title: \"Chaining: values flow\"", "title: Two");
        let lessons = parse_all([
            ("10-b.md", two.as_str()),
            ("README.md", "not a lesson"),
            ("2-a.md", GOOD),
        ])
        .expect("valid");
        let stems: Vec<&str> = lessons.iter().map(|l| l.stem.as_str()).collect();
        assert_eq!(stems, ["2-a", "10-b"]);

        let errors = parse_all([("02-a.md", GOOD), ("2-b.md", GOOD), ("03-c.md", "nothing")])
            .expect_err("refused");
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().any(|e| e.file == "03-c.md"));
        assert!(errors.iter().any(|e| e.message.contains("is taken by")));
    }

    #[test]
    fn stack_lines_are_dropped() {
        let text =
            "Uncaught Error: x\n    at f (a.js:1:2)\n\tat g\nat the start stays\n  not a frame\n";
        assert_eq!(
            without_stack_lines(text),
            "Uncaught Error: x\nat the start stays\n  not a frame\n"
        );
        assert_eq!(without_stack_lines(""), "");
    }
}
