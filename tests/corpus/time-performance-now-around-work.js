// performance.now() measures more than zero around real work, and never goes backwards.
const t0 = performance.now();
let sum = 0;
for (let i = 0; i < 300000; i++) sum += i % 7;
const t1 = performance.now();
console.log('sum', sum);
console.log('took time:', t1 > t0);
let previous = performance.now();
let monotonic = true;
for (let i = 0; i < 1000; i++) {
  const now = performance.now();
  if (now < previous) monotonic = false;
  previous = now;
}
console.log('monotonic:', monotonic);
