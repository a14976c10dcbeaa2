//! Tests of the timeline's layout, viewport and hit testing, on hand-built traces.

use super::*;
use crate::trace::{EventKind, Location, MicrotaskSource, TaskSource, TraceEvent};

/// Builds a trace event by event, `wall` and `time` advancing as told.
#[derive(Default)]
struct Trace {
    events: Vec<TraceEvent>,
    wall: f64,
    time: f64,
}

impl Trace {
    fn at(&mut self, wall: f64) -> &mut Self {
        self.wall = wall;
        self
    }

    fn loop_time(&mut self, time: f64) -> &mut Self {
        self.time = time;
        self
    }

    fn push(&mut self, kind: EventKind) -> &mut Self {
        self.events.push(TraceEvent {
            seq: self.events.len() as u64,
            time: self.time,
            wall: self.wall,
            kind,
        });
        self
    }

    fn task(&mut self, task: u64, source: TaskSource, start: f64, end: f64) -> &mut Self {
        self.at(start)
            .push(EventKind::TaskQueued {
                task,
                source: source.clone(),
            })
            .push(EventKind::TaskStart { task, source })
            .at(end)
            .push(EventKind::TaskEnd { task })
    }

    fn microtask(&mut self, microtask: u64, start: f64, end: f64) -> &mut Self {
        self.at(start)
            .push(EventKind::MicrotaskEnqueued {
                microtask,
                source: MicrotaskSource::Promise,
                by: Some(loc("f", 2, 5)),
            })
            .push(EventKind::MicrotaskStart {
                microtask,
                function: None,
            })
            .at(end)
            .push(EventKind::MicrotaskEnd { microtask })
    }

    fn set_timer(&mut self, id: u32, delay: f64, repeat: bool, by: Option<Location>) -> &mut Self {
        let due = self.time + delay;
        self.push(EventKind::TimerSet {
            id,
            delay,
            due,
            repeat,
            nesting: 1,
            by,
        })
    }
}

fn loc(function: &str, line: u32, column: u32) -> Location {
    Location {
        function: function.into(),
        file: Some("main.js".into()),
        line,
        column,
    }
}

fn script() -> TaskSource {
    TaskSource::Script {
        name: "main.js".into(),
    }
}

fn layout(events: &[TraceEvent]) -> TimelineLayout {
    let mut layout = TimelineLayout::new();
    layout.append(events);
    layout
}

/// A trace with every lane: a script that sets a timeout, an interval (two ticks then cleared),
/// queues a microtask and sleeps on a host operation; frames along the way.
fn mixed() -> Vec<TraceEvent> {
    let mut t = Trace::default();
    t.at(1.0).push(EventKind::Frame { frame: 1 });
    t.at(2.0)
        .push(EventKind::TaskQueued {
            task: 1,
            source: script(),
        })
        .push(EventKind::TaskStart {
            task: 1,
            source: script(),
        });
    t.at(2.5)
        .set_timer(1, 10.0, false, Some(loc("<main>", 1, 11)));
    t.at(2.6)
        .set_timer(2, 5.0, true, Some(loc("<main>", 2, 12)));
    t.at(2.7).push(EventKind::HostOpStarted {
        op: 1,
        name: "timer.sleep".into(),
        args: "50".into(),
        by: Some(loc("wait", 3, 20)),
    });
    t.at(2.8).push(EventKind::MicrotaskEnqueued {
        microtask: 1,
        source: MicrotaskSource::QueueMicrotask,
        by: Some(loc("<main>", 4, 15)),
    });
    t.at(3.0).push(EventKind::TaskEnd { task: 1 });
    t.at(3.1)
        .push(EventKind::MicrotaskStart {
            microtask: 1,
            function: Some("tick".into()),
        })
        .at(3.3)
        .push(EventKind::MicrotaskEnd { microtask: 1 });
    // Interval tick 1 at 7.6.
    t.at(7.6)
        .loop_time(5.0)
        .push(EventKind::TimerFired { id: 2 });
    t.task(2, TaskSource::Interval { id: 2 }, 7.6, 7.8);
    t.at(7.8).set_timer(2, 5.0, true, None);
    // The timeout at 12.5.
    t.at(12.5)
        .loop_time(10.0)
        .push(EventKind::TimerFired { id: 1 });
    t.task(3, TaskSource::Timer { id: 1 }, 12.5, 12.9);
    // Interval tick 2 at 12.8, cleared from its own callback.
    t.at(12.95)
        .loop_time(10.0)
        .push(EventKind::TimerFired { id: 2 });
    t.at(13.0)
        .push(EventKind::TaskQueued {
            task: 4,
            source: TaskSource::Interval { id: 2 },
        })
        .push(EventKind::TaskStart {
            task: 4,
            source: TaskSource::Interval { id: 2 },
        })
        .push(EventKind::TimerCleared { id: 2 })
        .at(13.2)
        .push(EventKind::TaskEnd { task: 4 });
    t.at(16.0).push(EventKind::Frame { frame: 2 });
    t.at(52.7).loop_time(50.0).push(EventKind::HostOpSettled {
        op: 1,
        name: "timer.sleep.settle".into(),
        ok: true,
    });
    t.task(
        5,
        TaskSource::HostOp {
            name: "timer.sleep.settle".into(),
            op: 1,
        },
        52.7,
        53.0,
    );
    t.events
}

