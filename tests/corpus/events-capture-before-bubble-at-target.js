// worker: at the target, capturing listeners run in the capturing pass, before non-capturing ones added earlier
const t = new EventTarget();
t.addEventListener('x', (e) => console.log('bubble', e.eventPhase));
t.addEventListener('x', (e) => console.log('capture', e.eventPhase), { capture: true });
t.addEventListener('x', (e) => console.log('capture bool', e.eventPhase), true);
t.dispatchEvent(new Event('x'));
