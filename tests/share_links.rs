//! The share-link codec (`tickscope::share`): round trips, frozen links of every version, every
//! malformed form, hostile links, and a property-style loop over random and mutated input.
//!
//! Frozen links are literal strings made once by the encoder of their version and never
//! regenerated: they must open to the same state for as long as tickscope exists. When a new
//! version appears, add its own frozen links beside these (`print_links` prints the current
//! encoder's output for the states below) and keep the old ones.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use tickscope::ClockKind;
use tickscope::protocol::FileEntry;
use tickscope::share::{
    FileNameProblem, LINK_SEVERE_LENGTH, LINK_WARNING_LENGTH, LinkError, MAX_DECOMPRESSED_BYTES,
    MAX_FILES, MAX_LINK_LENGTH, PlaygroundState, decode, encode, length_warning, share_url,
};
use tickscope::timeline::notes::{MAX_NOTES, NoteAnchor, StepNote};

// ---------------------------------------------------------------------------------------------
// States and helpers
// ---------------------------------------------------------------------------------------------

fn file(name: &str, text: &str) -> FileEntry {
    FileEntry {
        name: name.to_owned(),
        text: text.to_owned(),
    }
}

/// The smallest useful state: some code, the real clock, nothing else.
fn hello() -> PlaygroundState {
    PlaygroundState {
        code: "console.log('hello');".to_owned(),
        ..PlaygroundState::default()
    }
}

/// Every field set.
fn full() -> PlaygroundState {
    PlaygroundState {
        code: "const fs = require('fs');\n\
               setTimeout(() => console.log('task'), 0);\n\
               Promise.resolve().then(() => console.log('microtask'));\n\
               fs.readFile('data.txt', 'utf8', (err, text) => console.log(err, text));\n"
            .to_owned(),
        files: vec![
            file("data.txt", "line 1\nline 2\n"),
            file("notes/a.md", "# Notes\n\n- one\n"),
        ],
        clock: ClockKind::Virtual,
        lesson: Some("03-promise-states".to_owned()),
        ..PlaygroundState::default()
    }
}

/// Text that breaks naive codecs: emoji (astral, ZWJ sequences, flags, skin tones), CJK, RTL
/// scripts and overrides, combining marks, a lone BOM, NUL and other controls.
fn unicode() -> PlaygroundState {
    PlaygroundState {
        code: "// 🎉 👨‍👩‍👧‍👦 🇯🇵 👍🏽\n\
               console.log('日本語のテキスト', '中文', '한국어');\n\
               console.log('שלום', 'مرحبا', '\u{202E}reversed\u{202C}');\n\
               console.log('e\u{301} n\u{303} Z\u{336}\u{321}a\u{34F}l\u{489}g\u{320}o');\n\
               \u{FEFF}\n\
               console.log('nul:\u{0}:bell:\u{7}:del:\u{7F}:c1:\u{85}:ls:\u{2028}');\n"
            .to_owned(),
        files: vec![
            file("日本/データ.txt", "値\u{0}\r\n\u{FEFF}"),
            file("emoji-😀.txt", "\u{1F600}\u{FE0F}"),
            file("עברית.txt", "טקסט \u{200F}"),
        ],
        clock: ClockKind::Virtual,
        lesson: None,
        ..PlaygroundState::default()
    }
}

/// Markup and script everywhere a link can carry text: it must come back as exactly this text.
fn hostile() -> PlaygroundState {
    PlaygroundState {
        code: "</script><script>alert(document.cookie)</script>\n\
               \"><img src=x onerror=alert(1)>\n\
               javascript:alert(1)\n\
               <!-- ${alert(1)} {{constructor.constructor('alert(1)')()}} -->"
            .to_owned(),
        files: vec![
            file("<img src=x onerror=alert(1)>.html", "<svg onload=alert(1)>"),
            file("javascript:alert(1)", "&lt;&#x3C;\u{0}"),
        ],
        clock: ClockKind::Real,
        lesson: Some("x-onerror.alert_1".to_owned()),
        ..PlaygroundState::default()
    }
}

/// A state with nothing in it.
fn empty() -> PlaygroundState {
    PlaygroundState::default()
}

/// A v1 link whose compressed payload is `bytes`, built from the documented layout (zlib then
/// base64url without padding) rather than with the encoder, so these tests also check the doc.
fn v1_link_of_bytes(bytes: &[u8]) -> String {
    format!(
        "v1.{}",
        URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6))
    )
}

fn v1_link_of_json(json: &str) -> String {
    v1_link_of_bytes(json.as_bytes())
}

/// The compressed bytes inside a v1 link.
fn payload_bytes(link: &str) -> Vec<u8> {
    let payload = link.strip_prefix("v1.").expect("a v1 link");
    URL_SAFE_NO_PAD.decode(payload).expect("valid base64url")
}

