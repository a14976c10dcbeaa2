//! The playground's files in headless Chrome: the in-memory file space of the browser host, and
//! every success and error case of `require("fs")` over it (callbacks and `fs.promises`), under
//! both clocks, through the worker's pump, with each write posted to the page.
//!
//! Run with `scripts/test wasm`.
#![cfg(target_arch = "wasm32")]

#[path = "support/wasm.rs"]
mod support;

use support::{CLOCKS, Run, file, run_with};
use tickscope::ClockKind;
use tickscope::host::{ErrorCode, Host};
use tickscope::protocol::{FileEntry, FromWorker};
use tickscope::trace::{EventKind, TaskSource};
use tickscope::web::files::FileSpace;
use tickscope::web::host::BrowserHost;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_dedicated_worker);

/// The files every script here starts with.
fn seed() -> Vec<FileEntry> {
    vec![
        file("greeting.txt", "hello, file\n"),
        file("sub/inner.txt", "inner"),
        file("/sub/deeper/leaf.md", "# leaf"),
        file("old.txt", "old"),
    ]
}

async fn run(clock: ClockKind, source: &str) -> Run {
    run_with(source, false, clock, seed(), 10_000.0).await
}

/// The failures a run reported (uncaught errors and unhandled rejections).
fn failures(run: &Run) -> Vec<String> {
    run.events()
        .into_iter()
        .filter_map(|event| match event.kind {
            EventKind::UncaughtError { message, .. }
            | EventKind::UnhandledRejection { message, .. } => Some(message),
            _ => None,
        })
        .collect()
}

