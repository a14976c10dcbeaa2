//! `require("fetch").get` and the global `fetch` in headless Chrome, inside a dedicated worker
//! as in the playground, against a real HTTP server on 127.0.0.1 (`tests/support/http-server.mjs`):
//! 200 JSON, 404 and 503, connection refused, a slow answer and the timeout, under both clocks,
//! with the host operations in the trace.
//!
//! `scripts/test wasm` starts the server and passes its address at compile time in
//! `TICKSCOPE_TEST_SERVER` (and a closed port in `TICKSCOPE_TEST_CLOSED_URL`). Without them
//! these tests fail, saying so: they never pass by skipping. By hand:
//!
//! ```sh
//! node tests/support/http-server.mjs     # prints {"url":…,"closed":…}
//! TICKSCOPE_TEST_SERVER=http://127.0.0.1:PORT TICKSCOPE_TEST_CLOSED_URL=http://127.0.0.1:OTHER \
//!     cargo test --target wasm32-unknown-unknown --test wasm_fetch
//! ```
#![cfg(target_arch = "wasm32")]

#[path = "support/wasm.rs"]
mod support;

use support::{CLOCKS, Run, run_script};
use tickscope::ClockKind;
use tickscope::trace::EventKind;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_dedicated_worker);

/// How long `/slow` waits before answering (as in the server).
const SLOW_MS: f64 = 150.0;

const MISSING: &str = "is not set when the wasm tests are built: run them with `scripts/test wasm`, which starts \
     tests/support/http-server.mjs and sets it (see this file's header to do it by hand)";

/// The test server's base URL.
fn server() -> &'static str {
    match option_env!("TICKSCOPE_TEST_SERVER") {
        Some(url) if !url.is_empty() => url,
        _ => panic!("TICKSCOPE_TEST_SERVER {MISSING}"),
    }
}

/// A URL on a port where nothing listens.
fn refused_url() -> String {
    match option_env!("TICKSCOPE_TEST_CLOSED_URL") {
        Some(url) if !url.is_empty() => format!("{url}/gone"),
        _ => panic!("TICKSCOPE_TEST_CLOSED_URL {MISSING}"),
    }
}

/// Runs `source` with `BASE` defined as the server's URL.
async fn run(clock: ClockKind, source: &str) -> Run {
    let source = format!("const BASE = {:?};\n{source}", server());
    run_script(&source, clock, 20_000.0).await
}

/// Runs `source` under both clocks; each run must print `expected`.
async fn expect_lines(source: &str, expected: &[&str]) -> Vec<Run> {
    let mut runs = Vec::new();
    for clock in CLOCKS {
        let run = run(clock, source).await;
        assert_eq!(run.lines(), expected, "under the {clock:?} clock");
        runs.push(run);
    }
    runs
}

fn host_ops_started(run: &Run) -> Vec<(String, String)> {
    run.events()
        .into_iter()
        .filter_map(|event| match event.kind {
            EventKind::HostOpStarted { name, args, .. } => Some((name, args)),
            _ => None,
        })
        .collect()
}

fn host_ops_settled(run: &Run) -> Vec<(String, bool)> {
    run.events()
        .into_iter()
        .filter_map(|event| match event.kind {
            EventKind::HostOpSettled { name, ok, .. } => Some((name, ok)),
            _ => None,
        })
        .collect()
}

#[wasm_bindgen_test]
fn the_test_server_is_configured() {
    assert!(server().starts_with("http://127.0.0.1:"), "{}", server());
    assert!(refused_url().starts_with("http://127.0.0.1:"));
}

// ---------------------------------------------------------------------------------------------
// require("fetch").get

#[wasm_bindgen_test]
async fn get_200_json_fulfils_with_status_body_ok() {
    let runs = expect_lines(
        r#"
        require("fetch").get(BASE + "/json").then((response) => {
          console.log(Object.keys(response).sort().join(","));
          console.log(response.status, response.ok, typeof response.body);
          console.log(JSON.parse(response.body).name);
        });
        "#,
        &["body,ok,status", "200 true string", "tickscope"],
    )
    .await;
    let url = format!("{}/json", server());
    for run in runs {
        assert_eq!(
            host_ops_started(&run),
            [("fetch.get".to_owned(), url.clone())]
        );
        assert_eq!(
            host_ops_settled(&run),
            [("fetch.get.settle".to_owned(), true)]
        );
    }
}

#[wasm_bindgen_test]
async fn get_non_2xx_statuses_fulfil_with_ok_false() {
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
    )
    .await;
}

#[wasm_bindgen_test]
async fn get_connection_refused_rejects_with_an_error_naming_the_url() {
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
        )
        .await;
        let lines = run.lines();
        assert_eq!(lines.len(), 2, "{clock:?}: {lines:?}");
        assert_eq!(lines[0], "true Error ECONNREFUSED", "{clock:?}");
        assert_eq!(
            lines[1],
            format!("fetch {url} failed: network error (Failed to fetch)"),
            "{clock:?}"
        );
        assert_eq!(
            host_ops_settled(&run),
            [("fetch.get.settle".to_owned(), false)]
        );
    }
}

