//! Notes an author pins to steps of a run: a lesson's, a share link's or an embed's. The page
//! shows a step's notes under its sentence ([`super::narrate`]) when the cursor is there.
//!
//! A note is anchored either to a step number (what a reader pins in the page, and what a link
//! made from it carries) or to the step that printed a given console line, which stays right
//! when the run gains or loses events elsewhere (what a lesson's author writes). As one line of
//! text, the form lessons and embed options use:
//!
//! ```text
//! 12: The script's task has ended, so the microtask checkpoint starts here.
//! "promise1": Printed by the first .then callback: a microtask, so before any timer.
//! ```
//!
//! ```
//! use tickscope::timeline::notes::{NoteAnchor, StepNote};
//!
//! let note = StepNote::parse(r#""got 4": the chain's second link"#).expect("a note");
//! assert_eq!(note.at, NoteAnchor::Prints("got 4".into()));
//! assert_eq!(note.text, "the chain's second link");
//! assert_eq!(note.to_line(), r#""got 4": the chain's second link"#);
//! assert!(StepNote::parse("twelve: no step").is_err());
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::trace::{EventKind, TraceEvent};

/// The most notes one run may carry (a lesson, a link or an embed).
pub const MAX_NOTES: usize = 64;

/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;

/// Where a note is pinned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteAnchor {
    /// The step after this many events (the cursor's number, as `seek(n)` takes it).
    Step(usize),
    /// The step that printed this console line (its whole text), the first time it was printed.
    Prints(String),
}

/// One note pinned to a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepNote {
    /// The step it belongs to.
    pub at: NoteAnchor,
    /// What it says: plain text, shown as text.
    pub text: String,
}

/// Why a note's text or a set of notes was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteError(pub String);

impl fmt::Display for NoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NoteError {}

impl StepNote {
    /// A note from its one-line form: `N: text` (a step number) or `"line": text` (the step
    /// that printed that line; `\"` and `\\` escape inside the quotes).
    ///
    /// # Errors
    /// What is wrong with the line, in words.
    pub fn parse(line: &str) -> Result<Self, NoteError> {
        let line = line.trim();
        let (at, rest) = if let Some(quoted) = line.strip_prefix('"') {
            let (printed, rest) = unquote(quoted)?;
            (NoteAnchor::Prints(printed), rest)
        } else {
            let (step, rest) = line.split_once(':').ok_or_else(|| {
                NoteError(format!(
                    "a note is `N: text` or `\"printed line\": text`, not `{line}`"
                ))
            })?;
            let step = step.trim().parse::<usize>().map_err(|_| {
                NoteError(format!(
                    "a note's step is a whole number of events or a quoted printed line, not `{}`",
                    step.trim()
                ))
            })?;
            (NoteAnchor::Step(step), rest)
        };
        let note = StepNote {
            at,
            text: rest.trim().to_owned(),
        };
        note.check()?;
        Ok(note)
    }

    /// The note's one-line form, which [`StepNote::parse`] reads back.
    pub fn to_line(&self) -> String {
        match &self.at {
            NoteAnchor::Step(step) => format!("{step}: {}", self.text),
            NoteAnchor::Prints(printed) => format!(
                "\"{}\": {}",
                printed.replace('\\', "\\\\").replace('"', "\\\""),
                self.text
            ),
        }
    }

    /// Checks the note's own rules: some text, at most [`MAX_NOTE_CHARS`] characters, on one
    /// line, and a non-empty printed line for a [`NoteAnchor::Prints`] anchor.
    ///
    /// # Errors
    /// The first rule broken.
    pub fn check(&self) -> Result<(), NoteError> {
        if self.text.trim().is_empty() {
            return Err(NoteError("a note has no text".to_owned()));
        }
        let chars = self.text.chars().count();
        if chars > MAX_NOTE_CHARS {
            return Err(NoteError(format!(
                "a note is {chars} characters long; the limit is {MAX_NOTE_CHARS}"
            )));
        }
        if self.text.contains(['\n', '\r']) {
            return Err(NoteError("a note is one line of text".to_owned()));
        }
        if matches!(&self.at, NoteAnchor::Prints(printed) if printed.is_empty()) {
            return Err(NoteError(
                "a note pinned to a printed line names the line".to_owned(),
            ));
        }
        Ok(())
    }
}

/// Checks a whole set of notes: at most [`MAX_NOTES`], each as [`StepNote::check`] says.
///
/// # Errors
/// The first rule broken, naming the note by its place (1-based).
pub fn check_all(notes: &[StepNote]) -> Result<(), NoteError> {
    if notes.len() > MAX_NOTES {
        return Err(NoteError(format!(
            "{} notes; the limit is {MAX_NOTES}",
            notes.len()
        )));
    }
    for (index, note) in notes.iter().enumerate() {
        note.check()
            .map_err(|NoteError(why)| NoteError(format!("note {}: {why}", index + 1)))?;
    }
    Ok(())
}

