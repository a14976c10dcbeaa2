// worker: CustomEvent's detail, initCustomEvent and the init dictionary
const t = new EventTarget();
t.addEventListener('greet', (e) => console.log(e.type, JSON.stringify(e.detail), e.bubbles, e.cancelable, e instanceof Event));
t.dispatchEvent(new CustomEvent('greet', { detail: { who: 'you' }, bubbles: true }));
const e = new CustomEvent('x');
console.log(e.detail);
e.initCustomEvent('greet', false, true, 42);
t.dispatchEvent(e);
console.log(Object.prototype.toString.call(e), CustomEvent.length, Event.length);
