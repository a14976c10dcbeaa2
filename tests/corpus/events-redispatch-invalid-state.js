// worker: dispatching an event that is being dispatched throws InvalidStateError
const t = new EventTarget();
const e = new Event('x');
t.addEventListener('x', () => {
  try { t.dispatchEvent(e); } catch (err) { console.log(err.name, err.code, err instanceof DOMException); }
});
t.dispatchEvent(e);
console.log('redispatch after', t.dispatchEvent(e));
try { t.dispatchEvent({ type: 'x' }); } catch (err) { console.log(err.name); }
