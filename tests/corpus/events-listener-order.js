// worker: listeners run in the order they were added; a duplicate (same type, callback, capture) is ignored
const t = new EventTarget();
const f = () => console.log('f');
t.addEventListener('x', () => console.log('first'));
t.addEventListener('x', f);
t.addEventListener('x', f);
t.addEventListener('x', f, true);
t.addEventListener('x', () => console.log('last'));
console.log(t.dispatchEvent(new Event('x')));
