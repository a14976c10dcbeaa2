// worker: error listeners at the global, fired by the loop for an uncaught exception, get a microtask checkpoint each
const log = (s) => console.log(s);
self.addEventListener('error', (e) => {
  log('error listener 1');
  Promise.resolve().then(() => log('microtask of error listener 1'));
  e.preventDefault();
});
self.addEventListener('error', () => log('error listener 2'));
setTimeout(() => { throw new Error('boom'); }, 0);
