//! Values a user can make that must not panic the formatter; prints what comes out.
#![cfg(not(target_arch = "wasm32"))]

use boa_engine::{Context, JsValue, Source, object::builtins::JsArray};
use tickscope::console::{
    format::format_args,
    inspect::{InspectOptions, inspect},
};

const CASES: &[(&str, &str)] = &[
    (
        "deep object, infinite depth",
        "const o = {}; let c = o; for (let i = 0; i < 5000; i++) { c.n = {}; c = c.n; } [o]",
    ),
    (
        "deep array, infinite depth",
        "let a = []; for (let i = 0; i < 5000; i++) a = [a]; [a]",
    ),
    (
        "throwing traps",
        "[new Proxy({}, { ownKeys() { throw 1 }, getOwnPropertyDescriptor() { throw 2 }, getPrototypeOf() { throw 3 }, has() { throw 4 }, get() { throw 5 } })]",
    ),
    (
        "throwing traps array",
        "[new Proxy([1,2], { ownKeys() { throw 1 }, getOwnPropertyDescriptor() { throw 2 }, getPrototypeOf() { throw 3 }, has() { throw 4 }, get() { throw 5 } })]",
    ),
    (
        "revoked proxies",
        "const r = Proxy.revocable(function f() {}, {}); r.revoke(); const s = Proxy.revocable([], {}); s.revoke(); [{ r: r.proxy, s: s.proxy }, r.proxy]",
    ),
    ("proxy of proxy", "[new Proxy(new Proxy({ a: 1 }, {}), {})]"),
    (
        "throwing toStringTag",
        "[{ get [Symbol.toStringTag]() { throw new Error('tag') } }, class { static get [Symbol.toStringTag]() { throw 1 } }]",
    ),
    (
        "throwing name",
        "[class { static get name() { throw 1 } }, (() => { function f() {} Object.defineProperty(f, 'name', { get() { throw 2 } }); return f; })()]",
    ),
    (
        "throwing constructor",
        "function F() {} Object.defineProperty(F.prototype, 'constructor', { get() { throw 1 } }); [new F()]",
    ),
    (
        "non-string names",
        "function f() {} Object.defineProperty(f, 'name', { value: 42 }); function g() {} delete g.name; [f, g]",
    ),
    (
        "error with throwing getters",
        "const e = new Error('x'); Object.defineProperty(e, 'message', { get() { throw 1 } }); Object.defineProperty(e, 'name', { get() { throw 2 } }); Object.defineProperty(e, 'cause', { get() { throw 3 } }); [e]",
    ),
    (
        "error with throwing stack getter",
        "class E extends Error { get stack() { throw 1 } } [new E('m')]",
    ),
    (
        "fake errors",
        "[Object.create(Error.prototype), Object.create(TypeError.prototype, { message: { value: 'm' } })]",
    ),
    (
        "engine-thrown errors",
        "const out = []; try { null.x } catch (e) { out.push(e) } try { undefinedVar } catch (e) { out.push(e) } try { JSON.parse('{') } catch (e) { out.push(e) } out",
    ),
    (
        "%s throwing toString",
        "['%s|%d|%i|%f', { toString() { throw new Error('ts') } }, { valueOf() { throw 1 } }, { toString() { throw 2 } }, { toString() { throw 3 } }]",
    ),
    (
        "%j bigint and throwing toJSON",
        "['%j %j', 10n, { toJSON() { throw new RangeError('tj') } }]",
    ),
    (
        "huge sparse",
        "[new Array(1e7), (() => { const a = []; a[1e6] = 1; a.x = 2; return a; })()]",
    ),
    ("big dense", "[new Array(1e6).fill(0)]"),
    (
        "many keys",
        "const o = {}; for (let i = 0; i < 10000; i++) o['k' + i] = i; [o]",
    ),
    (
        "map mutated by proxy trap",
        "const m = new Map(); const k = new Proxy({}, { ownKeys() { m.clear(); return []; } }); m.set(k, 1); m.set(2, 3); [m]",
    ),
    (
        "detached buffer",
        "const b = new ArrayBuffer(8); const t = new Uint8Array(b); let d = 'no transfer'; try { b.transfer(); d = 'detached'; } catch (e) {} [b, t, d]",
    ),
    (
        "null-proto function and class",
        "class N extends null {} const f = function f() {}; Object.setPrototypeOf(f, null); [N, f]",
    ),
    ("globalThis", "[globalThis]"),
    (
        "lone surrogates",
        "['\\ud800 top', { k: '\\udc00' }, Symbol('\\ud800')]",
    ),
    ("symbol key with quote", "[{ [Symbol(\"it's\\n\")]: 1 }]"),
    (
        "generator and iterators",
        "[(function*(){ yield 1 })(), new Map([[1,2]]).keys(), new Set([1]).values(), [1][Symbol.iterator]()]",
    ),
    (
        "getter setter on array items",
        "const a = [1]; Object.defineProperty(a, 1, { get() { throw 1 }, enumerable: true }); [a]",
    ),
    (
        "string object",
        "[new String('hello'), Object.assign(new String('ab'), { 5: 'x' })]",
    ),
    (
        "weird prototypes",
        "const p = Object.create(null); p.constructor = 5; [Object.create(p), Object.create(Object.create(Object.create(null)))]",
    ),
    (
        "date with null proto",
        "const d = new Date(0); Object.setPrototypeOf(d, null); const r = /x/g; Object.setPrototypeOf(r, null); [d, r]",
    ),
    (
        "array with throwing length via proxy",
        "[new Proxy([], { get(t, k) { if (k === 'length') throw 1; return t[k]; } })]",
    ),
    (
        "typed array subclass",
        "class T extends Uint8Array {} [new T(3), new Float32Array([1.5, -0, NaN, 1e-7, 123456789, 1, 2, 3])]",
    ),
    (
        "shared array buffer",
        "[typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(2) : 'none']",
    ),
    ("depth 0 with circular", "const a = {}; a.a = a; ['%s', a]"),
    ("empty format", "['']"),
    ("percent at end", "['%', 1]"),
];

