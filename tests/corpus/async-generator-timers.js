// An async generator that awaits timers; the consumer breaks early, which runs the generator's finally.
const sleep = ms => new Promise(r => setTimeout(r, ms));
async function* ticker() {
  try {
    for (let i = 1; ; i++) {
      await sleep(30);
      yield i;
    }
  } finally {
    console.log('generator finally');
  }
}
(async () => {
  for await (const n of ticker()) {
    console.log('tick', n);
    if (n === 3) break;
  }
  console.log('after loop');
})();
setTimeout(() => console.log('timer 50 (between tick 1 and tick 2)'), 50);
