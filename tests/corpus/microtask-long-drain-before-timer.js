// A microtask that re-queues itself 1000 times still finishes before a 0 ms timer.
let count = 0;
function again() {
  count++;
  if (count < 1000) queueMicrotask(again);
  else console.log('microtasks done', count);
}
setTimeout(() => console.log('timer sees count', count), 0);
queueMicrotask(again);
let thens = 0;
let p = Promise.resolve();
for (let i = 0; i < 500; i++) p = p.then(() => { thens++; });
p.then(() => console.log('then chain done', thens));
console.log('sync count', count);
