//! Compares tickscope's console formatting with Node's on the recorded corpus.
#![cfg(not(target_arch = "wasm32"))]

use boa_engine::{Context, JsValue, Source, object::builtins::JsArray};
use tickscope::console::{
    format::format_args,
    inspect::{InspectOptions, inspect},
};

const EXPECTED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/console_corpus/expected.json"
);

/// Removes stack frames (lines starting with whitespace then `at `) and Node's
/// "... N lines matching cause stack trace ..." markers; see record.mjs.
fn normalise(text: &str) -> String {
    text.split('\n')
        .filter(|line| {
            let trimmed = line.trim_start();
            let indented = trimmed.len() < line.len();
            !(indented
                && (trimmed.starts_with("at ")
                    || (trimmed.starts_with("... ")
                        && trimmed.ends_with(" lines matching cause stack trace ..."))))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn options_from(json: &serde_json::Value) -> InspectOptions {
    let mut o = InspectOptions::default();
    let num = |v: &serde_json::Value| v.as_u64().map(|n| n as usize);
    if let Some(v) = json.get("depth") {
        o.depth = num(v).unwrap_or(usize::MAX);
    }
    if let Some(v) = json.get("breakLength") {
        o.break_length = num(v).unwrap_or(usize::MAX);
    }
    if let Some(v) = json.get("compact") {
        o.compact = if v.as_bool() == Some(false) {
            0
        } else {
            num(v).unwrap_or(3)
        };
    }
    if let Some(v) = json.get("maxArrayLength") {
        o.max_array_length = num(v).unwrap_or(usize::MAX);
    }
    if let Some(v) = json.get("maxStringLength") {
        o.max_string_length = num(v).unwrap_or(usize::MAX);
    }
    if let Some(v) = json.get("showHidden") {
        o.show_hidden = v.as_bool().unwrap_or(false);
    }
    o
}

fn run_case(case: &serde_json::Value) -> Result<String, String> {
    let code = case["code"].as_str().ok_or("no code")?;
    let mut context = Context::builder()
        .instructions_remaining(usize::MAX)
        .build()
        .expect("a context");
    let result = context
        .eval(Source::from_bytes(code))
        .map_err(|e| format!("evaluation failed: {e}"))?;
    let array = result
        .as_object()
        .and_then(|o| JsArray::from_object(o).ok())
        .ok_or("case did not return an array")?;
    let len = array.length(&mut context).map_err(|e| e.to_string())?;
    let args: Vec<JsValue> = (0..len)
        .map(|i| array.get(i, &mut context).unwrap_or_default())
        .collect();
    Ok(match case.get("inspect") {
        Some(options) => inspect(
            &args.first().cloned().unwrap_or_default(),
            &options_from(options),
            &mut context,
        ),
        None => format_args(&args, &mut context),
    })
}

#[test]
fn corpus_matches_node() {
    let text = std::fs::read_to_string(EXPECTED).expect("expected.json (run record.mjs)");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let cases = json["cases"].as_array().expect("cases");
    let filter = std::env::var("CASE").ok();
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in cases {
        let name = case["name"].as_str().unwrap_or("?");
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        ran += 1;
        let expected = normalise(case["expected"].as_str().unwrap_or(""));
        match run_case(case) {
            Ok(actual) => {
                if std::env::var("SHOW").is_ok() {
                    println!("== {name}\n{actual}");
                }
                let actual = normalise(&actual);
                if actual != expected {
                    failures.push(format!(
                        "--- {name}\nexpected:\n{expected}\nactual:\n{actual}\n"
                    ));
                }
            }
            Err(e) => failures.push(format!("--- {name}\n{e}\n")),
        }
    }
    println!("{} of {ran} cases match", ran - failures.len());
    assert!(ran >= 40 || filter.is_some(), "corpus too small: {ran}");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
