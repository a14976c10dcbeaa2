//! The rules a decoded state must meet, whatever version carried it.

use std::collections::HashSet;

use super::error::quote;
use super::{
    FileNameProblem, LinkError, MAIN_NAME, MAX_FILE_NAME_CHARS, MAX_FILES, MAX_LESSON_CHARS,
    PlaygroundState,
};

/// Checks `state` against the rules in [`PlaygroundState::validate`].
pub(crate) fn state(state: &PlaygroundState) -> Result<(), LinkError> {
    if state.files.len() > MAX_FILES {
        return Err(LinkError::TooManyFiles {
            count: state.files.len(),
            limit: MAX_FILES,
        });
    }
    let mut seen = HashSet::with_capacity(state.files.len());
    for file in &state.files {
        if let Some(problem) = file_name_problem(&file.name) {
            return Err(LinkError::BadFileName {
                name: quote(&file.name),
                problem,
            });
        }
        if !seen.insert(file.name.as_str()) {
            return Err(LinkError::DuplicateFileName {
                name: quote(&file.name),
            });
        }
    }
    if let Some(lesson) = &state.lesson
        && !is_lesson_id(lesson)
    {
        return Err(LinkError::BadLesson {
            lesson: quote(lesson),
        });
    }
    crate::timeline::notes::check_all(&state.notes)
        .map_err(|error| LinkError::BadNote { detail: error.0 })?;
    Ok(())
}

/// What is wrong with `name` as a playground file name, if anything.
///
/// The rules are the files panel's (a relative name, `/` between folders, no empty, `.` or
/// `..` parts, not `main.js`) plus no control characters and a length cap.
pub(crate) fn file_name_problem(name: &str) -> Option<FileNameProblem> {
    if name.is_empty() {
        Some(FileNameProblem::Empty)
    } else if name.chars().count() > MAX_FILE_NAME_CHARS {
        Some(FileNameProblem::TooLong)
    } else if name.chars().any(char::is_control) {
        Some(FileNameProblem::ControlCharacter)
    } else if name.trim() != name {
        Some(FileNameProblem::SurroundingWhitespace)
    } else if name.starts_with('/') || name.contains('\\') || has_drive_prefix(name) {
        Some(FileNameProblem::Absolute)
    } else if name.split('/').any(|part| part == "..") {
        Some(FileNameProblem::ParentDirectory)
    } else if name.split('/').any(|part| part.is_empty() || part == ".") {
        Some(FileNameProblem::EmptyOrDotPart)
    } else if name == MAIN_NAME {
        Some(FileNameProblem::Reserved)
    } else {
        None
    }
}

/// `C:`, `c:x`: a Windows drive, absolute or drive-relative.
fn has_drive_prefix(name: &str) -> bool {
    matches!(name.as_bytes(), [letter, b':', ..] if letter.is_ascii_alphabetic())
}

/// A lesson id: 1 to [`MAX_LESSON_CHARS`] ASCII letters, digits, `-`, `_` and `.`, starting
/// with a letter or digit.
pub(crate) fn is_lesson_id(id: &str) -> bool {
    id.len() <= MAX_LESSON_CHARS
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        for good in [
            "data.txt",
            "notes/a.md",
            "a..b.txt",
            ".env",
            "日本/データ.txt",
            "x y.txt",
        ] {
            assert_eq!(file_name_problem(good), None, "{good}");
        }
        let bad = [
            ("", FileNameProblem::Empty),
            ("a\u{0}b", FileNameProblem::ControlCharacter),
            ("a\nb", FileNameProblem::ControlCharacter),
            ("a\u{7f}", FileNameProblem::ControlCharacter),
            ("a\u{85}", FileNameProblem::ControlCharacter),
            (" a.txt", FileNameProblem::SurroundingWhitespace),
            ("/etc/passwd", FileNameProblem::Absolute),
            ("C:/x", FileNameProblem::Absolute),
            ("a\\b", FileNameProblem::Absolute),
            ("..", FileNameProblem::ParentDirectory),
            ("../x", FileNameProblem::ParentDirectory),
            ("a/../../x", FileNameProblem::ParentDirectory),
            ("a//b", FileNameProblem::EmptyOrDotPart),
            ("./a", FileNameProblem::EmptyOrDotPart),
            ("notes/", FileNameProblem::EmptyOrDotPart),
            ("main.js", FileNameProblem::Reserved),
        ];
        for (name, problem) in bad {
            assert_eq!(file_name_problem(name), Some(problem), "{name:?}");
        }
        let long = "a".repeat(MAX_FILE_NAME_CHARS + 1);
        assert_eq!(file_name_problem(&long), Some(FileNameProblem::TooLong));
        assert_eq!(file_name_problem(&long[1..]), None);
    }

    #[test]
    fn lesson_ids() {
        for good in ["01-sync-vs-async", "promises.all", "a", "A_b"] {
            assert!(is_lesson_id(good), "{good}");
        }
        for bad in ["", "-x", ".x", "a/b", "../x", "<script>", "a b", "é"] {
            assert!(!is_lesson_id(bad), "{bad}");
        }
        assert!(!is_lesson_id(&"a".repeat(MAX_LESSON_CHARS + 1)));
    }
}
