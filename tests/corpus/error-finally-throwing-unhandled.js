// A finally that throws, with nothing after it, reports the finally's error as the unhandled rejection.
Promise.resolve('fine').finally(() => { throw new Error('finally broke it'); });
Promise.reject(new Error('original')).catch(e => {
  console.log('caught', e.message, 'then rethrow');
  throw new Error('rethrown');
});
setTimeout(() => console.log('timer'), 20);
