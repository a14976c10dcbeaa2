// Microtasks queued by microtasks run in the same checkpoint, after those already queued, before any timer.
setTimeout(() => console.log('timer'), 0);
queueMicrotask(() => {
  console.log('A');
  queueMicrotask(() => {
    console.log('A.1');
    queueMicrotask(() => console.log('A.1.1'));
  });
  Promise.resolve().then(() => console.log('A.2'));
});
queueMicrotask(() => {
  console.log('B');
  queueMicrotask(() => console.log('B.1'));
});
console.log('sync');
