// Timeouts and intervals share one id space: clearTimeout stops an interval, clearInterval stops a timeout.
let ticks = 0;
const iv = setInterval(() => {
  ticks++;
  console.log('interval tick', ticks);
  if (ticks === 2) clearTimeout(iv);
}, 20);
const t = setTimeout(() => console.log('timeout (cancelled by clearInterval)'), 30);
clearInterval(t);
setTimeout(() => console.log('end, ticks =', ticks), 150);
