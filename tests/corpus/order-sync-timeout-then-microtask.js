// The four basic sources in one task: sync code, a 0 ms timer, a promise reaction, queueMicrotask.
console.log('sync 1');
setTimeout(() => console.log('timeout'), 0);
Promise.resolve().then(() => console.log('then'));
queueMicrotask(() => console.log('queueMicrotask'));
console.log('sync 2');
