// worker: onerror returning true cancels the report; returning false does not
let calls = 0;
self.onerror = () => { calls++; console.log('onerror', calls); return calls === 1; };
setTimeout(() => { throw new Error('first, canceled'); }, 0);
setTimeout(() => { throw new Error('second, reported'); }, 5);
