// An async function that busy-waits between awaits: the timer waits for the whole chain.
setTimeout(() => console.log('timer'), 5);
async function work() {
  await null;
  const start = performance.now();
  while (performance.now() - start < 30) {}
  console.log('after the first wait');
  await null;
  const again = performance.now();
  while (performance.now() - again < 30) {}
  console.log('after the second wait');
}
work().then(() => console.log('work done'));
console.log('script');
