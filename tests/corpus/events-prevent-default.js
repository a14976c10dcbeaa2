// worker: preventDefault only cancels a cancelable event; dispatchEvent returns false when canceled
const t = new EventTarget();
t.addEventListener('x', (e) => { e.preventDefault(); console.log('in listener', e.defaultPrevented, e.returnValue); });
const a = new Event('x', { cancelable: true });
console.log('cancelable', t.dispatchEvent(a), a.defaultPrevented);
const b = new Event('x');
console.log('not cancelable', t.dispatchEvent(b), b.defaultPrevented);
const c = new Event('y', { cancelable: true });
c.returnValue = false;
console.log('returnValue', c.defaultPrevented, c.returnValue);
