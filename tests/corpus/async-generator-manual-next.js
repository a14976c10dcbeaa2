// Calling next() several times without waiting queues the requests; they resolve in order.
async function* gen() {
  console.log('body starts');
  yield 'a';
  await null;
  yield 'b';
  return 'end';
}
const g = gen();
console.log('generator created, body not started');
g.next().then(r => console.log('next 1', r.value, r.done));
g.next().then(r => console.log('next 2', r.value, r.done));
g.next().then(r => console.log('next 3', r.value, r.done));
g.next().then(r => console.log('next 4', r.value, r.done));
console.log('sync end');
