// How many ticks Promise.all, allSettled, race and any take over already-resolved inputs.
let tick = 0;
const counter = () => { tick++; if (tick < 8) Promise.resolve().then(counter); };
Promise.resolve().then(counter);
const inputs = () => [Promise.resolve(1), Promise.resolve(2)];
Promise.all(inputs()).then(() => console.log('all at tick', tick));
Promise.allSettled(inputs()).then(() => console.log('allSettled at tick', tick));
Promise.race(inputs()).then(() => console.log('race at tick', tick));
Promise.any(inputs()).then(() => console.log('any at tick', tick));
