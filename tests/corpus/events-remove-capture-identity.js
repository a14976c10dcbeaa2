// worker: removeEventListener matches the capture flag; a listener added with capture is not removed without it
const t = new EventTarget();
const f = (e) => console.log('f', e.eventPhase);
t.addEventListener('x', f, { capture: true });
t.removeEventListener('x', f);
t.dispatchEvent(new Event('x'));
t.removeEventListener('x', f, { capture: true });
t.dispatchEvent(new Event('x'));
console.log('done');
