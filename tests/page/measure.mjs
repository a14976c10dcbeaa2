// Measures the built playground (dist/) against issue 4's goals and prints a table:
//   - transfer sizes, raw and gzip -9: worker wasm, page wasm, editor bundle, JS glue;
//   - cold load to first console output in headless Chromium from 127.0.0.1 (a fresh browser context
//     per load; `console.log('first')` run through window.tickscope as soon as it exists; time from
//     navigation start to the entry in the DOM), median of RUNS;
//   - a 1e5-microtask flood with the full trace: the page's longest main-thread task (PerformanceObserver
//     `longtask`, and the longest gap between animation frames) and its frame rate while the events stream
//     in and the timeline renders.
//
//   node tests/page/measure.mjs [--runs N] [--baseline DIR] [--no-flood]
//
// (after scripts/build; not part of scripts/test). --baseline DIR also loads another build (say, the previous
// commit's dist/) the same number of times, alternating with this one in the same run, and prints the ratio of
// the two medians: these machines are shared, so only figures taken side by side compare. --no-flood skips the
// flood.
//
// It is not a test (it never fails on a missed goal); BENCHMARKS.md's "Playground page" holds its figures.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { serveDist } from '../../scripts/serve-dist.mjs';
import { DIST, startEnvironment, openPlayground, runInPlayground, whenApiInstalled } from './lib/playground.mjs';

const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const RUNS = Number(option('--runs')) > 0 ? Number(option('--runs')) : 5;
const BASELINE = option('--baseline');
const FLOOD_TOO = !argv.includes('--no-flood');
const MB = 1_000_000;
const median = (values) => { const s = [...values].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const verdict = (ok) => (ok ? 'met' : 'MISSED');

// ---------------------------------------------------------------------------------------------- sizes
function sizes() {
  const files = readdirSync(DIST);
  const size = (pattern) => {
    const matched = files.filter((name) => pattern.test(name));
    let raw = 0;
    let gzip = 0;
    for (const name of matched) {
      const bytes = readFileSync(join(DIST, name));
      raw += bytes.length;
      // The gzip program, as scripts/build measures (zlib's level 9 differs from it by a few kB).
      gzip += execFileSync('gzip', ['-9', '-c', join(DIST, name)], { maxBuffer: 1 << 28 }).length;
    }
    return { files: matched, raw, gzip };
  };
  return {
    worker: size(/^tickscope-worker.*_bg\.wasm$/),
    page: size(/^tickscope-page.*_bg\.wasm$/),
    editor: size(/^editor.*\.js$/),
    glue: size(/^tickscope-(page|worker).*\.js$/),
  };
}

// ---------------------------------------------------------------------------------------------- cold load
// Runs in the page before its own scripts: as soon as window.tickscope appears (in a microtask after the task
// that installed it), run console.log('first'), and note performance.now() (ms since navigation start) when its
// console entry is in the DOM. It then says so on the console: nothing is evaluated in the page while it
// loads (a Playwright wait would inject its own script into the page's main thread, ~25 ms of it).
const FIRST_OUTPUT = 'tickscope-measure: first output';
const AUTORUN = `${whenApiInstalled(`
  window.__apiAt = performance.now();
  api.setCode("console.log('first')");
  api.run();`)}
(() => {
  const observer = new MutationObserver(() => {
    if (window.__engineReadyAt === undefined && document.body?.dataset.engine === 'ready') window.__engineReadyAt = performance.now();
    if (window.__firstOutput === undefined
        && [...document.querySelectorAll('[data-testid="console-text"]')].some((el) => el.textContent === 'first')) {
      window.__firstOutput = performance.now();
      observer.disconnect();
      console.debug(${JSON.stringify(FIRST_OUTPUT)});
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
})();`;

/** One cold load of the playground at `url`: its timings, ms since navigation start. */
async function coldLoad(env, url) {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(AUTORUN);
  const page = await context.newPage();
  const first = page.waitForEvent('console', { predicate: (message) => message.text() === FIRST_OUTPUT, timeout: 30_000 });
  await page.goto(url);
  await first;
  const times = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      first: window.__firstOutput,
      api: window.__apiAt,
      engine: window.__engineReadyAt,
      domContentLoaded: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
    };
  });
  await context.close();
  return times;
}

/** RUNS cold loads of each build, alternating (this one first): `{ loads, baseline }`. */
async function coldLoads(env, baselineUrl) {
  const loads = [];
  const baseline = [];
  for (let i = 0; i < RUNS; i += 1) {
    loads.push(await coldLoad(env, env.server.url));
    if (baselineUrl) baseline.push(await coldLoad(env, baselineUrl));
  }
  return { loads, baseline };
}

// ---------------------------------------------------------------------------------------------- flood
const FLOOD = `let n = 0;
function f() { if (++n < 1e5) queueMicrotask(f); }
f();
setTimeout(() => console.log('done'));`;

