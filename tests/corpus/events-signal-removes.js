// worker: a listener's signal removes it on abort; an already aborted signal adds nothing
const t = new EventTarget();
const c = new AbortController();
t.addEventListener('x', () => console.log('with signal'), { signal: c.signal });
t.addEventListener('x', () => console.log('aborted signal'), { signal: AbortSignal.abort() });
t.dispatchEvent(new Event('x'));
c.abort();
t.dispatchEvent(new Event('x'));
console.log('end');
try { t.addEventListener('x', () => {}, { signal: {} }); } catch (e) { console.log(e.name); }
