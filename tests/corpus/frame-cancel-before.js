// cancelAnimationFrame before the frame removes the callback; the others still run
const a = requestAnimationFrame(() => console.log('A (cancelled)'));
requestAnimationFrame(() => console.log('B'));
const c = requestAnimationFrame(() => console.log('C (cancelled)'));
requestAnimationFrame(() => console.log('D'));
cancelAnimationFrame(a);
cancelAnimationFrame(c);
console.log('cancelled two');
