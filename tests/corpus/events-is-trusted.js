// worker: script-made events are not trusted; isTrusted is an own unforgeable getter
const e = new Event('x');
console.log(e.isTrusted);
const d = Object.getOwnPropertyDescriptor(e, 'isTrusted');
console.log(typeof d.get, d.set, d.enumerable, d.configurable);
console.log(Object.getOwnPropertyDescriptor(new Event('y'), 'isTrusted').get === d.get);
const c = new AbortController();
c.signal.addEventListener('abort', (ev) => console.log('abort event trusted', ev.isTrusted));
c.abort();
