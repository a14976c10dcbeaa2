// Each timer starts a chain; a chain's microtasks finish before the next timer, and chains started by
// microtasks in one timer interleave with each other.
let order = [];
const chain = (name, n) => {
  let p = Promise.resolve();
  for (let i = 1; i <= n; i++) p = p.then(() => order.push(name + i));
  return p;
};
setTimeout(() => {
  chain('a', 5);
  chain('b', 3);
  queueMicrotask(() => order.push('qm'));
}, 0);
setTimeout(() => {
  console.log('timer 2 sees', order.join(' '));
  order = [];
  chain('c', 2).then(() => chain('d', 2));
  chain('e', 4);
}, 0);
setTimeout(() => console.log('timer 3 sees', order.join(' ')), 10);
