// A rejection handled later in the same task (sync, or from a microtask) is never reported.
const p1 = Promise.reject(new Error('handled synchronously later'));
console.log('p1 created');
p1.catch(e => console.log('caught:', e.message));
const p2 = Promise.reject(new Error('handled from a microtask'));
queueMicrotask(() => p2.catch(e => console.log('caught:', e.message)));
const p3 = Promise.reject(new Error('handled at the end of a then chain'));
Promise.resolve().then(() => null).then(() => null).then(() => {
  p3.catch(e => console.log('caught:', e.message));
});
setTimeout(() => console.log('timer: nothing was reported'), 20);
