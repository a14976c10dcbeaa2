// Clearing a pending timer cancels it, including one already due in the same turn.
const a = setTimeout(() => console.log('a (cancelled)'), 10);
const b = setTimeout(() => console.log('b (cancelled from a microtask)'), 10);
clearTimeout(a);
let c;
setTimeout(() => {
  console.log('first 0ms timer clears the second');
  clearTimeout(c);
}, 0);
c = setTimeout(() => console.log('c (cancelled although due)'), 0);
setTimeout(() => console.log('d'), 0);
Promise.resolve().then(() => clearTimeout(b)).then(() => console.log('b was cleared from a microtask'));
setTimeout(() => console.log('end'), 30);
