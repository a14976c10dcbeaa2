//! `require("fetch").get(url)` and the global `fetch(url, init)` against a real HTTP server on
//! 127.0.0.1: 200 JSON, 404, connection refused, a slow answer and the timeout, under both
//! clocks on the native host, with the host operations in the trace; and the `fetch.js`
//! example through the CLI.
//!
//! The server is a few lines of HTTP/1.1 over `std::net`, so each route can misbehave exactly as
//! a test needs (answer late, never answer). Every answer closes its connection.

#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use tickscope::native::NativeHost;
use tickscope::trace::{EventKind, TaskSource, TraceEvent};
use tickscope::{ClockKind, Runtime, RuntimeOptions, StepOutcome};

const CLOCKS: [ClockKind; 2] = [ClockKind::Virtual, ClockKind::Real];

/// How long `/slow` waits before answering.
const SLOW_MS: u64 = 150;

// ---------------------------------------------------------------------------------------------
// The test server
// ---------------------------------------------------------------------------------------------

/// The base URL (`http://127.0.0.1:PORT`) of a server shared by every test of this file.
fn server() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("the test server binds");
        let port = listener.local_addr().expect("a bound address").port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || handle(stream));
            }
        });
        format!("http://127.0.0.1:{port}")
    })
}

/// A request as the server saw it.
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn respond(mut stream: TcpStream, status: &str, headers: &[(&str, &str)], body: &str) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    // The client may have given up (the timeout test); a failed write is no test failure.
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
    let _ = stream.flush();
}

fn handle(stream: TcpStream) {
    let Some(request) = read_request(&stream) else {
        return;
    };
    let json = [("Content-Type", "application/json")];
    let text = [("Content-Type", "text/plain; charset=utf-8")];
    match request.path.as_str() {
        "/json" => respond(stream, "200 OK", &json, r#"{"name":"tickscope","n":3}"#),
        "/bad-json" => respond(stream, "200 OK", &json, "{not json"),
        "/slow" => {
            std::thread::sleep(Duration::from_millis(SLOW_MS));
            respond(stream, "200 OK", &text, "slow but here");
        }
        "/hang" => {
            // Never answers: holds the connection open long after any test's timeout.
            std::thread::sleep(Duration::from_secs(20));
            drop(stream);
        }
        "/error" => respond(stream, "503 Service Unavailable", &text, "try later"),
        "/headers" => respond(
            stream,
            "200 OK",
            &[("X-Multi", "one"), ("X-Multi", "two"), ("X-Case", "Mixed")],
            "",
        ),
        "/echo" => {
            let header = |name: &str| {
                request
                    .headers
                    .iter()
                    .find(|(n, _)| n == name)
                    .map_or(String::new(), |(_, value)| value.clone())
            };
            let body = serde_json::json!({
                "method": request.method,
                "contentType": header("content-type"),
                "token": header("x-token"),
                "body": request.body,
            })
            .to_string();
            respond(stream, "201 Created", &json, &body);
        }
        "/examples/fetch.js" | "/package.json" => {
            let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(&request.path[1..]);
            match std::fs::read_to_string(file) {
                Ok(contents) => respond(stream, "200 OK", &text, &contents),
                Err(_) => respond(stream, "500 Internal Server Error", &text, ""),
            }
        }
        _ => respond(stream, "404 Not Found", &text, "no such thing"),
    }
}

/// A URL where nothing listens: a port that was bound and then closed.
fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("a bound address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}/gone")
}

// ---------------------------------------------------------------------------------------------
// Running scripts
// ---------------------------------------------------------------------------------------------

/// What a run printed and recorded.
struct Run {
    lines: Vec<String>,
    events: Vec<TraceEvent>,
    failures: u32,
    took: Duration,
}

