// worker: a source's abort event fires before its dependents', and dependents of dependents follow the source
const c = new AbortController();
const first = AbortSignal.any([c.signal]);
const second = AbortSignal.any([first]);
second.addEventListener('abort', () => console.log('second', second.reason, first.aborted));
first.addEventListener('abort', () => console.log('first', first.reason, second.aborted));
c.signal.addEventListener('abort', () => console.log('source', first.aborted, second.aborted));
c.abort('r');
