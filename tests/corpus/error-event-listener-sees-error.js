// worker: the error event comes before the uncaught report, with message, line, column and the error
self.addEventListener('error', (e) => {
  console.log('error event', e.message, e.lineno, e.colno, e.error instanceof Error, e.cancelable, e.isTrusted);
  console.log(e instanceof ErrorEvent, typeof e.filename);
});
setTimeout(() => {
  throw new Error('boom');
}, 0);
