// Two chains of five thens, queueMicrotask and timers in one snippet.
const chain = (name) => {
  let p = Promise.resolve(0);
  for (let i = 1; i <= 5; i++) p = p.then(n => { console.log(name, i); return n + i; });
  return p;
};
setTimeout(() => console.log('timer 0 a'), 0);
chain('A').then(sum => console.log('A sum', sum));
queueMicrotask(() => console.log('qm 1'));
chain('B').then(sum => {
  console.log('B sum', sum);
  setTimeout(() => console.log('timer from B'), 0);
});
setTimeout(() => {
  console.log('timer 0 b');
  chain('C').then(() => console.log('C done before next timer'));
}, 0);
queueMicrotask(() => console.log('qm 2'));
setTimeout(() => console.log('timer 20'), 20);
console.log('sync end');
