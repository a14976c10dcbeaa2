//! The clock-driven native modules in headless Chrome, through the worker's pump under both
//! clocks: `timer.sleep`, `stream.counter` and `stream.ticks` (real-clock cases kept short), the
//! 30 s stream timeout under the virtual clock, and their host operations in the trace.
//!
//! Run with `scripts/test wasm`.
#![cfg(target_arch = "wasm32")]

#[path = "support/wasm.rs"]
mod support;

use support::{CLOCKS, Run, run_script};
use tickscope::ClockKind;
use tickscope::trace::{EventKind, TaskSource};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_dedicated_worker);

/// How many tasks ran as the completion `name`.
fn tasks_named(run: &Run, name: &str) -> usize {
    run.events()
        .iter()
        .filter(|event| {
            matches!(&event.kind, EventKind::TaskStart { source: TaskSource::HostOp { name: n, .. }, .. } if n == name)
        })
        .count()
}

/// The arguments of each host operation `name` started.
fn started(run: &Run, name: &str) -> Vec<String> {
    run.events()
        .into_iter()
        .filter_map(|event| match event.kind {
            EventKind::HostOpStarted { name: n, args, .. } if n == name => Some(args),
            _ => None,
        })
        .collect()
}

fn elapsed(line: &str, prefix: &str) -> f64 {
    line.strip_prefix(prefix)
        .and_then(|ms| ms.trim().parse().ok())
        .unwrap_or_else(|| panic!("no time in {line:?}"))
}

#[wasm_bindgen_test]
async fn timer_sleep_fulfils_after_its_time_under_both_clocks() {
    let source = r#"
        const { sleep } = require("timer");
        const start = performance.now();
        setTimeout(() => console.log("timeout 10"), 10);
        sleep(30).then((value) => console.log("slept", value, performance.now() - start));
        sleep(0).then(() => console.log("slept 0"));
        Promise.resolve().then(() => console.log("microtask"));
    "#;
    for clock in CLOCKS {
        let run = run_script(source, clock, 5_000.0).await;
        let lines = run.lines();
        assert_eq!(
            lines[..3],
            ["microtask", "slept 0", "timeout 10"],
            "{clock:?}"
        );
        let slept = elapsed(&lines[3], "slept undefined ");
        match clock {
            // The virtual clock's own cost: the clock reads and the instructions between them.
            ClockKind::Virtual => assert_eq!(slept.floor(), 30.0, "{slept}"),
            ClockKind::Real => assert!((30.0..1_000.0).contains(&slept), "{slept}"),
        }
        assert_eq!(started(&run, "timer.sleep"), ["30", "0"], "{clock:?}");
        assert_eq!(tasks_named(&run, "timer.sleep.settle"), 2, "{clock:?}");
    }
}

#[wasm_bindgen_test]
async fn timer_sleep_rejects_bad_durations_without_throwing() {
    let source = r#"
        const { sleep } = require("timer");
        for (const bad of [-1, NaN, "10", undefined]) {
            let promise;
            try { promise = sleep(bad); } catch (e) { console.log("threw", e); continue; }
            promise.then(
                () => console.log("fulfilled?!"),
                (e) => console.log(e instanceof RangeError, e.message.startsWith("invalid duration")),
            );
        }
    "#;
    for clock in CLOCKS {
        let run = run_script(source, clock, 5_000.0).await;
        assert_eq!(run.lines(), ["true true"; 4], "{clock:?}");
    }
}

#[wasm_bindgen_test]
async fn stream_counter_fulfils_with_every_count() {
    let source = r#"
        const stream = require("stream");
        const start = performance.now();
        stream.counter(3, 15).then((counts) => {
            console.log(JSON.stringify(counts), Array.isArray(counts));
            console.log("elapsed", performance.now() - start);
        });
        stream.counter(1, 0).then((counts) => console.log("single", JSON.stringify(counts)));
        setTimeout(() => stream.counter(0, 10).catch((e) => console.log(e.name, e.message)), 100);
    "#;
    for clock in CLOCKS {
        let run = run_script(source, clock, 5_000.0).await;
        let lines = run.lines();
        assert_eq!(lines[..2], ["single [1]", "[1,2,3] true"], "{clock:?}");
        assert_eq!(
            lines[3], "RangeError stream.counter: limit must be a positive integer, got 0",
            "{clock:?}"
        );
        let took = elapsed(&lines[2], "elapsed ");
        match clock {
            ClockKind::Virtual => assert_eq!(took.floor(), 45.0, "{took}"),
            ClockKind::Real => assert!((45.0..1_000.0).contains(&took), "{took}"),
        }
        assert_eq!(tasks_named(&run, "stream.counter.tick"), 4, "{clock:?}");
    }
}

#[wasm_bindgen_test]
async fn stream_ticks_yield_each_count_for_await() {
    let source = r#"
        const stream = require("stream");
        (async () => {
            const start = performance.now();
            const iterator = stream.ticks(3, 10);
            console.log(iterator[Symbol.asyncIterator]() === iterator);
            for await (const n of iterator) {
                console.log("tick", n, performance.now() - start >= n * 10);
            }
            console.log("done", JSON.stringify(await iterator.next()));
            for await (const n of stream.ticks(100, 5)) {
                if (n === 2) break;
            }
            console.log("broke out");
        })();
    "#;
    for clock in CLOCKS {
        let run = run_script(source, clock, 5_000.0).await;
        assert_eq!(
            run.lines(),
            [
                "true",
                "tick 1 true",
                "tick 2 true",
                "tick 3 true",
                r#"done {"done":true}"#,
                "broke out"
            ],
            "{clock:?}"
        );
        assert_eq!(
            started(&run, "stream.ticks"),
            ["3, 10", "100, 5"],
            "{clock:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn the_30_second_stream_timeout_takes_no_time_under_the_virtual_clock() {
    let run = run_script(
        r#"
        const stream = require("stream");
        const start = performance.now();
        stream.counter(100, 1000).then(
            () => console.log("fulfilled"),
            (err) => console.log(err.name, err.code, err.message.includes("timeout"), Math.floor(performance.now() - start)),
        );
        "#,
        ClockKind::Virtual,
        10_000.0,
    )
    .await;
    assert_eq!(run.lines(), ["Error ETIMEDOUT true 30000"]);
    assert!(run.took < 5_000.0, "took {} ms", run.took);
    assert_eq!(tasks_named(&run, "stream.counter.timeout"), 1);
}
