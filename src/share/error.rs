//! What can be wrong with a share link, worded for the notice the page shows.

use std::fmt;

/// Why a share link could not be opened.
///
/// [`Display`](fmt::Display) gives one lower-case sentence fragment for a visible notice, e.g.
/// "the link is cut short: its compressed data ends early". Any text quoted from the link is
/// shortened and has control, invisible and bidirectional-override characters and `<`, `>`
/// and `&` written as `\u{..}` escapes, so a message never carries markup. The page must still
/// show it as text (`textContent`), like everything else that comes from a link.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkError {
    /// The fragment is empty (or only `#` and whitespace): there is no link to open.
    Empty,
    /// The fragment is longer than any link this codec makes could be.
    TooLong {
        /// Its length in bytes.
        length: usize,
        /// The most accepted ([`super::MAX_LINK_LENGTH`]).
        limit: usize,
    },
    /// The fragment does not start with a version prefix such as `v1.`.
    NoVersion,
    /// The fragment names a version this build cannot read (made by a newer tickscope, or
    /// invented).
    UnsupportedVersion {
        /// The version as written, such as `v7` (only `v` and digits, at most 12 of them).
        version: String,
    },
    /// The data after the prefix is not unpadded base64url.
    NotBase64 {
        /// What is wrong and where.
        detail: String,
    },
    /// The compressed data ends before its end marker (the link was cut short).
    Truncated,
    /// The compressed data is damaged: bad header or blocks, a checksum mismatch, or bytes
    /// after its end.
    Corrupt {
        /// What is damaged.
        detail: &'static str,
    },
    /// The data would decompress to more than the limit (a zip bomb, or not one of ours).
    TooLarge {
        /// The most accepted, in bytes ([`super::MAX_DECOMPRESSED_BYTES`]).
        limit: usize,
    },
    /// The decompressed data is not JSON (or not UTF-8).
    NotJson {
        /// The parser's message.
        detail: String,
    },
    /// The JSON is not a playground state: a field is missing, unknown or of the wrong type.
    BadState {
        /// The parser's message.
        detail: String,
    },
    /// The clock is neither `real` nor `virtual`.
    UnknownClock {
        /// The clock as written.
        clock: String,
    },
    /// More files than the playground holds.
    TooManyFiles {
        /// How many the link has.
        count: usize,
        /// The most accepted ([`super::MAX_FILES`]).
        limit: usize,
    },
    /// A file's name is not one the playground accepts.
    BadFileName {
        /// The name as written.
        name: String,
        /// What is wrong with it.
        problem: FileNameProblem,
    },
    /// Two files have the same name.
    DuplicateFileName {
        /// The name.
        name: String,
    },
    /// The lesson id is not a lesson id (see [`super::PlaygroundState::lesson`]).
    BadLesson {
        /// The id as written.
        lesson: String,
    },
    /// A note pinned to a step breaks a rule (see [`super::PlaygroundState::notes`]).
    BadNote {
        /// Which note and what is wrong, never quoting its text.
        detail: String,
    },
}

/// What is wrong with a file name in a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileNameProblem {
    /// The name is empty.
    Empty,
    /// The name is longer than [`super::MAX_FILE_NAME_CHARS`] characters.
    TooLong,
    /// The name has a control character (NUL, newline, DEL, C1 controls...).
    ControlCharacter,
    /// The name starts or ends with whitespace.
    SurroundingWhitespace,
    /// The name is absolute (`/etc/passwd`, `C:...`) or uses `\`.
    Absolute,
    /// A part between slashes is `..`.
    ParentDirectory,
    /// A part between slashes is empty or `.` (`a//b`, `./a`, `notes/`).
    EmptyOrDotPart,
    /// The name is [`super::MAIN_NAME`], which is the editor's script.
    Reserved,
}

