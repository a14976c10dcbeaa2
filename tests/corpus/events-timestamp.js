// worker: an event's timeStamp is on the clock of performance.now()
const before = performance.now();
const e = new Event('x');
const after = performance.now();
console.log(typeof e.timeStamp, e.timeStamp >= before, e.timeStamp <= after);
setTimeout(() => {
  const later = new Event('y');
  console.log('later event newer', later.timeStamp - e.timeStamp >= 25);
}, 30);
