// A smoke test of the built playground (dist/) in headless Chromium: the worker loads, a snippet runs
// and prints in the browser's order, a syntax error is shown, and Stop ends a runaway snippet.
// It saves a screenshot to test-artifacts/page.png.
//
//   node --test scripts/page-smoke.mjs        (scripts/test runs it after scripts/build)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDist } from './serve-dist.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ARTIFACTS = join(ROOT, 'test-artifacts');
// Debian's Chromium; `npx playwright install` cannot download a browser on these machines.
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const TIMEOUT = 60_000;

const EXPECTED_LINES = [
  'script start',
  'script end',
  'microtask 1',
  'queueMicrotask',
  'after await',
  'microtask 2',
  'timeout 0 ms',
  'timeout 100 ms',
];

async function waitForStatus(page, prefix) {
  await page.waitForFunction(
    (text) => document.querySelector('#status').textContent.startsWith(text),
    prefix,
    { timeout: TIMEOUT },
  );
}

const outputLines = (page) => page.$$eval('#output li .text', (items) => items.map((item) => item.textContent));

test('the playground runs snippets in its worker and shows their console', async () => {
  const server = await serveDist({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  const problems = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // (A failed request's console line is reported below with its URL.)
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });

    const loadStarted = Date.now();
    await page.goto(server.url);
    await page.waitForSelector('#run:not([disabled])', { timeout: TIMEOUT });
    console.log(`the worker was ready ${Date.now() - loadStarted} ms after navigation`);
    // The worker paces the loop with its own requestAnimationFrame.
    assert.equal(await page.$eval('body', (body) => body.dataset.ticker), 'animation_frame');

    // The default snippet: browser order, with virtual time on the timer lines.
    await page.click('#run');
    await waitForStatus(page, 'done');
    assert.deepEqual(await outputLines(page), EXPECTED_LINES);
    const lastTime = await page.$eval('#output li:last-child .time', (item) => item.textContent);
    assert.equal(lastTime, '100.0 ms');
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'page.png'), fullPage: true });

    // A syntax error is reported, not thrown.
    const snippet = await page.inputValue('#source');
    await page.fill('#source', 'console.log(1);\nlet = ;');
    await page.click('#run');
    await waitForStatus(page, 'the snippet did not load');
    assert.equal(await page.locator('#output li.error').count() > 0, true);

    // Stop ends a snippet that never yields, and a fresh worker runs the next one.
    await page.fill('#source', 'while (true) {}');
    await page.click('#run');
    await page.waitForTimeout(300);
    await page.click('#stop');
    await page.waitForSelector('#run:not([disabled])', { timeout: TIMEOUT });
    await page.fill('#source', snippet);
    await page.click('#run');
    await waitForStatus(page, 'done');
    assert.deepEqual(await outputLines(page), EXPECTED_LINES);

    // Work longer than one frame's budget is spread over several frames.
    await page.fill('#source', `let sum = 0;
for (let i = 0; i < 12; i++) {
  setTimeout(() => { for (let j = 0; j < 100000; j++) sum += j; console.log('slice ' + i); }, i);
}`);
    await page.click('#run');
    await waitForStatus(page, 'done');
    assert.equal((await outputLines(page)).length, 12);
    const frames = Number((await page.textContent('#status')).match(/after (\d+) frame/)[1]);
    console.log(`12 heavy timer tasks took ${frames} frames`);
    assert.ok(frames > 1, `expected several frames, got ${frames}`);

    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
