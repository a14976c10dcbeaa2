// Resolving a promise with another (native) promise costs two extra microtask ticks.
let tick = 0;
const counter = () => { tick++; if (tick < 6) Promise.resolve().then(counter); };
Promise.resolve().then(counter);
new Promise(resolve => resolve(Promise.resolve('inner'))).then(v => console.log('resolved with promise:', v, 'at tick', tick));
new Promise(resolve => resolve('plain')).then(v => console.log('resolved with value:', v, 'at tick', tick));
Promise.resolve(Promise.resolve('x')).then(v => console.log('Promise.resolve(promise):', v, 'at tick', tick));
