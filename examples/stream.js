// The `stream` module: counts that arrive over time, on the loop's clock.
//   tickscope run examples/stream.js                 (takes about 1.3 s)
//   tickscope run --clock virtual examples/stream.js (instant, same output)
const stream = require("stream");

async function main() {
  const start = performance.now();
  const elapsed = () => `${Math.round(performance.now() - start)} ms`;

  // counter: one promise, fulfilled with every count once the last one has arrived.
  const counts = await stream.counter(5, 100);
  console.log("counter gave", counts, "after", elapsed());

  // ticks: an async iterator, one count as each arrives.
  for await (const n of stream.ticks(3, 200)) {
    console.log("tick", n, "after", elapsed());
  }

  // Leaving the loop early cancels the remaining ticks, so the program can end.
  for await (const n of stream.ticks(1000, 50)) {
    if (n === 3) break;
  }
  console.log("stopped a 1000-tick stream after 3 ticks, at", elapsed());

  // Bad arguments reject; they never throw.
  await stream.counter(0, 100).catch((err) => console.log(`${err.name}: ${err.message}`));

  // Every stream times out 30 s after the call. With --clock virtual, uncomment this to see
  // the timeout at once:
  // await stream.counter(100, 1000).catch((err) => console.log(err.message));
}

main();
