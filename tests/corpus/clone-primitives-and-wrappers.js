// worker: structuredClone of primitives and primitive wrapper objects
const values = [1, -0, NaN, 'text', true, null, undefined, 10n];
console.log(values.map((v) => Object.is(structuredClone(v), v)).join());
const n = structuredClone(new Number(5));
const s = structuredClone(new String('ab'));
const b = structuredClone(new Boolean(false));
console.log(typeof n, n.valueOf(), typeof s, s.valueOf(), s.length, typeof b, b.valueOf());
console.log(typeof structuredClone(Object(3n)), structuredClone(Object(3n)).valueOf() === 3n);