#[test]
fn every_lane_gets_its_items() {
    let layout = layout(&mixed());
    assert_eq!(layout.count(Lane::Task), 5);
    assert_eq!(layout.count(Lane::Microtask), 1);
    // The timeout, and the interval's two periods.
    assert_eq!(layout.count(Lane::Timer), 3);
    assert_eq!(layout.count(Lane::HostOp), 1);
    assert_eq!(layout.count(Lane::Frame), 2);
    assert_eq!(layout.extent(), Some((1.0, 53.0)));
    assert_eq!(layout.event_count(), mixed().len());
}

#[test]
fn tasks_span_start_to_end_and_name_their_source() {
    let layout = layout(&mixed());
    let tasks: Vec<&Item> = layout.items(Lane::Task).collect();
    assert_eq!(tasks[0].start, 2.0);
    assert_eq!(tasks[0].end, Some(3.0));
    assert_eq!(tasks[0].label(), "script main.js");
    assert_eq!(tasks[0].by, None);
    assert_eq!(tasks[0].state, ItemState::Done);
    // A timer's task carries the location that set the timer, an interval's its first set.
    assert_eq!(tasks[1].label(), "setInterval #2");
    assert_eq!(tasks[1].by, Some(loc("<main>", 2, 12)));
    assert_eq!(tasks[2].label(), "setTimeout #1");
    assert_eq!(tasks[2].by, Some(loc("<main>", 1, 11)));
    // A host completion carries the location that started the operation.
    assert_eq!(tasks[4].label(), "timer.sleep.settle");
    assert_eq!(tasks[4].by, Some(loc("wait", 3, 20)));
    assert_eq!(tasks[4].loop_start, 50.0);
    match &tasks[4].detail {
        ItemDetail::Task { queued_wall, .. } => assert_eq!(*queued_wall, Some(52.7)),
        other => panic!("not a task: {other:?}"),
    }
}

#[test]
fn microtasks_carry_who_queued_them() {
    let layout = layout(&mixed());
    let micro = layout.items(Lane::Microtask).next().expect("one microtask");
    assert_eq!((micro.start, micro.end), (3.1, Some(3.3)));
    assert_eq!(micro.by, Some(loc("<main>", 4, 15)));
    assert_eq!(micro.label(), "tick");
    assert_eq!(micro.seq_start + 1, micro.seq_end.expect("closed"));
    match &micro.detail {
        ItemDetail::Microtask {
            source,
            queued_wall,
            ..
        } => {
            assert_eq!(*source, Some(MicrotaskSource::QueueMicrotask));
            assert_eq!(*queued_wall, Some(2.8));
        }
        other => panic!("not a microtask: {other:?}"),
    }
}

