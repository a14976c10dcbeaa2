// worker: abort algorithms and listeners run synchronously inside abort(); reason is set before them
const c = new AbortController();
c.signal.addEventListener('abort', () => console.log('listener sees', c.signal.aborted, c.signal.reason));
console.log('before abort');
c.abort('now');
console.log('after abort');
Promise.resolve().then(() => console.log('microtask'));
