//! What is in view: the items of a lane within a viewport, merged where they would be drawn on top
//! of one another, the lanes' vertical geometry, and hit testing.

use std::ops::Range;

use super::{Item, ItemRef, Lane, MIN_ITEM_PX, TimelineLayout, Track, Viewport};

/// The vertical sizes of the lanes, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowStyle {
    /// The height of one track (row of items).
    pub track_px: f64,
    /// Space above and below a lane's tracks.
    pub pad_px: f64,
}

impl Default for RowStyle {
    fn default() -> Self {
        Self {
            track_px: 16.0,
            pad_px: 4.0,
        }
    }
}

/// Where one lane is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LaneRow {
    /// The lane.
    pub lane: Lane,
    /// Its top, from the top of the first lane.
    pub top: f64,
    /// Its height, padding included.
    pub height: f64,
    /// How many tracks it has.
    pub tracks: usize,
    /// The sizes it was laid out with.
    pub style: RowStyle,
}

impl LaneRow {
    /// The top of a track's items.
    pub fn track_top(&self, track: usize) -> f64 {
        self.top + self.style.pad_px + track as f64 * self.style.track_px
    }

    /// The track at height `y`, if `y` is within the lane.
    pub fn track_at(&self, y: f64) -> Option<usize> {
        if y < self.top || y >= self.top + self.height {
            return None;
        }
        let inside = (y - self.top - self.style.pad_px) / self.style.track_px;
        // The padding counts as part of the nearest track, which makes small targets easier to hit.
        Some((inside.max(0.0) as usize).min(self.tracks - 1))
    }
}

/// The five lanes' vertical geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneRows {
    /// One row per lane, in [`Lane::ALL`] order.
    pub rows: [LaneRow; 5],
    /// The total height of the lanes.
    pub height: f64,
}

impl LaneRows {
    /// The row of a lane.
    pub fn row(&self, lane: Lane) -> &LaneRow {
        &self.rows[lane.index()]
    }

    /// The lane and track at height `y`.
    pub fn at(&self, y: f64) -> Option<(Lane, usize)> {
        self.rows
            .iter()
            .find_map(|row| row.track_at(y).map(|track| (row.lane, track)))
    }
}

/// An item as drawn: one item, or several merged because they would overlap on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VisibleItem {
    /// Its lane.
    pub lane: Lane,
    /// Its track within the lane.
    pub track: usize,
    /// The index of its first item in the track.
    pub first: usize,
    /// How many consecutive items of the track it stands for (1: a single item).
    pub count: usize,
    /// Its left edge in pixels, clamped to just outside the plot.
    pub x: f64,
    /// Its drawn width in pixels (at least [`MIN_ITEM_PX`] unless clipped by the plot's edge).
    pub width: f64,
    /// Real time of its first item's start, ms.
    pub start: f64,
    /// Real time of the latest end among its items, ms (the latest time seen for open items).
    pub end: f64,
}

impl VisibleItem {
    /// Whether it stands for more than one item.
    pub fn is_aggregate(&self) -> bool {
        self.count > 1
    }

    /// The stored item, if it stands for exactly one.
    pub fn item_ref(&self) -> Option<ItemRef> {
        (self.count == 1).then_some(ItemRef {
            lane: self.lane,
            track: self.track,
            index: self.first,
        })
    }

    /// The indices in the track of the items it stands for.
    pub fn indices(&self) -> Range<usize> {
        self.first..self.first + self.count
    }
}

/// The items of a lane in view, track by track, each track's from left to right.
#[derive(Debug, Clone)]
pub struct Visible<'a> {
    tracks: &'a [Track],
    lane: Lane,
    track: usize,
    track_end: usize,
    index: Option<usize>,
    viewport: Viewport,
    now: f64,
    group: Option<Group>,
}

/// A group being gathered, with its unclipped extent in pixels.
#[derive(Debug, Clone, Copy)]
struct Group {
    first: usize,
    count: usize,
    x0: f64,
    x1: f64,
    start: f64,
    end: f64,
}

impl Visible<'_> {
    fn emit(&self, group: Group, track: usize) -> VisibleItem {
        let limit = self.viewport.width_px.max(0.0) + MIN_ITEM_PX;
        let x = group.x0.max(-MIN_ITEM_PX);
        let right = group.x1.min(limit);
        VisibleItem {
            lane: self.lane,
            track,
            first: group.first,
            count: group.count,
            x,
            width: (right - x).max(0.0),
            start: group.start,
            end: group.end,
        }
    }

    /// The first item of a track that may reach into view.
    fn first_candidate(&self, track: &Track) -> usize {
        let from = self.viewport.start_ms - MIN_ITEM_PX * self.viewport.ms_per_px();
        if track.overlapping {
            let open_for = track
                .items
                .get(track.first_open)
                .map_or(0.0, |item| self.now - item.start);
            let longest = track.longest.max(open_for);
            track
                .items
                .partition_point(|item| item.start < from - longest)
        } else {
            // Ends are sorted too, and only the last item can be open.
            track
                .items
                .partition_point(|item| item.end.is_some_and(|end| end < from))
        }
    }
}

