// Reactions registered before settlement are queued when the promise settles; reactions registered
// on an already-settled promise are queued when then() is called.
let resolve;
const p = new Promise(r => { resolve = r; });
p.then(() => console.log('registered before resolve'));
queueMicrotask(() => console.log('queueMicrotask 1'));
resolve();
queueMicrotask(() => console.log('queueMicrotask 2'));
p.then(() => console.log('registered after resolve'));
queueMicrotask(() => {
  console.log('queueMicrotask 3');
  p.then(() => console.log('registered from a microtask'));
});
