// worker: Date, RegExp, Map and Set are cloned with their contents
const d = structuredClone(new Date(86400000));
console.log(d instanceof Date, d.getTime());
const r = /ab+c/gi;
r.lastIndex = 3;
const rc = structuredClone(r);
console.log(rc instanceof RegExp, rc.source, rc.flags, rc.lastIndex, rc !== r);
const key = { k: 1 };
const m = structuredClone(new Map([[key, 'v'], ['x', key]]));
const [[k2, v2], [x, k3]] = m;
console.log(m.size, v2, x, k2 === k3, k2 !== key);
const s = structuredClone(new Set([1, 'two', 1]));
console.log(s.size, [...s].join());
