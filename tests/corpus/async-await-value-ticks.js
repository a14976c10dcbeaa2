// await of a plain value takes one tick; a counter chain shows where each continuation runs.
let tick = 0;
const counter = () => { tick++; if (tick < 6) Promise.resolve().then(counter); };
Promise.resolve().then(counter);
async function f() {
  console.log('f start at tick', tick);
  await 1;
  console.log('f after await 1 at tick', tick);
  await undefined;
  console.log('f after await undefined at tick', tick);
}
f();
console.log('sync after f() at tick', tick);
