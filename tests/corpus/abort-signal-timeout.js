// worker: AbortSignal.timeout aborts on a timer with a TimeoutError DOMException
const s = AbortSignal.timeout(20);
console.log('aborted at once', s.aborted);
setTimeout(() => console.log('10 ms timer first', s.aborted), 10);
s.addEventListener('abort', () => {
  console.log('timeout', s.aborted, s.reason.name, s.reason.message, s.reason.code);
});
setTimeout(() => console.log('60 ms timer after', s.aborted), 60);
