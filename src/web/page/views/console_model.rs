//! What the console panel holds, without the DOM: its entries (repeats collapsed with a count),
//! how tall each is estimated or measured to be, and the step-through limit that hides entries
//! recorded after the current step. The view ([`super::console_view`]) draws only the entries in
//! view from this.

/// How an entry is shown: its `data-level` in the page contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// `console.log` and friends.
    Log,
    /// `console.info`.
    Info,
    /// `console.debug`.
    Debug,
    /// `console.warn`.
    Warn,
    /// `console.error`, uncaught errors, unhandled rejections, runtime limits, failed REPL lines.
    Error,
    /// A line typed into the REPL.
    Input,
    /// The value of a REPL line.
    Result,
    /// A note from the page itself: stopped, restarted, crashed.
    System,
}

impl Level {
    /// The `data-level` attribute's value.
    pub fn name(self) -> &'static str {
        match self {
            Level::Log => "log",
            Level::Info => "info",
            Level::Debug => "debug",
            Level::Warn => "warn",
            Level::Error => "error",
            Level::Input => "input",
            Level::Result => "result",
            Level::System => "system",
        }
    }
}

/// Lines shown of a long entry until it is expanded.
pub const COLLAPSED_LINES: u32 = 12;
/// Estimated height of a one-line entry, px (matches `www/style.css`).
pub const ROW_PX: f64 = 22.0;
/// Estimated height of each further line, px.
pub const LINE_PX: f64 = 18.0;
/// Height of the show-more / show-less toggle of a long entry, px.
pub const TOGGLE_PX: f64 = 20.0;
/// Characters per line assumed when estimating how a long line wraps.
const WRAP_CHARS: usize = 100;

/// One console entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its level.
    pub level: Level,
    /// `data-kind` for errors: `uncaught`, `rejection` or `limit`; empty otherwise.
    pub kind: &'static str,
    /// The formatted text (several lines for objects and stacks).
    pub text: String,
    /// The clock's time of its latest occurrence, ms since the run started.
    pub time: Option<f64>,
    /// The trace `seq` of each occurrence, ascending; entries are ordered by the first.
    pub seqs: Vec<u64>,
    /// Estimated number of display lines of the whole text.
    pub lines: u32,
    /// Whether a long entry is shown whole.
    pub expanded: bool,
}

impl Entry {
    /// Whether the entry is long enough to be collapsed.
    pub fn is_long(&self) -> bool {
        self.lines > COLLAPSED_LINES + 1
    }

    /// The estimated height, px.
    fn estimate(&self) -> f64 {
        if self.is_long() {
            let shown = if self.expanded {
                self.lines
            } else {
                COLLAPSED_LINES
            };
            ROW_PX + f64::from(shown - 1) * LINE_PX + TOGGLE_PX
        } else {
            ROW_PX + f64::from(self.lines.saturating_sub(1)) * LINE_PX
        }
    }
}

/// Estimated display lines of `text`, wrapping long lines at [`WRAP_CHARS`].
fn count_lines(text: &str) -> u32 {
    let lines: usize = text
        .split('\n')
        .map(|line| line.len().div_ceil(WRAP_CHARS).max(1))
        .sum();
    u32::try_from(lines).unwrap_or(u32::MAX)
}

/// The console's entries and their geometry.
#[derive(Debug, Default)]
pub struct ConsoleModel {
    entries: Vec<Entry>,
    /// Height of each entry, px: estimated, then measured once drawn.
    heights: Vec<f64>,
    /// `offsets[i]` is the top of entry `i`; one more than `entries` (the total height last).
    offsets: Vec<f64>,
    /// The first entry whose offset is stale.
    stale_from: Option<usize>,
    /// Step-through: only occurrences with a `seq` below this are shown.
    limit: Option<u64>,
    /// Bumped on every change the view must redraw for.
    version: u64,
}

impl ConsoleModel {
    /// An empty console.
    pub fn new() -> Self {
        Self {
            offsets: vec![0.0],
            ..Self::default()
        }
    }

