// Shared setup for the playground's page tests (tests/page/playground.test.mjs) and measurements
// (tests/page/measure.mjs): Debian's Chromium through npm's playwright-core, dist/ served on 127.0.0.1,
// the playground page opened with its own errors collected, and a plain Chromium page that runs a
// snippet as the truth to compare the playground's console with.
//
// Nothing here downloads a browser: CHROMIUM (default /usr/bin/chromium) is launched as it is.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDist } from '../../../scripts/serve-dist.mjs';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
// TICKSCOPE_DIST: another build to test or measure (default dist/).
export const DIST = resolve(process.env.TICKSCOPE_DIST ?? join(ROOT, 'dist'));
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** `[data-testid="id"]`. */
export const tid = (id) => `[data-testid="${id}"]`;

/**
 * Serves dist/ on a random port and launches Chromium. Throws (never skips) when dist/ has not been
 * built: `scripts/build` makes it, and `scripts/test page` runs it first.
 */
export async function startEnvironment() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: build the playground first (scripts/build)`);
  }
  await mkdir(ARTIFACTS, { recursive: true });
  const server = await serveDist({ dir: DIST, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  return {
    server,
    browser,
    close: async () => {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/**
 * Opens the playground in a fresh browser context and waits until `window.tickscope` exists and the
 * engine is ready. `problems` collects the page's own console errors, page errors, failed requests
 * and HTTP errors (the snippet's output is not among them: it runs in the worker, on tickscope's
 * engine, and reaches the page as data).
 */
export async function openPlayground(env, { viewport = { width: 1400, height: 1000 }, contextOptions = {} } = {}) {
  const context = await env.browser.newContext({ viewport, ...contextOptions });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url);
  await waitReady(page);
  return { context, page, problems };
}

/** Collects the page's console errors, page errors, failed requests and HTTP errors. */
export function watchProblems(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A navigation away (reload) cancels what was still loading: not a problem of the page.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** Waits for `window.tickscope` and `<body data-engine="ready">`. */
export async function waitReady(page, timeout = 30_000) {
  await page.waitForFunction(() => typeof window.tickscope?.run === 'function', null, { timeout });
  await page.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout });
}

/**
 * Runs `code` in the playground under `clock` through `window.tickscope` and returns the run's
 * summary (`{state, console, events}`) once it settles. Rejects after `timeout` ms.
 */
export async function runInPlayground(page, code, clock, timeout = 20_000) {
  return page.evaluate(async ({ code, clock, timeout }) => {
    window.tickscope.setClock(clock);
    window.tickscope.setCode(code);
    const limit = new Promise((_, reject) => setTimeout(() => reject(new Error(`run() did not settle in ${timeout} ms`)), timeout));
    return Promise.race([window.tickscope.run(), limit]);
  }, { code, clock, timeout });
}

/**
 * The console entries in the DOM, in order: `{level, kind, count, text}` (`count` from `data-count`,
 * 1 when absent). The console is virtualised, so this is what is in view (and a few around it).
 */
export function consoleEntries(page) {
  return page.$$eval('[data-testid="console-entry"]', (rows) => rows.map((row) => ({
    level: row.dataset.level,
    kind: row.dataset.kind ?? '',
    count: row.dataset.count === undefined ? 1 : Number(row.dataset.count),
    text: row.querySelector('[data-testid="console-text"]')?.textContent ?? null,
  })));
}

/** Counts the page's requestAnimationFrame callbacks over `ms` (its main thread rendering). */
export function countFrames(page, ms) {
  return page.evaluate((ms) => new Promise((done) => {
    let frames = 0;
    let longestGap = 0;
    let last = null;
    const started = performance.now();
    const tick = (now) => {
      frames += 1;
      if (last !== null) longestGap = Math.max(longestGap, now - last);
      last = now;
      if (performance.now() - started < ms) requestAnimationFrame(tick);
      else done({ frames, longestGap: Math.round(longestGap) });
    };
    requestAnimationFrame(tick);
  }), ms);
}

// ------------------------------------------------------------------------------------------------
// The truth: the same snippet in a plain Chromium page.

// Run before the snippet in the reference page: wraps the four timer functions only to count the
// pending ones (so the reference knows when the snippet is done). Handler arguments, delays and ids
// pass through untouched, and it adds no promise, microtask or timer of its own
// (tests/corpus/record.mjs does the same, for the same reason).
const INSTRUMENT = `(() => {
  const w = window, st = w.setTimeout, si = w.setInterval, ct = w.clearTimeout, ci = w.clearInterval;
  const pending = new Set();
  const key = (id) => { const n = Number(id); return Number.isFinite(n) ? n | 0 : 0; };
  const wrap = (orig, once, name) => {
    const f = function (handler, ...rest) {
      if (typeof handler !== 'function') return orig.call(w, handler, ...rest);
      let id;
      const cb = function (...args) { if (once) pending.delete(id); return handler.apply(this, args); };
      id = orig.call(w, cb, ...rest);
      pending.add(id);
      return id;
    };
    Object.defineProperty(f, 'name', { value: name });
    return f;
  };
  const unwrap = (orig, name) => {
    const f = function (...args) { if (args.length) pending.delete(key(args[0])); return orig.apply(w, args); };
    Object.defineProperty(f, 'name', { value: name });
    return f;
  };
  w.setTimeout = wrap(st, true, 'setTimeout');
  w.setInterval = wrap(si, false, 'setInterval');
  w.clearTimeout = unwrap(ct, 'clearTimeout');
  w.clearInterval = unwrap(ci, 'clearInterval');
  Object.defineProperty(w, '__referencePending', { value: () => pending.size });
})();`;

const LEVELS = { log: 'log', info: 'info', debug: 'debug', warning: 'warn', error: 'error' };

/** A console argument as Chromium prints it; only primitives (objects print as previews). */
function formatArg(o) {
  switch (o.type) {
    case 'string': return o.value;
    case 'number': return o.unserializableValue ?? o.description ?? String(o.value);
    case 'boolean': return String(o.value);
    case 'undefined': return 'undefined';
    case 'bigint': return o.unserializableValue ?? o.description;
    case 'symbol': return o.description;
    case 'object': if (o.subtype === 'null') return 'null';
    // fall through
    default: throw new Error(`reference: console argument of type ${o.type} (${o.description}); log primitives only`);
  }
}

/** The thrown value's first line, as Chromium's console shows it after `Uncaught `. */
function formatThrown(o) {
  if (!o) return '';
  if (o.type === 'object' && o.subtype === 'error') return String(o.description).split('\n')[0];
  return formatArg(o);
}

/**
 * Runs `code` in a fresh plain page (a classic script, or a module script when `module`) and returns
 * what Chromium's console shows, in order: `[{level, kind, text}]`, console calls with their level
 * (`warning` → `warn`) and text (arguments joined by a space), uncaught errors and unhandled
 * rejections as `error` entries of kind `uncaught` / `rejection` whose text is Chromium's first line
 * (`Uncaught Error: boom`, `Uncaught (in promise) 42`).
 *
 * Console calls and exceptions come from one CDP session (Runtime.consoleAPICalled and
 * Runtime.exceptionThrown), so their order is Chromium's own; Playwright's `pageerror` would lose the
 * "(in promise)" that tells a rejection from an uncaught error. The snippet is done when no timer is
 * pending and nothing was printed for `quietMs`.
 */
export async function chromiumReference(browser, code, { module = false, quietMs = 300, limitMs = 8000 } = {}) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const origin = 'http://reference.invalid';
    await page.route(`${origin}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/snippet.js') {
        return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: code });
      }
      const tag = module ? '<script type="module" src="/snippet.js"></script>' : '<script src="/snippet.js"></script>';
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><meta charset="utf-8"><title>reference</title><script>${INSTRUMENT}</script>${tag}`,
      });
    });
    const cdp = await context.newCDPSession(page);
    const entries = [];
    const problems = [];
    const mainContexts = new Set();
    let collecting = false;
    let last = Date.now();
    cdp.on('Runtime.executionContextsCleared', () => mainContexts.clear());
    cdp.on('Runtime.executionContextCreated', (e) => { if (e.context.auxData?.isDefault) mainContexts.add(e.context.id); });
    cdp.on('Runtime.consoleAPICalled', (e) => {
      if (!collecting || !mainContexts.has(e.executionContextId)) return;
      last = Date.now();
      const level = LEVELS[e.type];
      if (!level) { problems.push(`console.${e.type} is not compared`); return; }
      try { entries.push({ level, kind: '', text: e.args.map(formatArg).join(' ') }); } catch (error) { problems.push(error.message); }
    });
    cdp.on('Runtime.exceptionThrown', (e) => {
      if (!collecting) return;
      last = Date.now();
      const d = e.exceptionDetails;
      const kind = d.text.includes('(in promise)') ? 'rejection' : 'uncaught';
      try { entries.push({ level: 'error', kind, text: `${d.text} ${formatThrown(d.exception)}`.trimEnd() }); } catch (error) { problems.push(error.message); }
    });
    await cdp.send('Runtime.enable');
    collecting = true;
    const started = Date.now();
    await page.goto(`${origin}/page.html`, { waitUntil: 'load' });
    for (;;) {
      await new Promise((r) => setTimeout(r, 20));
      if (Date.now() - started > limitMs) { problems.push(`still running after ${limitMs} ms`); break; }
      const { result } = await cdp.send('Runtime.evaluate', {
        expression: 'typeof __referencePending === "function" ? __referencePending() : -1', returnByValue: true, silent: true,
      });
      if (result.value === -1) { problems.push('the instrumentation is missing'); break; }
      if (result.value === 0 && Date.now() - last >= quietMs) break;
    }
    collecting = false;
    if (problems.length) throw new Error(`reference run failed: ${problems.join('; ')}`);
    return entries;
  } finally {
    await context.close();
  }
}
