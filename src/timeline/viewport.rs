//! The visible window onto the timeline's x axis (real time, ms) and its mapping to pixels.

use super::TimelineLayout;

/// The part of the x axis in view: real time from `start_ms` to `end_ms` drawn over `width_px`
/// pixels. x = 0 is the left edge of the plot area (lane labels are outside it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Real time at the left edge, in milliseconds since the run started.
    pub start_ms: f64,
    /// Real time at the right edge.
    pub end_ms: f64,
    /// The plot's width in CSS pixels.
    pub width_px: f64,
}

/// One labelled mark on the time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Its x position in pixels.
    pub x: f64,
    /// The real time it marks, in milliseconds.
    pub ms: f64,
    /// Its label, such as `20 ms` (every tick of an axis uses the same unit).
    pub label: String,
}

impl Default for Viewport {
    fn default() -> Self {
        Self::new(0.0, 100.0, 800.0)
    }
}

impl Viewport {
    /// The narrowest window zoom allows: one microsecond.
    pub const MIN_SPAN_MS: f64 = 1e-3;
    /// The widest window zoom allows: a little over a day.
    pub const MAX_SPAN_MS: f64 = 1e8;
    /// The share of the span left empty on each side by [`Viewport::fit`].
    pub const FIT_MARGIN: f64 = 0.02;

    /// A window from `start_ms` to `end_ms` over `width_px` pixels; a span outside the allowed
    /// range is widened or narrowed about its middle.
    pub fn new(start_ms: f64, end_ms: f64, width_px: f64) -> Self {
        let mut viewport = Self {
            start_ms,
            end_ms,
            width_px,
        };
        viewport.normalise();
        viewport
    }

    /// The window's length in milliseconds.
    pub fn span(&self) -> f64 {
        self.end_ms - self.start_ms
    }

    /// Milliseconds per pixel (a zero width counts as one pixel).
    pub fn ms_per_px(&self) -> f64 {
        self.span() / self.width_px.max(1.0)
    }

    /// The x position of a real time.
    pub fn x_of(&self, ms: f64) -> f64 {
        (ms - self.start_ms) / self.ms_per_px()
    }

    /// The real time at an x position.
    pub fn ms_at(&self, x: f64) -> f64 {
        self.start_ms + x * self.ms_per_px()
    }

    /// Zooms about the pixel `x` (which keeps showing the same time): a `factor` above 1 zooms in,
    /// below 1 zooms out. The span stays within [`Self::MIN_SPAN_MS`, `Self::MAX_SPAN_MS`].
    pub fn zoom_at(&mut self, x: f64, factor: f64) {
        if !factor.is_finite() || factor <= 0.0 || !x.is_finite() {
            return;
        }
        let anchor = self.ms_at(x);
        let span = (self.span() / factor).clamp(Self::MIN_SPAN_MS, Self::MAX_SPAN_MS);
        let fraction = x / self.width_px.max(1.0);
        self.start_ms = anchor - fraction * span;
        self.end_ms = self.start_ms + span;
    }

    /// Moves the content `dx` pixels to the right (the window moves left in time), as a drag does.
    pub fn pan_px(&mut self, dx: f64) {
        if !dx.is_finite() {
            return;
        }
        let shift = dx * self.ms_per_px();
        self.start_ms -= shift;
        self.end_ms -= shift;
    }

    /// Shows `start_ms..end_ms` with a small margin on each side; an empty or reversed range
    /// shows a millisecond around its start.
    pub fn fit_range(&mut self, start_ms: f64, end_ms: f64) {
        (self.start_ms, self.end_ms) = fit_bounds(start_ms, end_ms);
        self.normalise();
    }

    /// Shows the whole laid-out run (from its first event to its last), or 0–100 ms when empty.
    pub fn fit(&mut self, layout: &TimelineLayout) {
        match layout.extent() {
            Some((start, end)) => self.fit_range(start, end),
            None => {
                self.start_ms = 0.0;
                self.end_ms = 100.0;
            }
        }
    }

    /// Keeps the window within the run `lo..hi` (plus the fit margin), as a scroll view does: a
    /// window wider than that shows all of it, a narrower one is pushed back inside.
    pub fn clamp_to(&mut self, lo: f64, hi: f64) {
        let (lo, hi) = fit_bounds(lo, hi);
        let span = self.span();
        if span >= hi - lo {
            self.start_ms = lo;
            self.end_ms = hi;
        } else if self.start_ms < lo {
            self.start_ms = lo;
            self.end_ms = lo + span;
        } else if self.end_ms > hi {
            self.start_ms = hi - span;
            self.end_ms = hi;
        }
    }

    /// Pans so `ms` is in view, centring it if it was outside; returns whether it moved.
    pub fn reveal(&mut self, ms: f64) -> bool {
        if !ms.is_finite() || (ms >= self.start_ms && ms <= self.end_ms) {
            return false;
        }
        let span = self.span();
        self.start_ms = ms - span / 2.0;
        self.end_ms = ms + span / 2.0;
        true
    }

    /// The axis ticks: round times (1, 2 or 5 times a power of ten milliseconds) at least
    /// `min_spacing_px` apart, covering the window.
    pub fn ticks(&self, min_spacing_px: f64) -> Vec<Tick> {
        let step = nice_step(min_spacing_px.max(1.0) * self.ms_per_px());
        if !(step.is_finite() && step > 0.0) {
            return Vec::new();
        }
        let magnitude = self.start_ms.abs().max(self.end_ms.abs());
        let first = (self.start_ms / step).ceil() as i64;
        let last = (self.end_ms / step).floor() as i64;
        if last < first || last - first > 10_000 {
            return Vec::new();
        }
        (first..=last)
            .map(|n| {
                let ms = n as f64 * step;
                Tick {
                    x: self.x_of(ms),
                    ms,
                    label: super::format::tick(ms, step, magnitude),
                }
            })
            .collect()
    }

    fn normalise(&mut self) {
        if !(self.start_ms.is_finite() && self.end_ms.is_finite()) {
            self.start_ms = 0.0;
            self.end_ms = 100.0;
        }
        if !(self.width_px.is_finite() && self.width_px >= 0.0) {
            self.width_px = 0.0;
        }
        let span = self.span();
        if !(Self::MIN_SPAN_MS..=Self::MAX_SPAN_MS).contains(&span) {
            let mid = (self.start_ms + self.end_ms) / 2.0;
            let span = span.clamp(Self::MIN_SPAN_MS, Self::MAX_SPAN_MS);
            self.start_ms = mid - span / 2.0;
            self.end_ms = mid + span / 2.0;
        }
    }
}

/// The window [`Viewport::fit_range`] shows for `start..end`: the range with a margin, or a
/// millisecond around `start` when the range is empty or reversed.
fn fit_bounds(start: f64, end: f64) -> (f64, f64) {
    if end > start {
        let margin = (end - start) * Viewport::FIT_MARGIN;
        (start - margin, end + margin)
    } else {
        (start - 0.5, start + 0.5)
    }
}

/// The smallest of 1, 2 or 5 times a power of ten that is at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return f64::NAN;
    }
    let power = 10f64.powf(raw.log10().floor());
    for multiple in [1.0, 2.0, 5.0, 10.0] {
        if multiple * power >= raw * (1.0 - 1e-9) {
            return multiple * power;
        }
    }
    10.0 * power
}