#[test]
fn timers_span_set_to_fire_and_intervals_one_span_per_period() {
    let layout = layout(&mixed());
    let mut timers: Vec<&Item> = layout.items(Lane::Timer).collect();
    timers.sort_by(|a, b| a.start.total_cmp(&b.start));
    let spans: Vec<(String, f64, Option<f64>)> = timers
        .iter()
        .map(|item| (item.label(), item.start, item.end))
        .collect();
    assert_eq!(
        spans,
        [
            ("setTimeout(10) #1".to_owned(), 2.5, Some(12.5)),
            ("setInterval(5) #2".to_owned(), 2.6, Some(7.6)),
            ("setInterval(5) #2".to_owned(), 7.8, Some(12.95)),
        ]
    );
    // The interval's re-set has no `by`: its span keeps the original's.
    assert_eq!(timers[2].by, Some(loc("<main>", 2, 12)));
    // Cleared from its own callback after firing: its period still counts as fired.
    assert!(timers.iter().all(|item| item.state == ItemState::Done));
    // Overlapping timers get their own tracks.
    assert_eq!(layout.tracks(Lane::Timer), 2);
    // Loop times.
    assert_eq!(timers[0].loop_end, Some(10.0));
}

#[test]
fn cleared_timers_end_where_they_were_cleared() {
    let mut t = Trace::default();
    t.at(1.0)
        .set_timer(1, 100.0, false, Some(loc("<main>", 1, 1)));
    t.at(4.0).push(EventKind::TimerCleared { id: 1 });
    // Fired, task queued, then cleared before the task ran: the task is dropped.
    t.at(5.0).set_timer(2, 0.0, false, None);
    t.at(6.0)
        .push(EventKind::TimerFired { id: 2 })
        .push(EventKind::TaskQueued {
            task: 1,
            source: TaskSource::Timer { id: 2 },
        });
    t.at(6.5).push(EventKind::TimerCleared { id: 2 });
    // Clearing an unknown id changes nothing.
    t.at(7.0).push(EventKind::TimerCleared { id: 99 });
    let layout = layout(&t.events);
    let timers: Vec<&Item> = layout.items(Lane::Timer).collect();
    assert_eq!(timers.len(), 2);
    assert_eq!(timers[0].end, Some(4.0));
    assert_eq!(timers[0].state, ItemState::Cleared);
    assert_eq!(timers[1].end, Some(6.0));
    assert_eq!(timers[1].state, ItemState::Cleared);
    assert_eq!(layout.count(Lane::Task), 0);
}

#[test]
fn host_operations_span_start_to_settle() {
    let mut t = Trace::default();
    t.at(1.0).push(EventKind::HostOpStarted {
        op: 1,
        name: "fetch.get".into(),
        args: "https://example.com/".into(),
        by: Some(loc("load", 7, 3)),
    });
    t.at(2.0).push(EventKind::HostOpStarted {
        op: 2,
        name: "fs.readFile".into(),
        args: "missing.txt".into(),
        by: None,
    });
    t.at(2.5).push(EventKind::HostOpSettled {
        op: 2,
        name: "fs.readFile.settle".into(),
        ok: false,
    });
    let layout = layout(&t.events);
    let ops: Vec<&Item> = layout.items(Lane::HostOp).collect();
    assert_eq!(ops.len(), 2);
    let fetch = ops
        .iter()
        .find(|item| item.label().starts_with("fetch.get"))
        .expect("fetch");
    assert_eq!(fetch.label(), "fetch.get(https://example.com/)");
    assert_eq!(fetch.state, ItemState::Open);
    assert_eq!(fetch.end, None);
    // Open items reach to the latest time seen.
    assert_eq!(fetch.end_or(layout.now()), 2.5);
    assert_eq!(fetch.by, Some(loc("load", 7, 3)));
    let read = ops
        .iter()
        .find(|item| item.label().starts_with("fs.readFile"))
        .expect("read");
    assert_eq!(read.state, ItemState::Failed);
    assert_eq!(read.end, Some(2.5));
    match &read.detail {
        ItemDetail::HostOp { settle, .. } => {
            assert_eq!(settle.as_deref(), Some("fs.readFile.settle"))
        }
        other => panic!("not a host op: {other:?}"),
    }
}

