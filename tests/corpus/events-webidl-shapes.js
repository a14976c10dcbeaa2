// worker: WebIDL shapes: methods on the prototype, lengths, accessors, toStringTag, new required
const p = EventTarget.prototype;
const names = ['addEventListener', 'removeEventListener', 'dispatchEvent'];
console.log(names.map((n) => `${n}:${p[n].length}:${Object.getOwnPropertyDescriptor(p, n).enumerable}`).join(' '));
const type = Object.getOwnPropertyDescriptor(Event.prototype, 'type');
console.log(typeof type.get, type.set, type.enumerable, type.configurable);
console.log(Object.prototype.toString.call(new EventTarget()), Object.prototype.toString.call(new Event('x')));
try { EventTarget(); } catch (e) { console.log(e.name); }
try { Event.prototype.preventDefault.call({}); } catch (e) { console.log(e.name, e.message); }
try { new Event(); } catch (e) { console.log(e.name); }
try { new EventTarget().addEventListener('x'); } catch (e) { console.log(e.name); }
console.log(Object.getOwnPropertyDescriptor(Event, 'AT_TARGET').writable, Object.keys(new Event('x')).join());
