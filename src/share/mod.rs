//! Share links: the whole playground state in a URL fragment, and back.
//!
//! A link's fragment is a version prefix and a payload, `#v1.eNqr...`. Version 1's payload is
//! the state as compact JSON, compressed as a zlib stream (deflate with an Adler-32 checksum)
//! and written in base64url without padding; `docs/share-links.md` describes the layout. This
//! module knows nothing of the browser: the page reads `location.hash`, calls [`decode`], and
//! writes [`encode`]'s result back with `history.replaceState`.
//!
//! [`decode`] dispatches on the prefix, and every version's decoder stays when a newer one
//! appears, so links made today keep opening (`tests/share_links.rs` holds frozen links of each
//! version). It never panics, caps the decompressed size at [`MAX_DECOMPRESSED_BYTES`], and
//! checks the state ([`PlaygroundState::validate`]) before returning it.
//!
//! # Text from a link is only ever text
//! A link is written by whoever sent it. The decoder only returns data: strings exactly as they
//! were encoded, which may be any Unicode at all, including `<script>`, `javascript:` URLs or
//! bidirectional overrides. The page must put them into the document only as text (the
//! editor's API, `textContent`, input values), never as HTML (`innerHTML`,
//! `insertAdjacentHTML`) or as URLs, and must show a [`LinkError`] the same way.
//!
//! ```
//! use tickscope::ClockKind;
//! use tickscope::share::{PlaygroundState, decode, encode};
//!
//! let state = PlaygroundState {
//!     code: "queueMicrotask(() => console.log('🎉 微任务'));".into(),
//!     clock: ClockKind::Virtual,
//!     ..PlaygroundState::default()
//! };
//! let fragment = encode(&state);
//! assert!(fragment.starts_with("v1."));
//! assert_eq!(decode(&format!("#{fragment}")), Ok(state));
//! assert!(decode("#v1.garbled!").is_err());
//! ```

mod error;
mod v1;
mod v2;
mod v3;
mod validate;
mod zlib;

use serde::{Deserialize, Serialize};

use crate::ClockKind;
use crate::protocol::FileEntry;
use crate::timeline::notes::StepNote;

pub use error::{FileNameProblem, LinkError};

/// The whole state a share link carries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaygroundState {
    /// The editor's script (`main.js`): any text.
    pub code: String,
    /// The playground's other files, in the files panel's order.
    #[serde(default)]
    pub files: Vec<FileEntry>,
    /// Which clock drives the loop.
    #[serde(default)]
    pub clock: ClockKind,
    /// The selected lesson's id, if any: 1 to [`MAX_LESSON_CHARS`] ASCII letters, digits, `-`,
    /// `_` and `.`, starting with a letter or digit. The page looks it up in its lesson list;
    /// an id it does not know is the page's to report.
    #[serde(default)]
    pub lesson: Option<String>,
    /// `Math.random()`'s seed ([`crate::RuntimeOptions::seed`]), if the link pins one.
    #[serde(default)]
    pub seed: Option<u64>,
    /// When the run starts as `Date` sees it, in whole milliseconds since the Unix epoch
    /// ([`crate::RuntimeOptions::start_time`]), if the link pins it.
    #[serde(default)]
    pub start_time: Option<i64>,
    /// The step the cursor opens at once the first run is over, in events, if the link picks
    /// one (`step=N`).
    #[serde(default)]
    pub step: Option<usize>,
    /// Whether the reader orders the output before the run ("predict first").
    #[serde(default)]
    pub predict: bool,
    /// Notes pinned to steps, at most [`crate::timeline::notes::MAX_NOTES`], each one line of at
    /// most [`crate::timeline::notes::MAX_NOTE_CHARS`] characters.
    #[serde(default)]
    pub notes: Vec<StepNote>,
}

impl PlaygroundState {
    /// Checks what [`decode`] checks: at most [`MAX_FILES`] files, each with a distinct name
    /// that is non-empty, at most [`MAX_FILE_NAME_CHARS`] characters, relative with `/` between
    /// folders (no leading `/`, no `\`, no drive letter), without empty, `.` or `..` parts,
    /// control characters or surrounding whitespace, and not [`MAIN_NAME`]; and a well-formed
    /// lesson id. The code and file contents may be any text.
    ///
    /// [`encode`] does not check, so the page can call this before sharing to be sure the link
    /// will open.
    ///
    /// # Errors
    /// The first rule broken, as the [`LinkError`] that decoding would give.
    pub fn validate(&self) -> Result<(), LinkError> {
        validate::state(self)
    }
}

/// The most bytes a link's payload may decompress to (1 MiB), so that a small link cannot make
/// the page allocate without bound (a "zip bomb"). Far above what a link can usefully carry.
pub const MAX_DECOMPRESSED_BYTES: usize = 1 << 20;

