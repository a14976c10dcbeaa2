// await of a native promise takes one tick (no extra wrapping), the same as await of a value.
let tick = 0;
const counter = () => { tick++; if (tick < 6) Promise.resolve().then(counter); };
Promise.resolve().then(counter);
async function viaPromise() { await Promise.resolve(); console.log('await Promise.resolve() at tick', tick); }
async function viaValue() { await 0; console.log('await 0 at tick', tick); }
async function viaPending() {
  const p = new Promise(r => queueMicrotask(() => r()));
  await p;
  console.log('await promise resolved in a microtask at tick', tick);
}
viaPromise();
viaValue();
viaPending();
