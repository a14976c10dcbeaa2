// An async generator consumed with for await, interleaved with a plain then-chain.
async function* gen() {
  for (let i = 1; i <= 3; i++) {
    console.log('gen yields', i);
    yield i;
  }
  console.log('gen finishes');
}
(async () => {
  for await (const v of gen()) console.log('loop got', v);
  console.log('loop done');
})();
Promise.resolve()
  .then(() => console.log('then 1'))
  .then(() => console.log('then 2'))
  .then(() => console.log('then 3'))
  .then(() => console.log('then 4'));
console.log('sync');