#[wasm_bindgen_test]
async fn get_a_slow_answer_completes() {
    for run in expect_lines(
        r#"require("fetch").get(BASE + "/slow").then((r) => console.log(r.status, r.body));"#,
        &["200 slow but here"],
    )
    .await
    {
        assert!(run.took >= SLOW_MS - 10.0, "took {} ms", run.took);
    }
}

#[wasm_bindgen_test]
async fn get_times_out_with_an_error_naming_the_url() {
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
    )
    .await
    {
        assert!(run.took >= 190.0, "took {} ms", run.took);
        assert!(run.took < 3_000.0, "took {} ms", run.took);
        assert_eq!(
            host_ops_settled(&run),
            [("fetch.get.settle".to_owned(), false)]
        );
    }
}

#[wasm_bindgen_test]
async fn get_bad_arguments_reject_and_never_throw() {
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
            http.get("ftp://127.0.0.1/x").catch((e) => "4 " + e.name + " " + e.message.includes("scheme")),
          ];
        } catch (e) {
          threw = true;
        }
        console.log("threw", threw);
        Promise.all(pending).then((results) => results.forEach((line) => console.log(line)));
        "#,
        &[
            "threw false",
            "1 Error true",
            "2 RangeError",
            "3 TypeError",
            "4 Error true",
        ],
    )
    .await;
}

// ---------------------------------------------------------------------------------------------
// The global fetch

#[wasm_bindgen_test]
async fn global_fetch_200_json() {
    let url = format!("{}/json", server());
    for run in expect_lines(
        r#"
        fetch(BASE + "/json").then((r) => {
          console.log(r instanceof Response, r.status, r.ok, r.statusText, r.url === BASE + "/json");
          console.log(r.headers.get("content-type"), r.headers.get("CONTENT-TYPE"), r.headers.get("x-nope"));
          return r.json();
        }).then((data) => console.log(data.name, data.n));
        "#,
        &[
            "true 200 true OK true",
            "application/json application/json null",
            "tickscope 3",
        ],
    )
    .await
    {
        assert_eq!(host_ops_started(&run), [("fetch".to_owned(), url.clone())]);
        assert_eq!(host_ops_settled(&run), [("fetch.settle".to_owned(), true)]);
    }
}

#[wasm_bindgen_test]
async fn global_fetch_404_and_bad_json() {
    expect_lines(
        r#"
        (async () => {
          const r = await fetch(BASE + "/nothing-here");
          console.log(r.status, r.ok, r.statusText, await r.text());
          const bad = await fetch(BASE + "/bad-json");
          try { await bad.json(); } catch (e) { console.log("json:", e.name); }
        })();
        "#,
        &["404 false Not Found no such thing", "json: SyntaxError"],
    )
    .await;
}

#[wasm_bindgen_test]
async fn global_fetch_sends_method_headers_and_body_without_credentials() {
    expect_lines(
        r#"
        (async () => {
          const r = await fetch(BASE + "/echo", {
            method: "post",
            headers: { "X-Token": "secret" },
            body: "hello",
          });
          console.log(r.status, r.ok, r.statusText);
          console.log(JSON.stringify(await r.json()));
        })();
        "#,
        &[
            "201 true Created",
            r#"{"body":"hello","contentType":"text/plain;charset=UTF-8","cookie":"","method":"POST","token":"secret"}"#,
        ],
    )
    .await;
}

#[wasm_bindgen_test]
async fn global_fetch_exposes_the_response_headers() {
    expect_lines(
        r#"
        (async () => {
          const r = await fetch(BASE + "/headers");
          console.log(r.headers.get("x-multi"), r.headers.get("X-Case"), r.headers.has("x-none"));
        })();
        "#,
        &["one, two Mixed false"],
    )
    .await;
}

#[wasm_bindgen_test]
async fn global_fetch_refused_and_timeout_reject_with_type_errors_naming_the_url() {
    let refused = refused_url();
    let hang = format!("{}/hang", server());
    for clock in CLOCKS {
        let run = run(
            clock,
            &format!(
                r#"
                (async () => {{
                  try {{ await fetch({refused:?}); }} catch (e) {{ console.log(e.name, e.code, e.message); }}
                  try {{ await fetch(BASE + "/hang", {{ timeout: 150 }}); }} catch (e) {{ console.log(e.name, e.code, e.message); }}
                }})();
                "#
            ),
        )
        .await;
        assert_eq!(
            run.lines(),
            [
                format!(
                    "TypeError ECONNREFUSED fetch {refused} failed: network error (Failed to fetch)"
                ),
                format!("TypeError ETIMEDOUT fetch {hang} failed: timed out after 150 ms"),
            ],
            "{clock:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn requests_run_concurrently_and_settle_in_the_order_they_finish() {
    for run in expect_lines(
        r#"
        const http = require("fetch");
        http.get(BASE + "/slow").then((r) => console.log("slow", r.status));
        http.get(BASE + "/json").then((r) => console.log("json", r.status));
        "#,
        &["json 200", "slow 200"],
    )
    .await
    {
        // Both were in flight together: the run took about one slow answer, not two.
        assert!(run.took < 2.0 * SLOW_MS + 250.0, "took {} ms", run.took);
    }
}
