// worker: AbortController aborts its signal once, with the default AbortError reason
const c = new AbortController();
const s = c.signal;
console.log(s.aborted, s.reason, c.signal === s);
s.addEventListener('abort', (e) => console.log('abort event', e.type, s.aborted, e.target === s));
c.abort();
c.abort();
console.log(s.aborted, s.reason.name, s.reason.message, s.reason.code, s.reason instanceof DOMException);
