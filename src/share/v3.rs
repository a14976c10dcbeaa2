//! Format version 3: version 2's layout with three more optional keys for the step-through:
//! `step` (the step the cursor opens at after the first run, a whole number of events),
//! `predict` (`true` when the reader orders the output before the run) and `notes` (notes
//! pinned to steps, each `{"step": N, "text": "…"}` or `{"prints": "line", "text": "…"}`).
//! The encoder writes it only for a state that has one of them, so other links keep the older
//! versions and open in pages that know only those. No other keys are allowed. This layout is
//! frozen: anything new gets a new version, and this decoder stays.

use serde::{Deserialize, Serialize};

use super::v1::{FileIn, clock, clock_name, pack, read};
use super::{LinkError, PlaygroundState};
use crate::protocol::FileEntry;
use crate::timeline::notes::{NoteAnchor, StepNote};

/// The prefix, with its dot.
pub(crate) const PREFIX: &str = "v3.";

/// A note as v3 writes and reads it: exactly one of `step` and `prints`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireNote {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prints: Option<String>,
    text: String,
}

/// A state as v3 writes it (borrowing the state).
#[derive(Serialize)]
struct WireOut<'a> {
    clock: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    lesson: Option<&'a str>,
    code: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    files: &'a [FileEntry],
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    step: Option<usize>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    predict: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<WireNote>,
}

/// A state as v3 reads it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "PlaygroundState")]
struct WireIn {
    clock: String,
    #[serde(default)]
    lesson: Option<String>,
    code: String,
    #[serde(default)]
    files: Vec<FileIn>,
    #[serde(default)]
    seed: Option<u64>,
    #[serde(default)]
    start: Option<i64>,
    #[serde(default)]
    step: Option<usize>,
    #[serde(default)]
    predict: bool,
    #[serde(default)]
    notes: Vec<WireNote>,
}

/// `state` as a v3 link fragment, prefix included.
pub(crate) fn encode(state: &PlaygroundState) -> String {
    let notes = state
        .notes
        .iter()
        .map(|note| {
            let (step, prints) = match &note.at {
                NoteAnchor::Step(step) => (Some(*step), None),
                NoteAnchor::Prints(printed) => (None, Some(printed.clone())),
            };
            WireNote {
                step,
                prints,
                text: note.text.clone(),
            }
        })
        .collect();
    let wire = WireOut {
        clock: clock_name(state.clock),
        lesson: state.lesson.as_deref(),
        code: &state.code,
        files: &state.files,
        seed: state.seed,
        start: state.start_time,
        step: state.step,
        predict: state.predict,
        notes,
    };
    // Serialising strings, booleans and integers into memory has no way to fail.
    let json = serde_json::to_vec(&wire).expect("JSON of strings and numbers always serialises");
    pack(PREFIX, &json)
}

/// The state in `payload`, the part of a v3 fragment after `v3.`; not yet validated.
pub(crate) fn decode(payload: &str) -> Result<PlaygroundState, LinkError> {
    let wire: WireIn = read(payload)?;
    let notes = wire
        .notes
        .into_iter()
        .enumerate()
        .map(|(index, note)| {
            let at = match (note.step, note.prints) {
                (Some(step), None) => NoteAnchor::Step(step),
                (None, Some(printed)) => NoteAnchor::Prints(printed),
                _ => {
                    return Err(LinkError::BadNote {
                        detail: format!(
                            "note {}: a note has exactly one of step and prints",
                            index + 1
                        ),
                    });
                }
            };
            Ok(StepNote {
                at,
                text: note.text,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PlaygroundState {
        code: wire.code,
        files: wire.files.into_iter().map(FileEntry::from).collect(),
        clock: clock(&wire.clock)?,
        lesson: wire.lesson,
        seed: wire.seed,
        start_time: wire.start,
        step: wire.step,
        predict: wire.predict,
        notes,
    })
}