#[test]
fn nothing_panics() {
    for (name, code) in CASES {
        let mut context = Context::builder()
            .instructions_remaining(usize::MAX)
            .build()
            .expect("a context");
        let result = match context.eval(Source::from_bytes(code)) {
            Ok(v) => v,
            Err(e) => panic!("{name}: evaluation failed: {e}"),
        };
        let array = JsArray::from_object(result.as_object().expect("array")).expect("array");
        let len = array.length(&mut context).expect("length");
        let args: Vec<JsValue> = (0..len)
            .map(|i| array.get(i, &mut context).unwrap_or_default())
            .collect();
        let started = std::time::Instant::now();
        let formatted = format_args(&args, &mut context);
        eprintln!("{name}: {:?}", started.elapsed());
        let deep = InspectOptions {
            depth: usize::MAX,
            ..InspectOptions::default()
        };
        let inspected = inspect(&args[0], &deep, &mut context);
        if inspected.contains("Inspection interrupted") {
            println!("(interrupted at depth)");
        }
        let cut = |s: &str| {
            let c: Vec<char> = s.chars().collect();
            if c.len() > 3000 {
                format!(
                    "{}\n[...]\n{}",
                    c[..1500].iter().collect::<String>(),
                    c[c.len() - 600..].iter().collect::<String>()
                )
            } else {
                s.to_owned()
            }
        };
        println!(
            "== {name}\n{}\n-- depth ∞:\n{}",
            cut(&formatted),
            cut(&inspected)
        );
    }
}

/// Deep nesting with unlimited depth must fit in a 1 MiB stack (the wasm32 default).
#[test]
fn deep_nesting_fits_small_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            let mut context = Context::builder()
        .instructions_remaining(usize::MAX)
        .build()
        .expect("a context");
            let code = "const o = {}; let c = o; for (let i = 0; i < 1000; i++) { c.n = [new Map([[1, { m: {} }]])]; c = c.n[0].get(1).m; } o";
            let value = context.eval(Source::from_bytes(code)).expect("eval");
            let deep = InspectOptions { depth: usize::MAX, ..InspectOptions::default() };
            inspect(&value, &deep, &mut context).len()
        })
        .expect("thread");
    let len = handle.join().expect("no stack overflow");
    assert!(len > 0);
}
