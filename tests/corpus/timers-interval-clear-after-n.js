// setInterval ticks until cleared after three ticks; timeouts interleave by due time.
let ticks = 0;
const id = setInterval((a, b) => {
  ticks++;
  console.log('tick', ticks, a, b);
  if (ticks === 3) {
    clearInterval(id);
    console.log('cleared');
  }
}, 60, 'x', 'y');
setTimeout(() => console.log('timeout 90 (between tick 1 and 2)'), 90);
setTimeout(() => console.log('timeout 150 (between tick 2 and 3)'), 150);
setTimeout(() => console.log('timeout 300, ticks =', ticks), 300);
