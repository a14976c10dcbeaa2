// worker: PromiseRejectionEvent needs a promise; ErrorEvent's init dictionary
const p = Promise.resolve();
const e = new PromiseRejectionEvent('unhandledrejection', { promise: p, reason: 'r', cancelable: true });
console.log(e.promise === p, e.reason, e.cancelable, e.isTrusted, PromiseRejectionEvent.length);
try { new PromiseRejectionEvent('x', {}); } catch (err) { console.log(err.name); }
const ee = new ErrorEvent('error', { message: 'm', filename: 'f.js', lineno: 3, colno: 4, error: 5 });
console.log(ee.message, ee.filename, ee.lineno, ee.colno, ee.error);
const blank = new ErrorEvent('error');
console.log(JSON.stringify(blank.message), blank.lineno, blank.colno, blank.error);
