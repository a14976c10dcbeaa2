// A thenable whose then throws rejects the promise; a throw after resolving is ignored.
const throwsFirst = { then() { throw new Error('then threw'); } };
const throwsAfter = { then(resolve) { resolve('resolved first'); throw new Error('ignored'); } };
Promise.resolve(throwsFirst).then(
  v => console.log('throwsFirst fulfilled', v),
  e => console.log('throwsFirst rejected:', e.message),
);
Promise.resolve(throwsAfter).then(
  v => console.log('throwsAfter fulfilled:', v),
  e => console.log('throwsAfter rejected', e.message),
);
