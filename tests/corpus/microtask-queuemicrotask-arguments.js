// queueMicrotask calls its callback with no arguments and rejects non-functions synchronously.
queueMicrotask(function () { console.log('callback arguments', arguments.length); });
try {
  queueMicrotask(42);
  console.log('never');
} catch (e) {
  console.log('queueMicrotask(42) threw TypeError', e instanceof TypeError);
}
console.log('returns undefined', queueMicrotask(() => {}) === undefined);
