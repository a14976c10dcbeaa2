// Date.now() and performance.now() both advance across a 50 ms timer (compared, never printed).
const d0 = Date.now();
const p0 = performance.now();
console.log('Date.now() is an integer', Number.isInteger(d0));
setTimeout(() => {
  const dd = Date.now() - d0;
  const dp = performance.now() - p0;
  console.log('Date advanced >= 45 ms', dd >= 45);
  console.log('performance.now advanced >= 49 ms', dp >= 49);
  console.log('both within 2 s', dd < 2000 && dp < 2000);
}, 50);
