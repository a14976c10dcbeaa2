// requestAnimationFrame runs after the script and its microtasks, in the next frame's rendering step
console.log('script start');
requestAnimationFrame(() => console.log('frame callback'));
Promise.resolve().then(() => console.log('microtask'));
console.log('script end');
