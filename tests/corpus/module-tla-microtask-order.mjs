// Where a module's top-level await continuations fall among other microtasks.
Promise.resolve()
  .then(() => console.log('then 1'))
  .then(() => console.log('then 2'))
  .then(() => console.log('then 3'))
  .then(() => console.log('then 4'));
queueMicrotask(() => console.log('qm'));
console.log('before await');
await null;
console.log('after await null');
await Promise.resolve();
console.log('after await Promise.resolve()');
await { then(r) { r(); } };
console.log('after await thenable');
