// Resolving with a thenable: its then() is called in a microtask (one tick), not synchronously.
let tick = 0;
const counter = () => { tick++; if (tick < 6) Promise.resolve().then(counter); };
Promise.resolve().then(counter);
const thenable = {
  then(resolve) {
    console.log('thenable.then called at tick', tick);
    resolve('from thenable');
  },
};
Promise.resolve(thenable).then(v => console.log(v, 'at tick', tick));
console.log('sync: then not called yet');
