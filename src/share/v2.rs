//! Format version 2: version 1's layout (`v2.` + base64url of a zlib stream of compact JSON)
//! with two more optional keys, `seed` (`Math.random`'s seed, a whole number from 0 to
//! 2^64 − 1) and `start` (when the run starts as `Date` sees it, in whole milliseconds since
//! the Unix epoch). The encoder writes it only for a state that has one of them, so links
//! without them stay version 1 and open in pages that know only version 1. No other keys are
//! allowed. This layout is frozen: anything new gets a new version, and this decoder stays.

use serde::{Deserialize, Serialize};

use super::v1::{FileIn, clock, clock_name, pack, read};
use super::{LinkError, PlaygroundState};
use crate::protocol::FileEntry;

/// The prefix, with its dot.
pub(crate) const PREFIX: &str = "v2.";

/// A state as v2 writes it (borrowing the state).
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
}

/// A state as v2 reads it.
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
}

/// `state` as a v2 link fragment, prefix included.
pub(crate) fn encode(state: &PlaygroundState) -> String {
    let wire = WireOut {
        clock: clock_name(state.clock),
        lesson: state.lesson.as_deref(),
        code: &state.code,
        files: &state.files,
        seed: state.seed,
        start: state.start_time,
    };
    // Serialising strings and integers into memory has no way to fail.
    let json = serde_json::to_vec(&wire).expect("JSON of strings and numbers always serialises");
    pack(PREFIX, &json)
}

/// The state in `payload`, the part of a v2 fragment after `v2.`; not yet validated.
pub(crate) fn decode(payload: &str) -> Result<PlaygroundState, LinkError> {
    let wire: WireIn = read(payload)?;
    Ok(PlaygroundState {
        code: wire.code,
        files: wire.files.into_iter().map(FileEntry::from).collect(),
        clock: clock(&wire.clock)?,
        lesson: wire.lesson,
        seed: wire.seed,
        start_time: wire.start,
        ..PlaygroundState::default()
    })
}
