// an idle callback runs after the script, its microtasks and a zero-delay timer
requestIdleCallback(() => console.log('idle callback'));
setTimeout(() => console.log('timer 0'), 0);
Promise.resolve().then(() => console.log('microtask'));
console.log('script');
