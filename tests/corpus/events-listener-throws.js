// worker: an exception in a listener is reported as uncaught and the other listeners still run
const t = new EventTarget();
t.addEventListener('x', () => { throw new Error('listener failed'); });
t.addEventListener('x', () => console.log('second listener'));
console.log('dispatch returned', t.dispatchEvent(new Event('x')));
console.log('after dispatch');
