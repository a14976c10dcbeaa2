// An error thrown by a microtask is reported at once; the other microtasks of the checkpoint still run.
queueMicrotask(() => console.log('microtask 1'));
queueMicrotask(() => { throw new Error('microtask 2 failed'); });
queueMicrotask(() => {
  console.log('microtask 3 still runs');
  console.error('console.error from microtask 3');
});
Promise.resolve().then(() => console.log('then after the failure'));
setTimeout(() => console.log('timer runs'), 0);
