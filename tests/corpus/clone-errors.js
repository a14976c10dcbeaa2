// worker: errors keep their standard name, message and cause
const e = new RangeError('bad', { cause: 7 });
e.extra = 1;
const c = structuredClone(e);
console.log(c instanceof RangeError, c.name, c.message, c.cause, c.extra, c !== e);
class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } }
const m = structuredClone(new MyError('mine'));
console.log(m.constructor === Error, m.name, m.message);
const dom = structuredClone(new DOMException('dm', 'AbortError'));
console.log(dom instanceof DOMException, dom.name, dom.message, dom.code);
console.log(structuredClone(new TypeError()).message === '', 'message' in structuredClone(new Error()));
