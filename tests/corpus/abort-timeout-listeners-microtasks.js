// worker: a signal aborted by the loop (AbortSignal.timeout) runs microtasks between its listeners; one
// aborted by script (controller.abort()) runs them only after the script
const log = (s) => console.log(s);
const timed = AbortSignal.timeout(10);
timed.addEventListener('abort', () => { log('timeout listener 1'); Promise.resolve().then(() => log('microtask 1')); });
timed.addEventListener('abort', () => log('timeout listener 2'));
const c = new AbortController();
c.signal.addEventListener('abort', () => { log('script listener 1'); Promise.resolve().then(() => log('script microtask')); });
c.signal.addEventListener('abort', () => log('script listener 2'));
c.abort();
log('after abort()');
