// Promise.all keeps input order whatever the settlement order; plain values are allowed.
const sleep = (ms, v) => new Promise(r => setTimeout(() => { console.log('settled', v); r(v); }, ms));
Promise.all([sleep(30, 'slow'), sleep(10, 'fast'), 'plain', Promise.resolve('resolved')])
  .then(values => console.log('all:', JSON.stringify(values)));
Promise.all([]).then(v => console.log('all([]) fulfils with', JSON.stringify(v)));
console.log('sync');