impl Iterator for Visible<'_> {
    type Item = VisibleItem;

    fn next(&mut self) -> Option<VisibleItem> {
        let ms_per_px = self.viewport.ms_per_px();
        loop {
            if self.track >= self.track_end {
                return None;
            }
            let track = &self.tracks[self.track];
            let index = match self.index {
                Some(index) => index,
                None => self.first_candidate(track),
            };
            let item: Option<&Item> = track
                .items
                .get(index)
                .filter(|item| item.start <= self.viewport.end_ms);
            let Some(item) = item else {
                // This track is done: hand out its last group, then go on to the next track.
                let track_index = self.track;
                self.track += 1;
                self.index = None;
                if let Some(group) = self.group.take() {
                    return Some(self.emit(group, track_index));
                }
                continue;
            };
            self.index = Some(index + 1);
            let end = item.end_or(self.now);
            let x0 = (item.start - self.viewport.start_ms) / ms_per_px;
            let x1 = ((end - self.viewport.start_ms) / ms_per_px).max(x0 + MIN_ITEM_PX);
            if x1 < 0.0 {
                // Only on overlapping tracks: an earlier, longer item kept the search wide.
                continue;
            }
            let done = match &mut self.group {
                Some(group) if x0 < group.x1 => {
                    group.count += 1;
                    group.x1 = group.x1.max(x1);
                    group.end = group.end.max(end);
                    None
                }
                slot => slot.replace(Group {
                    first: index,
                    count: 1,
                    x0,
                    x1,
                    start: item.start,
                    end,
                }),
            };
            if !track.overlapping {
                self.gallop(track);
            }
            if let Some(done) = done {
                return Some(self.emit(done, self.track));
            }
        }
    }
}

impl Visible<'_> {
    /// Merges into the current group, by binary search rather than one by one, every following
    /// item that starts under it: on a track without overlap the last of them reaches furthest,
    /// so each search grows the group by at least [`MIN_ITEM_PX`] or ends it. This keeps a query
    /// at O(drawn items × log n) however many items a pixel holds.
    fn gallop(&mut self, track: &Track) {
        let ms_per_px = self.viewport.ms_per_px();
        let (Some(group), Some(mut index)) = (self.group.as_mut(), self.index) else {
            return;
        };
        let (start_ms, end_ms) = (self.viewport.start_ms, self.viewport.end_ms);
        loop {
            let rest = &track.items[index.min(track.items.len())..];
            // The same test as one by one (`x0 < x1`), computed the same way.
            let merged = rest.partition_point(|item| {
                item.start <= end_ms && (item.start - start_ms) / ms_per_px < group.x1
            });
            if merged == 0 {
                break;
            }
            let last = &rest[merged - 1];
            let end = last.end_or(self.now);
            let x0 = (last.start - self.viewport.start_ms) / ms_per_px;
            let x1 = ((end - self.viewport.start_ms) / ms_per_px).max(x0 + MIN_ITEM_PX);
            group.count += merged;
            group.end = group.end.max(end);
            group.x1 = group.x1.max(x1);
            index += merged;
        }
        self.index = Some(index);
    }
}

impl TimelineLayout {
    /// The items of `lane` in `viewport`, track by track, those closer than [`MIN_ITEM_PX`] merged
    /// into aggregates: at most about `width_px / MIN_ITEM_PX + 2` per track.
    pub fn visible(&self, lane: Lane, viewport: &Viewport) -> Visible<'_> {
        let tracks = &self.lane_items(lane).tracks;
        self.visible_tracks(lane, 0..tracks.len(), viewport)
    }

    /// The items of one track of `lane` in `viewport`, merged as [`Self::visible`] does.
    pub fn visible_track(&self, lane: Lane, track: usize, viewport: &Viewport) -> Visible<'_> {
        let count = self.lane_items(lane).tracks.len();
        let track = track.min(count);
        self.visible_tracks(lane, track..(track + 1).min(count), viewport)
    }

    fn visible_tracks(&self, lane: Lane, range: Range<usize>, viewport: &Viewport) -> Visible<'_> {
        Visible {
            tracks: &self.lane_items(lane).tracks,
            lane,
            track: range.start,
            track_end: range.end,
            index: None,
            viewport: *viewport,
            now: self.now(),
            group: None,
        }
    }

    /// The lanes' vertical geometry for the current number of tracks.
    pub fn rows(&self, style: RowStyle) -> LaneRows {
        let mut top = 0.0;
        let rows = Lane::ALL.map(|lane| {
            let tracks = self.tracks(lane);
            let height = tracks as f64 * style.track_px + 2.0 * style.pad_px;
            let row = LaneRow {
                lane,
                top,
                height,
                tracks,
                style,
            };
            top += height;
            row
        });
        LaneRows { rows, height: top }
    }

    /// What is drawn at `(x, y)` (plot coordinates: x from the plot's left edge, y from the top
    /// of the first lane), allowing a pixel of slack around small items.
    pub fn hit(&self, viewport: &Viewport, rows: &LaneRows, x: f64, y: f64) -> Option<VisibleItem> {
        const SLACK_PX: f64 = 1.0;
        let (lane, track) = rows.at(y)?;
        let mut best: Option<(f64, VisibleItem)> = None;
        for item in self.visible_track(lane, track, viewport) {
            if item.x > x + SLACK_PX {
                break;
            }
            let distance = if x < item.x {
                item.x - x
            } else {
                (x - (item.x + item.width)).max(0.0)
            };
            if distance <= SLACK_PX && best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, item));
            }
        }
        best.map(|(_, item)| item)
    }

    /// A drawn item's label: the item's own for a single one, `N microtasks` for an aggregate.
    pub fn label(&self, item: &VisibleItem) -> String {
        match item.item_ref().and_then(|at| self.item(at)) {
            Some(single) => single.label(),
            None => item.lane.plural(item.count),
        }
    }
}
