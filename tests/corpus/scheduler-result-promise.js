// worker: postTask's promise resolves with the callback's value and rejects with what it throws
scheduler.postTask(() => 42).then((v) => console.log('resolved', v));
scheduler.postTask(() => { throw new Error('boom'); }).catch((e) => console.log('rejected', e.message));
scheduler.postTask(async () => { await null; return 'async value'; }).then((v) => console.log('resolved', v));
const p = scheduler.postTask(() => 'x');
console.log(p instanceof Promise, Object.prototype.toString.call(scheduler));