/// The longest fragment [`decode`] looks at, in bytes (2 MiB, Chrome's own URL limit). Every
/// link whose contents fit [`MAX_DECOMPRESSED_BYTES`] is shorter than this, even if they do not
/// compress at all.
pub const MAX_LINK_LENGTH: usize = 2 << 20;

/// The most files a link may carry (the files panel's limit).
pub const MAX_FILES: usize = 64;

/// The longest file name, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 255;

/// The longest lesson id, in bytes.
pub const MAX_LESSON_CHARS: usize = 128;

/// The editor's own script: a file in a link may not take this name.
pub const MAIN_NAME: &str = "main.js";

/// The newest version the encoder writes: version 3 for a state with a step, "predict first" or
/// notes, version 2 for one with a seed or a start time, and version 1, which every page opens,
/// for the rest.
pub const CURRENT_VERSION: u32 = 3;

/// URLs longer than this (in characters) get a warning when shared: 2,000.
///
/// A fragment never reaches a server, so servers' and CDNs' limits (often 8 KB) do not apply to
/// it; what cuts long links is where they are pasted. Around 2,000 characters is where that
/// starts: Discord messages hold 2,000 characters, sitemaps and older browsers and tools (Internet
/// Explorer, 2,083) stop near 2,048, and some chat and mail clients stop making long URLs
/// clickable. Modern browsers themselves open links of megabytes.
pub const LINK_WARNING_LENGTH: usize = 2_000;

/// URLs longer than this get a stronger warning: 8,000 characters, where link shorteners,
/// proxies and many servers (for any tool that sends the whole URL on) refuse it.
pub const LINK_SEVERE_LENGTH: usize = 8_000;

/// A warning for a shared URL `url_len` characters long, or `None` when it is short enough to
/// paste anywhere. See [`LINK_WARNING_LENGTH`] and [`LINK_SEVERE_LENGTH`].
pub fn length_warning(url_len: usize) -> Option<&'static str> {
    if url_len > LINK_SEVERE_LENGTH {
        Some(
            "This link is over 8,000 characters: link shorteners, proxies and many tools will refuse \
             or cut it. Consider sharing less code or fewer files.",
        )
    } else if url_len > LINK_WARNING_LENGTH {
        Some(
            "This link is over 2,000 characters: some chat apps, mail clients and older browsers \
             may cut it or refuse it.",
        )
    } else {
        None
    }
}

/// The fragment payload for `state` (without `#`): version 1 when that can say everything, else
/// the current version.
///
/// Any state encodes, valid or not (see [`PlaygroundState::validate`]); the output is ASCII
/// letters, digits, `-`, `_` and `.` only, so it needs no escaping in a URL.
pub fn encode(state: &PlaygroundState) -> String {
    if state.step.is_some() || state.predict || !state.notes.is_empty() {
        v3::encode(state)
    } else if state.seed.is_some() || state.start_time.is_some() {
        v2::encode(state)
    } else {
        v1::encode(state)
    }
}

/// The share URL for `state`: `page_url` without any fragment it had, then `#` and
/// [`encode`]'s payload.
pub fn share_url(page_url: &str, state: &PlaygroundState) -> String {
    let base = page_url.split_once('#').map_or(page_url, |(base, _)| base);
    format!("{base}#{}", encode(state))
}

/// The state in a link fragment: `v1.…`, `v2.…` or `v3.…`, with or without the leading `#`, surrounding
/// whitespace ignored.
///
/// Never panics, whatever the input. An empty fragment gives [`LinkError::Empty`]: the page
/// should then open its defaults without a notice.
///
/// # Errors
/// A [`LinkError`] naming exactly what is wrong with the link.
pub fn decode(fragment: &str) -> Result<PlaygroundState, LinkError> {
    let text = fragment.trim();
    let text = text.strip_prefix('#').unwrap_or(text).trim();
    if text.is_empty() {
        return Err(LinkError::Empty);
    }
    if text.len() > MAX_LINK_LENGTH {
        return Err(LinkError::TooLong {
            length: text.len(),
            limit: MAX_LINK_LENGTH,
        });
    }
    let Some((version, payload)) = text.split_once('.') else {
        return Err(LinkError::NoVersion);
    };
    let digits = version.strip_prefix('v').ok_or(LinkError::NoVersion)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LinkError::NoVersion);
    }
    let state = match digits {
        "1" => v1::decode(payload)?,
        "2" => v2::decode(payload)?,
        "3" => v3::decode(payload)?,
        _ => {
            return Err(LinkError::UnsupportedVersion {
                version: error::quote_version(version),
            });
        }
    };
    state.validate()?;
    Ok(state)
}
