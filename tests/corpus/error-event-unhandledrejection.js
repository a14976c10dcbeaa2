// worker: unhandledrejection fires from the rejection report task, before the console report
self.addEventListener('unhandledrejection', (e) => {
  console.log('unhandledrejection', e.reason.message, e.promise === p, e.cancelable, e instanceof PromiseRejectionEvent);
});
const p = Promise.reject(new Error('nobody'));
setTimeout(() => console.log('0 ms timer first'), 0);
Promise.resolve().then(() => console.log('microtask first'));
