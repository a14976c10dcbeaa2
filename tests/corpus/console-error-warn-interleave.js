// stdout (log/info/debug) and stderr (warn/error) each keep their own order across tasks and microtasks.
console.log('log 1');
console.warn('warn 1');
console.info('info 1');
console.error('error 1');
console.debug('debug 1');
Promise.resolve().then(() => { console.error('error 2 (microtask)'); console.log('log 2 (microtask)'); });
setTimeout(() => { console.warn('warn 3 (timer)'); console.log('log 3 (timer)'); }, 0);
queueMicrotask(() => console.warn('warn 2 (microtask)'));
console.log('log 1b');
