// An error in one then-chain does not disturb another chain running alongside it.
Promise.resolve(1)
  .then(v => { console.log('chain A step', v); throw new Error('A failed'); })
  .then(() => console.log('chain A skipped'))
  .then(() => console.log('chain A skipped again'))
  .catch(e => { console.log('chain A caught:', e.message); return 'A recovered'; })
  .then(v => console.log('chain A continues:', v));
Promise.resolve(1)
  .then(v => { console.log('chain B step', v); return v + 1; })
  .then(v => { console.log('chain B step', v); return v + 1; })
  .then(v => { console.log('chain B step', v); return v + 1; })
  .then(v => console.log('chain B done', v));