async function flood(env) {
  const { context, page } = await openPlayground(env);
  try {
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__long.push(entry.duration); })
        .observe({ type: 'longtask' });
    });
    // Warm-up: one small run, so the measurement is of the flood and not of the first run's setup.
    await runInPlayground(page, 'console.log(1)', 'virtual');
    await page.waitForTimeout(300);
    const result = await page.evaluate(async (code) => {
      window.__long = [];
      const frames = [];
      let measuring = true;
      const tick = (now) => { frames.push(now); if (measuring) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      window.tickscope.setClock('virtual');
      window.tickscope.setCode(code);
      const t0 = performance.now();
      const summary = await window.tickscope.run();
      const settled = performance.now();
      // Then the timeline's final render (zoomed to fit) and a little after.
      await new Promise((r) => setTimeout(r, 500));
      measuring = false;
      const t1 = performance.now();
      const during = frames.filter((t) => t >= t0 && t <= settled);
      const all = frames.filter((t) => t >= t0);
      const gaps = all.slice(1).map((t, i) => t - all[i]);
      const gapsDuring = during.slice(1).map((t, i) => t - during[i]);
      return {
        state: summary.state,
        events: summary.events,
        lastLine: summary.console.at(-1),
        runMs: settled - t0,
        fpsDuring: during.length > 1 ? (during.length - 1) * 1000 / (during.at(-1) - during[0]) : 0,
        fpsAll: (all.length - 1) * 1000 / (t1 - t0),
        longestGap: Math.max(0, ...gaps),
        longestGapDuring: Math.max(0, ...gapsDuring),
        longTasks: [...window.__long],
        items: document.querySelectorAll('[data-testid="timeline-item"]').length,
      };
    }, FLOOD);
    return result;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------- main
const env = await startEnvironment();
const baselineServer = BASELINE ? await serveDist({ dir: resolve(BASELINE), port: 0 }) : null;
try {
  const s = sizes();
  const { loads, baseline } = await coldLoads(env, baselineServer?.url);
  const f = FLOOD_TOO ? await flood(env) : null;
  const firstMedian = median(loads.map((load) => load.first));
  const fmt = (n, d = 0) => n.toFixed(d);
  const breakdown = (runs) => ['domContentLoaded', 'api', 'engine', 'load'].map((key) => fmt(median(runs.map((l) => l[key])))).join(' / ');
  const rows = [
    ['worker wasm (gzip -9)', `${fmt(s.worker.gzip / MB, 3)} MB (raw ${fmt(s.worker.raw / MB, 3)} MB)`, '<= 1.5 MB', verdict(s.worker.gzip <= 1.5 * MB)],
    ['page wasm (gzip -9)', `${fmt(s.page.gzip / MB, 3)} MB (raw ${fmt(s.page.raw / MB, 3)} MB)`, '<= 0.2 MB', verdict(s.page.gzip <= 0.2 * MB)],
    ['editor bundle (gzip -9)', `${fmt(s.editor.gzip / MB, 3)} MB (raw ${fmt(s.editor.raw / MB, 3)} MB)`, '<= 0.15 MB', verdict(s.editor.gzip <= 0.15 * MB)],
    ['JS glue (gzip -9)', `${fmt(s.glue.gzip / 1000, 1)} kB (raw ${fmt(s.glue.raw / 1000, 1)} kB, ${s.glue.files.length} files)`, '-', '-'],
    [`cold load to first output (median of ${RUNS})`, `${fmt(firstMedian)} ms (runs: ${loads.map((l) => fmt(l.first)).join(', ')})`, '<= 400 ms', verdict(firstMedian <= 400)],
    ['  of which (medians): DOMContentLoaded / window.tickscope / engine ready / load event', `${breakdown(loads)} ms`, '-', '-'],
  ];
  if (baselineServer) {
    const baseMedian = median(baseline.map((load) => load.first));
    rows.push(
      [`baseline ${BASELINE}: cold load (median of ${RUNS}, alternating)`, `${fmt(baseMedian)} ms (runs: ${baseline.map((l) => fmt(l.first)).join(', ')})`, '-', '-'],
      ['  of which (medians): DOMContentLoaded / window.tickscope / engine ready / load event', `${breakdown(baseline)} ms`, '-', '-'],
      ['cold load: this build / baseline (medians)', fmt(firstMedian / baseMedian, 2), '-', '-'],
    );
  }
  if (f) {
    const longestTask = Math.max(0, ...f.longTasks);
    rows.push(
      ['flood: longest task (longtask observer)', `${fmt(longestTask)} ms (${f.longTasks.length} long tasks)`, '<= 50 ms', verdict(longestTask <= 50)],
      ['flood: longest gap between animation frames', `${fmt(f.longestGap)} ms (while streaming: ${fmt(f.longestGapDuring)} ms)`, '<= 50 ms', verdict(f.longestGap <= 50)],
      ['flood: frame rate while the events stream in', `${fmt(f.fpsDuring, 1)} fps (over the run and 0.5 s after: ${fmt(f.fpsAll, 1)})`, '>= 30 fps', verdict(f.fpsDuring >= 30 && f.fpsAll >= 30)],
      ['flood: the run', `${f.state}, ${f.events} events, ${fmt(f.runMs)} ms, last line ${JSON.stringify(f.lastLine)}, ${f.items} timeline items drawn`, '-', '-'],
    );
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length), ['measure', 'figure', 'goal', 'verdict'][i].length));
  const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(`Chromium ${env.browser.version()}, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`);
  console.log(`dist/ files: worker ${s.worker.files.join(', ')}; page ${s.page.files.join(', ')}; editor ${s.editor.files.join(', ')}; glue ${s.glue.files.join(', ')}`);
  console.log(line(['measure', 'figure', 'goal', 'verdict']));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
} finally {
  await baselineServer?.close();
  await env.close();
}