#[test]
fn errors_mark_the_running_task() {
    let mut t = Trace::default();
    t.at(1.0)
        .push(EventKind::TaskStart {
            task: 1,
            source: script(),
        })
        .push(EventKind::UncaughtError {
            message: "Uncaught Error: boom".into(),
            stack: vec![],
            location: None,
        })
        .at(2.0)
        .push(EventKind::TaskEnd { task: 1 });
    t.microtask(1, 2.5, 3.0);
    let layout = layout(&t.events);
    let task = layout.items(Lane::Task).next().expect("task");
    assert_eq!(task.state, ItemState::Error);
    assert_eq!(task.end, Some(2.0));
    let micro = layout.items(Lane::Microtask).next().expect("microtask");
    assert_eq!(micro.state, ItemState::Done);
}

#[test]
fn appending_in_batches_equals_one_append() {
    let events = mixed();
    let whole = layout(&events);
    for size in [1, 2, 3, 7] {
        let mut batched = TimelineLayout::new();
        for chunk in events.chunks(size) {
            batched.append(chunk);
        }
        for lane in Lane::ALL {
            assert_eq!(whole.tracks(lane), batched.tracks(lane), "{lane:?}");
            for track in 0..whole.tracks(lane) {
                assert_eq!(
                    whole.track_items(lane, track),
                    batched.track_items(lane, track),
                    "{lane:?} track {track}, batches of {size}"
                );
            }
        }
        assert_eq!(whole.extent(), batched.extent());
    }
    // A batch delivered twice is ignored.
    let mut twice = TimelineLayout::new();
    twice.append(&events[..10]);
    twice.append(&events[..10]);
    twice.append(&events[10..]);
    assert_eq!(twice.count(Lane::Task), whole.count(Lane::Task));
    assert_eq!(twice.event_count(), events.len());
}

#[test]
fn clear_forgets_everything() {
    let mut layout = layout(&mixed());
    layout.clear();
    assert_eq!(layout.event_count(), 0);
    assert_eq!(layout.extent(), None);
    assert!(Lane::ALL.iter().all(|lane| layout.count(*lane) == 0));
}

#[test]
fn seq_maps_to_x() {
    let events = mixed();
    let layout = layout(&events);
    let viewport = Viewport::new(0.0, 100.0, 1000.0);
    for event in &events {
        assert_eq!(layout.wall_of_seq(event.seq), Some(event.wall));
        let x = layout.x_of_seq(event.seq, &viewport).expect("laid out");
        assert!((x - event.wall * 10.0).abs() < 1e-9);
    }
    assert_eq!(layout.x_of_seq(events.len() as u64, &viewport), None);
    let micro = layout.items(Lane::Microtask).next().expect("microtask");
    assert!(micro.covers(micro.seq_start));
    assert!(!micro.covers(micro.seq_start - 1));
}

/// `n` back-to-back microtasks of `each` ms in one checkpoint, after a script task.
fn flood(n: u64, each: f64) -> Vec<TraceEvent> {
    let mut t = Trace::default();
    t.task(1, script(), 0.0, 1.0);
    let mut wall = 1.0;
    for id in 1..=n {
        t.microtask(id, wall, wall + each);
        wall += each;
    }
    t.events
}

