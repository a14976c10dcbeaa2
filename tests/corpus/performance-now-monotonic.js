// performance.now() is a number that never goes backwards and advances across timers.
const t0 = performance.now();
console.log('typeof', typeof t0, 'non-negative', t0 >= 0);
let prev = t0;
let monotonic = true;
for (let i = 0; i < 1000; i++) {
  const t = performance.now();
  if (t < prev) monotonic = false;
  prev = t;
}
console.log('monotonic over 1000 calls', monotonic);
Promise.resolve().then(() => console.log('microtask: not earlier', performance.now() >= t0));
setTimeout(() => {
  const elapsed = performance.now() - t0;
  console.log('after a 20 ms timer: elapsed >= 19', elapsed >= 19, 'elapsed < 2000', elapsed < 2000);
  const t1 = performance.now();
  setTimeout(() => console.log('nested 10 ms timer: elapsed >= 9', performance.now() - t1 >= 9), 10);
}, 20);
