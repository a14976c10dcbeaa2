// worker: a once listener runs once, even when the event is dispatched again from inside it
const t = new EventTarget();
let n = 0;
t.addEventListener('x', () => {
  n++;
  console.log('once', n);
  if (n === 1) t.dispatchEvent(new Event('x'));
}, { once: true });
t.addEventListener('x', () => console.log('always'));
t.dispatchEvent(new Event('x'));
t.dispatchEvent(new Event('x'));
