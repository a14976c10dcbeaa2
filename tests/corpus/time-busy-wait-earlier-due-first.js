// After a busy wait, a 30 ms timer set before it fires ahead of a 0 ms timer set after it.
setTimeout(() => console.log('thirty (set first)'), 30);
const start = Date.now();
while (Date.now() - start < 100) {}
setTimeout(() => console.log('zero (set after the wait)'), 0);
console.log('script');
