// Two async loops, each awaiting every iteration, interleave one iteration per tick.
async function loop(name, n) {
  for (let i = 1; i <= n; i++) {
    await null;
    console.log(name, i);
  }
  return name + ' done';
}
loop('A', 4).then(console.log);
loop('B', 2).then(console.log);
queueMicrotask(() => console.log('qm'));
console.log('sync');
