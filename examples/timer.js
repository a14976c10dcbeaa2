// The `timer` module: `sleep(ms)` is a promise settled by the host operation `timer.sleep`,
// scheduled on the loop's clock.
//   tickscope run examples/timer.js                 (takes about 0.6 s)
//   tickscope run --clock virtual examples/timer.js (instant, same output)
const timer = require("timer");

async function main() {
  const start = performance.now();
  const elapsed = () => `${Math.round(performance.now() - start)} ms`;

  console.log("sleeping 300 ms");
  await timer.sleep(300);
  console.log("awake after", elapsed());

  // Sleeps are promises like any other: the shorter one wins the race.
  const winner = await Promise.race([
    timer.sleep(200).then(() => "the 200 ms sleep"),
    timer.sleep(100).then(() => "the 100 ms sleep"),
  ]);
  console.log("race won by", winner, "after", elapsed());

  // A bad duration rejects; it never throws.
  try {
    await timer.sleep(-1);
  } catch (err) {
    console.log(`${err.name}: ${err.message}`);
  }
}

main();
