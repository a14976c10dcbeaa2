// finally passes values and rejections through; a throwing finally replaces the outcome;
// a value returned from finally is ignored.
Promise.resolve('value')
  .finally((...args) => { console.log('finally 1 gets no arguments:', args.length); return 'ignored'; })
  .then(v => console.log('after finally 1:', v));
Promise.reject(new Error('original'))
  .finally(() => console.log('finally 2 sees rejection'))
  .catch(e => console.log('after finally 2:', e.message));
Promise.resolve('value')
  .finally(() => { throw new Error('from finally'); })
  .then(v => console.log('never', v), e => console.log('after finally 3:', e.message));
Promise.reject(new Error('original'))
  .finally(() => Promise.reject(new Error('finally rejection')))
  .catch(e => console.log('after finally 4:', e.message));
Promise.reject(new Error('caught'))
  .catch(e => { console.log('catch:', e.message); return 'recovered'; })
  .then(v => console.log('then after catch:', v));
