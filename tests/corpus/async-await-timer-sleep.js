// Sleeping with a promise around setTimeout: parallel sleeps finish by delay, sequential ones add up.
const sleep = ms => new Promise(r => setTimeout(r, ms));
(async () => {
  await sleep(60);
  console.log('A slept 60');
})();
(async () => {
  await sleep(10);
  console.log('B slept 10');
  await sleep(10);
  console.log('B slept another 10');
  await sleep(60);
  console.log('B slept another 60');
})();
(async () => {
  await Promise.all([sleep(15), sleep(5)]);
  console.log('C parallel 15 and 5 done');
})();
