// await of a thenable takes extra ticks: its then() is called in a job, then the resolution is another job.
let tick = 0;
const counter = () => { tick++; if (tick < 6) Promise.resolve().then(counter); };
Promise.resolve().then(counter);
const thenable = { then(resolve) { console.log('thenable.then at tick', tick); resolve('t'); } };
(async () => {
  const v = await thenable;
  console.log('await thenable got', v, 'at tick', tick);
})();
(async () => {
  await null;
  console.log('await null at tick', tick);
})();
