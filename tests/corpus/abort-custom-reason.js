// worker: abort(reason) keeps the reason as given; throwIfAborted throws it
const c = new AbortController();
c.signal.throwIfAborted();
console.log('not aborted yet');
c.abort('because');
console.log(c.signal.reason);
try { c.signal.throwIfAborted(); } catch (e) { console.log('thrown', e); }
const d = new AbortController();
d.abort(new TypeError('custom'));
try { d.signal.throwIfAborted(); } catch (e) { console.log(e.name, e.message); }
