//! The `fs` and `stream` native modules, natively, under both clocks: every success and error
//! case, escapes from the file root, the 30 s stream timeout under the virtual clock, the trace
//! of each host operation, the CLI's `--fs-root` and the example scripts.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use tickscope::native::NativeHost;
use tickscope::trace::{EventKind, TaskSource, TraceEvent};
use tickscope::{ClockKind, Runtime, RuntimeOptions};

const CLOCKS: [ClockKind; 2] = [ClockKind::Virtual, ClockKind::Real];

/// What the secret file outside the root holds; no output may ever contain it.
const SECRET: &str = "top secret, outside the root";

/// A scratch folder under the system's temp dir, removed when dropped:
/// `outside.txt` and `root/` holding `greeting.txt`, `sub/inner.txt` and links.
struct Sandbox {
    base: PathBuf,
}

impl Sandbox {
    fn new() -> Self {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let base = std::env::temp_dir().join(format!(
            "tickscope-fs-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&base);
        let root = base.join("root");
        std::fs::create_dir_all(root.join("sub")).expect("create the sandbox");
        std::fs::write(base.join("outside.txt"), SECRET).expect("write outside.txt");
        std::fs::write(root.join("greeting.txt"), "hello, file\n").expect("write greeting");
        std::fs::write(root.join("sub/inner.txt"), "inner").expect("write inner");
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink(base.join("outside.txt"), root.join("link-out")).expect("file link out");
            symlink(&base, root.join("dir-out")).expect("folder link out");
            symlink("greeting.txt", root.join("link-in")).expect("link in");
            symlink(base.join("nowhere.txt"), root.join("dangling-out")).expect("dangling link");
        }
        Self { base }
    }

    fn root(&self) -> PathBuf {
        self.base.join("root")
    }

    /// The root as an absolute, canonical path, for scripts that name files absolutely.
    fn canonical_root(&self) -> String {
        std::fs::canonicalize(self.root())
            .expect("canonical root")
            .display()
            .to_string()
    }

    fn outside(&self) -> PathBuf {
        self.base.join("outside.txt")
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

/// A finished run: console lines, errors reported as uncaught, and every event.
struct Run {
    lines: Vec<String>,
    failures: Vec<String>,
    events: Vec<TraceEvent>,
    real: Duration,
}

impl Run {
    fn host_ops_started(&self, name: &str) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|event| match &event.kind {
                EventKind::HostOpStarted { name: n, args, .. } if n == name => Some(args.clone()),
                _ => None,
            })
            .collect()
    }

    fn host_ops_settled(&self, name: &str) -> Vec<bool> {
        self.events
            .iter()
            .filter_map(|event| match &event.kind {
                EventKind::HostOpSettled { name: n, ok, .. } if n == name => Some(*ok),
                _ => None,
            })
            .collect()
    }

    /// How many tasks ran as the completion `name`.
    fn tasks_named(&self, name: &str) -> usize {
        self.events
            .iter()
            .filter(|event| {
                matches!(&event.kind, EventKind::TaskStart {
                    source: TaskSource::HostOp { name: n, .. }, ..
                } if n == name)
            })
            .count()
    }
}

fn run(clock: ClockKind, root: &Path, source: &str) -> Run {
    run_as(clock, root, source, false)
}

fn run_as(clock: ClockKind, root: &Path, source: &str, module: bool) -> Run {
    let options = RuntimeOptions {
        clock,
        ..RuntimeOptions::default()
    };
    let started = Instant::now();
    let mut runtime =
        Runtime::new(options, Rc::new(NativeHost::with_fs_root(root))).expect("runtime starts");
    let loaded = if module {
        runtime.load_module("test.mjs", source)
    } else {
        runtime.load_script("test.js", source)
    };
    loaded.expect("the test script parses");
    runtime.run_until_idle();
    let events = runtime.take_events();
    let real = started.elapsed();
    let mut lines = Vec::new();
    let mut failures = Vec::new();
    for event in &events {
        match &event.kind {
            EventKind::Console { text, .. } => lines.push(text.clone()),
            EventKind::UncaughtError { message, .. }
            | EventKind::UnhandledRejection { message, .. } => failures.push(message.clone()),
            _ => {}
        }
    }
    for line in lines.iter().chain(&failures) {
        assert!(!line.contains(SECRET), "output leaked the secret: {line}");
    }
    Run {
        lines,
        failures,
        events,
        real,
    }
}

/// Runs `source` under both clocks and checks it prints `expected` and fails nowhere.
fn expect_lines(sandbox: &Sandbox, source: &str, expected: &[&str]) {
    for clock in CLOCKS {
        let run = run(clock, &sandbox.root(), source);
        assert_eq!(run.lines, expected, "{clock:?} clock");
        assert!(run.failures.is_empty(), "{clock:?}: {:?}", run.failures);
    }
}

// ------------------------------------------------------------------------------------------
// fs: callbacks

#[test]
fn read_file_calls_back_with_null_and_the_text_in_every_form() {
    let sandbox = Sandbox::new();
    let absolute = format!("{}/greeting.txt", sandbox.canonical_root());
    let source = format!(
        r#"
        const fs = require("fs");
        const show = (label) => function (err, text) {{
            console.log(label, arguments.length, err, JSON.stringify(text));
        }};
        fs.readFile("greeting.txt", show("plain"));
        fs.readFile("greeting.txt", "utf8", show("utf8"));
        fs.readFile("greeting.txt", "UTF-8", show("UTF-8"));
        fs.readFile("greeting.txt", {{ encoding: "utf8" }}, show("options"));
        fs.readFile("greeting.txt", null, show("null options"));
        fs.readFile("./sub/../greeting.txt", show("dot-dot inside"));
        fs.readFile({absolute:?}, show("absolute inside"));
        fs.readFile("sub/inner.txt", show("nested"));
        console.log("sync", fs.readFile("greeting.txt", () => {{}}));
        "#
    );
    expect_lines(
        &sandbox,
        &source,
        &[
            "sync undefined",
            r#"plain 2 null "hello, file\n""#,
            r#"utf8 2 null "hello, file\n""#,
            r#"UTF-8 2 null "hello, file\n""#,
            r#"options 2 null "hello, file\n""#,
            r#"null options 2 null "hello, file\n""#,
            r#"dot-dot inside 2 null "hello, file\n""#,
            r#"absolute inside 2 null "hello, file\n""#,
            r#"nested 2 null "inner""#,
        ],
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_that_stays_inside_the_root_is_followed() {
    let sandbox = Sandbox::new();
    // `dir-out` leaves the root, but `dir-out/root/greeting.txt` is a file inside it: what
    // counts is where a path really leads.
    let source = r#"
        const fs = require("fs");
        fs.readFile("link-in", "utf8", (err, text) => console.log(err, text.trim()));
        fs.readFile("dir-out/root/greeting.txt", "utf8", (err, text) => console.log(err, text.trim()));
        fs.writeFile("link-in", "changed through the link", (err) => console.log(err));
    "#;
    for clock in CLOCKS {
        std::fs::write(sandbox.root().join("greeting.txt"), "hello, file\n").expect("reset");
        let run = run(clock, &sandbox.root(), source);
        assert_eq!(
            run.lines,
            ["null hello, file", "null hello, file", "null"],
            "{clock:?}"
        );
        assert_eq!(
            std::fs::read_to_string(sandbox.root().join("greeting.txt")).expect("greeting"),
            "changed through the link"
        );
        let link = std::fs::symlink_metadata(sandbox.root().join("link-in"));
        assert!(link.is_ok_and(|meta| meta.file_type().is_symlink()));
    }
}

#[test]
fn read_file_errors_carry_code_path_and_one_argument() {
    let sandbox = Sandbox::new();
    let source = r#"
        const fs = require("fs");
        const show = (label) => function (err, data) {
            console.log(label, arguments.length, err instanceof Error, err.code, data === undefined);
            console.log(label, err.message, "|", err.path, err.syscall);
        };
        fs.readFile("missing.txt", "utf8", show("missing"));
        fs.readFile("sub", show("folder"));
        fs.readFile("sub/missing/deeper.txt", show("missing folder"));
        fs.readFile("greeting.txt/x", show("file as folder"));
        fs.readFile("", show("empty"));
    "#;
    expect_lines(
        &sandbox,
        source,
        &[
            "missing 1 true ENOENT true",
            "missing ENOENT: no such file or directory, open 'missing.txt' | missing.txt open",
            "folder 1 true EISDIR true",
            "folder EISDIR: illegal operation on a directory, read 'sub' | sub read",
            "missing folder 1 true ENOENT true",
            "missing folder ENOENT: no such file or directory, open 'sub/missing/deeper.txt' | sub/missing/deeper.txt open",
            "file as folder 1 true ENOTDIR true",
            "file as folder ENOTDIR: not a directory, open 'greeting.txt/x' | greeting.txt/x open",
            "empty 1 true ENOENT true",
            "empty ENOENT: no such file or directory, open '' |  open",
        ],
    );
}

#[test]
fn a_missing_or_non_function_callback_throws_a_type_error_at_once() {
    let sandbox = Sandbox::new();
    let source = r#"
        const fs = require("fs");
        const attempt = (label, call) => {
            try {
                call();
                console.log(label, "did not throw");
            } catch (err) {
                console.log(label, err instanceof TypeError, err.code, err.message);
            }
        };
        attempt("no callback", () => fs.readFile("greeting.txt"));
        attempt("options, no callback", () => fs.readFile("greeting.txt", "utf8"));
        attempt("number callback", () => fs.readFile("greeting.txt", "utf8", 42));
        attempt("object callback", () => fs.readFile("greeting.txt", {}, {}));
        attempt("writeFile", () => fs.writeFile("x.txt", "data"));
        attempt("readdir", () => fs.readdir("."));
        attempt("path", () => fs.readFile(7, () => {}));
        attempt("data", () => fs.writeFile("x.txt", 7, () => {}));
        attempt("encoding", () => fs.readFile("greeting.txt", "klingon", () => {}));
        attempt("hex", () => fs.readFile("greeting.txt", "hex", () => {}));
        attempt("flag", () => fs.writeFile("x.txt", "d", { flag: "a" }, () => {}));
        attempt("options type", () => fs.readFile("greeting.txt", 5, () => {}));
    "#;
    for clock in CLOCKS {
        let run = run(clock, &sandbox.root(), source);
        assert_eq!(
            run.lines,
            [
                r#"no callback true ERR_INVALID_ARG_TYPE The "cb" argument must be of type function. Received undefined"#,
                r#"options, no callback true ERR_INVALID_ARG_TYPE The "cb" argument must be of type function. Received undefined"#,
                r#"number callback true ERR_INVALID_ARG_TYPE The "cb" argument must be of type function. Received type number (42)"#,
                r#"object callback true ERR_INVALID_ARG_TYPE The "cb" argument must be of type function. Received an instance of Object"#,
                r#"writeFile true ERR_INVALID_ARG_TYPE The "cb" argument must be of type function. Received undefined"#,
                r#"readdir true ERR_INVALID_ARG_TYPE The "cb" argument must be of type function. Received undefined"#,
                r#"path true ERR_INVALID_ARG_TYPE The "path" argument must be of type string. Received type number (7)"#,
                r#"data true ERR_INVALID_ARG_TYPE The "data" argument must be of type string. Received type number (7)"#,
                "encoding true ERR_INVALID_ARG_VALUE The argument 'encoding' is invalid encoding. Received type string ('klingon')",
                "hex true ERR_FEATURE_UNAVAILABLE_ON_PLATFORM the encoding type string ('hex') is not supported: tickscope's fs reads and writes UTF-8 text",
                "flag true ERR_FEATURE_UNAVAILABLE_ON_PLATFORM fs.writeFile: the flag type string ('a') is not supported",
                r#"options type true ERR_INVALID_ARG_TYPE The "options" argument must be one of type string or an instance of Object. Received type number (5)"#,
            ],
            "{clock:?}"
        );
        assert!(run.failures.is_empty());
        // Nothing was asked of the host, and nothing was written.
        assert!(
            !run.events
                .iter()
                .any(|event| matches!(event.kind, EventKind::HostOpStarted { .. }))
        );
        assert!(!sandbox.root().join("x.txt").exists());
    }
}

#[test]
fn callbacks_run_in_their_own_task_after_the_script_and_its_microtasks() {
    let sandbox = Sandbox::new();
    let source = r#"
        const fs = require("fs");
        setTimeout(() => console.log("timeout 0"), 0);
        fs.readFile("greeting.txt", () => console.log("read 1"));
        fs.readFile("missing", () => console.log("read 2"));
        Promise.resolve().then(() => console.log("microtask"));
        console.log("script");
    "#;
    // A completion joins the task queue behind timers that were already due when it was
    // posted: the 0 ms timer was set first, so it runs first (as in Node).
    expect_lines(
        &sandbox,
        source,
        &["script", "microtask", "timeout 0", "read 1", "read 2"],
    );
}

#[test]
fn write_file_creates_and_replaces_and_calls_back_with_null_alone() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.root().join("old.txt"), "old").expect("write old.txt");
    let source = r#"
        const fs = require("fs");
        fs.writeFile("new.txt", "fresh ✓", function (err) {
            console.log("new", arguments.length, err);
            fs.readFile("new.txt", "utf8", (err, text) => console.log("read back", text));
        });
        fs.writeFile("old.txt", "replaced", "utf8", function (err) {
            console.log("old", arguments.length, err);
        });
        fs.writeFile("sub/nested.txt", "", { encoding: "utf8", flag: "w" }, (err) => console.log("nested", err));
        fs.writeFile("missing/x.txt", "x", (err) => console.log(err.code, err.message));
        fs.writeFile("sub", "x", (err) => console.log(err.code, err.message));
        fs.writeFile("greeting.txt/x", "x", (err) => console.log(err.code, err.message));
    "#;
    for clock in CLOCKS {
        let run = run(clock, &sandbox.root(), source);
        assert_eq!(
            run.lines,
            [
                "new 1 null",
                "old 1 null",
                "nested null",
                "ENOENT ENOENT: no such file or directory, open 'missing/x.txt'",
                "EISDIR EISDIR: illegal operation on a directory, open 'sub'",
                "ENOTDIR ENOTDIR: not a directory, open 'greeting.txt/x'",
                "read back fresh ✓",
            ],
            "{clock:?}"
        );
        assert!(run.failures.is_empty());
        let read = |name: &str| std::fs::read_to_string(sandbox.root().join(name)).expect(name);
        assert_eq!(read("new.txt"), "fresh ✓");
        assert_eq!(read("old.txt"), "replaced");
        assert_eq!(read("sub/nested.txt"), "");
        assert!(!sandbox.root().join("missing").exists());
        assert_eq!(read("greeting.txt"), "hello, file\n");
    }
}

#[test]
fn readdir_lists_sorted_names_and_fails_like_node() {
    let sandbox = Sandbox::new();
    let source = r#"
        const fs = require("fs");
        fs.readdir("sub", function (err, names) { console.log(arguments.length, err, names); });
        fs.readdir(".", "utf8", (err, names) => console.log(names.filter((n) => !n.includes("-")).join(",")));
        fs.readdir("greeting.txt", function (err, names) {
            console.log(arguments.length, err.code, err.message, err.syscall);
        });
        fs.readdir("nope", (err) => console.log(err.code, err.message));
        fs.readdir(".", { withFileTypes: true }, () => {});
    "#;
    for clock in CLOCKS {
        let run = run(clock, &sandbox.root(), source);
        assert_eq!(
            run.lines,
            [
                "2 null [ 'inner.txt' ]",
                "greeting.txt,sub",
                "1 ENOTDIR ENOTDIR: not a directory, scandir 'greeting.txt' scandir",
                "ENOENT ENOENT: no such file or directory, scandir 'nope'",
            ],
            "{clock:?}"
        );
        // withFileTypes is refused with a TypeError thrown by the script itself.
        assert_eq!(run.failures.len(), 1, "{:?}", run.failures);
        assert!(run.failures[0].contains("TypeError"), "{:?}", run.failures);
        assert!(
            run.failures[0].contains("withFileTypes"),
            "{:?}",
            run.failures
        );
    }
}

// ------------------------------------------------------------------------------------------
// fs.promises

#[test]
fn fs_promises_fulfil_and_reject_with_the_same_errors() {
    let sandbox = Sandbox::new();
    let source = r#"
        const { promises } = require("fs");
        (async () => {
            console.log("read", JSON.stringify(await promises.readFile("greeting.txt", "utf8")));
            console.log("read options", JSON.stringify(await promises.readFile("greeting.txt", { encoding: "utf8" })));
            console.log("write", await promises.writeFile("made.txt", "made"));
            console.log("readdir", await promises.readdir("sub"));
            console.log("read back", await promises.readFile("made.txt"));
            for (const [label, attempt] of [
                ["missing", () => promises.readFile("missing.txt")],
                ["folder", () => promises.readFile("sub")],
                ["not a folder", () => promises.readdir("greeting.txt")],
                ["escape", () => promises.readFile("../outside.txt")],
                ["write escape", () => promises.writeFile("../evil.txt", "x")],
                ["bad path", () => promises.readFile(42)],
                ["bad data", () => promises.writeFile("x.txt", {})],
                ["bad encoding", () => promises.readdir(".", "base64")],
            ]) {
                let promise;
                try {
                    promise = attempt();
                } catch (err) {
                    console.log(label, "threw", err.message);
                    continue;
                }
                try {
                    await promise;
                    console.log(label, "fulfilled");
                } catch (err) {
                    console.log(label, err.name, err.code, err.message);
                }
            }
        })();
    "#;
    for clock in CLOCKS {
        let run = run(clock, &sandbox.root(), source);
        assert_eq!(
            run.lines,
            [
                r#"read "hello, file\n""#,
                r#"read options "hello, file\n""#,
                "write undefined",
                "readdir [ 'inner.txt' ]",
                "read back made",
                "missing Error ENOENT ENOENT: no such file or directory, open 'missing.txt'",
                "folder Error EISDIR EISDIR: illegal operation on a directory, read 'sub'",
                "not a folder Error ENOTDIR ENOTDIR: not a directory, scandir 'greeting.txt'",
                "escape Error EACCES EACCES: permission denied, open '../outside.txt' (outside the fs root)",
                "write escape Error EACCES EACCES: permission denied, open '../evil.txt' (outside the fs root)",
                r#"bad path TypeError ERR_INVALID_ARG_TYPE The "path" argument must be of type string. Received type number (42)"#,
                r#"bad data TypeError ERR_INVALID_ARG_TYPE The "data" argument must be of type string. Received an instance of Object"#,
                "bad encoding TypeError ERR_FEATURE_UNAVAILABLE_ON_PLATFORM the encoding type string ('base64') is not supported: tickscope's fs reads and writes UTF-8 text",
            ],
            "{clock:?}"
        );
        assert!(run.failures.is_empty(), "{:?}", run.failures);
        assert!(!sandbox.base.join("evil.txt").exists());
        assert!(!sandbox.root().join("x.txt").exists());
        let _ = std::fs::remove_file(sandbox.root().join("made.txt"));
    }
}

#[test]
fn fs_loads_as_an_es_module_too() {
    let sandbox = Sandbox::new();
    let source = r#"
        import fs, { readFile, promises } from "fs";
        console.log(fs.readFile === readFile, fs.promises === promises);
        console.log((await promises.readFile("sub/inner.txt", "utf8")).toUpperCase());
    "#;
    for clock in CLOCKS {
        let run = run_as(clock, &sandbox.root(), source, true);
        assert_eq!(run.lines, ["true true", "INNER"], "{clock:?}");
        assert!(run.failures.is_empty());
    }
}

// ------------------------------------------------------------------------------------------
// fs: escapes from the root

#[test]
fn every_escape_from_the_root_is_eacces_and_reads_nothing() {
    let sandbox = Sandbox::new();
    let outside = sandbox.outside().display().to_string();
    let canonical_outside = std::fs::canonicalize(sandbox.outside())
        .expect("canonical outside")
        .display()
        .to_string();
    let mut paths = vec![
        "../outside.txt".to_owned(),
        "sub/../../outside.txt".to_owned(),
        "./sub/../../outside.txt".to_owned(),
        "missing/../../outside.txt".to_owned(),
        "../missing.txt".to_owned(),
        "../../../../../../../../etc/passwd".to_owned(),
        "/etc/passwd".to_owned(),
        "/".to_owned(),
        "..".to_owned(),
        outside,
        canonical_outside,
        format!("{}/../outside.txt", sandbox.canonical_root()),
        format!("{}/../root-sibling", sandbox.canonical_root()),
    ];
    if cfg!(unix) {
        paths.extend(
            ["link-out", "dir-out/outside.txt", "dir-out", "dangling-out"].map(str::to_owned),
        );
    }
    let list = paths
        .iter()
        .map(|path| format!("{path:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let source = format!(
        r#"
        const fs = require("fs");
        for (const path of [{list}]) {{
            fs.readFile(path, "utf8", function (err, data) {{
                console.log("read", arguments.length, err.code, data === undefined, err.message.includes(path), err.path === path);
            }});
            fs.readdir(path, (err, names) => console.log("readdir", err.code, names === undefined));
            fs.promises.readFile(path).then(
                () => console.log("promise fulfilled"),
                (err) => console.log("promise", err.code),
            );
        }}
        "#
    );
    let expected: Vec<&str> = paths
        .iter()
        .flat_map(|_| {
            [
                "read 1 EACCES true true true",
                "readdir EACCES true",
                "promise EACCES",
            ]
        })
        .collect();
    for clock in CLOCKS {
        let run = run(clock, &sandbox.root(), &source);
        // Callbacks run in completion order; the promises' reactions come right after theirs.
        let mut lines = run.lines.clone();
        lines.sort();
        let mut sorted = expected.clone();
        sorted.sort();
        assert_eq!(lines, sorted, "{clock:?}: {:?}", run.lines);
        assert!(run.failures.is_empty(), "{:?}", run.failures);
    }
}

#[test]
fn writes_outside_the_root_are_eacces_and_write_nothing() {
    let sandbox = Sandbox::new();
    let evil_abs = sandbox.base.join("evil-abs.txt").display().to_string();
    let outside = sandbox.outside().display().to_string();
    let mut paths = vec![
        "../evil.txt".to_owned(),
        "sub/../../evil.txt".to_owned(),
        "missing/../../evil.txt".to_owned(),
        "../new-folder/evil.txt".to_owned(),
        evil_abs,
        outside,
        "/".to_owned(),
        "..".to_owned(),
        format!("{}/..", sandbox.canonical_root()),
    ];
    if cfg!(unix) {
        paths.extend(
            [
                "link-out",
                "dir-out/outside.txt",
                "dir-out/evil.txt",
                "dangling-out",
            ]
            .map(str::to_owned),
        );
    }
    let list = paths
        .iter()
        .map(|path| format!("{path:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let source = format!(
        r#"
        const fs = require("fs");
        for (const path of [{list}]) {{
            fs.writeFile(path, "pwned", function (err) {{
                console.log(arguments.length, err.code, err.message.includes(path));
            }});
        }}
        "#
    );
    for clock in CLOCKS {
        let run = run(clock, &sandbox.root(), &source);
        assert_eq!(
            run.lines,
            vec!["1 EACCES true"; paths.len()],
            "{clock:?}: {paths:?}"
        );
        assert!(run.failures.is_empty(), "{:?}", run.failures);
        assert_eq!(
            std::fs::read_to_string(sandbox.outside()).expect("outside.txt"),
            SECRET
        );
        for name in ["evil.txt", "evil-abs.txt", "nowhere.txt", "new-folder"] {
            assert!(!sandbox.base.join(name).exists(), "{name} was created");
        }
    }
}

#[test]
fn a_missing_root_fails_with_enoent_naming_the_path() {
    let sandbox = Sandbox::new();
    let source = r#"require("fs").readFile("greeting.txt", (err) => console.log(err.code, err.message.startsWith("ENOENT: no such file or directory, open 'greeting.txt'")));"#;
    for clock in CLOCKS {
        let run = run(clock, &sandbox.base.join("no-such-root"), source);
        assert_eq!(run.lines, ["ENOENT true"]);
    }
}

// ------------------------------------------------------------------------------------------
// fs: the trace

#[test]
fn the_trace_shows_each_fs_operation_started_and_settled() {
    let sandbox = Sandbox::new();
    let source = r#"
        const fs = require("fs");
        fs.readFile("greeting.txt", () => {});
        fs.readFile("missing.txt", () => {});
        fs.writeFile("w.txt", "w", () => {});
        fs.readdir("sub", () => {});
        fs.promises.readFile("sub/inner.txt");
    "#;
    for clock in CLOCKS {
        let run = run(clock, &sandbox.root(), source);
        assert_eq!(
            run.host_ops_started("fs.readFile"),
            ["greeting.txt", "missing.txt", "sub/inner.txt"]
        );
        assert_eq!(
            run.host_ops_settled("fs.readFile.settle"),
            [true, false, true]
        );
        assert_eq!(run.tasks_named("fs.readFile.settle"), 3);
        assert_eq!(run.host_ops_started("fs.writeFile"), ["w.txt"]);
        assert_eq!(run.host_ops_settled("fs.writeFile.settle"), [true]);
        assert_eq!(run.tasks_named("fs.writeFile.settle"), 1);
        assert_eq!(run.host_ops_started("fs.readdir"), ["sub"]);
        assert_eq!(run.host_ops_settled("fs.readdir.settle"), [true]);
        assert_eq!(run.tasks_named("fs.readdir.settle"), 1);
        // Each operation settles before its completion task starts.
        let position = |predicate: &dyn Fn(&EventKind) -> bool| {
            run.events
                .iter()
                .position(|event| predicate(&event.kind))
                .expect("event present")
        };
        let settled = position(
            &|kind| matches!(kind, EventKind::HostOpSettled { name, .. } if name == "fs.readFile.settle"),
        );
        let task = position(
            &|kind| matches!(kind, EventKind::TaskStart { source: TaskSource::HostOp { name, .. }, .. } if name == "fs.readFile.settle"),
        );
        assert!(settled < task);
    }
}

// ------------------------------------------------------------------------------------------
// stream.counter

#[test]
fn counter_fulfils_with_every_count_one_interval_apart() {
    let sandbox = Sandbox::new();
    let source = r#"
        const stream = require("stream");
        const start = performance.now();
        const seen = [];
        const ticker = setInterval(() => seen.push(Math.floor((performance.now() - start) / 20)), 20);
        stream.counter(3, 20).then((counts) => {
            clearInterval(ticker);
            console.log(JSON.stringify(counts), Array.isArray(counts));
            console.log("elapsed", Math.floor(performance.now() - start));
        });
        stream.counter(1, 0).then((counts) => console.log("single", JSON.stringify(counts)));
    "#;
    for clock in CLOCKS {
        let run = run(clock, &sandbox.root(), source);
        assert!(run.failures.is_empty(), "{:?}", run.failures);
        assert_eq!(run.lines[0], "single [1]", "{clock:?}");
        assert_eq!(run.lines[1], "[1,2,3] true", "{clock:?}");
        let elapsed: f64 = run.lines[2]
            .strip_prefix("elapsed ")
            .and_then(|ms| ms.parse().ok())
            .expect("elapsed line");
        match clock {
            ClockKind::Virtual => assert_eq!(elapsed, 60.0),
            ClockKind::Real => assert!((59.0..1000.0).contains(&elapsed), "{elapsed}"),
        }
        assert_eq!(run.host_ops_started("stream.counter"), ["3, 20", "1, 0"]);
        assert_eq!(run.tasks_named("stream.counter.tick"), 4);
        assert_eq!(run.host_ops_settled("stream.counter.tick"), [true, true]);
        assert_eq!(run.tasks_named("stream.counter.timeout"), 0);
    }
}

#[test]
fn counter_rejects_invalid_arguments_without_throwing() {
    let sandbox = Sandbox::new();
    let source = r#"
        const stream = require("stream");
        const cases = [
            [0, 10], [-3, 10], [1.5, 10], [NaN, 10], [Infinity, 10], ["3", 10], [undefined, 10],
            [3, -1], [3, NaN], [3, "10"], [3, undefined], [3, Infinity], [{}, 10],
        ];
        for (const [limit, interval] of cases) {
            let promise;
            try {
                promise = stream.counter(limit, interval);
            } catch (err) {
                console.log("threw", err.message);
                continue;
            }
            promise.then(
                () => console.log("fulfilled"),
                (err) => console.log(err.constructor.name, err.message),
            );
        }
    "#;
    expect_lines(
        &sandbox,
        source,
        &[
            "RangeError stream.counter: limit must be a positive integer, got 0",
            "RangeError stream.counter: limit must be a positive integer, got -3",
            "RangeError stream.counter: limit must be a positive integer, got 1.5",
            "RangeError stream.counter: limit must be a positive integer, got NaN",
            "RangeError stream.counter: limit must be a positive integer, got Infinity",
            "TypeError stream.counter: limit must be a number, got string",
            "TypeError stream.counter: limit must be a number, got undefined",
            "RangeError stream.counter: intervalMs must be a non-negative finite number of milliseconds, got -1",
            "RangeError stream.counter: intervalMs must be a non-negative finite number of milliseconds, got NaN",
            "TypeError stream.counter: intervalMs must be a number, got string",
            "TypeError stream.counter: intervalMs must be a number, got undefined",
            "RangeError stream.counter: intervalMs must be a non-negative finite number of milliseconds, got Infinity",
            "TypeError stream.counter: limit must be a number, got object",
        ],
    );
}

#[test]
fn counter_times_out_after_30_seconds_of_virtual_time_at_once() {
    let sandbox = Sandbox::new();
    let source = r#"
        const stream = require("stream");
        const start = performance.now();
        stream.counter(100, 1000).then(
            () => console.log("fulfilled"),
            (err) => {
                console.log(err instanceof Error, err.name, err.code, err.message.includes("timeout"));
                console.log(err.message);
                console.log("at", Math.floor(performance.now() - start));
            },
        );
        // A counter that finishes within the window is unaffected by the other's timeout.
        stream.counter(2, 14000).then((counts) => console.log("quick", JSON.stringify(counts), Math.floor(performance.now() - start)));
    "#;
    let run = run(ClockKind::Virtual, &sandbox.root(), source);
    assert!(run.failures.is_empty(), "{:?}", run.failures);
    assert_eq!(
        run.lines,
        [
            "quick [1,2] 28000",
            "true Error ETIMEDOUT true",
            "stream.counter(100, 1000): timeout after 30000 ms with 29 of 100 counts",
            "at 30000",
        ]
    );
    assert!(run.real < Duration::from_secs(2), "took {:?}", run.real);
    // The ticks stopped with the timeout: 29 counts, no 30th, and the operation failed.
    assert_eq!(run.tasks_named("stream.counter.tick"), 29 + 2);
    assert_eq!(run.tasks_named("stream.counter.timeout"), 1);
    assert_eq!(run.host_ops_settled("stream.counter.timeout"), [false]);
    assert_eq!(run.host_ops_settled("stream.counter.tick"), [true]);
    let last = run.events.last().expect("events");
    assert_eq!(
        last.time.floor(),
        30000.0,
        "the loop went idle at the timeout"
    );
}

// ------------------------------------------------------------------------------------------
// stream.ticks

#[test]
fn ticks_yield_each_count_as_it_happens_for_await() {
    let sandbox = Sandbox::new();
    let source = r#"
        const stream = require("stream");
        (async () => {
            const start = performance.now();
            const iterator = stream.ticks(3, 20);
            console.log(typeof iterator.next, typeof iterator.return, iterator[Symbol.asyncIterator]() === iterator);
            for await (const n of iterator) {
                console.log("tick", n, Math.floor((performance.now() - start) / 20) >= n);
            }
            console.log("done", JSON.stringify(await iterator.next()));
            const virtualStart = performance.now();
            for await (const n of stream.ticks(2, 5)) console.log("second", n);
        })();
    "#;
    for clock in CLOCKS {
        let run = run(clock, &sandbox.root(), source);
        assert!(run.failures.is_empty(), "{:?}", run.failures);
        assert_eq!(
            run.lines,
            [
                "function function true",
                "tick 1 true",
                "tick 2 true",
                "tick 3 true",
                r#"done {"done":true}"#,
                "second 1",
                "second 2",
            ],
            "{clock:?}"
        );
        assert_eq!(run.host_ops_started("stream.ticks"), ["3, 20", "2, 5"]);
        assert_eq!(run.tasks_named("stream.ticks.tick"), 5);
        assert_eq!(run.host_ops_settled("stream.ticks.tick"), [true, true]);
    }
}

#[test]
fn counts_that_arrive_before_next_wait_in_order() {
    let sandbox = Sandbox::new();
    let source = r#"
        const stream = require("stream");
        const iterator = stream.ticks(3, 10);
        setTimeout(async () => {
            const results = await Promise.all([iterator.next(), iterator.next(), iterator.next(), iterator.next()]);
            console.log(JSON.stringify(results));
        }, 100);
        const eager = stream.ticks(2, 10);
        Promise.all([eager.next(), eager.next(), eager.next()]).then((r) => console.log(JSON.stringify(r)));
    "#;
    expect_lines(
        &sandbox,
        source,
        &[
            r#"[{"value":1,"done":false},{"value":2,"done":false},{"done":true}]"#,
            r#"[{"value":1,"done":false},{"value":2,"done":false},{"value":3,"done":false},{"done":true}]"#,
        ],
    );
}

#[test]
fn break_cancels_the_remaining_ticks_so_the_loop_goes_idle() {
    let sandbox = Sandbox::new();
    let source = r#"
        const stream = require("stream");
        (async () => {
            for await (const n of stream.ticks(1000, 10)) {
                console.log("tick", n);
                if (n === 2) break;
            }
            console.log("broke out");
            const iterator = stream.ticks(5, 10);
            console.log(JSON.stringify(await iterator.return("early")));
            console.log(JSON.stringify(await iterator.next()));
        })();
    "#;
    for clock in CLOCKS {
        let run = run(clock, &sandbox.root(), source);
        assert!(run.failures.is_empty(), "{:?}", run.failures);
        assert_eq!(
            run.lines,
            [
                "tick 1",
                "tick 2",
                "broke out",
                r#"{"value":"early","done":true}"#,
                r#"{"done":true}"#,
            ],
            "{clock:?}"
        );
        assert_eq!(run.tasks_named("stream.ticks.tick"), 2);
        assert_eq!(
            run.host_ops_settled("stream.ticks.return"),
            [true, true],
            "both streams settled when returned"
        );
        assert_eq!(run.tasks_named("stream.ticks.timeout"), 0);
        assert!(run.real < Duration::from_secs(2), "took {:?}", run.real);
    }
}

#[test]
fn ticks_reject_invalid_arguments_in_next_without_throwing() {
    let sandbox = Sandbox::new();
    let source = r#"
        const stream = require("stream");
        (async () => {
            for (const [limit, interval] of [[0, 10], ["x", 10], [2, -5], [2, null]]) {
                try {
                    for await (const n of stream.ticks(limit, interval)) console.log("got", n);
                    console.log("no error");
                } catch (err) {
                    console.log(err.constructor.name, err.message);
                }
            }
        })();
    "#;
    expect_lines(
        &sandbox,
        source,
        &[
            "RangeError stream.ticks: limit must be a positive integer, got 0",
            "TypeError stream.ticks: limit must be a number, got string",
            "RangeError stream.ticks: intervalMs must be a non-negative finite number of milliseconds, got -5",
            "TypeError stream.ticks: intervalMs must be a number, got object",
        ],
    );
}

#[test]
fn ticks_time_out_after_30_seconds_of_virtual_time_at_once() {
    let sandbox = Sandbox::new();
    let source = r#"
        const stream = require("stream");
        const start = performance.now();
        (async () => {
            const iterator = stream.ticks(100, 1000);
            let last = 0;
            try {
                for await (const n of iterator) last = n;
                console.log("finished");
            } catch (err) {
                console.log(last, err.code, err.message, "at", Math.floor(performance.now() - start));
            }
            console.log(JSON.stringify(await iterator.next()));
        })();
    "#;
    let run = run(ClockKind::Virtual, &sandbox.root(), source);
    assert!(run.failures.is_empty(), "{:?}", run.failures);
    assert_eq!(
        run.lines,
        [
            "29 ETIMEDOUT stream.ticks(100, 1000): timeout after 30000 ms with 29 of 100 counts at 30000",
            r#"{"done":true}"#,
        ]
    );
    assert!(run.real < Duration::from_secs(2), "took {:?}", run.real);
    assert_eq!(run.tasks_named("stream.ticks.tick"), 29);
    assert_eq!(run.host_ops_settled("stream.ticks.timeout"), [false]);
}

// ------------------------------------------------------------------------------------------
// The CLI and the examples

const BIN: &str = env!("CARGO_BIN_EXE_tickscope");

#[test]
fn the_cli_confines_fs_to_fs_root() {
    let sandbox = Sandbox::new();
    let script = sandbox.base.join("script.js");
    std::fs::write(
        &script,
        r#"
        const fs = require("fs");
        fs.readFile("greeting.txt", "utf8", (err, text) => console.log(err, text.trim()));
        fs.readFile("../outside.txt", "utf8", (err, text) => console.log(err.code, text));
        fs.writeFile("from-cli.txt", "cli", (err) => console.log("wrote", err));
        "#,
    )
    .expect("write the script");
    for clock in ["virtual", "real"] {
        let output = Command::new(BIN)
            .args(["run", "--clock", clock, "--fs-root"])
            .arg(sandbox.root())
            .arg(&script)
            .output()
            .expect("run tickscope");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{clock}: {output:?}");
        assert_eq!(
            stdout, "null hello, file\nEACCES undefined\nwrote null\n",
            "{clock}"
        );
        assert_eq!(
            std::fs::read_to_string(sandbox.root().join("from-cli.txt")).expect("written"),
            "cli"
        );
    }
}

#[test]
fn the_examples_run_from_the_repository_root() {
    let repo = env!("CARGO_MANIFEST_DIR");
    let expected: [(&str, &[&str]); 3] = [
        (
            "examples/timer.js",
            &[
                "sleeping 300 ms",
                "awake after 300 ms",
                "race won by the 100 ms sleep after 400 ms",
                "RangeError: invalid duration",
            ],
        ),
        (
            "examples/fs.js",
            &[
                "the script itself ends here",
                "microtasks run before any file callback",
                "greeting.txt says: Hello from a real file under --fs-root.",
                "ENOENT: no such file or directory, open 'examples/data/no-such-file.txt'",
                "err.code is ENOENT and text is undefined",
                "EACCES: permission denied, open '../outside-the-root.txt'",
                "examples/data holds [ 'greeting.txt' ]",
            ],
        ),
        (
            "examples/stream.js",
            &[
                "counter gave [ 1, 2, 3, 4, 5 ] after 500 ms",
                "tick 1 after 700 ms",
                "tick 2 after 900 ms",
                "tick 3 after 1100 ms",
                "stopped a 1000-tick stream after 3 ticks, at 1250 ms",
                "RangeError: stream.counter: limit must be a positive integer, got 0",
            ],
        ),
    ];
    for (file, lines) in expected {
        let output = Command::new(BIN)
            .current_dir(repo)
            .args(["run", "--clock", "virtual", file])
            .output()
            .expect("run tickscope");
        assert!(output.status.success(), "{file}: {output:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let printed: Vec<&str> = stdout.lines().collect();
        assert_eq!(printed.len(), lines.len(), "{file}: {stdout}");
        for (line, start) in printed.iter().zip(lines) {
            assert!(line.starts_with(start), "{file}: {line:?} vs {start:?}");
        }
    }
}
