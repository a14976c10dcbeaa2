// Top-level await in a module script: the module pauses, timers and microtasks carry on.
console.log('module start');
setTimeout(() => console.log('timer 0 runs while the module waits'), 0);
Promise.resolve().then(() => console.log('then queued before the await'));
const v = await new Promise(r => setTimeout(() => r('slept 20'), 20));
console.log('after await:', v);
await null;
console.log('after await null');
setTimeout(() => console.log('timer set after the awaits'), 0);
console.log('module end');