fn link_of_payload_bytes(bytes: &[u8]) -> String {
    format!("v1.{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// What every error message must satisfy: some text, no markup, no controls.
fn assert_inert_message(error: &LinkError) {
    let message = error.to_string();
    assert!(!message.is_empty());
    assert!(
        !message.contains(['<', '>', '&']) && !message.chars().any(char::is_control),
        "message carries markup or controls: {message:?}"
    );
    assert!(
        message.chars().count() < 400,
        "message too long: {message:?}"
    );
}

/// How many rounds the property-style loops run: `SHARE_FUZZ_ROUNDS` in the environment, or
/// 20,000 (a fraction of a second).
fn fuzz_rounds() -> usize {
    std::env::var("SHARE_FUZZ_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(20_000)
}

/// A small xorshift generator: deterministic, no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A random string mixing ASCII, controls, astral emoji, CJK, RTL and combining marks.
    fn text(&mut self, max_chars: usize) -> String {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "0",
            " ",
            "\n",
            "\t",
            "\u{0}",
            "\u{7F}",
            "'",
            "\"",
            "\\",
            "<",
            ">",
            "&",
            "😀",
            "👨‍👩‍👧",
            "日",
            "本",
            "ש",
            "ع",
            "\u{301}",
            "\u{FEFF}",
            "\u{202E}",
            "\u{FFFD}",
            "\u{10FFFF}",
            "v1.",
            "#",
            "=",
            "%",
        ];
        let len = self.below(max_chars + 1);
        (0..len).map(|_| *self.pick(PIECES)).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Frozen links
// ---------------------------------------------------------------------------------------------

/// Prints the current encoder's links for the states above, to paste as frozen constants when a
/// new format version is added. Run with `cargo test --test share_links -- --ignored --nocapture`.
#[test]
#[ignore = "prints links to freeze; not a check"]
fn print_links() {
    for (name, state) in [
        ("hello", hello()),
        ("full", full()),
        ("unicode", unicode()),
        ("hostile", hostile()),
        ("empty", empty()),
        ("pinned", pinned()),
        ("pinned_start", pinned_start()),
        ("stepped", stepped()),
    ] {
        println!("{name}: {}", encode(&state));
    }
}

/// v1 links made by the v1 encoder on the day v1 was introduced. Never edit these.
const V1_HELLO: &str =
    "v1.eNoBLwDQ_3siY2xvY2siOiJyZWFsIiwiY29kZSI6ImNvbnNvbGUubG9nKCdoZWxsbycpOyJ9cOYPRQ";
const V1_FULL: &str = "v1.eNptkLFOwzAQhl_FMoMdKQkFFlRURkbEwEYYrOQCVu078F2qSlXfnTMVdIDppPu_77fOBzsmGrd2bXexyBKSbW0CZkJdrW66j0I5MnQsQYA1HGkCjUZCFjOz2ZgCn0ss4N3MrrkbkEGeYwZaxPvGbO5NZSlBn-jNOwm8dU1rVhV9OrX3BRTYgW96eQf8T8txLHRyqzizOmF6iEnfnYKEXvbiWuMWmW91eiilNQJ7-VN1TmqRXjRrCdv1y8FiyPW2nz7NKqebFBHM1YDf81qtY_tLI-nHXIY-T2f-wjzW7YADdoYQqvF6_ALLwHef";
const V1_UNICODE: &str = "v1.eNplkEFLAkEUx7_KMpctMK1TMH2TsoOtk1jjLuyuEoi0uph5KPGgGVhmVK7iGkGGUSF03i5dZrvulEQU-hGadSPSBmb-b978_m94LwkELAmbAIJEVFbjIQx8QJDCiCUCAW5U28-zo2g42h6TpicNTy7YS-6S7a6LsEzhISgKkqhIGPmxFJnhBwfng2r7vXVM0x2q79CMSTO3VN_lfRz_2jMH5ZwbfZWqH13zs3zNzy5NFSBNUiUlcuRiL1n7yjZtw264N0fryCiBZAWFHa3934msNCdaOrds3Vj10FMBP-cj1ok0Bod3_SlajGMYjM-zBdcQ_okXYRhhuA2FBfiYhViBjmaM_WxE61GMFABXkkAMxdxhea0GqJ6j-j3N9P3qlso4FTGB4E0788oH5fH3IOX7daKYtBGdG9Uq2qTHzQx7hb8oOSVFYpBD0ppESYU0SJ1UOEdj_GrqG2rD2OM";
const V1_HOSTILE: &str = "v1.eNp9kM1uwjAMgF8l8yZoJdIN7VZKL3uMdZqiNGMdaTwlLqoU5d0xPwUOiFyS2J-tz46gLeotlOCNsrAAa0JAx_9RojPeoy-UNZ6-l5zU2BpOVa9B--6f6up8H4msRT30xlGhEbedyS9Y4xqoq67fiOD1ehTnxutT2TJn4E_t1Ikup2jjqicpxUucAknEqNEF8oMm9rp5Z_MJmudZnpKQsmbfn47HgfIzglP90fyBRPFL_WEDZEY6oGG3Yciiaq8MpMWl1x3la_XM0mr2PL5_rJrhjQ-kr7QHRNV6gg";
const V1_EMPTY: &str = "v1.eNqrVkrOyU_OVrJSKkpNzFHSUUrOT0kF8pRqAXEyB_Q";

#[test]
fn frozen_v1_links_open_forever() {
    for (link, expected) in [
        (V1_HELLO, hello()),
        (V1_FULL, full()),
        (V1_UNICODE, unicode()),
        (V1_HOSTILE, hostile()),
        (V1_EMPTY, empty()),
    ] {
        assert_eq!(decode(link), Ok(expected.clone()), "{link}");
        assert_eq!(decode(&format!("#{link}")), Ok(expected), "#{link}");
    }
}

/// A state that only version 2 can say: a seed and a start time.
fn pinned() -> PlaygroundState {
    PlaygroundState {
        code: "console.log(new Date().toISOString(), Math.random());".to_owned(),
        clock: ClockKind::Virtual,
        seed: Some(18_446_744_073_709_551_615),
        start_time: Some(1_893_456_000_000),
        ..PlaygroundState::default()
    }
}

/// The same with only a start time before 1970.
fn pinned_start() -> PlaygroundState {
    PlaygroundState {
        code: "console.log(Date.now());".to_owned(),
        start_time: Some(-86_400_000),
        ..PlaygroundState::default()
    }
}

/// v2 links made by the v2 encoder on the day v2 was introduced. Never edit these.
const V2_PINNED: &str = "v2.eNodi0sOwiAUAK_SsIKkIZDysXXrxoVx0RMQeKmNyEvoUxfGu4ud5Uzmw2LGeGcTe62VniGznkVM0ETEsmEGmXHhBd7dKRBwIQnP83WmupaFi767BLrJGkrCBxfi2PYNILFJH4xx3hjlB69Ga7XTtjUKlf5xHIx1auf7A-9iJuc";
const V2_PINNED_START: &str = "v2.eNoBRAC7_3siY2xvY2siOiJyZWFsIiwiY29kZSI6ImNvbnNvbGUubG9nKERhdGUubm93KCkpOyIsInN0YXJ0IjotODY0MDAwMDB98goUyw";

#[test]
fn frozen_v2_links_open_forever() {
    for (link, expected) in [(V2_PINNED, pinned()), (V2_PINNED_START, pinned_start())] {
        assert_eq!(decode(link), Ok(expected), "{link}");
    }
}

#[test]
fn the_encoder_writes_v2_only_for_a_seed_or_a_start_time() {
    assert_eq!(encode(&pinned()), V2_PINNED);
    assert_eq!(encode(&pinned_start()), V2_PINNED_START);
}

/// A v2 link for `json`, built from the documented layout.
fn v2_link_of_json(json: &str) -> String {
    format!(
        "v2.{}",
        URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(
            json.as_bytes(),
            6
        ))
    )
}

#[test]
fn v2_reads_its_documented_keys_and_refuses_others() {
    let state = decode(&v2_link_of_json(
        r#"{"clock":"virtual","code":"1","seed":5,"start":-1}"#,
    ))
    .expect("a v2 link");
    assert_eq!((state.seed, state.start_time), (Some(5), Some(-1)));
    for json in [
        r#"{"clock":"real","code":"1","seed":-5}"#,
        r#"{"clock":"real","code":"1","seed":1.5}"#,
        r#"{"clock":"real","code":"1","start":"2024-01-01"}"#,
        r#"{"clock":"real","code":"1","seed":1,"extra":true}"#,
    ] {
        let error = decode(&v2_link_of_json(json)).expect_err(json);
        assert!(
            matches!(error, LinkError::BadState { .. }),
            "{json}: {error:?}"
        );
        assert_inert_message(&error);
    }
    // A v1 link with v2's keys is refused: v1 stays exactly as it was.
    let error = decode(&v1_link_of_json(r#"{"clock":"real","code":"1","seed":5}"#))
        .expect_err("v1 has no seed");
    assert!(matches!(error, LinkError::BadState { .. }), "{error:?}");
}

/// A state that only version 3 can say: a starting step, "predict first" and notes of both
/// anchors, one of them hostile text.
fn stepped() -> PlaygroundState {
    PlaygroundState {
        code: "setTimeout(() => console.log('timer'));\nPromise.resolve().then(() => console.log('then'));"
            .to_owned(),
        clock: ClockKind::Virtual,
        lesson: Some("10-tasks-microtasks-frames".to_owned()),
        seed: Some(7),
        step: Some(9),
        predict: true,
        notes: vec![
            StepNote {
                at: NoteAnchor::Step(4),
                text: "The script's task ends here.".to_owned(),
            },
            StepNote {
                at: NoteAnchor::Prints("then".to_owned()),
                text: "<img src=x onerror=alert(1)> \u{202e}reversed".to_owned(),
            },
        ],
        ..PlaygroundState::default()
    }
}

/// v3 links made by the v3 encoder on the day v3 was introduced. Never edit these.
const V3_STEPPED: &str = "v3.eNptjkFKxFAQRK_y6c0kkAkOCGI0cwYXs1MX4aecfCb5P3R3wkAIeCIP5UnsoLiaXVNVr6sW8n3yF6poDqxT01NBPURSNOlwt9dGLrIfguf0e35wM0As5VMLywj0FAakSbMsd_XR-RQl9Sj7dM52ahbv8vzpLb5wGoKgZJg9I8tL7RBvQqZvjJUI0FL1YIdipOqxoJHRBq9UKU8oKCa1NdXr8pe4L0hxNZtOHZx4DqPuxG3bHWIrrgOjpLVY7FOIaixtffTPPYfh7IR9fXUpgjlx3fRgzQ750X1_fjFmsNis9X39ARW7a0Q";

#[test]
fn frozen_v3_links_open_forever() {
    assert_eq!(decode(V3_STEPPED), Ok(stepped()));
}

#[test]
fn the_encoder_writes_v3_only_for_a_step_predict_or_notes() {
    assert_eq!(encode(&stepped()), V3_STEPPED);
    for state in [
        PlaygroundState {
            step: Some(0),
            ..hello()
        },
        PlaygroundState {
            predict: true,
            ..hello()
        },
        PlaygroundState {
            notes: vec![StepNote {
                at: NoteAnchor::Step(1),
                text: "a".to_owned(),
            }],
            ..hello()
        },
    ] {
        let link = encode(&state);
        assert!(link.starts_with("v3."), "{link}");
        assert_eq!(decode(&link), Ok(state));
    }
}

/// A v3 link for `json`, built from the documented layout.
fn v3_link_of_json(json: &str) -> String {
    format!(
        "v3.{}",
        URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(
            json.as_bytes(),
            6
        ))
    )
}

#[test]
fn v3_reads_its_documented_keys_and_refuses_others() {
    let state = decode(&v3_link_of_json(
        r#"{"clock":"virtual","code":"1","step":3,"predict":true,"notes":[{"step":2,"text":"a"},{"prints":"x","text":"b"}]}"#,
    ))
    .expect("a v3 link");
    assert_eq!(state.step, Some(3));
    assert!(state.predict);
    assert_eq!(
        state.notes,
        [
            StepNote {
                at: NoteAnchor::Step(2),
                text: "a".to_owned()
            },
            StepNote {
                at: NoteAnchor::Prints("x".to_owned()),
                text: "b".to_owned()
            }
        ]
    );
    for json in [
        r#"{"clock":"real","code":"1","step":-1}"#,
        r#"{"clock":"real","code":"1","predict":"yes"}"#,
        r#"{"clock":"real","code":"1","notes":[{"step":1,"text":"a","extra":1}]}"#,
        r#"{"clock":"real","code":"1","notes":[{"text":"a"}]}"#,
        r#"{"clock":"real","code":"1","notes":[{"step":1,"prints":"x","text":"a"}]}"#,
        r#"{"clock":"real","code":"1","notes":[{"step":1,"text":""}]}"#,
        r#"{"clock":"real","code":"1","notes":[{"step":1,"text":"two\nlines"}]}"#,
        r#"{"clock":"real","code":"1","notes":[{"prints":"","text":"a"}]}"#,
    ] {
        let error = decode(&v3_link_of_json(json)).expect_err(json);
        assert!(
            matches!(
                error,
                LinkError::BadState { .. } | LinkError::BadNote { .. }
            ),
            "{json}: {error:?}"
        );
        assert_inert_message(&error);
    }
    let too_many = format!(
        r#"{{"clock":"real","code":"1","notes":[{}]}}"#,
        vec![r#"{"step":1,"text":"a"}"#; MAX_NOTES + 1].join(",")
    );
    let error = decode(&v3_link_of_json(&too_many)).expect_err("too many notes");
    assert!(matches!(error, LinkError::BadNote { .. }), "{error:?}");
    // A v2 link with v3's keys is refused: v2 stays exactly as it was.
    let error = decode(&v2_link_of_json(r#"{"clock":"real","code":"1","step":5}"#))
        .expect_err("v2 has no step");
    assert!(matches!(error, LinkError::BadState { .. }), "{error:?}");
}

#[test]
fn the_encoder_still_writes_v1() {
    // For states without a seed or a start time the encoder writes v1, byte-for-byte the frozen
    // links, so they open in pages that know only v1.
    assert_eq!(encode(&hello()), V1_HELLO);
    assert_eq!(encode(&full()), V1_FULL);
    assert_eq!(encode(&unicode()), V1_UNICODE);
    assert_eq!(encode(&hostile()), V1_HOSTILE);
    assert_eq!(encode(&empty()), V1_EMPTY);
}

// ---------------------------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------------------------

#[test]
fn states_round_trip() {
    for state in [hello(), full(), unicode(), hostile(), empty()] {
        assert_eq!(state.validate(), Ok(()));
        let link = encode(&state);
        assert!(link.starts_with("v1."));
        assert!(
            link.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')),
            "not URL-safe: {link}"
        );
        assert_eq!(decode(&link), Ok(state.clone()));
    }
}

#[test]
fn hostile_text_comes_back_as_exactly_that_text() {
    let state = decode(&encode(&hostile())).expect("decodes");
    assert_eq!(
        state.code,
        "</script><script>alert(document.cookie)</script>\n\
         \"><img src=x onerror=alert(1)>\n\
         javascript:alert(1)\n\
         <!-- ${alert(1)} {{constructor.constructor('alert(1)')()}} -->"
    );
    assert_eq!(state.files[0].name, "<img src=x onerror=alert(1)>.html");
    assert_eq!(state.files[0].text, "<svg onload=alert(1)>");
    assert_eq!(state.files[1].text, "&lt;&#x3C;\u{0}");
}

#[test]
fn unicode_survives_whole() {
    // Every scalar value of the Basic Multilingual Plane and a spread of the astral planes, as
    // code and as a file's text.
    let scalars: Vec<char> = (0..=0xFFFF_u32)
        .chain((0x1_0000..=0x10_FFFF).step_by(97))
        .chain([0x1_F600, 0x10_FFFF])
        .filter_map(char::from_u32)
        .collect();
    for chunk in scalars.chunks(40_000) {
        let text: String = chunk.iter().collect();
        let state = PlaygroundState {
            code: text.clone(),
            files: vec![file("all.txt", &text)],
            ..PlaygroundState::default()
        };
        assert_eq!(decode(&encode(&state)), Ok(state));
    }
    let name: String = ['日', 'ש', '😀', '\u{301}', '\u{FEFF}', '\u{10FFFF}']
        .iter()
        .collect();
    let state = PlaygroundState {
        files: vec![file(&name, "")],
        ..PlaygroundState::default()
    };
    assert_eq!(decode(&encode(&state)), Ok(state));
}

#[test]
fn random_states_round_trip() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..500 {
        let files = (0..rng.below(4))
            .map(|i| file(&format!("f{i}-{}.txt", rng.below(1000)), &rng.text(60)))
            .collect();
        let state = PlaygroundState {
            code: rng.text(200),
            files,
            clock: if rng.below(2) == 0 {
                ClockKind::Real
            } else {
                ClockKind::Virtual
            },
            lesson: (rng.below(2) == 0).then(|| format!("lesson-{}", rng.below(99))),
            seed: (rng.below(2) == 0).then(|| rng.next()),
            start_time: (rng.below(2) == 0)
                .then(|| (rng.next() % 4_000_000_000_000) as i64 - 1_000),
            step: (rng.below(3) == 0).then(|| rng.below(100_000)),
            predict: rng.below(4) == 0,
            notes: (0..rng.below(3))
                .map(|i| {
                    let text = format!("n{i}{}", rng.text(40).replace(['\n', '\r'], " "));
                    if rng.below(2) == 0 {
                        StepNote {
                            at: NoteAnchor::Step(rng.below(500)),
                            text,
                        }
                    } else {
                        StepNote {
                            at: NoteAnchor::Prints(format!("p{}", rng.text(20))),
                            text,
                        }
                    }
                })
                .collect(),
        };
        assert_eq!(decode(&encode(&state)), Ok(state));
    }
}

#[test]
fn fragment_forms_are_accepted() {
    let link = encode(&full());
    for form in [
        link.clone(),
        format!("#{link}"),
        format!("  #{link}\n"),
        format!("# {link} "),
        format!("\t{link}\r\n"),
    ] {
        assert_eq!(decode(&form), Ok(full()), "{form:?}");
    }
    let url = share_url("https://example.test/play/?embed#v1.old", &full());
    assert_eq!(url, format!("https://example.test/play/?embed#{link}"));
    let (_, fragment) = url.split_once('#').expect("has a fragment");
    assert_eq!(decode(fragment), Ok(full()));
}

#[test]
fn a_big_state_fits_the_limits() {
    // 500 KiB of varied code: decodes, and the link stays under the input cap.
    let mut rng = XorShift(7);
    let mut code = String::new();
    while code.len() < 500 << 10 {
        code.push_str(&format!("let v{} = {};\n", rng.below(100_000), rng.next()));
    }
    let state = PlaygroundState {
        code,
        ..PlaygroundState::default()
    };
    let link = encode(&state);
    assert!(link.len() < MAX_LINK_LENGTH);
    assert_eq!(decode(&link), Ok(state));
}

// ---------------------------------------------------------------------------------------------
// Malformed links: every error
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_links() {
    for text in ["", "#", "  ", " # ", "\n#\t"] {
        assert_eq!(decode(text), Err(LinkError::Empty), "{text:?}");
    }
}

#[test]
fn links_without_a_version() {
    for text in [
        "hello",
        "v1",
        "v",
        "v.abc",
        "V1.abc",
        "1.abc",
        "vx.abc",
        "v1x.abc",
        "v-1.abc",
        "v１.abc",
        "eJzLSM3JyVcozy_KSQEAGgQEXQ",
        "code=v1.abc",
        "<script>alert(1)</script>",
        "javascript:alert(1)",
        "\"><img src=x onerror=alert(1)>",
    ] {
        let error = decode(text).expect_err(text);
        assert_eq!(error, LinkError::NoVersion, "{text:?}");
        assert_inert_message(&error);
    }
}

#[test]
fn unsupported_versions_are_named() {
    let error = decode("v4.eJzLSM3JyVcozy_KSQEAGgQEXQ").expect_err("v4 is not known yet");
    assert_eq!(
        error,
        LinkError::UnsupportedVersion {
            version: "v4".to_owned()
        }
    );
    assert!(error.to_string().contains("'v4'"), "{error}");
    assert_eq!(
        decode("#v0.abc"),
        Err(LinkError::UnsupportedVersion {
            version: "v0".to_owned()
        })
    );
    assert_eq!(
        decode("v01.abc"),
        Err(LinkError::UnsupportedVersion {
            version: "v01".to_owned()
        })
    );
    let long = format!("v{}.abc", "9".repeat(500));
    let Err(LinkError::UnsupportedVersion { version }) = decode(&long) else {
        panic!("expected an unsupported version");
    };
    assert_eq!(version, format!("v{}…", "9".repeat(12)));
}

#[test]
fn payloads_that_are_not_base64url() {
    let good = encode(&hello());
    let payload = good.strip_prefix("v1.").expect("v1");
    for (text, needle) in [
        (format!("{good}="), "'='"),
        (format!("{good}=="), "'='"),
        (format!("v1.+{}", &payload[1..]), "'+'"),
        (format!("v1.ab/cd{payload}"), "'/'"),
        (format!("v1.%3Cscript%3E{payload}"), "'%'"),
        (format!("v1.<script>alert(1)</script>{payload}"), "\\u{3c}"),
        (format!("v1.ab cd{payload}"), "' '"),
        (format!("v1.😀{payload}"), "'😀'"),
        (format!("v1.a.b{payload}"), "'.'"),
        (format!("{good}#"), "'#'"),
        ("v1.A".to_owned(), "length"),
        ("v1.AAAAA".to_owned(), "length"),
        ("v1.AB".to_owned(), "impossible last character"),
    ] {
        let error = decode(&text).expect_err(&text);
        assert!(
            matches!(&error, LinkError::NotBase64 { detail } if detail.contains(needle)),
            "{text:?}: {error:?}"
        );
        assert_inert_message(&error);
    }
    // Padding is always refused, even where it would be correct.
    let padded = format!(
        "v1.{}",
        base64::engine::general_purpose::URL_SAFE.encode(b"a")
    );
    assert!(matches!(decode(&padded), Err(LinkError::NotBase64 { .. })));
}

#[test]
fn truncated_links() {
    let link = encode(&full());
    // Cut anywhere past the prefix: never a state, almost always "cut short".
    let mut truncated = 0;
    for end in 3..link.len() {
        let error = decode(&link[..end]).expect_err("a cut link never opens");
        assert_inert_message(&error);
        match error {
            LinkError::Truncated => truncated += 1,
            LinkError::NotBase64 { .. } | LinkError::Corrupt { .. } => {}
            other => panic!("cut at {end}: unexpected {other:?}"),
        }
    }
    // About a third of cuts leave valid base64url (the rest have an impossible length or last
    // character): those all end the compressed stream early.
    assert!(
        truncated > (link.len() - 3) / 5,
        "{truncated} of {}",
        link.len()
    );
    assert_eq!(decode("v1."), Err(LinkError::Truncated));
}

#[test]
fn corrupt_links() {
    let link = encode(&full());
    let bytes = payload_bytes(&link);

    // The checksum (the last four bytes) damaged.
    let mut checksum = bytes.clone();
    let last = checksum.len() - 1;
    checksum[last] ^= 0x40;
    assert!(matches!(
        decode(&link_of_payload_bytes(&checksum)),
        Err(LinkError::Corrupt { detail }) if detail.contains("checksum")
    ));

    // A bad zlib header.
    let mut header = bytes.clone();
    header[0] = 0x79;
    assert!(matches!(
        decode(&link_of_payload_bytes(&header)),
        Err(LinkError::Corrupt { detail }) if detail.contains("header")
    ));

    // Bytes after the stream's end.
    let mut trailing = bytes.clone();
    trailing.extend_from_slice(b"\0\0\0");
    assert!(matches!(
        decode(&link_of_payload_bytes(&trailing)),
        Err(LinkError::Corrupt { detail }) if detail.contains("after")
    ));

    // Any single bit flipped anywhere: never a different state. (The unused bits that pad the
    // last deflate byte are not covered by the checksum; flipping them changes nothing.)
    let mut harmless = 0;
    for index in 0..bytes.len() {
        for bit in 0..8 {
            let mut flipped = bytes.clone();
            flipped[index] ^= 1 << bit;
            match decode(&link_of_payload_bytes(&flipped)) {
                Ok(state) => {
                    assert_eq!(state, full(), "bit {bit} of byte {index}");
                    harmless += 1;
                }
                Err(error) => assert_inert_message(&error),
            }
        }
    }
    assert!(harmless < 8, "{harmless} flips opened");

    // A payload that is base64url but not zlib at all.
    assert!(matches!(
        decode("v1.PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg"),
        Err(LinkError::Corrupt { .. })
    ));
}

#[test]
fn zip_bombs_are_refused() {
    // 64 MiB of spaces compress to about 64 KiB: refused at 1 MiB, without inflating the rest.
    let bomb = v1_link_of_bytes(&vec![b' '; 64 << 20]);
    assert!(bomb.len() < 100 << 10);
    assert_eq!(
        decode(&bomb),
        Err(LinkError::TooLarge {
            limit: MAX_DECOMPRESSED_BYTES
        })
    );
    // A JSON state just over the limit is refused too; one just under opens.
    let over = format!(
        r#"{{"clock":"real","code":"{}"}}"#,
        "x".repeat(MAX_DECOMPRESSED_BYTES)
    );
    assert!(matches!(
        decode(&v1_link_of_json(&over)),
        Err(LinkError::TooLarge { .. })
    ));
    let under = format!(
        r#"{{"clock":"real","code":"{}"}}"#,
        "x".repeat(MAX_DECOMPRESSED_BYTES - 100)
    );
    assert!(decode(&v1_link_of_json(&under)).is_ok());
}

#[test]
fn overlong_input_is_refused_before_decoding() {
    let long = format!("v1.{}", "A".repeat(MAX_LINK_LENGTH));
    assert_eq!(
        decode(&long),
        Err(LinkError::TooLong {
            length: long.len(),
            limit: MAX_LINK_LENGTH
        })
    );
}

#[test]
fn contents_that_are_not_json() {
    for bytes in [
        &b"not json"[..],
        b"",
        b"{",
        b"{\"clock\":\"real\",\"code\":\"a\"} trailing",
        b"\xff\xfe{}",
        b"{\"clock\":\"real\",\"code\":\"\xc3\x28\"}",
        b"{\"clock\":\"real\",\"code\":\"\\ud800\"}",
        b"<html><script>alert(1)</script></html>",
    ] {
        let error = decode(&v1_link_of_bytes(bytes)).expect_err("not JSON");
        assert!(
            matches!(error, LinkError::NotJson { .. }),
            "{:?}: {error:?}",
            String::from_utf8_lossy(bytes)
        );
        assert_inert_message(&error);
    }
    // Deep nesting is refused by the parser's depth limit, not by a stack overflow.
    let deep = format!(
        r#"{{"clock":"real","code":"","files":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(matches!(
        decode(&v1_link_of_json(&deep)),
        Err(LinkError::NotJson { detail }) if detail.contains("recursion")
    ));
}

#[test]
fn json_that_is_not_a_state() {
    for (json, needle) in [
        (r#"[]"#, "expected a JSON object"),
        (r#"["real", null, "code", []]"#, "expected a JSON object"),
        (r#""code""#, "expected a JSON object"),
        (r#"null"#, "expected a JSON object"),
        (r#"{}"#, "missing field"),
        (r#"{"code":"a"}"#, "missing field `clock`"),
        (r#"{"clock":"real"}"#, "missing field `code`"),
        (r#"{"clock":"real","code":1}"#, "invalid type"),
        (r#"{"clock":"real","code":null}"#, "invalid type"),
        (r#"{"clock":1,"code":""}"#, "invalid type"),
        (r#"{"clock":"real","code":"","files":{}}"#, "invalid type"),
        (
            r#"{"clock":"real","code":"","files":[{"name":"a"}]}"#,
            "missing field `text`",
        ),
        (
            r#"{"clock":"real","code":"","files":[{"name":"a","text":"","mode":7}]}"#,
            "unknown field `mode`",
        ),
        (r#"{"clock":"real","code":"","lesson":5}"#, "invalid type"),
        (
            r#"{"clock":"real","code":"","<img src=x onerror=alert(1)>":1}"#,
            "unknown field `\\u{3c}img",
        ),
    ] {
        let error = decode(&v1_link_of_json(json)).expect_err(json);
        assert!(
            matches!(&error, LinkError::BadState { detail } if detail.contains(needle)),
            "{json}: {error:?}"
        );
        assert_inert_message(&error);
    }
}

#[test]
fn unknown_clocks() {
    for (clock, shown) in [
        ("fast", "fast"),
        ("Real", "Real"),
        ("", ""),
        ("<img src=x>", "\\u{3c}img src=x\\u{3e}"),
    ] {
        let json = format!(r#"{{"clock":{},"code":""}}"#, serde_json::json!(clock));
        let error = decode(&v1_link_of_json(&json)).expect_err(clock);
        assert_eq!(
            error,
            LinkError::UnknownClock {
                clock: shown.to_owned()
            }
        );
        assert_inert_message(&error);
    }
}

#[test]
fn invalid_files() {
    let state_with = |files: Vec<FileEntry>| PlaygroundState { files, ..hello() };
    let too_many: Vec<FileEntry> = (0..=MAX_FILES)
        .map(|i| file(&format!("f{i}.txt"), ""))
        .collect();
    assert_eq!(
        decode(&encode(&state_with(too_many))),
        Err(LinkError::TooManyFiles {
            count: MAX_FILES + 1,
            limit: MAX_FILES
        })
    );
    let just_enough: Vec<FileEntry> = (0..MAX_FILES)
        .map(|i| file(&format!("f{i}.txt"), ""))
        .collect();
    assert!(decode(&encode(&state_with(just_enough))).is_ok());

    for (name, problem, shown) in [
        ("", FileNameProblem::Empty, ""),
        ("/etc/passwd", FileNameProblem::Absolute, "/etc/passwd"),
        ("C:\\Windows", FileNameProblem::Absolute, "C:\\Windows"),
        (
            "../../secret",
            FileNameProblem::ParentDirectory,
            "../../secret",
        ),
        ("a/../b", FileNameProblem::ParentDirectory, "a/../b"),
        ("a\u{0}b", FileNameProblem::ControlCharacter, "a\\u{0}b"),
        ("a\nb", FileNameProblem::ControlCharacter, "a\\u{a}b"),
        (
            "a\u{1b}[31m",
            FileNameProblem::ControlCharacter,
            "a\\u{1b}[31m",
        ),
        (" a", FileNameProblem::SurroundingWhitespace, " a"),
        ("a//b", FileNameProblem::EmptyOrDotPart, "a//b"),
        ("./a", FileNameProblem::EmptyOrDotPart, "./a"),
        ("main.js", FileNameProblem::Reserved, "main.js"),
    ] {
        let error = decode(&encode(&state_with(vec![file(name, "x")]))).expect_err(name);
        assert_eq!(
            error,
            LinkError::BadFileName {
                name: shown.to_owned(),
                problem
            },
            "{name:?}"
        );
        assert_inert_message(&error);
    }
    let long = "n".repeat(300);
    assert!(matches!(
        decode(&encode(&state_with(vec![file(&long, "")]))),
        Err(LinkError::BadFileName { problem: FileNameProblem::TooLong, name }) if name.ends_with('…')
    ));

    assert_eq!(
        decode(&encode(&state_with(vec![
            file("a.txt", "1"),
            file("a.txt", "2")
        ]))),
        Err(LinkError::DuplicateFileName {
            name: "a.txt".to_owned()
        })
    );
}

#[test]
fn invalid_lessons() {
    for (lesson, shown) in [
        ("", ""),
        ("../etc", "../etc"),
        ("<script>", "\\u{3c}script\\u{3e}"),
        ("a b", "a b"),
    ] {
        let state = PlaygroundState {
            lesson: Some(lesson.to_owned()),
            ..hello()
        };
        assert_eq!(
            state.validate(),
            Err(LinkError::BadLesson {
                lesson: shown.to_owned()
            })
        );
        assert_eq!(
            decode(&encode(&state)),
            Err(LinkError::BadLesson {
                lesson: shown.to_owned()
            })
        );
    }
}

#[test]
fn hostile_fragments_never_open() {
    let good = encode(&hello());
    for text in [
        "<script>alert(1)</script>".to_owned(),
        "#<script>alert(1)</script>".to_owned(),
        "#\"><img src=x onerror=alert(1)>".to_owned(),
        "#javascript:alert(document.domain)".to_owned(),
        "#data:text/html,<script>alert(1)</script>".to_owned(),
        "#v1.<script>alert(1)</script>".to_owned(),
        "#v1.\"><img src=x onerror=alert(1)>".to_owned(),
        "#v1.javascript:alert(1)".to_owned(),
        "#v<script>.AAAA".to_owned(),
        "#v1<img>.AAAA".to_owned(),
        format!("#{good}<script>alert(1)</script>"),
        format!("#{good}\"><img src=x onerror=alert(1)>"),
        format!("#{good}%3Cscript%3Ealert(1)%3C/script%3E"),
        format!("#{good}&x=<script>"),
        format!(
            "#v1.{}",
            URL_SAFE_NO_PAD.encode("<script>alert(1)</script>")
        ),
        v1_link_of_json("<script>alert(1)</script>"),
        v1_link_of_json(r#"{"clock":"<script>alert(1)</script>","code":""}"#),
        v1_link_of_json(r#"{"clock":"real","code":"","lesson":"<img src=x onerror=alert(1)>"}"#),
        v1_link_of_json(
            r#"{"clock":"real","code":"","files":[{"name":"<script>alert(1)</script>/../x","text":""}]}"#,
        ),
    ] {
        let error = decode(&text).expect_err(&text);
        assert_inert_message(&error);
    }
}

// ---------------------------------------------------------------------------------------------
// Link length
// ---------------------------------------------------------------------------------------------

#[test]
fn length_warnings() {
    assert_eq!(length_warning(0), None);
    assert_eq!(length_warning(LINK_WARNING_LENGTH), None);
    let mild = length_warning(LINK_WARNING_LENGTH + 1).expect("a warning");
    assert!(mild.contains("2,000"));
    assert_eq!(length_warning(LINK_SEVERE_LENGTH), Some(mild));
    let severe = length_warning(LINK_SEVERE_LENGTH + 1).expect("a warning");
    assert!(severe.contains("8,000"));
    assert_eq!(length_warning(usize::MAX), Some(severe));
    // A typical lesson-sized snippet makes a short link.
    assert!(length_warning(share_url("https://tickscope.example/", &full()).len()).is_none());
}

// ---------------------------------------------------------------------------------------------
// Never panics: random and mutated input
// ---------------------------------------------------------------------------------------------

#[test]
fn random_input_never_panics() {
    let mut rng = XorShift(0xDEAD_BEEF_CAFE_F00D);
    const ALPHABET: &[u8] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_v1.#=+/% <>\"'";
    for round in 0..fuzz_rounds() {
        let text: String = match round % 3 {
            0 => rng.text(80),
            1 => (0..rng.below(120))
                .map(|_| char::from(*rng.pick(ALPHABET)))
                .collect(),
            _ => {
                // A valid zlib header before random bytes, to reach the inflater's inner states.
                let mut bytes = vec![0x78, 0xDA];
                bytes.extend((0..rng.below(80)).map(|_| rng.next() as u8));
                link_of_payload_bytes(&bytes)
            }
        };
        if let Err(error) = decode(&text) {
            assert_inert_message(&error);
        }
    }
}

#[test]
fn mutated_links_never_open_as_something_else() {
    let mut rng = XorShift(0x0123_4567_89AB_CDEF);
    let cases: Vec<(PlaygroundState, String)> = [hello(), full(), unicode(), hostile(), empty()]
        .into_iter()
        .map(|state| {
            let link = encode(&state);
            (state, link)
        })
        .collect();
    const NOISE: &[char] = &[
        'A', 'z', '0', '-', '_', '.', '=', '+', '/', '#', ' ', '<', '😀', '\u{0}',
    ];
    for _ in 0..fuzz_rounds() {
        let (original, link) = rng.pick(&cases);
        let mut chars: Vec<char> = link.chars().collect();
        for _ in 0..=rng.below(3) {
            let at = rng.below(chars.len() + 1);
            match rng.below(6) {
                0 if at < chars.len() => chars[at] = *rng.pick(NOISE),
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                2 => chars.insert(at, *rng.pick(NOISE)),
                3 => chars.truncate(at),
                4 if at + 1 < chars.len() => chars.swap(at, at + 1),
                _ => {
                    let from = rng.below(chars.len() + 1);
                    let piece: Vec<char> = chars[from..].iter().take(8).copied().collect();
                    let at = at.min(chars.len());
                    chars.splice(at..at, piece);
                }
            }
        }
        let mutated: String = chars.into_iter().collect();
        match decode(&mutated) {
            // A mutation that changed nothing (or only whitespace around it) may open.
            Ok(state) => assert_eq!(&state, original, "{mutated:?} opened as something else"),
            Err(error) => assert_inert_message(&error),
        }
    }
}
