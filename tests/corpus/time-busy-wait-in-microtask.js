// A microtask that busy-waits 40 ms: a 10 ms timer from the script beats a 0 ms one set in it.
setTimeout(() => console.log('ten (set by the script)'), 10);
Promise.resolve().then(() => {
  const start = performance.now();
  while (performance.now() - start < 40) {}
  setTimeout(() => console.log('zero (set in the microtask)'), 0);
  console.log('microtask done');
});
console.log('script');