/// The text of a quoted string after its opening `"`, and what follows the closing `"` and the
/// `:` after it.
fn unquote(quoted: &str) -> Result<(String, &str), NoteError> {
    let mut text = String::new();
    let mut chars = quoted.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, escaped @ ('"' | '\\'))) => text.push(escaped),
                _ => {
                    return Err(NoteError(
                        "inside a note's quotes only \\\" and \\\\ are escapes".to_owned(),
                    ));
                }
            },
            '"' => {
                let rest = quoted[at + 1..].trim_start();
                let rest = rest.strip_prefix(':').ok_or_else(|| {
                    NoteError("a quoted printed line is followed by `:` and the note".to_owned())
                })?;
                return Ok((text, rest));
            }
            c => text.push(c),
        }
    }
    Err(NoteError(
        "the printed line's quotes are never closed".to_owned(),
    ))
}

/// Where each note falls in `events`: the step of every note whose anchor is in the run, as
/// `(step, index in notes)` sorted by step (then by the notes' order). A step number past the
/// end and a line never printed are left out.
pub fn place(notes: &[StepNote], events: &[TraceEvent]) -> Vec<(usize, usize)> {
    let mut placed: Vec<(usize, usize)> = notes
        .iter()
        .enumerate()
        .filter_map(|(index, note)| {
            let step = match &note.at {
                NoteAnchor::Step(step) => Some(*step).filter(|&step| step <= events.len()),
                NoteAnchor::Prints(printed) => events
                    .iter()
                    .position(|event| {
                        matches!(&event.kind, EventKind::Console { text, .. } if text == printed)
                    })
                    .map(|at| at + 1),
            }?;
            Some((step, index))
        })
        .collect();
    placed.sort_unstable();
    placed
}

/// The notes at `step`, in the notes' order, from what [`place`] returned.
pub fn at_step<'a>(
    notes: &'a [StepNote],
    placed: &[(usize, usize)],
    step: usize,
) -> impl Iterator<Item = &'a str> {
    let from = placed.partition_point(|&(at, _)| at < step);
    placed[from..]
        .iter()
        .take_while(move |&&(at, _)| at == step)
        .filter_map(|&(_, index)| notes.get(index).map(|note| note.text.as_str()))
}

/// A run's notes and where they fall in it, kept up to date as the run grows: what the page
/// holds for the step cursor.
#[derive(Debug, Clone, Default)]
pub struct PinnedNotes {
    notes: Vec<StepNote>,
    /// [`place`]'s answer, and the number of events it was computed for.
    placed: Option<(usize, Vec<(usize, usize)>)>,
}

impl PinnedNotes {
    /// The notes, in their order.
    pub fn notes(&self) -> &[StepNote] {
        &self.notes
    }

    /// Replaces the notes.
    pub fn set(&mut self, notes: Vec<StepNote>) {
        self.notes = notes;
        self.placed = None;
    }

    /// Forgets where the notes fell: the run they were placed on is gone.
    pub fn new_run(&mut self) {
        self.placed = None;
    }

    /// The notes at `step` of `events` (the run so far), in their order.
    pub fn at(&mut self, events: &[TraceEvent], step: usize) -> Vec<String> {
        self.refresh(events);
        let placed = self.placed.as_ref().map_or(&[][..], |(_, placed)| placed);
        at_step(&self.notes, placed, step)
            .map(str::to_owned)
            .collect()
    }

    /// Makes `text` the note at `step` of `events`: the notes that fall there now are removed,
    /// and unless `text` is blank a note pinned to the step number takes their place.
    ///
    /// # Errors
    /// The note's rules ([`StepNote::check`]) or the most notes ([`MAX_NOTES`]) broken; then
    /// nothing changes.
    pub fn pin(&mut self, events: &[TraceEvent], step: usize, text: &str) -> Result<(), NoteError> {
        let there: Vec<usize> = {
            self.refresh(events);
            let placed = self.placed.as_ref().map_or(&[][..], |(_, placed)| placed);
            let from = placed.partition_point(|&(at, _)| at < step);
            placed[from..]
                .iter()
                .take_while(|&&(at, _)| at == step)
                .map(|&(_, index)| index)
                .collect()
        };
        let mut notes: Vec<StepNote> = self
            .notes
            .iter()
            .enumerate()
            .filter(|(index, _)| !there.contains(index))
            .map(|(_, note)| note.clone())
            .collect();
        let text = text.trim();
        if !text.is_empty() {
            let note = StepNote {
                at: NoteAnchor::Step(step),
                text: text.to_owned(),
            };
            note.check()?;
            notes.push(note);
        }
        check_all(&notes)?;
        self.set(notes);
        Ok(())
    }

