// Microtasks queued inside a timer callback all run before the next timer callback.
setTimeout(() => {
  console.log('timer 1 start');
  Promise.resolve().then(() => {
    console.log('timer 1 then');
    queueMicrotask(() => console.log('timer 1 nested microtask'));
  });
  queueMicrotask(() => console.log('timer 1 queueMicrotask'));
  console.log('timer 1 end');
}, 0);
setTimeout(() => {
  console.log('timer 2');
  Promise.resolve().then(() => console.log('timer 2 then'));
}, 0);
setTimeout(() => console.log('timer 3'), 0);
