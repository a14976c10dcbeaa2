// Timers that all became due during a busy wait run by due time, not by when they were set.
const start = Date.now();
setTimeout(() => console.log('50 ms'), 50);
setTimeout(() => console.log('10 ms'), 10);
setTimeout(() => console.log('30 ms'), 30);
setTimeout(() => console.log('0 ms'), 0);
while (Date.now() - start < 80) {}
console.log('script');
