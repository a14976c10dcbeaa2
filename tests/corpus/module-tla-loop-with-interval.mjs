// A top-level for loop awaiting sleeps while an interval ticks alongside.
const sleep = ms => new Promise(r => setTimeout(r, ms));
let ticks = 0;
const iv = setInterval(() => { ticks++; console.log('interval tick', ticks); }, 100);
for (let i = 1; i <= 3; i++) {
  await sleep(10);
  console.log('loop iteration', i);
}
console.log('ticks after the loop:', ticks);
await sleep(100);
console.log('after a 100 ms sleep, ticks:', ticks);
clearInterval(iv);
console.log('module done');
