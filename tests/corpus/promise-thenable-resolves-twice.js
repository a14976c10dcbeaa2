// Only the first resolve/reject call of a thenable counts.
const twice = { then(res, rej) { res('first'); res('second'); rej(new Error('third')); } };
const rejectThenResolve = { then(res, rej) { rej(new Error('rejected first')); res('late'); } };
Promise.resolve(twice).then(v => console.log('twice:', v), e => console.log('twice rejected', e.message));
Promise.resolve(rejectThenResolve).then(
  v => console.log('rejectThenResolve fulfilled', v),
  e => console.log('rejectThenResolve:', e.message),
);
new Promise((res, rej) => { res(1); rej(new Error('no')); res(2); })
  .then(v => console.log('executor settles once:', v));
