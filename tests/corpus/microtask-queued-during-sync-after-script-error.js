// Microtasks queued before a top-level throw still run; the rest of the script does not.
Promise.resolve().then(() => console.log('then runs'));
queueMicrotask(() => console.log('queueMicrotask runs'));
setTimeout(() => console.log('timer runs'), 0);
console.log('before throw');
throw new Error('top-level');
console.log('never printed');