#[test]
fn aggregation_keeps_a_flood_bounded() {
    let events = flood(100_000, 0.01);
    assert_eq!(events.len(), 300_003);
    let started = std::time::Instant::now();
    let layout = layout(&events);
    let laid_out = started.elapsed();
    assert_eq!(layout.count(Lane::Microtask), 100_000);

    for width in [390.0, 1000.0, 2000.0] {
        let mut viewport = Viewport::new(0.0, 1.0, width);
        viewport.fit(&layout);
        let bound = (width / MIN_ITEM_PX) as usize + 2;
        // Fit, then zoomed in step by step about the middle: never more than the bound, and
        // every microtask is accounted for by exactly one drawn item when all are in view.
        for step in 0..40 {
            let drawn: Vec<VisibleItem> = layout.visible(Lane::Microtask, &viewport).collect();
            assert!(
                drawn.len() <= bound,
                "{} drawn at width {width}, step {step}",
                drawn.len()
            );
            if step == 0 {
                let total: usize = drawn.iter().map(|item| item.count).sum();
                assert_eq!(total, 100_000);
            }
            // Drawn items do not overlap and come in order.
            for pair in drawn.windows(2) {
                assert!(pair[0].x + pair[0].width <= pair[1].x + 1e-9);
                assert_eq!(pair[0].first + pair[0].count, pair[1].first);
            }
            viewport.zoom_at(width / 2.0, 1.5);
        }
        // Zoomed all the way in, items are single and wide.
        let drawn: Vec<VisibleItem> = layout.visible(Lane::Microtask, &viewport).collect();
        assert!(!drawn.is_empty());
        assert!(drawn.iter().all(|item| item.count == 1));
    }
    // Generous even for a debug build: the point is linear time, not a benchmark.
    assert!(
        laid_out.as_secs_f64() < 5.0,
        "laying out 3e5 events took {laid_out:?}"
    );
}

#[test]
fn viewport_queries_are_fast_on_a_flood() {
    let layout = layout(&flood(100_000, 0.01));
    let mut viewport = Viewport::new(0.0, 1.0, 1000.0);
    let started = std::time::Instant::now();
    let mut drawn = 0;
    // A thousand viewport queries sliding along the flood.
    for _ in 0..1000 {
        drawn += layout.visible(Lane::Microtask, &viewport).count();
        viewport.pan_px(-1000.0);
    }
    assert!(drawn > 0);
    assert!(started.elapsed().as_secs_f64() < 5.0);

    // With the whole flood in view, a query costs what it draws (about 330 searches), not the
    // 1e5 items under it: a thousand of them take milliseconds, not seconds.
    let mut viewport = Viewport::new(0.0, 1.0, 1000.0);
    viewport.fit(&layout);
    let started = std::time::Instant::now();
    let mut drawn = 0;
    for _ in 0..1000 {
        drawn += layout.visible(Lane::Microtask, &viewport).count();
    }
    let elapsed = started.elapsed();
    assert_eq!(drawn, 1000);
    assert!(
        elapsed.as_secs_f64() < 1.0,
        "1000 queries at fit took {elapsed:?}"
    );
}

#[test]
fn zero_length_items_get_a_minimum_width() {
    let mut t = Trace::default();
    t.at(5.0).push(EventKind::Frame { frame: 1 });
    t.at(50.0).push(EventKind::Frame { frame: 2 });
    let layout = layout(&t.events);
    let viewport = Viewport::new(0.0, 100.0, 1000.0);
    let drawn: Vec<VisibleItem> = layout.visible(Lane::Frame, &viewport).collect();
    assert_eq!(drawn.len(), 2);
    assert!((drawn[0].x - 50.0).abs() < 1e-9);
    assert!((drawn[0].width - MIN_ITEM_PX).abs() < 1e-9);
    assert_eq!(layout.label(&drawn[1]), "frame 2");
}

#[test]
fn long_items_starting_before_the_viewport_are_visible() {
    let mut t = Trace::default();
    t.at(0.0).set_timer(1, 1000.0, false, None);
    t.at(0.5).set_timer(2, 1.0, false, None);
    t.at(1.5).push(EventKind::TimerFired { id: 2 });
    t.at(1000.0).push(EventKind::TimerFired { id: 1 });
    let layout = layout(&t.events);
    let viewport = Viewport::new(400.0, 500.0, 500.0);
    let drawn: Vec<VisibleItem> = layout.visible(Lane::Timer, &viewport).collect();
    assert_eq!(drawn.len(), 1);
    assert_eq!(layout.label(&drawn[0]), "setTimeout(1000) #1");
    // Clipped to the plot.
    assert!(drawn[0].x < 0.0 && drawn[0].x + drawn[0].width > 500.0);
    assert!(drawn[0].width < 520.0);
}

