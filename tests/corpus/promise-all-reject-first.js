// Promise.all rejects with the first rejection; later rejections and fulfilments are ignored.
const after = (ms, fn) => new Promise((res, rej) => setTimeout(() => fn(res, rej), ms));
Promise.all([
  after(30, res => { console.log('slow fulfils'); res('slow'); }),
  after(10, (res, rej) => { console.log('first rejection'); rej(new Error('first')); }),
  after(20, (res, rej) => { console.log('second rejection'); rej(new Error('second')); }),
]).then(
  v => console.log('never', v),
  e => console.log('all rejected with:', e.message),
);
