// A timer that busy-waits delays the others: those already due run after it, by due time.
const start = Date.now();
setTimeout(() => {
  console.log('A starts');
  while (Date.now() - start < 60) {}
  setTimeout(() => console.log('C (0 ms, set at 60)'), 0);
  console.log('A ends');
}, 0);
setTimeout(() => console.log('B (20 ms)'), 20);
setTimeout(() => console.log('D (40 ms)'), 40);