#[test]
fn overflowing_tracks_still_answer_queries() {
    // More pending timers than tracks: items share tracks and overlap.
    let mut t = Trace::default();
    for id in 1..=20u32 {
        t.at(id as f64).set_timer(id, 1000.0, false, None);
    }
    for id in 1..=20u32 {
        t.at(1000.0 + id as f64).push(EventKind::TimerFired { id });
    }
    let layout = layout(&t.events);
    assert_eq!(layout.tracks(Lane::Timer), MAX_TRACKS);
    assert_eq!(layout.count(Lane::Timer), 20);
    // In the middle every timer is pending: every track shows something.
    let viewport = Viewport::new(500.0, 510.0, 400.0);
    let drawn: Vec<VisibleItem> = layout.visible(Lane::Timer, &viewport).collect();
    let total: usize = drawn.iter().map(|item| item.count).sum();
    assert_eq!(total, 20);
    let tracks: std::collections::BTreeSet<usize> = drawn.iter().map(|item| item.track).collect();
    assert_eq!(tracks.len(), MAX_TRACKS);
    // Far to the right nothing is.
    let viewport = Viewport::new(5000.0, 5010.0, 400.0);
    assert_eq!(layout.visible(Lane::Timer, &viewport).count(), 0);
}

#[test]
fn viewport_zoom_keeps_the_anchor_and_pan_moves_by_pixels() {
    let mut viewport = Viewport::new(0.0, 100.0, 1000.0);
    assert_eq!(viewport.ms_per_px(), 0.1);
    assert_eq!(viewport.x_of(25.0), 250.0);
    assert_eq!(viewport.ms_at(250.0), 25.0);
    viewport.zoom_at(250.0, 2.0);
    assert!((viewport.span() - 50.0).abs() < 1e-9);
    assert!((viewport.ms_at(250.0) - 25.0).abs() < 1e-9);
    viewport.zoom_at(900.0, 0.25);
    assert!((viewport.span() - 200.0).abs() < 1e-9);
    assert!((viewport.x_of(viewport.ms_at(900.0)) - 900.0).abs() < 1e-9);
    // A drag 100 px to the right shows earlier times.
    let before = viewport.start_ms;
    viewport.pan_px(100.0);
    assert!((viewport.start_ms - (before - 20.0)).abs() < 1e-9);
    assert!((viewport.span() - 200.0).abs() < 1e-9);
    // Zoom is bounded both ways; nonsense is ignored.
    viewport.zoom_at(0.0, 1e30);
    assert!((viewport.span() - Viewport::MIN_SPAN_MS).abs() < 1e-12);
    viewport.zoom_at(0.0, 1e-30);
    assert!((viewport.span() - Viewport::MAX_SPAN_MS).abs() < 1e-3);
    let copy = viewport;
    viewport.zoom_at(f64::NAN, 2.0);
    viewport.zoom_at(10.0, -1.0);
    viewport.pan_px(f64::INFINITY);
    assert_eq!(viewport, copy);
}

#[test]
fn viewport_fits_the_run_with_a_margin() {
    let layout = layout(&mixed());
    let mut viewport = Viewport::new(0.0, 1.0, 500.0);
    viewport.fit(&layout);
    let margin = 52.0 * Viewport::FIT_MARGIN;
    assert!((viewport.start_ms - (1.0 - margin)).abs() < 1e-9);
    assert!((viewport.end_ms - (53.0 + margin)).abs() < 1e-9);
    assert_eq!(viewport.width_px, 500.0);
    // Everything is in view.
    for lane in Lane::ALL {
        let total: usize = layout.visible(lane, &viewport).map(|item| item.count).sum();
        assert_eq!(total, layout.count(lane), "{lane:?}");
    }
    // An empty layout shows 0–100 ms, a single instant a millisecond around it.
    viewport.fit(&TimelineLayout::new());
    assert_eq!((viewport.start_ms, viewport.end_ms), (0.0, 100.0));
    viewport.fit_range(7.0, 7.0);
    assert!(viewport.start_ms < 7.0 && viewport.end_ms > 7.0);
    assert!(viewport.span() >= 1.0);
}