    /// Places the notes on `events` unless they were placed on a run of that length.
    fn refresh(&mut self, events: &[TraceEvent]) {
        if self
            .placed
            .as_ref()
            .is_none_or(|(len, _)| *len != events.len())
        {
            self.placed = Some((events.len(), place(&self.notes, events)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::ConsoleLevel;

    fn console(text: &str) -> TraceEvent {
        TraceEvent {
            seq: 0,
            time: 0.0,
            wall: 0.0,
            kind: EventKind::Console {
                level: ConsoleLevel::Log,
                text: text.to_owned(),
            },
        }
    }

    #[test]
    fn one_line_forms_round_trip() {
        for line in [
            "0: before the first event",
            "12: the checkpoint starts",
            r#""promise1": a microtask"#,
            r#""say \"hi\" \\ there": escapes"#,
        ] {
            let note = StepNote::parse(line).expect(line);
            assert_eq!(StepNote::parse(&note.to_line()), Ok(note), "{line}");
        }
        let note = StepNote::parse(r#"  "a: b" :  spaced  "#).expect("spaced");
        assert_eq!(note.at, NoteAnchor::Prints("a: b".into()));
        assert_eq!(note.text, "spaced");
    }

    #[test]
    fn bad_lines_say_why() {
        for (line, why) in [
            ("no colon", "is `N: text`"),
            ("-1: negative", "whole number"),
            ("3:", "no text"),
            ("3:   ", "no text"),
            (r#""open: text"#, "never closed"),
            (r#""x" text"#, "followed by `:`"),
            (r#""\n": text"#, "escapes"),
            (r#""": text"#, "names the line"),
        ] {
            let error = StepNote::parse(line).expect_err(line);
            assert!(error.0.contains(why), "{line}: {error}");
        }
        let long = format!("1: {}", "x".repeat(MAX_NOTE_CHARS + 1));
        assert!(StepNote::parse(&long).is_err());
        let many = vec![StepNote::parse("1: a").expect("a note"); MAX_NOTES + 1];
        assert!(check_all(&many).is_err());
        assert!(check_all(&many[..MAX_NOTES]).is_ok());
        let two_lines = StepNote {
            at: NoteAnchor::Step(1),
            text: "a\nb".into(),
        };
        assert!(
            check_all(&[two_lines])
                .expect_err("two lines")
                .0
                .starts_with("note 1:")
        );
    }

    #[test]
    fn notes_are_placed_on_their_steps() {
        let events = [console("a"), console("b"), console("a")];
        let notes = [
            StepNote::parse(r#""a": first a"#).expect("note"),
            StepNote::parse("3: third").expect("note"),
            StepNote::parse("4: past the end").expect("note"),
            StepNote::parse(r#""never": not printed"#).expect("note"),
            StepNote::parse("1: also first").expect("note"),
        ];
        let placed = place(&notes, &events);
        assert_eq!(placed, vec![(1, 0), (1, 4), (3, 1)]);
        assert_eq!(
            at_step(&notes, &placed, 1).collect::<Vec<_>>(),
            ["first a", "also first"]
        );
        assert_eq!(at_step(&notes, &placed, 2).count(), 0);
        assert_eq!(at_step(&notes, &placed, 3).collect::<Vec<_>>(), ["third"]);
    }

    #[test]
    fn pinned_notes_follow_the_run_and_take_edits() {
        let mut pinned = PinnedNotes::default();
        pinned.set(vec![
            StepNote::parse(r#""b": b is printed"#).expect("note"),
            StepNote::parse("1: first").expect("note"),
        ]);
        let mut events = vec![console("a")];
        assert_eq!(pinned.at(&events, 1), ["first"]);
        assert!(pinned.at(&events, 2).is_empty());
        events.push(console("b"));
        assert_eq!(
            pinned.at(&events, 2),
            ["b is printed"],
            "placed again as the run grew"
        );

        pinned.pin(&events, 2, "  mine  ").expect("pinned");
        assert_eq!(pinned.at(&events, 2), ["mine"]);
        assert_eq!(pinned.notes().len(), 2);
        assert!(
            pinned
                .notes()
                .contains(&StepNote::parse("2: mine").expect("note"))
        );
        pinned.pin(&events, 1, "").expect("removed");
        assert!(pinned.at(&events, 1).is_empty());
        assert_eq!(pinned.notes().len(), 1);

        let before = pinned.notes().to_vec();
        assert!(
            pinned
                .pin(&events, 1, &"x".repeat(MAX_NOTE_CHARS + 1))
                .is_err()
        );
        assert_eq!(pinned.notes(), before, "a refused note changes nothing");
    }
}