impl fmt::Display for FileNameProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "it is empty",
            Self::TooLong => "it is too long",
            Self::ControlCharacter => "it contains a control character",
            Self::SurroundingWhitespace => "it starts or ends with whitespace",
            Self::Absolute => "it is not a relative name with / between folders",
            Self::ParentDirectory => "it contains a '..' part",
            Self::EmptyOrDotPart => "it has an empty or '.' part",
            Self::Reserved => "that name is the editor's own script",
        })
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the link is empty"),
            Self::TooLong { length, limit } => write!(
                f,
                "the link is too long ({length} characters; a share link has at most {limit})"
            ),
            Self::NoVersion => f.write_str(
                "the link is not a tickscope share link: it does not start with a version such as 'v1.'",
            ),
            Self::UnsupportedVersion { version } => write!(
                f,
                "the link has format version '{version}', which this version of tickscope cannot read"
            ),
            Self::NotBase64 { detail } => {
                write!(f, "the link is garbled: it is not valid base64url ({detail})")
            }
            Self::Truncated => f.write_str(
                "the link is cut short: its compressed data ends early (was it copied whole?)",
            ),
            Self::Corrupt { detail } => {
                write!(f, "the link is garbled: its compressed data is damaged ({detail})")
            }
            Self::TooLarge { limit } => write!(
                f,
                "the link's contents are too large (more than {} KiB once decompressed)",
                limit / 1024
            ),
            Self::NotJson { detail } => {
                write!(f, "the link's contents are not a playground state ({detail})")
            }
            Self::BadState { detail } => {
                write!(f, "the link's contents are not a playground state ({detail})")
            }
            Self::UnknownClock { clock } => write!(
                f,
                "the link asks for an unknown clock '{clock}' (expected 'real' or 'virtual')"
            ),
            Self::TooManyFiles { count, limit } => write!(
                f,
                "the link has {count} files; the playground holds at most {limit}"
            ),
            Self::BadFileName { name, problem } => {
                write!(f, "the link has a file named '{name}', which is not allowed: {problem}")
            }
            Self::DuplicateFileName { name } => {
                write!(f, "the link has two files named '{name}'")
            }
            Self::BadLesson { lesson } => write!(f, "the link names an invalid lesson '{lesson}'"),
            Self::BadNote { detail } => write!(f, "the link has a bad step note ({detail})"),
        }
    }
}

impl std::error::Error for LinkError {}

/// How many characters of link text an error quotes at most.
const QUOTE_CHARS: usize = 48;
/// How many characters of a parser's message an error keeps at most.
const DETAIL_CHARS: usize = 200;

/// `text` from a link, made fit to quote in a message: at most [`QUOTE_CHARS`] characters
/// (then `…`), and every character that could hide, reorder or mark up text escaped.
pub(crate) fn quote(text: &str) -> String {
    clip(text, QUOTE_CHARS)
}

/// A parser's message (which may quote the input), made fit to show: see [`quote`].
pub(crate) fn detail(message: &str) -> String {
    clip(message, DETAIL_CHARS)
}

/// A version prefix (`v` and digits, checked by the caller), at most 13 characters of it.
pub(crate) fn quote_version(version: &str) -> String {
    clip(version, 13)
}

fn clip(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (index, c) in text.chars().enumerate() {
        if index == max_chars {
            out.push('…');
            break;
        }
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters never copied into a message: controls, markup, and the invisible and
/// direction-changing format characters (which could make a message read differently from
/// what it says).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '<' | '>' | '&')
        || matches!(
            u32::from(c),
            0xAD | 0x34F
                | 0x61C
                | 0x115F..=0x1160
                | 0x17B4..=0x17B5
                | 0x180B..=0x180F
                | 0x200B..=0x200F
                | 0x2028..=0x202E
                | 0x2060..=0x206F
                | 0x3164
                | 0xFE00..=0xFE0F
                | 0xFEFF
                | 0xFFA0
                | 0xFFF0..=0xFFFB
                | 0xE0000..=0xE0FFF
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_short_and_inert() {
        assert_eq!(quote("plain.txt"), "plain.txt");
        assert_eq!(quote("<b>&"), "\\u{3c}b\\u{3e}\\u{26}");
        assert_eq!(quote("a\u{202E}b\u{0}c\n"), "a\\u{202e}b\\u{0}c\\u{a}");
        assert_eq!(quote("日本語"), "日本語");
        let long = "x".repeat(100);
        assert_eq!(quote(&long), format!("{}…", "x".repeat(QUOTE_CHARS)));
    }
}
