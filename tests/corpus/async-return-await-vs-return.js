// return p (a promise from an async function) costs more ticks than return await p.
let tick = 0;
const counter = () => { tick++; if (tick < 8) Promise.resolve().then(counter); };
Promise.resolve().then(counter);
const p = () => Promise.resolve('v');
async function plainReturn() { return p(); }
async function returnAwait() { return await p(); }
async function returnValue() { return 'v'; }
plainReturn().then(() => console.log('return promise settles caller at tick', tick));
returnAwait().then(() => console.log('return await settles caller at tick', tick));
returnValue().then(() => console.log('return value settles caller at tick', tick));