/// Runs `source` on the native host under `clock` with `run_until_idle`.
fn run(clock: ClockKind, source: &str) -> Run {
    let options = RuntimeOptions {
        clock,
        ..RuntimeOptions::default()
    };
    let mut runtime =
        Runtime::new(options, Rc::new(NativeHost::new())).expect("the runtime starts");
    runtime
        .load_script("fetch-test.js", source)
        .expect("the script parses");
    let started = Instant::now();
    assert_eq!(runtime.run_until_idle(), StepOutcome::Idle);
    let took = started.elapsed();
    let events = runtime.take_events();
    let lines = events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::Console { text, .. } => Some(text.clone()),
            EventKind::UncaughtError { message, .. }
            | EventKind::UnhandledRejection { message, .. } => Some(message.clone()),
            _ => None,
        })
        .collect();
    Run {
        lines,
        events,
        failures: runtime.failures(),
        took,
    }
}

/// Runs `source` (with `BASE` defined as the server's URL) under both clocks; every run must
/// print `expected` and fail nothing.
fn expect_lines(source: &str, expected: &[&str]) -> Vec<Run> {
    CLOCKS
        .iter()
        .map(|&clock| {
            let source = format!("const BASE = {:?};\n{source}", server());
            let run = run(clock, &source);
            assert_eq!(run.lines, expected, "under the {clock:?} clock");
            assert_eq!(run.failures, 0, "under the {clock:?} clock");
            run
        })
        .collect()
}

fn host_ops_started(events: &[TraceEvent]) -> Vec<(String, String)> {
    events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::HostOpStarted { name, args, .. } => Some((name.clone(), args.clone())),
            _ => None,
        })
        .collect()
}

