// worker: unhandledrejection and rejectionhandled listeners, fired by the loop: where the microtasks they queue run
const log = (s) => console.log(s);
self.addEventListener('unhandledrejection', (e) => {
  log('unhandledrejection listener 1');
  Promise.resolve().then(() => log('microtask of unhandledrejection listener 1'));
  e.preventDefault();
});
self.addEventListener('unhandledrejection', () => log('unhandledrejection listener 2'));
self.addEventListener('rejectionhandled', () => {
  log('rejectionhandled listener 1');
  Promise.resolve().then(() => log('microtask of rejectionhandled listener 1'));
});
self.addEventListener('rejectionhandled', () => log('rejectionhandled listener 2'));
const p = Promise.reject(new Error('late'));
setTimeout(() => p.catch(() => log('caught at last')), 50);
