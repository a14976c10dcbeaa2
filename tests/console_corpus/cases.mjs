// The console formatting corpus.
//
// Each entry is `[name, fn]` or `[name, fn, { inspect: options }]`.
// `fn` is an arrow function returning the argument list of one `console.log` call. Its source text
// (Function.prototype.toString) becomes the case's `code`, `(${fn})()`, which both Node
// (record.mjs) and Boa (the Rust test) evaluate. Without options, the expected text is
// `util.format(...args)` (what `console.log` prints before the newline); with options, it is
// `util.inspect(args[0], options)`.
//
// Keep every case self-contained (no shared state between cases) and deterministic.

export default [
  // ---- primitives at top level ----
  ['string bare', () => ['hello world']],
  ['several strings', () => ['a', 'b', 'c']],
  ['numbers', () => [0, -0, 1.5, -42, NaN, Infinity, -Infinity, 1e21, 0.1 + 0.2, 2 ** 53]],
  ['bigint', () => [10n, -5n, 2n ** 70n]],
  ['symbols', () => [Symbol('desc'), Symbol(), Symbol.iterator, Symbol.for('reg')]],
  ['undefined null booleans', () => [undefined, null, true, false]],

  // ---- strings inside structures ----
  ['quoted strings in array', () => [["plain", "it's", 'say "hi"', 'both \' and "', 'all \' " `', 'tab\there', 'nl\nx', '\x7f\x85\x00', 'back\\slash']]],
  ['unicode strings', () => [{ s: 'ünïcödé', e: '😀', cjk: '漢字' }, 'ünï top']],
  ['long string in object', () => [{ s: 'a'.repeat(100) }]],
  ['multi-line string in object', () => [{ text: 'line one is here\nline two is here\nline three is here and long enough to break the line' }]],
  ['lone surrogate escaped', () => [['\ud800x', 'y\udc00']]],

  // ---- arrays ----
  ['small array', () => [[1, 2, 3]]],
  ['empty array and object', () => [[], {}]],
  ['holes', () => [[1, , 3, , , 6]]],
  ['trailing hole and all holes', () => [[1, 2, 3, ,], new Array(5)]],
  ['more than 100 items', () => [Array.from({ length: 120 }, (_, i) => i)]],
  ['grouped numbers', () => [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]],
  ['grouped mixed widths', () => [[1, 22, 333, 4444, 55555, 666666, 7777777, 88888888, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27]]],
  ['grouped strings', () => [Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat((i % 4) + 1))]],
  ['seven short items not grouped', () => [['a', 'b', 'c', 'd', 'e', 'f', 'g']]],
  ['array with extra properties', () => { const a = [1, 2]; a.extra = 'x'; a[Symbol('s')] = true; return [a]; }],
  ['array of objects', () => [[{ id: 1, name: 'one' }, { id: 2, name: 'two' }, { id: 3, name: 'three' }, { id: 4, name: 'four' }]]],
  ['huge sparse array', () => [new Array(2 ** 32 - 1)]],
  ['large dense array', () => [new Array(100000).fill(7)]],
  ['array subclass', () => { class MyArray extends Array {} const a = MyArray.from([1, 2]); return [a]; }],
  ['many objects in array', () => [Array.from({ length: 8 }, (_, i) => ({ i }))]],

  // ---- objects ----
  ['plain object', () => [{ a: 1, b: 'two', c: [3], d: { e: null } }]],
  ['nested beyond depth', () => [{ a: { b: { c: { d: 1 } } } }, [[[[1]]]]]],
  ['wide object breaks lines', () => [{ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'dddddddddd', epsilon: 'eeee' }]],
  ['compact grouping of inner levels', () => [{ first: [1, 2, 3], second: { inner: [1, 2, 3] }, third: { x: { y: { z: 1 } } } }]],
  ['class instance', () => { class Foo { constructor() { this.a = 1; } } class Empty {} return [new Foo(), new Empty()]; }],
  ['null prototype', () => { const o = Object.create(null); o.x = 1; return [Object.create(null), o]; }],
  ['symbol keys', () => [{ [Symbol('k')]: 1, normal: 2, [Symbol()]: 3 }]],
  ['keys needing quotes', () => [{ 'a-b': 1, valid_id: 2, '1x': 3, '': 4, "it's": 5, 42: 6, __proto__x: 7, 'sp ace': 8 }]],
  ['__proto__ own key', () => [JSON.parse('{"__proto__": 1, "a": 2}')]],
  ['non-enumerable hidden', () => { const o = { a: 1 }; Object.defineProperty(o, 'hidden', { value: 2, enumerable: false }); return [o]; }],
  ['toStringTag', () => { class T { get [Symbol.toStringTag]() { return 'Tagged'; } } return [new T(), { [Symbol.toStringTag]: 'own' }, Math, JSON]; }],
  ['object with inherited prototype chain', () => { class A { constructor() { this.x = 1; } } class B extends A {} return [new B(), Object.create({ inherited: 1 })]; }],
  ['object created from null-proto prototype', () => [Object.create(Object.create(null))]],

  // ---- collections ----
  ['map', () => [new Map([['a', 1], ['b', 2]])]],
  ['set', () => [new Set([1, 'two', [3]])]],
  ['empty map and set', () => [new Map(), new Set()]],
  ['nested map in object', () => [{ m: new Map([[{ k: 1 }, new Set([1])]]) }]],
  ['map subclass with props', () => { class MyMap extends Map {} const m = new MyMap([[1, 2]]); m.extra = true; return [m]; }],
  ['weak collections', () => [new WeakMap(), new WeakSet()]],

  // ---- dates and regexps ----
  ['dates', () => [new Date(0), { when: new Date(Date.UTC(2020, 1, 29, 12, 30, 15, 250)) }]],
  ['invalid date', () => [new Date(NaN)]],
  ['regexps', () => [/ab+c/gi, { re: /x\/y/m }]],
  ['regexp escaping', () => [/[/]/, new RegExp('a/b'), new RegExp('\n'), new RegExp(''), /\\/u]],
  ['date with property', () => { const d = new Date(86400000); d.label = 'day'; return [d]; }],

  // ---- errors (stack lines are compared with "at" lines removed) ----
  ['error', () => [new Error('boom')]],
  ['type error', () => [new TypeError('bad type')]],
  ['error inside object', () => [{ err: new RangeError('out of range') }]],
  ['error with extra props', () => { const e = new Error('with props'); e.code = 'E_CODE'; e.details = { n: 1 }; return [e]; }],
  ['error without stack', () => { const e = new TypeError('msg'); e.stack = ''; return [e]; }],
  ['error with custom stack string', () => { const e = new Error('x'); e.stack = 'custom stack text'; return [e]; }],
  ['error subclass', () => { class MyError extends Error {} return [new MyError('mine')]; }],
  ['error with cause', () => [new Error('outer', { cause: new Error('inner') })]],
  ['error with primitive cause', () => [new Error('outer', { cause: 'just a string' })]],
  ['error name changed', () => { const e = new Error('m'); e.name = 'CustomName'; return [e]; }],
  ['aggregate error', () => [new AggregateError([new Error('a')], 'multi')]],
  ['errors in array', () => [[new Error('one'), new SyntaxError('two')]]],

  // ---- functions and classes ----
  ['named function', () => { function f() {} return [f]; }],
  ['anonymous functions', () => [function () {}, () => {}]],
  ['classes', () => { class A {} class B extends A {} return [A, B, class {}]; }],
  ['async and generator functions', () => [async function af() {}, function* g() {}, async function* ag() {}, async () => {}]],
  ['function with properties', () => { function withProps() {} withProps.x = 1; return [withProps]; }],
  ['bound and native functions', () => { function f() {} return [f.bind(null), Math.max, Array]; }],
  ['methods in object', () => [{ m() {}, get g() { return 1; }, arrow: () => 1 }]],
  ['class with static members', () => { class S { static count = 3; } return [S]; }],

  // ---- boxed primitives ----
  ['boxed primitives', () => [new Number(3), new String('x'), new Boolean(false), Object(10n), Object(Symbol('s')), new Number(-0)]],
  ['boxed string with property', () => { const s = new String('ab'); s.extra = 1; return [s]; }],

  // ---- promises ----
  ['fulfilled promise', () => [Promise.resolve(1), Promise.resolve({ a: [1] })]],
  ['pending promise', () => [new Promise(() => {})]],
  ['rejected promise with primitive', () => { const p = Promise.reject(42); p.catch(() => {}); return [p]; }],
  ['rejected promise with error', () => { const p = Promise.reject(new Error('nope')); p.catch(() => {}); return [p]; }],
  ['promise in object', () => [{ p: Promise.resolve('done') }]],

  // ---- typed arrays and buffers ----
  ['typed arrays', () => [new Uint8Array([1, 2, 3]), new Float64Array(2), new BigInt64Array([1n, -1n])]],
  ['array buffer', () => [new ArrayBuffer(4), { buf: new Uint8Array([255, 16]).buffer }]],
  ['big typed array', () => [new Uint8Array(200)]],
  ['data view', () => [new DataView(new ArrayBuffer(2))]],
  ['empty typed array', () => [new Int16Array(0)]],

  // ---- circular references ----
  ['self reference', () => { const a = { name: 'a' }; a.self = a; return [a]; }],
  ['two cycles', () => { const x = { name: 'x' }; const y = { x }; x.y = y; x.arr = [x, y]; return [x]; }],
  ['circular array', () => { const arr = [1]; arr.push(arr); return [arr]; }],
  ['circular through map', () => { const m = new Map(); m.set('me', m); return [m]; }],

  // ---- getters and setters ----
  ['accessors', () => [{ get g() { return 1; }, set s(v) {}, get gs() { return 2; }, set gs(v) {} }]],
  ['throwing getter', () => [{ get boom() { throw new Error('x'); }, ok: 1 }]],
  ['accessor on class prototype not shown', () => { class P { constructor() { this.v = 1; } get computed() { return 2; } } return [new P()]; }],

  // ---- proxies, arguments, generators ----
  ['proxy of object', () => [new Proxy({ a: 1 }, {})]],
  ['proxy with get trap', () => [new Proxy([1, 2], { get() { return 'trap'; } })]],
  ['revoked proxy', () => { const r = Proxy.revocable({}, {}); r.revoke(); return [r.proxy]; }],
  ['proxy of function', () => [new Proxy(function pf() {}, {})]],
  ['arguments object', () => (function () { return [arguments]; })(1, 'two')],
  ['generator object', () => [(function* gen() {})()]],

  // ---- util.format specifiers ----
  ['%s and %d', () => ['%s is %d years', 'Bob', 42]],
  ['%s with object', () => ['%s', { a: 1, b: { c: 2 } }]],
  ['%s with nested array', () => ['%s', [1, [2, [3]]]]],
  ['%s with symbol bigint -0', () => ['%s|%s|%s|%s|%s', Symbol('sym'), 10n, -0, null, undefined]],
  ['%s with custom toString', () => { class P { toString() { return 'P!'; } } return ['%s and %s', { toString() { return 'custom'; } }, new P()]; }],
  ['%s with error', () => ['%s', new Error('e')]],
  ['%s with map date null-proto', () => ['%s / %s / %s', new Map([[1, { a: 1 }]]), new Date(0), Object.create(null)]],
  ['%d variants', () => ['%d %d %d %d %d %d %d %d', '42', 10n, {}, Symbol(), '0x10', -0, [5], '']],
  ['%i variants', () => ['%i %i %i %i %i %i', 42.9, '-12.7px', 10n, 'abc', 1e21, Symbol()]],
  ['%f variants', () => ['%f %f %f %f %f', '3.14abc', 'x', 10n, Symbol(), '  -1e3']],
  ['%j', () => ['%j %j %j %j', { a: [1, 'x'] }, 'str', undefined, { toJSON() { return 'tj'; } }]],
  ['%j circular', () => { const c = { n: 1 }; c.c = c; return ['%j', c]; }],
  ['%o', () => ['%o', { a: [1, 2], b: { c: { d: { e: { f: 1 } } } } }]],
  ['%O', () => ['%O', { a: [1, 2], b: { c: { d: { e: { f: 1 } } } } }]],
  ['%o and %O with strings', () => ['%o %O', 'str', 'str']],
  ['%c consumed', () => ['%cstyled%c text', 'color: red', 'font-weight: bold']],
  ['%% escapes', () => ['100%% sure %s', 'extra', 'more']],
  ['lone %% without args', () => ['100%% sure']],
  ['missing args', () => ['%s and %s and %d', 'one']],
  ['extra args appended', () => ['%s', 'a', 'b', { c: 1 }, 2, 'str']],
  ['unknown specifier', () => ['%x %s %', 'y']],
  ['first arg not a string', () => [1, '%s', 'x', { a: 'q' }]],
  ['objects as extra args', () => ['obj:', { a: 1 }, [1, 2], new Map([[1, 2]])]],
  ['%d with percent', () => ['%d%%', 50]],

  // ---- layout details ----
  ['break length boundary', () => [{ a: 'x'.repeat(62) }, { a: 'x'.repeat(63) }]],
  ['six and seven numbers', () => [[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6, 7]]],
  ['seven long strings', () => [Array.from({ length: 7 }, (_, i) => `string number ${i} is long`)]],
  ['grouped floats and negatives', () => [[-1.5, 2.25, -0, 1e-7, 123456.789, -42, 3, 0.1, 7, -8, 9, 10]]],
  ['grouped mixed types pad end', () => [[1, 'two', 3, 'four', 5, 'six', 7, null, true]]],
  ['grouped nested arrays', () => [[[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14], [15, 16]]]],
  ['grouped array inside object', () => [{ data: Array.from({ length: 30 }, (_, i) => i * 3), label: 'x' }]],
  ['grouped wide characters', () => [['漢字', '漢', 'かな', 'カナ', '한글', 'ab', 'c', '😀', '😀😀']]],
  ['empty containers at depth', () => [{ a: { b: { c: {}, d: [] } } }]],
  ['quotes with template marker', () => [["'\"`", "' \" ${x}", "'\"", '${'], { "k'": 1, 'k"': 2 }]],
  ['multi-line strings in array', () => [['first line that is fairly long\nsecond line that is also long\nthird', 'short\n']]],
  ['error without message and multi-line message', () => [new Error(), new Error('line one\nline two')]],
  ['error name mismatch', () => { const e = new TypeError('x'); e.name = 'RangeError'; return [e]; }],
  ['error in map', () => [new Map([['e', new Error('in map')]])]],
  ['two refs', () => { const a = { n: 'a' }; const b = { n: 'b', a }; a.b = b; b.self = b; return [[a, b]]; }],
  ['iterable plain object', () => [{ [Symbol.iterator]() {}, a: 1 }]],
  ['promise resolved with promise', () => [new Promise((r) => r(Promise.resolve(1)))]],
  ['async function results', () => [(async () => 1)(), (async () => { await null; return 1; })()]],
  ['static accessor class', () => { class S { static get x() { return 1; } static y = 2; } return [S]; }],
  ['boxed with null prototype and subclass', () => { const n = new Number(3); Object.setPrototypeOf(n, null); class N extends Number {} return [n, new N(5)]; }],
  ['null-prototype regexp and date', () => { const d = new Date(0); Object.setPrototypeOf(d, null); const r = /x/g; Object.setPrototypeOf(r, null); return [d, r]; }],
  ['non-string function names', () => { function f() {} Object.defineProperty(f, 'name', { value: 42 }); function g() {} delete g.name; return [f, g]; }],
  ['null-prototype function and class', () => { class N extends null {} const f = function f() {}; Object.setPrototypeOf(f, null); return [N, f]; }],
  ['weird prototype chains', () => { const p = Object.create(null); p.constructor = 5; return [Object.create(p), Object.create(Object.create(Object.create(null)))]; }],
  ['typed array subclass and floats', () => { class T extends Uint8Array {} return [new T(3), new Float32Array([1.5, -0, NaN, 1e-7, 123456789, 1, 2, 3])]; }],
  ['shared array buffer', () => [new SharedArrayBuffer(2)]],
  ['%s with circular object', () => { const a = {}; a.a = a; return ['%s', a]; }],
  ['%o with functions', () => ['%o %o', () => {}, class A {}]],
  ['%o with class instance', () => { class Foo { constructor() { this.a = 1; } get b() { return 2; } m() {} } return ['%o', new Foo()]; }],
  ['%o with nested arrays', () => ['%o', [[1, [2, [3, [4, [5]]]]]]]],

  // ---- util.inspect options ----
  ['inspect depth 0', () => [{ a: { b: 1 }, c: [1] }], { inspect: { depth: 0 } }],
  ['inspect depth 5', () => [{ a: { b: { c: { d: { e: { f: { g: 1 } } } } } } }], { inspect: { depth: 5 } }],
  ['inspect maxArrayLength', () => [[1, 2, 3, 4], new Set([1, 2, 3])], { inspect: { maxArrayLength: 2 } }],
  ['inspect maxArrayLength map', () => [new Map([[1, 2], [3, 4], [5, 6]])], { inspect: { maxArrayLength: 1 } }],
  ['inspect maxStringLength', () => [['abcdefghij', 'abcdef']], { inspect: { maxStringLength: 5 } }],
  ['inspect breakLength 40', () => [{ alpha: 'aaaaaaaa', beta: 'bbbbbbbb', gamma: 'cccccccc' }], { inspect: { breakLength: 40 } }],
  ['inspect compact 1', () => [{ a: { b: { c: 1 } }, d: [1, 2] }], { inspect: { compact: 1 } }],
  ['inspect compact false', () => [{ a: 1, b: [1, 2] }], { inspect: { compact: false } }],
  ['inspect showHidden array', () => [[1, 2]], { inspect: { showHidden: true } }],
  ['inspect showHidden object', () => { const o = { a: 1 }; Object.defineProperty(o, 'hidden', { value: 'h', enumerable: false }); return [o]; }, { inspect: { showHidden: true } }],
  ['inspect showHidden typed array', () => [new Uint8Array([1, 2])], { inspect: { showHidden: true } }],
  ['inspect maxArrayLength 0', () => [[1, 2, 3]], { inspect: { maxArrayLength: 0 } }],
  ['inspect maxStringLength multi-line', () => [{ s: 'line one\nline two\nline three\nline four' }], { inspect: { maxStringLength: 20, breakLength: 20 } }],
  ['inspect breakLength Infinity', () => [{ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'dddddddddd', epsilon: [1, 2, 3, 4, 5, 6, 7, 8] }], { inspect: { breakLength: Infinity } }],
  ['inspect depth Infinity', () => [{ a: { b: { c: { d: { e: { f: [1, [2, [3]]] } } } } } }], { inspect: { depth: Infinity } }],
  ['inspect depth 0 arrays', () => [[[1], [2, [3]], new Map([[1, [2]]])]], { inspect: { depth: 0 } }],
  ['inspect compact false nested', () => [{ a: [1, { b: 2 }], c: new Set([1]) }], { inspect: { compact: false } }],
  ['inspect showHidden class instance', () => { class Foo { constructor() { this.a = 1; } get b() { return 2; } } return [new Foo()]; }, { inspect: { showHidden: true } }],
  ['inspect showHidden arrow function', () => [() => {}], { inspect: { showHidden: true } }],
  ['inspect top-level string', () => ['it\'s a "string"\n'], { inspect: {} }],
  ['inspect long top-level string', () => ['x'.repeat(30) + '\n' + 'y'.repeat(60)], { inspect: {} }],
];
