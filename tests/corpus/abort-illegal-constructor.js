// worker: AbortSignal cannot be constructed; AbortController's members are on its prototype
try { new AbortSignal(); } catch (e) { console.log(e.name, e.message); }
const c = new AbortController();
console.log(Object.keys(c).length, 'signal' in c, AbortController.prototype.abort.length);
console.log(Object.prototype.toString.call(c), Object.prototype.toString.call(c.signal));
console.log(c.signal instanceof EventTarget, typeof AbortSignal.any, typeof AbortSignal.timeout);
try { AbortSignal.prototype.throwIfAborted.call({}); } catch (e) { console.log(e.name); }
