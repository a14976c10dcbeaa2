// worker: reportError fires the error event and reports, without throwing
self.addEventListener('error', (e) => console.log('event', e.message, e.error === err));
const err = new SyntaxError('reported');
reportError(err);
console.log('reportError returned');
reportError('a string');
