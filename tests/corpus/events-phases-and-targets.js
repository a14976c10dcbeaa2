// worker: eventPhase, target and currentTarget during and after dispatch; composedPath
const t = new EventTarget();
const e = new Event('x');
console.log(e.eventPhase, e.target, e.currentTarget, e.composedPath().length);
t.addEventListener('x', (ev) => {
  console.log(ev.eventPhase, ev.target === t, ev.currentTarget === t, ev.composedPath().length, ev.composedPath()[0] === t);
});
t.dispatchEvent(e);
console.log(e.eventPhase, e.target === t, e.currentTarget, e.composedPath().length, e.srcElement === t);
console.log(Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE, e.AT_TARGET);
