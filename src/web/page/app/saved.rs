//! What the page keeps between visits and opens with: the editor's text, the files and the
//! toolbar's choices. Where it is kept (autosave, a share link) is for the features to say.

use serde::{Deserialize, Serialize};

use crate::ClockKind;
use crate::protocol::FileEntry;
use crate::timeline::notes::StepNote;

/// What the page keeps between visits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The main script.
    #[serde(default)]
    pub code: Option<String>,
    /// The playground's files.
    #[serde(default)]
    pub files: Vec<FileEntry>,
    /// The clock chosen.
    #[serde(default)]
    pub clock: Option<ClockKind>,
    /// Whether "start paused" is ticked.
    #[serde(default)]
    pub start_paused: bool,
    /// The Options menu's seed for `Math.random`.
    #[serde(default)]
    pub seed: Option<u64>,
    /// The Options menu's start time, ms since the Unix epoch.
    #[serde(default)]
    pub start_time: Option<f64>,
    /// Notes pinned to steps.
    #[serde(default)]
    pub notes: Vec<StepNote>,
}
