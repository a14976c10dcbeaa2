// worker: a rejection reported as unhandled and handled later fires rejectionhandled (not cancelable)
self.addEventListener('unhandledrejection', (e) => console.log('unhandled', e.reason.message));
self.addEventListener('rejectionhandled', (e) => {
  console.log('rejectionhandled', e.reason.message, e.promise === p, e.cancelable);
});
const p = Promise.reject(new Error('late'));
setTimeout(() => {
  p.catch(() => console.log('caught late'));
  console.log('handler attached');
}, 30);