fn written(run: &Run) -> Vec<FileEntry> {
    run.messages
        .iter()
        .filter_map(|message| match message {
            FromWorker::FileWritten { file } => Some(file.clone()),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The file space itself

#[wasm_bindgen_test]
fn the_file_space_normalises_names_and_implies_folders() {
    let (space, refused) = FileSpace::from_entries(vec![
        file("a.txt", "A"),
        file("./notes//b.md", "B"),
        file("/notes/deep/c.md", "C"),
        file("../escape.txt", "no"),
        file("", "no"),
        file("/", "no"),
    ]);
    assert_eq!(refused, ["../escape.txt", "", "/"]);
    let names: Vec<String> = space
        .entries()
        .into_iter()
        .map(|entry| entry.name)
        .collect();
    assert_eq!(names, ["a.txt", "notes/b.md", "notes/deep/c.md"]);
    assert_eq!(space.read("notes/b.md").as_deref(), Ok("B"));
    assert_eq!(space.read("/notes/./deep/../b.md").as_deref(), Ok("B"));
    assert_eq!(space.list(".").expect("the root"), ["a.txt", "notes"]);
    assert_eq!(space.list("/").expect("the root"), ["a.txt", "notes"]);
    assert_eq!(space.list("notes/").expect("notes"), ["b.md", "deep"]);

    let failure = |result: Result<String, tickscope::host::HostError>| {
        let error = result.expect_err("a failure");
        (error.code, error.message)
    };
    assert_eq!(
        failure(space.read("missing.txt")),
        (
            ErrorCode::NotFound,
            "ENOENT: no such file or directory, open 'missing.txt'".to_owned()
        )
    );
    assert_eq!(
        failure(space.read("notes")),
        (
            ErrorCode::IsDirectory,
            "EISDIR: illegal operation on a directory, read 'notes'".to_owned()
        )
    );
    assert_eq!(
        failure(space.read("a.txt/x")),
        (
            ErrorCode::NotDirectory,
            "ENOTDIR: not a directory, open 'a.txt/x'".to_owned()
        )
    );
    assert_eq!(
        failure(space.read("notes/../../a.txt")),
        (
            ErrorCode::PermissionDenied,
            "EACCES: permission denied, open 'notes/../../a.txt' (outside the playground's files)"
                .to_owned()
        )
    );
    assert_eq!(failure(space.read("")).0, ErrorCode::NotFound);
    assert_eq!(failure(space.read(".")).0, ErrorCode::IsDirectory);

    // Writes: into existing folders only, never onto a folder or under a file.
    assert_eq!(
        space.write("/notes/new.md", "N").map(|entry| entry.name),
        Ok("notes/new.md".to_owned())
    );
    assert_eq!(
        space.write("gone/x.txt", "x").map_err(|error| error.code),
        Err(ErrorCode::NotFound)
    );
    assert_eq!(
        space.write("notes", "x").map_err(|error| error.code),
        Err(ErrorCode::IsDirectory)
    );
    assert_eq!(
        space.write("a.txt/x", "x").map_err(|error| error.code),
        Err(ErrorCode::NotDirectory)
    );
    assert_eq!(
        space.write("../x", "x").map_err(|error| error.code),
        Err(ErrorCode::PermissionDenied)
    );
    assert_eq!(
        space.list("a.txt").map_err(|error| error.message),
        Err("ENOTDIR: not a directory, scandir 'a.txt'".to_owned())
    );
    assert_eq!(
        space.list("nope").map_err(|error| error.message),
        Err("ENOENT: no such file or directory, scandir 'nope'".to_owned())
    );
    assert_eq!(space.entries().len(), 4);
}

#[wasm_bindgen_test]
fn the_browser_host_shares_its_files_and_reports_writes() {
    let (space, _) = FileSpace::from_entries(vec![file("a.txt", "A")]);
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let record = std::rc::Rc::clone(&seen);
    let host = BrowserHost::new()
        .with_files(space.clone())
        .on_file_written(move |entry| record.borrow_mut().push(entry.clone()));
    assert_eq!(host.read_file("a.txt").as_deref(), Ok("A"));
    host.write_file("./b.txt", "B").expect("written");
    assert!(host.write_file("nope/c.txt", "C").is_err());
    assert_eq!(space.read("b.txt").as_deref(), Ok("B"));
    assert_eq!(host.read_dir(".").expect("listed"), ["a.txt", "b.txt"]);
    assert_eq!(*seen.borrow(), [file("b.txt", "B")]);
}

// ---------------------------------------------------------------------------------------------
// require("fs"): callbacks

#[wasm_bindgen_test]
async fn read_file_succeeds_in_every_form() {
    let source = r#"
        const fs = require("fs");
        const show = (label) => function (err, data) {
            console.log(label, arguments.length, err, JSON.stringify(data));
        };
        fs.readFile("greeting.txt", show("plain"));
        fs.readFile("greeting.txt", "utf8", show("utf8"));
        fs.readFile("greeting.txt", "UTF-8", show("UTF-8"));
        fs.readFile("greeting.txt", { encoding: "utf8" }, show("options"));
        fs.readFile("greeting.txt", null, show("null options"));
        fs.readFile("./sub/../greeting.txt", show("dot-dot inside"));
        fs.readFile("/greeting.txt", show("absolute"));
        fs.readFile("sub/deeper/leaf.md", show("nested"));
        console.log("sync", fs.readFile("greeting.txt", () => {}));
    "#;
    for clock in CLOCKS {
        let run = run(clock, source).await;
        assert_eq!(
            run.lines(),
            [
                "sync undefined",
                r#"plain 2 null "hello, file\n""#,
                r#"utf8 2 null "hello, file\n""#,
                r#"UTF-8 2 null "hello, file\n""#,
                r#"options 2 null "hello, file\n""#,
                r#"null options 2 null "hello, file\n""#,
                r#"dot-dot inside 2 null "hello, file\n""#,
                r#"absolute 2 null "hello, file\n""#,
                r##"nested 2 null "# leaf""##,
            ],
            "{clock:?}"
        );
        assert!(failures(&run).is_empty(), "{clock:?}");
        // Each read is a host operation settled in a completion task of its own.
        let completions = run
            .events()
            .into_iter()
            .filter(|event| {
                matches!(&event.kind, EventKind::TaskStart { source: TaskSource::HostOp { name, .. }, .. } if name == "fs.readFile.settle")
            })
            .count();
        assert_eq!(completions, 9, "{clock:?}");
    }
}

#[wasm_bindgen_test]
async fn read_file_errors_carry_code_path_and_one_argument() {
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
        fs.readFile("../outside.txt", show("escape"));
    "#;
    for clock in CLOCKS {
        let run = run(clock, source).await;
        assert_eq!(
            run.lines(),
            [
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
                "escape 1 true EACCES true",
                "escape EACCES: permission denied, open '../outside.txt' (outside the playground's files) | ../outside.txt open",
            ],
            "{clock:?}"
        );
        assert!(failures(&run).is_empty(), "{clock:?}");
    }
}

#[wasm_bindgen_test]
async fn bad_arguments_throw_a_type_error_at_once() {
    let source = r#"
        const fs = require("fs");
        const attempt = (label, call) => {
            try {
                call();
                console.log(label, "did not throw");
            } catch (err) {
                console.log(label, err instanceof TypeError, err.code);
            }
        };
        attempt("no callback", () => fs.readFile("greeting.txt"));
        attempt("options, no callback", () => fs.readFile("greeting.txt", "utf8"));
        attempt("number callback", () => fs.readFile("greeting.txt", "utf8", 42));
        attempt("writeFile", () => fs.writeFile("x.txt", "data"));
        attempt("readdir", () => fs.readdir("."));
        attempt("path", () => fs.readFile(7, () => {}));
        attempt("data", () => fs.writeFile("x.txt", 7, () => {}));
        attempt("encoding", () => fs.readFile("greeting.txt", "klingon", () => {}));
        attempt("hex", () => fs.readFile("greeting.txt", "hex", () => {}));
        attempt("flag", () => fs.writeFile("x.txt", "d", { flag: "a" }, () => {}));
    "#;
    for clock in CLOCKS {
        let run = run(clock, source).await;
        assert_eq!(
            run.lines(),
            [
                "no callback true ERR_INVALID_ARG_TYPE",
                "options, no callback true ERR_INVALID_ARG_TYPE",
                "number callback true ERR_INVALID_ARG_TYPE",
                "writeFile true ERR_INVALID_ARG_TYPE",
                "readdir true ERR_INVALID_ARG_TYPE",
                "path true ERR_INVALID_ARG_TYPE",
                "data true ERR_INVALID_ARG_TYPE",
                "encoding true ERR_INVALID_ARG_VALUE",
                "hex true ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
                "flag true ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
            ],
            "{clock:?}"
        );
        // Nothing was written, and nothing asked of the host.
        assert!(written(&run).is_empty());
        assert!(
            !run.events()
                .iter()
                .any(|event| matches!(event.kind, EventKind::HostOpStarted { .. })),
            "{clock:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn write_file_creates_and_replaces_and_the_page_hears_of_it() {
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
        fs.writeFile("../evil.txt", "x", (err) => console.log(err.code, err.syscall, err.path));
    "#;
    for clock in CLOCKS {
        let run = run(clock, source).await;
        assert_eq!(
            run.lines(),
            [
                "new 1 null",
                "old 1 null",
                "nested null",
                "ENOENT ENOENT: no such file or directory, open 'missing/x.txt'",
                "EISDIR EISDIR: illegal operation on a directory, open 'sub'",
                "ENOTDIR ENOTDIR: not a directory, open 'greeting.txt/x'",
                "EACCES open ../evil.txt",
                "read back fresh ✓",
            ],
            "{clock:?}"
        );
        assert_eq!(
            written(&run),
            [
                file("new.txt", "fresh ✓"),
                file("old.txt", "replaced"),
                file("sub/nested.txt", "")
            ],
            "{clock:?}"
        );
        assert!(failures(&run).is_empty(), "{clock:?}");
    }
}

#[wasm_bindgen_test]
async fn readdir_lists_sorted_names_and_fails_like_node() {
    let source = r#"
        const fs = require("fs");
        fs.readdir("sub", function (err, names) { console.log(arguments.length, err, names); });
        fs.readdir(".", "utf8", (err, names) => console.log(names.join(",")));
        fs.readdir("/", (err, names) => console.log(names.join(",")));
        fs.readdir("greeting.txt", function (err, names) {
            console.log(arguments.length, err.code, err.message, err.syscall);
        });
        fs.readdir("nope", (err) => console.log(err.code, err.message));
        fs.readdir("..", (err) => console.log(err.code));
        fs.readdir(".", { withFileTypes: true }, () => {});
    "#;
    for clock in CLOCKS {
        let run = run(clock, source).await;
        // The withFileTypes call throws in the script itself, before any callback.
        assert_eq!(
            run.lines()[1..],
            [
                "2 null [ 'deeper', 'inner.txt' ]",
                "greeting.txt,old.txt,sub",
                "greeting.txt,old.txt,sub",
                "1 ENOTDIR ENOTDIR: not a directory, scandir 'greeting.txt' scandir",
                "ENOENT ENOENT: no such file or directory, scandir 'nope'",
                "EACCES",
            ],
            "{clock:?}"
        );
        // withFileTypes is refused with a TypeError thrown by the script itself.
        let failures = failures(&run);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].contains("TypeError") && failures[0].contains("withFileTypes"));
    }
}

// ---------------------------------------------------------------------------------------------
// fs.promises

#[wasm_bindgen_test]
async fn fs_promises_fulfil_and_reject_with_the_same_errors() {
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
                ["missing folder", () => promises.readdir("nope")],
                ["write missing folder", () => promises.writeFile("nope/x.txt", "x")],
                ["write folder", () => promises.writeFile("sub", "x")],
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
        let run = run(clock, source).await;
        assert_eq!(
            run.lines(),
            [
                r#"read "hello, file\n""#,
                r#"read options "hello, file\n""#,
                "write undefined",
                "readdir [ 'deeper', 'inner.txt' ]",
                "read back made",
                "missing Error ENOENT ENOENT: no such file or directory, open 'missing.txt'",
                "folder Error EISDIR EISDIR: illegal operation on a directory, read 'sub'",
                "not a folder Error ENOTDIR ENOTDIR: not a directory, scandir 'greeting.txt'",
                "missing folder Error ENOENT ENOENT: no such file or directory, scandir 'nope'",
                "write missing folder Error ENOENT ENOENT: no such file or directory, open 'nope/x.txt'",
                "write folder Error EISDIR EISDIR: illegal operation on a directory, open 'sub'",
                "escape Error EACCES EACCES: permission denied, open '../outside.txt' (outside the playground's files)",
                "write escape Error EACCES EACCES: permission denied, open '../evil.txt' (outside the playground's files)",
                r#"bad path TypeError ERR_INVALID_ARG_TYPE The "path" argument must be of type string. Received type number (42)"#,
                r#"bad data TypeError ERR_INVALID_ARG_TYPE The "data" argument must be of type string. Received an instance of Object"#,
                "bad encoding TypeError ERR_FEATURE_UNAVAILABLE_ON_PLATFORM the encoding type string ('base64') is not supported: tickscope's fs reads and writes UTF-8 text",
            ],
            "{clock:?}"
        );
        assert!(failures(&run).is_empty(), "{clock:?}: {:?}", failures(&run));
        assert_eq!(written(&run), [file("made.txt", "made")], "{clock:?}");
    }
}

#[wasm_bindgen_test]
async fn fs_loads_as_an_es_module_too() {
    let source = r#"
        import fs, { readFile, promises } from "fs";
        console.log(fs.readFile === readFile, fs.promises === promises);
        console.log((await promises.readFile("sub/inner.txt", "utf8")).toUpperCase());
    "#;
    for clock in CLOCKS {
        let run = run_with(source, true, clock, seed(), 10_000.0).await;
        assert_eq!(run.lines(), ["true true", "INNER"], "{clock:?}");
    }
}

#[wasm_bindgen_test]
async fn each_run_starts_from_its_own_files() {
    let first = run(
        ClockKind::Virtual,
        r#"require("fs").writeFile("greeting.txt", "changed", () => {});"#,
    )
    .await;
    assert_eq!(written(&first), [file("greeting.txt", "changed")]);
    let second = run(
        ClockKind::Virtual,
        r#"require("fs").readFile("greeting.txt", "utf8", (err, text) => console.log(text.trim()));"#,
    )
    .await;
    assert_eq!(second.lines(), ["hello, file"]);
}
