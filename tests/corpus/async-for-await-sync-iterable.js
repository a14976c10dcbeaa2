// for await over an array of values and promises awaits each element in order.
const later = (ms, v) => new Promise(r => setTimeout(() => { console.log('settled', v); r(v); }, ms));
(async () => {
  for await (const v of ['plain', later(20, 'slow'), later(5, 'fast'), Promise.resolve('ready')]) {
    console.log('for await got', v);
  }
  console.log('done');
})();
