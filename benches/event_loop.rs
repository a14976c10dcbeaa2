//! The event-loop benchmark (issue 2, item 9): `cargo bench --bench event_loop`.
//!
//! Three workloads, each run through three configurations in the same process:
//!
//! - (a) tickscope's [`Runtime`] with [`TraceMode::Full`], its events drained with
//!   [`Runtime::take_events`] and dropped, as a host would;
//! - (b) tickscope's [`Runtime`] with [`TraceMode::Output`];
//! - (c) a plain Boa [`Context`] on Boa's own [`SimpleJobExecutor`].
//!
//! tickscope runs under its virtual clock on [`NullHost`], so timers cost no wall time. For the
//! timer workload, (c) is a `setTimeout` of a few lines that queues Boa's own [`TimeoutJob`] on
//! the `SimpleJobExecutor` (whose clock is Boa's default: zero-delay jobs are due at once): the
//! same amount of JavaScript, without tickscope's semantics (no ids, no clearing, no nesting
//! clamp, no task ordering with microtasks), so its ratios are indicative only.
//!
//! The machine may be shared and noisy, so the configurations are interleaved: every round runs
//! each workload once per configuration, in an order that rotates from round to round, and the
//! table reports the median over rounds. Each sample runs in a fresh process (the benchmark
//! starts itself with `--sample`), so no configuration inherits the allocator and page state
//! that a previous, larger run left behind; in one process that bias was larger than the
//! differences being measured. Creating the runtime or context and parsing the script happen
//! outside the timed region; evaluating the script and running every job until the loop is idle
//! (and, for (a), draining and dropping the trace) are timed.
//!
//! Options (after `--`): `--rounds N` (default 7), `--quick` (workloads a tenth of the size, for
//! a smoke test), `--only a|b|c` (just one configuration), `--workload then|await|timeout` (just
//! one workload), `--in-process` (no child processes: for profilers, e.g.
//! `valgrind --tool=callgrind --toggle-collect='*timed_*' <bench binary> --in-process --rounds 1
//! --only b --workload await`).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::rc::Rc;
    use std::time::{Duration, Instant};

    use boa_engine::{
        Context, JsResult, JsValue, NativeFunction, Source,
        job::{Job, NativeJob, SimpleJobExecutor, TimeoutJob},
        js_string,
        object::builtins::JsFunction,
        script::Script,
    };
    use tickscope::{ClockKind, Runtime, RuntimeOptions, StepOutcome, TraceMode, host::NullHost};

    /// Goal for (b)/(c): the loop with the trace off costs at most 5% over Boa's bare executor.
    const GOAL_OUTPUT: f64 = 1.05;
    /// Goal for (a)/(c): the full trace costs at most 25% over Boa's bare executor.
    const GOAL_FULL: f64 = 1.25;

    /// One of the measured programs.
    struct Workload {
        /// Short name, for `--workload`.
        key: &'static str,
        /// What the table calls it.
        label: String,
        /// The script; it leaves its answer in the global `result`.
        source: String,
        /// What `result` must be once the loop is idle.
        expected: f64,
        /// Whether (c) is only an indicative baseline (different semantics).
        indicative_baseline: bool,
    }

    /// The three workloads, `n` scaling the microtask ones and `n / 10` the timer one.
    fn workloads(n: u32) -> Vec<Workload> {
        let timers = n / 10;
        vec![
            Workload {
                key: "then",
                label: format!("{n} .then links"),
                source: format!(
                    "var result = -1;\n\
                     let p = Promise.resolve(0);\n\
                     for (let i = 0; i < {n}; i++) p = p.then(v => v + 1);\n\
                     p.then(v => {{ result = v; }});\n"
                ),
                expected: f64::from(n),
                indicative_baseline: false,
            },
            Workload {
                key: "await",
                label: format!("{n} awaits"),
                source: format!(
                    "var result = -1;\n\
                     async function count() {{\n\
                       let sum = 0;\n\
                       for (let i = 0; i < {n}; i++) sum += await 1;\n\
                       return sum;\n\
                     }}\n\
                     count().then(v => {{ result = v; }});\n"
                ),
                expected: f64::from(n),
                indicative_baseline: false,
            },
            Workload {
                key: "timeout",
                label: format!("{timers} setTimeout(0)"),
                source: format!(
                    "var result = 0;\n\
                     for (let i = 0; i < {timers}; i++) setTimeout(() => {{ result++; }}, 0);\n"
                ),
                expected: f64::from(timers),
                indicative_baseline: true,
            },
        ]
    }

    /// How a workload is run.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Config {
        /// (a) tickscope, full trace, drained after the run.
        Full,
        /// (b) tickscope, output-only trace.
        Output,
        /// (c) Boa's `SimpleJobExecutor` in a plain context.
        Bare,
    }

    impl Config {
        const ALL: [Self; 3] = [Self::Full, Self::Output, Self::Bare];

        fn letter(self) -> &'static str {
            match self {
                Self::Full => "a",
                Self::Output => "b",
                Self::Bare => "c",
            }
        }
    }

    /// What one timed run observed.
    struct Sample {
        elapsed: Duration,
        /// Trace events drained (only (a) drains any besides output).
        events: usize,
    }

    /// Runs `workload` once under `config`, timing only evaluation and the loop.
    fn run_once(config: Config, workload: &Workload) -> Sample {
        match config {
            Config::Full => run_tickscope(TraceMode::Full, workload),
            Config::Output => run_tickscope(TraceMode::Output, workload),
            Config::Bare => run_bare(workload),
        }
    }

    fn run_tickscope(trace: TraceMode, workload: &Workload) -> Sample {
        let options = RuntimeOptions {
            clock: ClockKind::Virtual,
            trace,
            ..RuntimeOptions::default()
        };
        let mut runtime = Runtime::new(options, Rc::new(NullHost)).expect("the runtime starts");
        runtime
            .load_script("bench.js", &workload.source)
            .expect("the workload parses");
        // Loading records a `TaskQueued` event; start from an empty trace.
        drop(runtime.take_events());

        let start = Instant::now();
        let (outcome, count) = timed_tickscope(&mut runtime);
        let elapsed = start.elapsed();

        assert_eq!(outcome, StepOutcome::Idle, "the loop goes idle");
        assert_eq!(
            runtime.failures(),
            0,
            "{}: no uncaught errors",
            workload.label
        );
        check_result(runtime.context(), workload);
        Sample {
            elapsed,
            events: count,
        }
    }

    fn run_bare(workload: &Workload) -> Sample {
        let mut context = Context::builder()
            .job_executor(Rc::new(SimpleJobExecutor::new()))
            // tickscope turns on the engine's instruction counter (its virtual clock reads it).
            .instructions_remaining(usize::MAX)
            .build()
            .expect("the bare context starts");
        if workload.indicative_baseline {
            context
                .register_global_callable(
                    js_string!("setTimeout"),
                    2,
                    NativeFunction::from_fn_ptr(bare_set_timeout),
                )
                .expect("setTimeout installs");
        }
        let script = Script::parse(Source::from_bytes(&workload.source), None, &mut context)
            .expect("the workload parses");

        let start = Instant::now();
        timed_bare(&script, &mut context);
        let elapsed = start.elapsed();

        check_result(&mut context, workload);
        Sample { elapsed, events: 0 }
    }

    /// The timed part of (a) and (b): run until idle, then drain and drop the trace.
    ///
    /// Never inlined, so that `valgrind --tool=callgrind --toggle-collect='*timed_*'` counts
    /// exactly what the clock measures.
    #[inline(never)]
    fn timed_tickscope(runtime: &mut Runtime) -> (StepOutcome, usize) {
        let outcome = runtime.run_until_idle();
        let events = runtime.take_events();
        let count = events.len();
        drop(std::hint::black_box(events));
        (outcome, count)
    }

    /// The timed part of (c): evaluate the script, then run Boa's executor until it is empty.
    #[inline(never)]
    fn timed_bare(script: &Script, context: &mut Context) {
        script.evaluate(context).expect("the workload runs");
        context.run_jobs().expect("the jobs run");
    }

    /// `setTimeout(callback, delay)` for the bare baseline: Boa's own `TimeoutJob`.
    fn bare_set_timeout(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let callback = args
            .first()
            .and_then(JsValue::as_callable)
            .and_then(JsFunction::from_object)
            .ok_or_else(|| boa_engine::JsNativeError::typ().with_message("not a function"))?;
        let delay = args
            .get(1)
            .cloned()
            .unwrap_or_default()
            .to_number(context)?;
        let delay = if delay.is_finite() && delay > 0.0 {
            delay as u64
        } else {
            0
        };
        let job = NativeJob::new(move |context| callback.call(&JsValue::undefined(), &[], context));
        context.enqueue_job(Job::TimeoutJob(TimeoutJob::new(job, delay)));
        Ok(JsValue::undefined())
    }

    /// Asserts that the workload really ran to the end.
    fn check_result(context: &mut Context, workload: &Workload) {
        let result = context
            .global_object()
            .get(js_string!("result"), context)
            .expect("`result` is readable");
        assert_eq!(
            result.as_number(),
            Some(workload.expected),
            "{}: the workload did not finish",
            workload.label
        );
    }

    /// The command line (after `cargo bench --bench event_loop --`).
    struct Args {
        rounds: usize,
        quick: bool,
        only: Option<Config>,
        workload: Option<String>,
        /// Run every sample in this process instead of a fresh child (for profilers).
        in_process: bool,
        /// Internal: run one sample of `(config, workload)` and print it (the child's job).
        sample: Option<(Config, String)>,
    }

    fn parse_config(letter: Option<String>) -> Config {
        let letter = letter.expect("a configuration letter: a, b or c");
        Config::ALL
            .into_iter()
            .find(|config| config.letter() == letter)
            .expect("a configuration letter: a, b or c")
    }

    fn parse_args() -> Args {
        let mut args = Args {
            rounds: 7,
            quick: false,
            only: None,
            workload: None,
            in_process: false,
            sample: None,
        };
        let mut iter = std::env::args().skip(1);
        while let Some(arg) = iter.next() {
            match arg.as_str() {
                "--rounds" => {
                    args.rounds = iter
                        .next()
                        .and_then(|value| value.parse().ok())
                        .filter(|&rounds| rounds > 0)
                        .expect("--rounds takes a positive number");
                }
                "--quick" => args.quick = true,
                "--only" => args.only = Some(parse_config(iter.next())),
                "--workload" => args.workload = Some(iter.next().expect("--workload takes a name")),
                "--in-process" => args.in_process = true,
                "--sample" => {
                    let config = parse_config(iter.next());
                    let workload = iter
                        .next()
                        .expect("--sample takes a configuration and a workload");
                    args.sample = Some((config, workload));
                }
                // `cargo bench` passes `--bench`; ignore it and any libtest-style filter.
                _ => {}
            }
        }
        args
    }

    /// The prefix of the line a child prints: `SAMPLE <nanoseconds> <events>`.
    const SAMPLE_LINE: &str = "SAMPLE";

    /// Runs one sample in a fresh process, so that no configuration inherits the allocator
    /// and page state another one left behind.
    fn run_in_child(config: Config, workload: &Workload, quick: bool) -> Sample {
        let exe = std::env::current_exe().expect("the benchmark knows its own path");
        let mut command = std::process::Command::new(exe);
        command.args(["--sample", config.letter(), workload.key]);
        if quick {
            command.arg("--quick");
        }
        let output = command.output().expect("the benchmark can start itself");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "sample ({}) {} failed: {}{}",
            config.letter(),
            workload.key,
            stdout,
            String::from_utf8_lossy(&output.stderr)
        );
        let fields: Vec<u64> = stdout
            .lines()
            .find_map(|line| line.strip_prefix(SAMPLE_LINE))
            .expect("the child prints its sample")
            .split_whitespace()
            .map(|field| field.parse().expect("the sample is numeric"))
            .collect();
        Sample {
            elapsed: Duration::from_nanos(fields[0]),
            events: usize::try_from(fields[1]).expect("the event count fits"),
        }
    }

    fn verdict(ratio: f64, goal: f64) -> &'static str {
        if ratio <= goal { "PASS" } else { "MISS" }
    }

    pub fn main() {
        let args = parse_args();
        let n = if args.quick { 10_000 } else { 100_000 };
        let all = workloads(n);

        if let Some((config, key)) = &args.sample {
            let workload = all
                .iter()
                .find(|workload| workload.key == key.as_str())
                .expect("a known workload: then, await or timeout");
            let sample = run_once(*config, workload);
            println!(
                "{SAMPLE_LINE} {} {}",
                sample.elapsed.as_nanos(),
                sample.events
            );
            return;
        }

        let workloads: Vec<&Workload> = all
            .iter()
            .filter(|workload| {
                args.workload
                    .as_deref()
                    .is_none_or(|key| key == workload.key)
            })
            .collect();
        let configs: Vec<Config> = Config::ALL
            .into_iter()
            .filter(|config| args.only.is_none_or(|only| only == *config))
            .collect();
        println!(
            "tickscope event-loop benchmark: {} round(s) after 1 warm-up round, configurations \
             interleaved, each sample in {}",
            args.rounds,
            if args.in_process {
                "this process"
            } else {
                "a fresh process"
            }
        );
        println!(
            "(a) Runtime, TraceMode::Full, events drained  (b) Runtime, TraceMode::Output  \
             (c) boa SimpleJobExecutor; tickscope on ClockKind::Virtual + NullHost"
        );

        // samples[workload][config]: milliseconds, one per round.
        let mut samples =
            vec![vec![Vec::with_capacity(args.rounds); configs.len()]; workloads.len()];
        let mut events = vec![0usize; workloads.len()];
        for round in 0..=args.rounds {
            for (w, workload) in workloads.iter().enumerate() {
                // Rotate the order from round to round so no configuration always goes first.
                for k in 0..configs.len() {
                    let c = (k + round) % configs.len();
                    let sample = if args.in_process {
                        run_once(configs[c], workload)
                    } else {
                        run_in_child(configs[c], workload, args.quick)
                    };
                    if round > 0 {
                        samples[w][c].push(sample.elapsed.as_secs_f64() * 1000.0);
                    }
                    events[w] = events[w].max(sample.events);
                }
            }
            if round == 0 {
                println!("warm-up done");
            } else {
                println!("round {round}/{} done", args.rounds);
            }
        }
        println!();
        for per_config in &mut samples {
            for series in per_config.iter_mut() {
                series.sort_by(f64::total_cmp);
            }
        }
        let median = |series: &[f64]| {
            let mid = series.len() / 2;
            if series.len() % 2 == 1 {
                series[mid]
            } else {
                (series[mid - 1] + series[mid]) / 2.0
            }
        };

        if configs.len() != Config::ALL.len() {
            for (w, workload) in workloads.iter().enumerate() {
                for (c, config) in configs.iter().enumerate() {
                    let series = &samples[w][c];
                    println!(
                        "{:<22} ({}) median {:>8.1} ms  (min {:.1}, max {:.1})",
                        workload.label,
                        config.letter(),
                        median(series),
                        series[0],
                        series[series.len() - 1]
                    );
                }
            }
            return;
        }

        println!(
            "| workload | (a) full ms | (b) output ms | (c) bare ms | (b)/(c) | goal ≤ {GOAL_OUTPUT:.2} | (a)/(c) | goal ≤ {GOAL_FULL:.2} |"
        );
        println!("|---|---:|---:|---:|---:|---|---:|---|");
        for (w, workload) in workloads.iter().enumerate() {
            let [full, output, bare] = [0, 1, 2].map(|c| median(&samples[w][c]));
            let (output_ratio, full_ratio) = (output / bare, full / bare);
            let mark = if workload.indicative_baseline {
                " (c*)"
            } else {
                ""
            };
            println!(
                "| {}{mark} | {full:.1} | {output:.1} | {bare:.1} | {output_ratio:.2} | {} | {full_ratio:.2} | {} |",
                workload.label,
                verdict(output_ratio, GOAL_OUTPUT),
                verdict(full_ratio, GOAL_FULL),
            );
        }
        println!();
        println!("min–max over rounds, ms:");
        for (w, workload) in workloads.iter().enumerate() {
            let cells: Vec<String> = Config::ALL
                .iter()
                .enumerate()
                .map(|(c, config)| {
                    let series = &samples[w][c];
                    format!(
                        "({}) {:.1}–{:.1}",
                        config.letter(),
                        series[0],
                        series[series.len() - 1]
                    )
                })
                .collect();
            println!(
                "  {:<22} {}   trace events drained in (a): {}",
                workload.label,
                cells.join("  "),
                events[w]
            );
        }
        println!(
            "  (one TraceEvent is {} bytes before the strings it owns)",
            std::mem::size_of::<tickscope::trace::TraceEvent>()
        );
        if workloads
            .iter()
            .any(|workload| workload.indicative_baseline)
        {
            println!();
            println!(
                "(c*) Boa's TimeoutJob on SimpleJobExecutor with a minimal setTimeout: indicative \
                 only (no ids, clearTimeout, nesting clamp or task/microtask ordering)."
            );
        }
    }
}
