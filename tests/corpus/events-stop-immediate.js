// worker: stopImmediatePropagation stops the remaining listeners; stopPropagation alone does not at the target
const t = new EventTarget();
t.addEventListener('x', (e) => { console.log('a'); e.stopPropagation(); });
t.addEventListener('x', (e) => { console.log('b', e.cancelBubble); e.stopImmediatePropagation(); });
t.addEventListener('x', () => console.log('c'));
const e = new Event('x');
t.dispatchEvent(e);
console.log('after', e.cancelBubble);
t.dispatchEvent(e);
console.log('second dispatch done');
