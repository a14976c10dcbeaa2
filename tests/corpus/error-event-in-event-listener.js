// worker: an exception in an ordinary listener goes through the error event too
self.addEventListener('error', (e) => { console.log('error event for', e.error.message); e.preventDefault(); });
const t = new EventTarget();
t.addEventListener('x', () => { throw new Error('listener broke'); });
t.addEventListener('x', () => console.log('next listener'));
t.dispatchEvent(new Event('x'));
console.log('dispatch done');
