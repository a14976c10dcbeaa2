// worker: an on… handler keeps the place where it was first set; null removes it; false return cancels
const c = new AbortController();
const s = c.signal;
s.addEventListener('abort', () => console.log('listener 1'));
s.onabort = () => console.log('handler A');
s.addEventListener('abort', () => console.log('listener 2'));
s.onabort = () => console.log('handler B, same place');
console.log(typeof s.onabort);
c.abort();
const t = new AbortController();
t.signal.onabort = () => console.log('removed');
t.signal.onabort = null;
console.log(t.signal.onabort);
t.abort();
