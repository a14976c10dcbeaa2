// worker: AbortSignal.any follows the first source to abort, with its reason
const a = new AbortController();
const b = new AbortController();
const any = AbortSignal.any([a.signal, b.signal]);
any.onabort = () => console.log('any aborted', any.reason);
b.signal.onabort = () => console.log('b aborted');
console.log(any.aborted);
b.abort('b reason');
a.abort('a reason');
console.log(any.reason);
const pre = AbortSignal.any([AbortSignal.abort('already'), a.signal]);
console.log(pre.aborted, pre.reason);
console.log(AbortSignal.any([]).aborted);
