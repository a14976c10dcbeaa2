//! Format version 1: `v1.` + base64url (no padding) of a zlib stream of compact JSON.
//!
//! The JSON is an object with the keys `clock` (`"real"` or `"virtual"`), `code` (a string),
//! and, when not empty, `lesson` (a string) and `files` (an array of `{"name", "text"}`
//! objects). No other keys are allowed. These wire types are this version's own, separate from
//! [`PlaygroundState`], so that the state can change without changing what a v1 link means.
//! This layout is frozen: anything new gets a new version, and this decoder stays.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::error::{detail, quote};
use super::{LinkError, MAX_DECOMPRESSED_BYTES, PlaygroundState, zlib};
use crate::ClockKind;
use crate::protocol::FileEntry;

/// The prefix, with its dot.
pub(crate) const PREFIX: &str = "v1.";

/// A state as v1 writes it (borrowing the state).
#[derive(Serialize)]
struct WireOut<'a> {
    clock: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    lesson: Option<&'a str>,
    code: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    files: Vec<FileOut<'a>>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    name: &'a str,
    text: &'a str,
}

/// A state as v1 reads it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "PlaygroundState")]
struct WireIn {
    clock: String,
    #[serde(default)]
    lesson: Option<String>,
    code: String,
    #[serde(default)]
    files: Vec<FileIn>,
}

/// A file as v1 (and v2) reads it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "FileEntry")]
pub(super) struct FileIn {
    name: String,
    text: String,
}

impl From<FileIn> for FileEntry {
    fn from(file: FileIn) -> Self {
        Self {
            name: file.name,
            text: file.text,
        }
    }
}

/// `state` as a v1 link fragment, prefix included.
pub(crate) fn encode(state: &PlaygroundState) -> String {
    let wire = WireOut {
        clock: clock_name(state.clock),
        lesson: state.lesson.as_deref(),
        code: &state.code,
        files: state
            .files
            .iter()
            .map(|file| FileOut {
                name: &file.name,
                text: &file.text,
            })
            .collect(),
    };
    // Serialising a struct of strings into memory has no way to fail.
    let json = serde_json::to_vec(&wire).expect("JSON of strings always serialises");
    pack(PREFIX, &json)
}

/// `prefix` and the payload for `json`: zlib-compressed, then base64url without padding (the
/// layout every version so far shares).
pub(super) fn pack(prefix: &str, json: &[u8]) -> String {
    let mut link = String::from(prefix);
    URL_SAFE_NO_PAD.encode_string(zlib::compress(json), &mut link);
    link
}

/// The JSON text of a payload: base64url decoded, decompressed within the size limit, and
/// checked to be JSON holding an object, each with its own notice.
fn unpack(payload: &str) -> Result<Vec<u8>, LinkError> {
    let compressed = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|error| base64_error(payload, error))?;
    let json = zlib::decompress_limited(&compressed, MAX_DECOMPRESSED_BYTES)?;
    // Parse, then check the shape: a syntax error and a wrong shape are different notices, and
    // only an object is a state (serde would also take a struct's fields as an array).
    serde_json::from_slice::<Json>(&json).map_err(|error| LinkError::NotJson {
        detail: detail(&error.to_string()),
    })?;
    if json.iter().find(|byte| !byte.is_ascii_whitespace()) != Some(&b'{') {
        return Err(LinkError::BadState {
            detail: "expected a JSON object".to_owned(),
        });
    }
    Ok(json)
}

/// A link's `clock` value.
pub(super) fn clock(name: &str) -> Result<ClockKind, LinkError> {
    match name {
        "real" => Ok(ClockKind::Real),
        "virtual" => Ok(ClockKind::Virtual),
        other => Err(LinkError::UnknownClock {
            clock: quote(other),
        }),
    }
}

/// A link's `clock` as written.
pub(super) fn clock_name(clock: ClockKind) -> &'static str {
    match clock {
        ClockKind::Real => "real",
        ClockKind::Virtual => "virtual",
    }
}

/// Any JSON text, read whole (every string decoded, unlike serde's `IgnoredAny`) and dropped:
/// whether a link holds JSON at all, before its shape is checked.
struct Json;

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Json)
    }
}

impl<'de> Visitor<'de> for Json {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Json, E> {
        Ok(Json)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Json, E> {
        Ok(Json)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Json, E> {
        Ok(Json)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Json, E> {
        Ok(Json)
    }
    fn visit_str<E>(self, _: &str) -> Result<Json, E> {
        Ok(Json)
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        while seq.next_element::<Json>()?.is_some() {}
        Ok(Json)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        while map.next_entry::<Json, Json>()?.is_some() {}
        Ok(Json)
    }
}

/// A payload's state in a version's own wire type: [`unpack`]ed, then read, with a notice
/// naming what does not fit.
pub(super) fn read<T: serde::de::DeserializeOwned>(payload: &str) -> Result<T, LinkError> {
    let json = unpack(payload)?;
    serde_json::from_slice(&json).map_err(|error| LinkError::BadState {
        detail: detail(&error.to_string()),
    })
}

/// The state in `payload`, the part of a v1 fragment after `v1.`; not yet validated.
pub(crate) fn decode(payload: &str) -> Result<PlaygroundState, LinkError> {
    let wire: WireIn = read(payload)?;
    let clock = clock(&wire.clock)?;
    Ok(PlaygroundState {
        code: wire.code,
        files: wire.files.into_iter().map(FileEntry::from).collect(),
        clock,
        lesson: wire.lesson,
        ..PlaygroundState::default()
    })
}

fn base64_error(payload: &str, error: base64::DecodeError) -> LinkError {
    let at = |offset: usize| {
        let found = payload
            .get(offset..)
            .and_then(|rest| rest.chars().next())
            .map_or_else(
                || "a byte".to_owned(),
                |c| format!("'{}'", quote(&c.to_string())),
            );
        format!("{found} at position {} of the data", offset + 1)
    };
    let detail = match error {
        base64::DecodeError::InvalidByte(offset, _) => format!("unexpected {}", at(offset)),
        base64::DecodeError::InvalidLastSymbol { offset, .. } => {
            format!("impossible last character {}", at(offset))
        }
        base64::DecodeError::InvalidLength(_) => {
            "its length is impossible: a character is missing or extra".to_owned()
        }
        base64::DecodeError::InvalidPadding => {
            "it has '=' padding, which links never use".to_owned()
        }
    };
    LinkError::NotBase64 { detail }
}
