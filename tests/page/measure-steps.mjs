// Measures the step-through on a large run in the built playground (dist/): how long moving the step
// cursor takes when the run has about 1e5 events (the sentence, the chain of causes, the queues view and
// the timeline's cursor all update in that call), and the timeline's frame rate while it is scrolled.
//
//   node tests/page/measure-steps.mjs [--samples N]
//
// (after scripts/build; not part of scripts/test). Each sample is one window.tickscope.seek(k) followed by a
// layout read, timed with performance.now() in the page: from steps spread over the run (plus the first and
// the last), one step forward and one back. It prints the median
// and the slowest; a frame at 60 Hz is 16.7 ms. BENCHMARKS.md's "Step-through on 1e5 events" holds the figures.
import { startEnvironment, openPlayground, runInPlayground, countFrames, tid } from './lib/playground.mjs';

const samples = Number(process.argv[process.argv.indexOf('--samples') + 1]) || 60;
const FLOOD = `let p = Promise.resolve(0);
for (let i = 0; i < 12500; i++) p = p.then((v) => v + 1);
for (let i = 0; i < 12500; i++) Promise.resolve(i).then((v) => v);
p.then((v) => console.log('done', v));`;

const env = await startEnvironment();
const { context, page } = await openPlayground(env);
try {
  const run = await runInPlayground(page, FLOOD, 'virtual', 120_000);
  const total = run.events;
  const steps = [1, 2, total];
  for (let i = 1; i <= samples; i++) steps.push(Math.max(1, Math.round((total * i) / (samples + 1))));
  // From each sampled step: one step forward, then one back, each timed (the jump there is not).
  const times = await page.evaluate((steps) => {
    const timed = (k) => {
      const started = performance.now();
      window.tickscope.seek(k);
      void document.querySelector('[data-testid="narration"]').offsetHeight;
      return performance.now() - started;
    };
    return steps.map((k) => {
      const from = Math.min(k, steps.at(-1) - 1);
      window.tickscope.seek(from);
      // Lay out the page for this untimed seek, so the timed one pays only for its own step.
      void document.querySelector('[data-testid="narration"]').offsetHeight;
      return { k: from, forward: timed(from + 1), back: timed(from) };
    });
  }, steps);
  const report = (name) => {
    const sorted = times.map((t) => t[name]).sort((a, b) => a - b);
    const slowest = times.reduce((a, b) => (b[name] > a[name] ? b : a));
    const over = sorted.filter((ms) => ms > 1000 / 60).length;
    console.log(`step ${name} from ${times.length} steps: median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, `
      + `90th percentile ${sorted[Math.floor(sorted.length * 0.9)].toFixed(1)} ms, slowest ${slowest[name].toFixed(1)} ms (from step ${slowest.k}), `
      + `${over} over one 60 Hz frame`);
  };
  console.log(`run: ${total} events (state ${run.state})`);
  report('forward');
  report('back');
  // Scroll the timeline for a second with the wheel, counting the page's frames.
  const plot = await page.locator(tid('timeline')).boundingBox();
  await page.mouse.move(plot.x + plot.width / 2, plot.y + plot.height / 2);
  await page.locator(tid('timeline-zoom-in')).click();
  await page.locator(tid('timeline-zoom-in')).click();
  const frames = countFrames(page, 1000);
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(120, 0);
    await page.waitForTimeout(40);
  }
  const counted = await frames;
  console.log(`timeline scrolled for 1 s: ${counted.frames} frames (longest gap ${counted.longestGap} ms)`);
} finally {
  await context.close();
  await env.close();
}
