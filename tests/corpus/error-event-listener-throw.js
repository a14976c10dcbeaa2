// worker: an exception in an error listener is reported without another error event
let seen = 0;
self.addEventListener('error', (e) => {
  seen++;
  console.log('error listener', seen, e.message);
  throw new Error('from the error listener');
});
setTimeout(() => { throw new Error('original'); }, 0);
setTimeout(() => console.log('events seen', seen), 10);
