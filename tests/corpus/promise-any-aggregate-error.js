// (The AggregateError's message is the engine's own wording, so it is not printed.)
// Promise.any fulfils with the first fulfilment, or rejects with an AggregateError holding every reason.
Promise.any([Promise.reject(new Error('a')), Promise.resolve('b'), Promise.resolve('c')])
  .then(v => console.log('any fulfilled:', v));
Promise.any([Promise.reject(new Error('x')), Promise.reject(new Error('y')), Promise.reject(42)])
  .catch(e => {
    console.log('name:', e.name);
    console.log('message is a string:', typeof e.message === 'string');
    console.log('instanceof AggregateError:', e instanceof AggregateError, e instanceof Error);
    console.log('errors:', e.errors.length, e.errors.map(x => (x instanceof Error ? x.message : x)).join(','));
  });
Promise.any([]).catch(e => console.log('any([]):', e.name, '|', e.errors.length));
