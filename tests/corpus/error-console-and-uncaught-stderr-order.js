// Uncaught errors and console.error/warn share stderr; their order follows execution.
console.error('stderr 1: script');
setTimeout(() => {
  console.warn('stderr 3: timer 1 before throw');
  throw new Error('stderr 4: timer 1 throws');
}, 0);
setTimeout(() => {
  console.error('stderr 5: timer 2');
  queueMicrotask(() => { throw new Error('stderr 6: microtask throws'); });
  queueMicrotask(() => console.error('stderr 7: next microtask'));
}, 0);
queueMicrotask(() => console.error('stderr 2: script microtask'));
console.log('stdout: script');
