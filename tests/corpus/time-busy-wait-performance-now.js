// performance.now() moves during a busy wait, and the timer set before it runs after it.
const t0 = performance.now();
setTimeout(() => console.log('timer after', performance.now() - t0 >= 50), 10);
while (performance.now() - t0 < 50) {}
console.log('script done', performance.now() - t0 >= 50);
