// An interval held back by a busy wait ticks once the script ends, and keeps ticking after.
let ticks = 0;
const id = setInterval(() => {
  ticks++;
  console.log('tick', ticks);
  if (ticks === 3) clearInterval(id);
}, 10);
setTimeout(() => console.log('200 ms timer, ticks so far:', ticks), 200);
const start = Date.now();
while (Date.now() - start < 35) {}
console.log('script, ticks so far:', ticks);
