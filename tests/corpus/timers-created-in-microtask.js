// A timer created in a microtask is created after the script's timers: creation order decides.
setTimeout(() => console.log('script timer 1'), 0);
Promise.resolve().then(() => {
  setTimeout(() => console.log('microtask timer'), 0);
});
setTimeout(() => console.log('script timer 2'), 0);
setTimeout(() => {
  queueMicrotask(() => setTimeout(() => console.log('timer from microtask in timer'), 0));
  setTimeout(() => console.log('timer from timer'), 0);
}, 0);
