// worker: an object with handleEvent is called with itself as this; handleEvent is looked up at each dispatch
const t = new EventTarget();
const listener = { name: 'obj', handleEvent(e) { console.log('handleEvent', this.name, e.type); } };
t.addEventListener('x', listener);
t.dispatchEvent(new Event('x'));
listener.handleEvent = function (e) { console.log('replaced', this === listener, e.currentTarget === t); };
t.dispatchEvent(new Event('x'));
t.addEventListener('y', function (e) { console.log('function this is target', this === t); });
t.dispatchEvent(new Event('y'));
