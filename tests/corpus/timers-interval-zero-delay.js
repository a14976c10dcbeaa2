// setInterval with 0 ms: ticks keep coming until cleared; microtasks of each tick run before the next tick.
let n = 0;
const id = setInterval(() => {
  n++;
  console.log('tick', n);
  Promise.resolve().then(() => console.log('then after tick', n));
  if (n === 4) clearInterval(id);
}, 0);
setTimeout(() => console.log('timeout 100, ticks =', n), 100);
