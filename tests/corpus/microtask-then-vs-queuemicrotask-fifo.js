// queueMicrotask and promise reactions share one FIFO queue: creation order wins.
const p = Promise.resolve();
queueMicrotask(() => console.log('qm 1'));
p.then(() => console.log('then 1'));
queueMicrotask(() => console.log('qm 2'));
p.then(() => console.log('then 2'));
Promise.resolve('v').then(v => console.log('then 3', v));
queueMicrotask(() => console.log('qm 3'));
console.log('sync done');
