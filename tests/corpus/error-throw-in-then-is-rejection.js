// A throw inside a then handler is not an uncaught error: it rejects the derived promise.
Promise.resolve()
  .then(() => { throw new Error('in then'); })
  .catch(e => console.log('caught from then:', e.message));
Promise.resolve()
  .then(() => { throw new Error('not caught'); });
setTimeout(() => console.log('timer'), 20);