#[test]
fn viewport_stays_within_the_run_and_reveals_the_cursor() {
    let margin = 100.0 * Viewport::FIT_MARGIN;
    // Panned past the end: pushed back, same span.
    let mut viewport = Viewport::new(1000.0, 1010.0, 100.0);
    viewport.clamp_to(0.0, 100.0);
    assert!((viewport.end_ms - (100.0 + margin)).abs() < 1e-9);
    assert!((viewport.span() - 10.0).abs() < 1e-9);
    // Before the start.
    let mut viewport = Viewport::new(-50.0, -40.0, 100.0);
    viewport.clamp_to(0.0, 100.0);
    assert!((viewport.start_ms + margin).abs() < 1e-9);
    // Zoomed out beyond the run: the whole run, no more.
    let mut viewport = Viewport::new(-500.0, 500.0, 100.0);
    viewport.clamp_to(0.0, 100.0);
    assert!((viewport.start_ms + margin).abs() < 1e-9);
    assert!((viewport.end_ms - (100.0 + margin)).abs() < 1e-9);
    // Inside: untouched.
    let mut viewport = Viewport::new(10.0, 20.0, 100.0);
    viewport.clamp_to(0.0, 100.0);
    assert_eq!((viewport.start_ms, viewport.end_ms), (10.0, 20.0));

    let mut viewport = Viewport::new(0.0, 10.0, 100.0);
    assert!(!viewport.reveal(5.0));
    assert!(viewport.reveal(42.0));
    assert!((viewport.start_ms - 37.0).abs() < 1e-9);
}

#[test]
fn ticks_are_round_and_spaced() {
    let viewport = Viewport::new(3.0, 97.0, 940.0);
    let ticks = viewport.ticks(80.0);
    // 80 px is 8 ms here: the step is 10 ms.
    let values: Vec<f64> = ticks.iter().map(|tick| tick.ms).collect();
    assert_eq!(
        values,
        [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0]
    );
    assert_eq!(ticks[0].label, "10 ms");
    assert!((ticks[0].x - 70.0).abs() < 1e-9);
    let fine = Viewport::new(0.0, 0.01, 1000.0).ticks(80.0);
    assert_eq!(fine[1].label, "1 µs");
    let coarse = Viewport::new(0.0, 60_000.0, 600.0).ticks(80.0);
    assert_eq!(coarse[1].label, "10 s");
    // Half-millisecond steps around 8 ms read in milliseconds.
    let mid = Viewport::new(7.6, 11.9, 880.0).ticks(90.0);
    assert_eq!(mid[0].label, "8.0 ms");
    assert_eq!(mid[1].label, "8.5 ms");
}

