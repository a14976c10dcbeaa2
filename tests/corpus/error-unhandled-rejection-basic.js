// An unhandled rejection is reported after the task's microtasks have all run.
Promise.reject(new Error('nobody handles this'));
queueMicrotask(() => console.error('microtask error log'));
Promise.resolve().then(() => Promise.resolve()).then(() => console.error('later microtask error log'));
console.error('sync error log');
setTimeout(() => console.error('20ms timer error log'), 20);
