// A promise rejected inside a timer callback and left unhandled is reported; later timers still run.
setTimeout(() => {
  console.log('timer 1 rejects');
  Promise.reject(new Error('rejected in timer'));
  Promise.resolve().then(() => console.log('timer 1 microtask'));
}, 0);
setTimeout(() => console.log('timer 2 (20ms) runs'), 20);
setTimeout(async () => {
  console.log('timer 3 (async callback) throws');
  throw new Error('async timer callback');
}, 30);
setTimeout(() => console.log('timer 4 (40ms) runs'), 40);
