// worker: AbortSignal.abort() is aborted from the start, with an AbortError or the given reason
const s = AbortSignal.abort();
console.log(s.aborted, s.reason.name, s.reason.message);
console.log(AbortSignal.abort(42).reason, AbortSignal.abort(undefined).reason.name);
s.onabort = () => console.log('never');
console.log('end');