fn host_ops_settled(events: &[TraceEvent]) -> Vec<(String, bool)> {
    events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::HostOpSettled { name, ok, .. } => Some((name.clone(), *ok)),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// require("fetch").get
// ---------------------------------------------------------------------------------------------

#[test]
fn get_200_json_fulfils_with_status_body_ok() {
    let runs = expect_lines(
        r#"
        require("fetch").get(BASE + "/json").then((response) => {
          console.log(Object.keys(response).sort().join(","));
          console.log(response.status, response.ok, typeof response.body);
          console.log(JSON.parse(response.body).name);
        });
        "#,
        &["body,ok,status", "200 true string", "tickscope"],
    );
    let url = format!("{}/json", server());
    for run in runs {
        assert_eq!(
            host_ops_started(&run.events),
            [("fetch.get".to_owned(), url.clone())]
        );
        assert_eq!(
            host_ops_settled(&run.events),
            [("fetch.get.settle".to_owned(), true)]
        );
    }
}

#[test]
fn get_non_2xx_statuses_fulfil_with_ok_false() {
    expect_lines(
        r#"
        (async () => {
          const http = require("fetch");
          const missing = await http.get(BASE + "/nothing-here");
          console.log(missing.status, missing.ok, missing.body);
          const busy = await http.get(BASE + "/error");
          console.log(busy.status, busy.ok, busy.body);
        })();
        "#,
        &["404 false no such thing", "503 false try later"],
    );
}

#[test]
fn get_connection_refused_rejects_with_an_error_naming_the_url() {
    let url = refused_url();
    for clock in CLOCKS {
        let run = run(
            clock,
            &format!(
                r#"
                require("fetch").get({url:?}).then(
                  () => console.log("fulfilled?!"),
                  (error) => {{
                    console.log(error instanceof Error, error.name, error.code);
                    console.log(error.message);
                  }});
                "#
            ),
        );
        assert_eq!(run.lines.len(), 2, "{clock:?}: {:?}", run.lines);
        assert_eq!(run.lines[0], "true Error ECONNREFUSED", "{clock:?}");
        assert!(
            run.lines[1].contains(&url) && run.lines[1].contains("connection refused"),
            "{clock:?}: {}",
            run.lines[1]
        );
        assert_eq!(
            host_ops_started(&run.events),
            [("fetch.get".to_owned(), url.clone())]
        );
        assert_eq!(
            host_ops_settled(&run.events),
            [("fetch.get.settle".to_owned(), false)]
        );
    }
}

#[test]
fn get_a_slow_answer_completes() {
    for run in expect_lines(
        r#"
        require("fetch").get(BASE + "/slow").then((r) => console.log(r.status, r.body));
        "#,
        &["200 slow but here"],
    ) {
        assert!(
            run.took >= Duration::from_millis(SLOW_MS - 10),
            "{:?}",
            run.took
        );
    }
}

#[test]
fn get_times_out_with_an_error_naming_the_url() {
    let url = format!("{}/hang", server());
    for run in expect_lines(
        r#"
        require("fetch").get(BASE + "/hang", { timeout: 200 }).then(
          () => console.log("fulfilled?!"),
          (error) => console.log(error.name, error.code, error.message));
        "#,
        &[&format!(
            "Error ETIMEDOUT fetch {url} failed: timed out after 200 ms"
        )],
    ) {
        assert!(run.took >= Duration::from_millis(190), "{:?}", run.took);
        assert!(run.took < Duration::from_secs(2), "{:?}", run.took);
        assert_eq!(
            host_ops_settled(&run.events),
            [("fetch.get.settle".to_owned(), false)]
        );
    }
}

#[test]
fn get_bad_arguments_reject_and_never_throw() {
    expect_lines(
        r#"
        const http = require("fetch");
        let threw = false;
        let pending;
        try {
          pending = [
            http.get("not a url").catch((e) => "1 " + e.name + " " + e.message.includes("not a url")),
            http.get(BASE + "/json", { timeout: -5 }).catch((e) => "2 " + e.name),
            http.get(BASE + "/json", 5).catch((e) => "3 " + e.name),
          ];
        } catch (e) {
          threw = true;
        }
        console.log("threw", threw);
        Promise.all(pending).then((results) => results.forEach((line) => console.log(line)));
        "#,
        &["threw false", "1 Error true", "2 RangeError", "3 TypeError"],
    );
}

#[test]
fn get_is_a_module_function_shared_by_require_and_import() {
    let options = RuntimeOptions {
        clock: ClockKind::Virtual,
        ..RuntimeOptions::default()
    };
    let mut runtime =
        Runtime::new(options, Rc::new(NativeHost::new())).expect("the runtime starts");
    let source = format!(
        r#"
        import fetchModule, {{ get }} from "fetch";
        console.log(get === fetchModule.get, get === require("fetch").get);
        const response = await get("{}/json");
        console.log(response.status);
        "#,
        server()
    );
    runtime
        .load_module("fetch-test.mjs", &source)
        .expect("the module parses");
    runtime.run_until_idle();
    let lines: Vec<String> = runtime
        .take_events()
        .into_iter()
        .filter_map(|event| match event.kind {
            EventKind::Console { text, .. } => Some(text),
            EventKind::UncaughtError { message, .. }
            | EventKind::UnhandledRejection { message, .. } => Some(message),
            _ => None,
        })
        .collect();
    assert_eq!(lines, ["true true", "200"]);
}

// ---------------------------------------------------------------------------------------------
// The global fetch
// ---------------------------------------------------------------------------------------------

#[test]
fn global_fetch_200_json() {
    let url = format!("{}/json", server());
    for run in expect_lines(
        r#"
        fetch(BASE + "/json").then((r) => {
          console.log(r instanceof Response, r.status, r.ok, r.statusText, r.url === BASE + "/json");
          console.log(r.headers.get("content-type"), r.headers.get("CONTENT-TYPE"), r.headers.get("x-nope"));
          console.log(r.bodyUsed);
          return r.json();
        }).then((data) => console.log(data.name, data.n));
        "#,
        &[
            "true 200 true OK true",
            "application/json application/json null",
            "false",
            "tickscope 3",
        ],
    ) {
        assert_eq!(
            host_ops_started(&run.events),
            [("fetch".to_owned(), url.clone())]
        );
        assert_eq!(
            host_ops_settled(&run.events),
            [("fetch.settle".to_owned(), true)]
        );
    }
}

#[test]
fn global_fetch_404_fulfils_with_ok_false() {
    expect_lines(
        r#"
        (async () => {
          const r = await fetch(BASE + "/nothing-here");
          console.log(r.status, r.ok, r.statusText);
          console.log(await r.text());
        })();
        "#,
        &["404 false Not Found", "no such thing"],
    );
}

#[test]
fn global_fetch_body_is_read_once_and_bad_json_is_a_syntax_error() {
    expect_lines(
        r#"
        (async () => {
          const r = await fetch(BASE + "/bad-json");
          try {
            await r.json();
          } catch (e) {
            console.log("json:", e.name);
          }
          console.log(r.bodyUsed);
          try {
            await r.text();
          } catch (e) {
            console.log("again:", e.name, e.message.includes("already read"));
          }
        })();
        "#,
        &["json: SyntaxError", "true", "again: TypeError true"],
    );
}

#[test]
fn global_fetch_sends_method_headers_and_body() {
    let url = format!("{}/echo", server());
    for run in expect_lines(
        r#"
        (async () => {
          const r = await fetch(BASE + "/echo", {
            method: "post",
            headers: { "X-Token": "secret", "Content-Length": "999", Host: "elsewhere" },
            body: "hello",
          });
          console.log(r.status, r.ok, r.statusText);
          console.log(JSON.stringify(await r.json()));
          const typed = await fetch(BASE + "/echo", {
            method: "PUT",
            headers: [["content-type", "application/json"]],
            body: JSON.stringify({ a: 1 }),
          });
          console.log(JSON.stringify(await typed.json()));
        })();
        "#,
        &[
            "201 true Created",
            r#"{"body":"hello","contentType":"text/plain;charset=UTF-8","method":"POST","token":"secret"}"#,
            r#"{"body":"{\"a\":1}","contentType":"application/json","method":"PUT","token":""}"#,
        ],
    ) {
        assert_eq!(
            host_ops_started(&run.events),
            [
                ("fetch".to_owned(), format!("POST {url}")),
                ("fetch".to_owned(), format!("PUT {url}")),
            ]
        );
    }
}

#[test]
fn global_fetch_headers_combine_and_iterate() {
    expect_lines(
        r#"
        (async () => {
          const r = await fetch(BASE + "/headers");
          console.log(r.headers.get("x-multi"), r.headers.has("X-Case"), r.headers.has("x-none"));
          const seen = [];
          for (const [name, value] of r.headers) if (name.startsWith("x-")) seen.push(name + "=" + value);
          console.log(seen.join(" "));
          try { r.headers.set("x-new", "1"); } catch (e) { console.log(e.name); }
          const own = new Headers({ A: "1" });
          own.append("a", "2");
          console.log(own.get("a"));
        })();
        "#,
        &[
            "one, two true false",
            "x-case=Mixed x-multi=one, two",
            "TypeError",
            "1, 2",
        ],
    );
}

#[test]
fn global_fetch_connection_refused_rejects_with_a_type_error_naming_the_url() {
    let url = refused_url();
    for clock in CLOCKS {
        let run = run(
            clock,
            &format!(
                r#"
                fetch({url:?}).catch((error) => {{
                  console.log(error.name, error.code);
                  console.log(error.message);
                }});
                "#
            ),
        );
        assert_eq!(run.lines.len(), 2, "{clock:?}: {:?}", run.lines);
        assert_eq!(run.lines[0], "TypeError ECONNREFUSED", "{clock:?}");
        assert!(
            run.lines[1].contains(&url) && run.lines[1].contains("connection refused"),
            "{clock:?}: {}",
            run.lines[1]
        );
        assert_eq!(
            host_ops_settled(&run.events),
            [("fetch.settle".to_owned(), false)]
        );
    }
}

#[test]
fn global_fetch_slow_answer_and_timeout() {
    let url = format!("{}/hang", server());
    expect_lines(
        r#"
        (async () => {
          const slow = await fetch(BASE + "/slow", { timeout: 5000 });
          console.log(slow.status, await slow.text());
          try {
            await fetch(BASE + "/hang", { timeout: 150 });
          } catch (error) {
            console.log(error.name, error.code, error.message);
          }
        })();
        "#,
        &[
            "200 slow but here",
            &format!("TypeError ETIMEDOUT fetch {url} failed: timed out after 150 ms"),
        ],
    );
}

#[test]
fn global_fetch_bad_init_rejects() {
    expect_lines(
        r#"
        Promise.all([
          fetch(BASE + "/json", { method: "GET", body: "x" }).catch((e) => e.name),
          fetch(BASE + "/json", { method: "CONNECT" }).catch((e) => e.name),
          fetch(BASE + "/json", { headers: { "bad name": "x" } }).catch((e) => e.name),
          fetch(BASE + "/json", { timeout: 0 }).catch((e) => e.name),
          fetch(BASE + "/json", 42).catch((e) => e.name),
        ]).then((names) => console.log(names.join(" ")));
        "#,
        &["TypeError TypeError TypeError RangeError TypeError"],
    );
}

#[test]
fn a_pending_fetch_keeps_its_place_among_timers() {
    // The timer is due long after the answer arrives under the real clock; under the virtual
    // clock time jumps to it at once, before the answer. Either way the run ends only after
    // both, and the fetch's completion is a task of its own.
    for clock in CLOCKS {
        let source = format!(
            r#"
            const http = require("fetch");
            setTimeout(() => console.log("timer"), 1);
            http.get("{}/slow").then(() => console.log("answer"));
            "#,
            server()
        );
        let run = run(clock, &source);
        let mut lines = run.lines.clone();
        lines.sort();
        assert_eq!(lines, ["answer", "timer"], "{clock:?}");
        let completion_task = run.events.iter().any(|event| {
            matches!(&event.kind, EventKind::TaskStart { source: TaskSource::HostOp { name, .. }, .. }
                if name == "fetch.get.settle")
        });
        assert!(completion_task, "{clock:?}: no fetch.get.settle task");
    }
}

// ---------------------------------------------------------------------------------------------
// The CLI and the example
// ---------------------------------------------------------------------------------------------

/// `examples/fetch.js` with its base URL pointed at `base`, written to a scratch file.
fn example_against(base: &str) -> std::path::PathBuf {
    let original =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/fetch.js"))
            .expect("examples/fetch.js is readable");
    assert!(original.contains("\"http://127.0.0.1:8000\""));
    let source = original.replace("\"http://127.0.0.1:8000\"", &format!("{base:?}"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "modules-fetch-{}-{}",
        std::process::id(),
        base.rsplit(':').next().unwrap_or("base")
    ));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join("fetch.js");
    std::fs::write(&path, source).expect("the example copy is written");
    path
}

#[test]
fn cli_runs_the_example_against_the_server() {
    let example = example_against(server());
    for clock in ["virtual", "real"] {
        let output = Command::new(env!("CARGO_BIN_EXE_tickscope"))
            .args(["run", "--clock", clock])
            .arg(&example)
            .output()
            .expect("tickscope runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{clock}: {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let lines: Vec<&str> = stdout.lines().collect();
        assert!(
            lines[0].starts_with("fetch.get: status 200, ok true, "),
            "{stdout}"
        );
        assert_eq!(
            &lines[1..],
            [
                "  first line: // HTTP from JavaScript, both ways tickscope offers it: the go-go-goja guide's",
                "fetch.get missing: status 404, ok false",
                "fetch: 200 OK, content-type text/plain; charset=utf-8",
                "  package.json names \"tickscope-tools\"",
                "in parallel: 200 (ok true) and 404 (ok false)",
            ],
            "{clock}"
        );
    }
}

#[test]
fn cli_example_says_clearly_when_nothing_listens() {
    let url = refused_url();
    let base = url.trim_end_matches("/gone");
    let example = example_against(base);
    let output = Command::new(env!("CARGO_BIN_EXE_tickscope"))
        .args(["run"])
        .arg(&example)
        .output()
        .expect("tickscope runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.starts_with(&format!("nothing answered at {base} (ECONNREFUSED)")),
        "{stdout}"
    );
    assert!(stdout.contains("python3 -m http.server"), "{stdout}");
}