#[test]
fn hit_testing_finds_items_and_aggregates() {
    let layout = layout(&mixed());
    let style = RowStyle::default();
    let rows = layout.rows(style);
    assert_eq!(rows.row(Lane::Timer).tracks, 2);
    assert_eq!(
        rows.height,
        rows.rows.iter().map(|row| row.height).sum::<f64>()
    );
    let viewport = Viewport::new(0.0, 100.0, 1000.0);
    let task_y = rows.row(Lane::Task).track_top(0) + 1.0;
    // The script task: 2.0–3.0 ms is 20–30 px.
    let hit = layout.hit(&viewport, &rows, 25.0, task_y).expect("script");
    let item = layout
        .item(hit.item_ref().expect("single"))
        .expect("stored");
    assert_eq!(item.label(), "script main.js");
    // A pixel of slack, then nothing.
    assert!(layout.hit(&viewport, &rows, 30.5, task_y).is_some());
    assert!(layout.hit(&viewport, &rows, 40.0, task_y).is_none());
    // The second timer track holds the interval's first period (2.6–7.6 ms).
    let timer_y = rows.row(Lane::Timer).track_top(1) + 1.0;
    let hit = layout
        .hit(&viewport, &rows, 50.0, timer_y)
        .expect("interval");
    assert_eq!(layout.label(&hit), "setInterval(5) #2");
    assert_eq!(
        layout
            .item(hit.item_ref().expect("single"))
            .and_then(|item| item.by.clone()),
        Some(loc("<main>", 2, 12))
    );
    // Below the lanes: nothing.
    assert!(
        layout
            .hit(&viewport, &rows, 25.0, rows.height + 1.0)
            .is_none()
    );
    // Zoomed out to 10 ms a pixel, the four tasks within 2–13 ms merge and a hit returns the
    // aggregate; the fifth, at 52.7 ms, is 5 px away and stands alone.
    let wide = Viewport::new(0.0, 10_000.0, 1000.0);
    let hit = layout.hit(&wide, &rows, 0.3, task_y).expect("aggregate");
    assert!(hit.is_aggregate());
    assert_eq!(layout.label(&hit), "4 tasks");
    assert_eq!(hit.indices(), 0..4);
    let alone = layout.hit(&wide, &rows, 5.5, task_y).expect("single");
    assert_eq!(layout.label(&alone), "timer.sleep.settle");
}

/// The aggregation, item by item, as the specification of what [`TimelineLayout::visible`]
/// returns: `(track, first, count)` of each drawn item.
fn naive_visible(
    layout: &TimelineLayout,
    lane: Lane,
    viewport: &Viewport,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for track in 0..layout.tracks(lane) {
        let mut group: Option<(usize, usize, f64)> = None;
        for (index, item) in layout.track_items(lane, track).iter().enumerate() {
            if item.start > viewport.end_ms {
                break;
            }
            let x0 = viewport.x_of(item.start);
            let x1 = viewport
                .x_of(item.end_or(layout.now()))
                .max(x0 + MIN_ITEM_PX);
            if x1 < 0.0 {
                continue;
            }
            match &mut group {
                Some((_, count, right)) if x0 < *right => {
                    *count += 1;
                    *right = right.max(x1);
                }
                _ => {
                    if let Some((first, count, _)) = group.take() {
                        out.push((track, first, count));
                    }
                    group = Some((index, 1, x1));
                }
            }
        }
        if let Some((first, count, _)) = group {
            out.push((track, first, count));
        }
    }
    out
}

#[test]
fn visible_matches_the_item_by_item_aggregation() {
    // A flood with gaps of varying size, so groups split and merge at every zoom.
    let mut t = Trace::default();
    let mut wall = 0.0;
    for id in 1..=5000u64 {
        let each = 0.001 * (1 + id % 7) as f64;
        t.microtask(id, wall, wall + each);
        wall += each
            + if id % 97 == 0 {
                1.0
            } else {
                0.0005 * (id % 3) as f64
            };
    }
    let layout = layout(&t.events);
    let mixed = self::layout(&mixed());
    for (layout, span) in [(&layout, wall), (&mixed, 60.0)] {
        for zoom in 0..30 {
            let width = 1000.0;
            let window = span / 1.6f64.powi(zoom);
            for offset in 0..7 {
                let start = span * offset as f64 / 7.0 - window / 3.0;
                let viewport = Viewport::new(start, start + window, width);
                for lane in Lane::ALL {
                    let fast: Vec<(usize, usize, usize)> = layout
                        .visible(lane, &viewport)
                        .map(|item| (item.track, item.first, item.count))
                        .collect();
                    assert_eq!(
                        fast,
                        naive_visible(layout, lane, &viewport),
                        "{lane:?} zoom {zoom} offset {offset}"
                    );
                }
            }
        }
    }
}
