// Chromium reports unhandled rejections from a task queued after the microtask checkpoint: 0 ms timers
// queued during the script run first, and one of them may still handle the rejection.
const handledInTimer = Promise.reject(new Error('handled by a 0 ms timer'));
Promise.reject(new Error('really unhandled'));
setTimeout(() => {
  console.error('0ms timer 1');
  handledInTimer.catch(e => console.log('0ms timer handled:', e.message));
}, 0);
setTimeout(() => console.error('0ms timer 2'), 0);
setTimeout(() => console.error('20ms timer'), 20);
