// every callback registered before a frame runs in it, in registration order
requestAnimationFrame(() => console.log('A'));
requestAnimationFrame(() => console.log('B'));
requestAnimationFrame(() => console.log('C'));
console.log('registered three');