    /// Adds an occurrence; one identical to the last entry (same level, kind and text, not a REPL
    /// line) only raises its count. Returns whether a new entry was made.
    pub fn push(
        &mut self,
        level: Level,
        kind: &'static str,
        text: String,
        time: Option<f64>,
        seq: u64,
    ) -> bool {
        self.version += 1;
        if let Some(last) = self.entries.last_mut() {
            let repeatable = !matches!(level, Level::Input | Level::Result | Level::System);
            if repeatable && last.level == level && last.kind == kind && last.text == text {
                last.seqs.push(seq);
                last.time = time;
                return false;
            }
        }
        let lines = count_lines(&text);
        let entry = Entry {
            level,
            kind,
            text,
            time,
            seqs: vec![seq],
            lines,
            expanded: false,
        };
        let height = entry.estimate();
        self.entries.push(entry);
        self.heights.push(height);
        if self.stale_from.is_none() {
            let top = self.offsets.last().copied().unwrap_or(0.0);
            self.offsets.push(top + height);
        }
        true
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.heights.clear();
        self.offsets.clear();
        self.offsets.push(0.0);
        self.stale_from = None;
        self.version += 1;
    }

    /// Shows only occurrences recorded before the trace event `seq` (step-through), or all.
    pub fn set_limit(&mut self, limit: Option<u64>) {
        if self.limit != limit {
            self.limit = limit;
            self.version += 1;
        }
    }

    /// A number that changes whenever what is drawn may change.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// How many entries are shown under the current limit.
    pub fn visible_len(&self) -> usize {
        match self.limit {
            None => self.entries.len(),
            Some(limit) => self
                .entries
                .partition_point(|entry| entry.seqs.first().is_some_and(|&seq| seq < limit)),
        }
    }

    /// Entry `index`, if it exists.
    pub fn get(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)
    }

    /// How many occurrences of entry `index` are shown under the current limit.
    pub fn count(&self, index: usize) -> usize {
        let Some(entry) = self.entries.get(index) else {
            return 0;
        };
        match self.limit {
            None => entry.seqs.len(),
            Some(limit) => entry.seqs.partition_point(|&seq| seq < limit),
        }
    }

    /// Every occurrence's text, repeats included, in order (for `window.tickscope`).
    pub fn texts(&self) -> Vec<&str> {
        let mut texts = Vec::new();
        for entry in &self.entries {
            for _ in &entry.seqs {
                texts.push(entry.text.as_str());
            }
        }
        texts
    }

    /// Expands or collapses a long entry.
    pub fn toggle(&mut self, index: usize) {
        if let Some(entry) = self.entries.get_mut(index) {
            entry.expanded = !entry.expanded;
            let height = entry.estimate();
            self.set_height(index, height);
            self.version += 1;
        }
    }

    /// Records the drawn height of entry `index`; returns whether it differed from the one used.
    pub fn set_height(&mut self, index: usize, height: f64) -> bool {
        match self.heights.get_mut(index) {
            Some(old) if (*old - height).abs() > 0.5 => {
                *old = height;
                self.stale_from = Some(self.stale_from.map_or(index, |from| from.min(index)));
                true
            }
            _ => false,
        }
    }

    /// Forgets measured heights (the panel's width changed), going back to estimates.
    pub fn reestimate(&mut self) {
        for (entry, height) in self.entries.iter().zip(self.heights.iter_mut()) {
            *height = entry.estimate();
        }
        self.stale_from = Some(0);
        self.version += 1;
    }

    /// The top of entry `index` (or the total height for `index == len`), px.
    pub fn offset(&mut self, index: usize) -> f64 {
        self.refresh_offsets();
        self.offsets.get(index).copied().unwrap_or(0.0)
    }

    /// The entry at height `y` among the first `len` entries (the last one when below them).
    pub fn index_at(&mut self, y: f64, len: usize) -> usize {
        self.refresh_offsets();
        let len = len.min(self.entries.len());
        let below = self.offsets[..=len].partition_point(|&top| top <= y);
        below.saturating_sub(1).min(len.saturating_sub(1))
    }

    fn refresh_offsets(&mut self) {
        let Some(from) = self.stale_from.take() else {
            return;
        };
        self.offsets.truncate(from + 1);
        let mut top = self.offsets.last().copied().unwrap_or(0.0);
        for height in &self.heights[from..] {
            top += height;
            self.offsets.push(top);
        }
    }
}
