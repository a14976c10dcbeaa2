// A caught rejection at top level lets the module go on; an uncaught one ends the module's evaluation
// and is reported; timers set before it still run.
setTimeout(() => console.log('timer set before the failure runs'), 10);
try {
  await Promise.reject(new Error('caught at top level'));
} catch (e) {
  console.log('caught:', e.message);
}
console.log('module continues');
await Promise.reject(new Error('module evaluation failed'));
console.log('never printed');
