// Shared setup for the playground's page tests (tests/page/playground.test.mjs,
// tests/page/share-embed-lessons.test.mjs) and measurements (tests/page/measure.mjs): Debian's Chromium
// through npm's playwright-core, dist/ served on 127.0.0.1, the playground page opened with its own errors
// collected, and a plain Chromium page that runs a snippet as the truth to compare the playground's console with.
//
// Nothing here downloads a browser: CHROMIUM (default /usr/bin/chromium) is launched as it is
// (tests/support/chromium.mjs, which also holds the plain page's instrumentation and console capture).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist } from '../../../scripts/serve-dist.mjs';
import {
  LIMIT_MS, QUIET_MS, consoleArgText, launchChromium, openConsoleCapture, snippetPage, waitUntilSettled,
} from '../../support/chromium.mjs';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
// TICKSCOPE_DIST: another build to test or measure (default dist/).
export const DIST = resolve(process.env.TICKSCOPE_DIST ?? join(ROOT, 'dist'));
export const ARTIFACTS = join(ROOT, 'test-artifacts');

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
  const browser = await launchChromium();
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
 * engine is ready. `problems` collects the page's own console errors, page errors, dialogs, failed
 * requests and HTTP errors (watchProblems; the snippet's output is not among them: it runs in the
 * worker, on tickscope's engine, and reaches the page as data).
 */
export async function openPlayground(env, { viewport = { width: 1400, height: 1000 }, contextOptions = {} } = {}) {
  const context = await env.browser.newContext({ viewport, ...contextOptions });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url);
  await waitReady(page);
  return { context, page, problems };
}

/**
 * Collects what must not happen on a page: its console errors, page errors, dialogs (dismissed), failed requests
 * and HTTP errors. `allowRequest(url)` exempts requests a snippet makes on purpose (lesson 14 asks a closed port).
 */
export function watchProblems(page, { allowRequest = () => false } = {}) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('requestfailed', (request) => {
    if (allowRequest(request.url())) return;
    // A navigation away (reload) cancels what was still loading: not a problem of the page.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/**
 * An init script (for `addInitScript`) that runs the JavaScript statements `body`, with `api` bound to
 * `window.tickscope`, in a microtask after the task that installs it: as early as a page's own script could call
 * it, before the page has done anything else.
 */
export function whenApiInstalled(body) {
  return `(() => {
  let installed;
  Object.defineProperty(window, 'tickscope', {
    configurable: true,
    enumerable: true,
    get: () => installed,
    set(api) {
      installed = api;
      queueMicrotask(() => { ${body} });
    },
  });
})();`;
}

/**
 * Waits for `window.tickscope`, `<body data-engine="ready">` and the full editor (CodeMirror's `.cm-content`, no longer
 * `data-editor="plain"`: the page shows a plain text area until it has time to make CodeMirror; builds before that
 * have no `data-editor`, so measure.mjs can still load them).
 */
export async function waitReady(page, timeout = 30_000) {
  await page.waitForFunction(() => typeof window.tickscope?.run === 'function', null, { timeout });
  await page.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout });
  await page.waitForSelector('[data-testid="editor"]:not([data-editor="plain"]) .cm-content', { timeout });
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

const LEVELS = { log: 'log', info: 'info', debug: 'debug', warning: 'warn', error: 'error' };

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
 * pending and nothing was printed for `quietMs` (the page, its timer instrumentation, the capture and the
 * wait are the recorders' own, from tests/support/chromium.mjs).
 */
export async function chromiumReference(browser, code, { module = false, quietMs = QUIET_MS, limitMs = LIMIT_MS } = {}) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const origin = 'http://reference.invalid';
    await page.route(`${origin}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/snippet.js') {
        return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: code });
      }
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: snippetPage({ title: 'reference', src: '/snippet.js', module }),
      });
    });
    const capture = await openConsoleCapture(context, page);
    const entries = [];
    const problems = [];
    capture.sink = {
      problems,
      console(type, args) {
        const level = LEVELS[type];
        if (!level) throw new Error(`console.${type} is not compared`);
        entries.push({ level, kind: '', text: args.map(consoleArgText).join(' ') });
      },
      exception(line, details) {
        entries.push({ level: 'error', kind: details.text.includes('(in promise)') ? 'rejection' : 'uncaught', text: line });
      },
    };
    capture.lastEvent = Date.now();
    const started = Date.now();
    await page.goto(`${origin}/page.html`, { waitUntil: 'load' });
    await waitUntilSettled(capture, started, { quietMs, limitMs });
    capture.sink = null;
    if (problems.length) throw new Error(`reference run failed: ${problems.join('; ')}`);
    return entries;
  } finally {
    await context.close();
  }
}
