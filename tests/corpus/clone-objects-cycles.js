// worker: cycles and shared references survive; prototypes and non-enumerable or symbol keys do not
const shared = { n: 1 };
const o = { a: shared, b: shared, [Symbol('s')]: 1 };
o.self = o;
Object.defineProperty(o, 'hidden', { value: 2, enumerable: false });
class Point { constructor() { this.x = 1; } }
const c = structuredClone(o);
console.log(c.a === c.b, c.self === c, c.a !== shared, 'hidden' in c, Object.getOwnPropertySymbols(c).length);
const p = structuredClone(new Point());
console.log(p instanceof Point, Object.getPrototypeOf(p) === Object.prototype, p.x);
const arr = [1, , 3];
arr.extra = 'e';
const ca = structuredClone(arr);
console.log(ca.length, 1 in ca, ca.extra, Array.isArray(ca));
