// Non-function handlers are ignored: values and rejections pass through unchanged (still one tick each).
Promise.resolve('kept')
  .then(null)
  .then(42)
  .then(undefined, undefined)
  .then(v => console.log('fulfilled value passed through:', v));
Promise.reject(new Error('kept reason'))
  .then(v => console.log('never', v))
  .catch(null)
  .then(null, e => console.log('rejection passed through:', e.message));
Promise.resolve().then(() => console.log('tick 1')).then(() => console.log('tick 2'))
  .then(() => console.log('tick 3')).then(() => console.log('tick 4')).then(() => console.log('tick 5'));
