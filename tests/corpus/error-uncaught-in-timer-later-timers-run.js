// An uncaught error ends only its own timer callback; microtasks it queued and later timers still run.
setTimeout(() => {
  console.log('timer 1 starts');
  Promise.resolve().then(() => console.log('microtask from timer 1 still runs'));
  throw new Error('boom in timer 1');
}, 0);
setTimeout(() => console.log('timer 2 runs'), 0);
setTimeout(() => {
  console.log('timer 3 runs');
  throw new TypeError('second failure');
}, 10);
setTimeout(() => console.log('timer 4 runs'), 20);
