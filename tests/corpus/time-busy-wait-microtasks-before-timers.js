// Microtasks queued before a busy wait still run before any timer the wait made due.
setTimeout(() => console.log('timer'), 0);
Promise.resolve().then(() => console.log('microtask 1'));
queueMicrotask(() => console.log('microtask 2'));
const start = performance.now();
while (performance.now() - start < 40) {}
console.log('script');
