// worker: preventDefault in a passive listener is ignored
const t = new EventTarget();
t.addEventListener('x', (e) => { e.preventDefault(); console.log('passive', e.defaultPrevented); }, { passive: true });
t.addEventListener('x', (e) => console.log('next', e.defaultPrevented));
console.log(t.dispatchEvent(new Event('x', { cancelable: true })));
