// A then handler returning a promise delays the chain by two ticks; returning a value does not.
let tick = 0;
const counter = () => { tick++; if (tick < 8) Promise.resolve().then(counter); };
Promise.resolve().then(counter);
Promise.resolve()
  .then(() => Promise.resolve('returned promise'))
  .then(v => console.log(v, 'at tick', tick));
Promise.resolve()
  .then(() => 'returned value')
  .then(v => console.log(v, 'at tick', tick));
Promise.resolve()
  .then(() => ({ then(r) { r('returned thenable'); } }))
  .then(v => console.log(v, 'at tick', tick));
