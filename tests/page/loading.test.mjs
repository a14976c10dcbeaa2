// The playground (dist/, built by scripts/build) while it loads, in headless Chromium:
//   1. a run asked for before the engine is ready is held by the engine's worker and runs once it starts: its
//      console equals what Chromium itself prints;
//   2. the editor is a plain text area until the page has time to make CodeMirror; the upgrade does not move the
//      text (light and dark, and after setCode of a longer text) and keeps what was typed, the caret and the
//      focus; it comes at once when the text area takes the focus;
//   3. an error mark made on the text area, and read-only, carry over to CodeMirror.
// The engine is slowed down where a test needs the page to be still loading: its wasm is answered late.
//
//   node --test tests/page/loading.test.mjs      (scripts/test runs it after scripts/build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  ARTIFACTS, startEnvironment, waitReady, watchProblems, chromiumReference, consoleEntries, tid, whenApiInstalled,
} from './lib/playground.mjs';

let env;

before(async () => {
  env = await startEnvironment();
});

after(async () => {
  await env?.close();
});

const WORKER_WASM = /tickscope-worker_bg\.wasm$/;
const EDITOR = tid('editor');

/**
 * A fresh page of the playground at `path` whose engine answers `delayMs` late, with `initScript` run before the
 * page's own scripts. Resolves once the page has started (window.tickscope exists).
 */
async function openSlowEngine({ path = '', delayMs = 1_000, initScript, colorScheme = 'light' } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme });
  await context.route(WORKER_WASM, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await route.continue();
  });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(new URL(path, env.server.url).href);
  await page.waitForFunction(() => typeof window.tickscope?.run === 'function', null, { timeout: 30_000 });
  return { context, page, problems };
}

// ------------------------------------------------------------------------------------------------
// 1. A run before the engine is ready.

const SNIPPET = `console.log('script start');
setTimeout(() => console.log('timeout'), 0);
Promise.resolve().then(() => console.log('microtask'));
(async () => { await null; console.log('after await'); })();
console.log('script end');`;

test('a run asked for while the engine loads runs once it is ready, and its console equals Chromium\'s', async () => {
  // As soon as window.tickscope exists: set the code, note whether the engine is still loading, run.
  const initScript = whenApiInstalled(`
    api.setClock('virtual');
    api.setCode(${JSON.stringify(SNIPPET)});
    window.__engineWhenAsked = document.body.dataset.engine;
    window.__summary = null;
    api.run().then((summary) => { window.__summary = summary; });`);
  const truth = await chromiumReference(env.browser, SNIPPET);
  const { context, page, problems } = await openSlowEngine({ initScript, delayMs: 800 });
  try {
    await page.waitForFunction(() => window.__summary, null, { timeout: 30_000 });
    const { asked, summary } = await page.evaluate(() => ({ asked: window.__engineWhenAsked, summary: window.__summary }));
    assert.equal(asked, 'loading', 'the run was asked for before the engine was ready');
    assert.equal(summary.state, 'idle');
    assert.deepEqual(summary.console, truth.map((entry) => entry.text));
    assert.deepEqual((await consoleEntries(page)).map((entry) => entry.text), truth.map((entry) => entry.text));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// ------------------------------------------------------------------------------------------------
// 2. The editor's upgrade.

/**
 * Where the editor puts its first line of text, its font and colours: the text area's, or CodeMirror's.
 * Positions are relative to the editor's host.
 */
function editorLook(page) {
  return page.evaluate((selector) => {
    const host = document.querySelector(selector).getBoundingClientRect();
    const area = document.querySelector(`${selector} textarea`);
    if (area) {
      const style = getComputedStyle(area);
      const box = area.getBoundingClientRect();
      return {
        kind: document.querySelector(selector).dataset.editor,
        x: box.left - host.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
        y: box.top - host.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop),
        font: [style.fontFamily, style.fontSize, style.lineHeight],
        color: style.color,
        background: style.backgroundImage,
      };
    }
    const line = document.querySelector(`${selector} .cm-line`);
    const text = document.createRange();
    text.setStart(line.firstChild, 0);
    text.setEnd(line.firstChild, 1);
    const scroller = getComputedStyle(document.querySelector(`${selector} .cm-scroller`));
    return {
      kind: document.querySelector(selector).dataset.editor,
      x: text.getBoundingClientRect().left - host.left,
      y: line.getBoundingClientRect().top - host.top,
      font: [scroller.fontFamily, scroller.fontSize, scroller.lineHeight],
      color: getComputedStyle(document.querySelector(`${selector} .cm-content`)).color,
      background: getComputedStyle(document.querySelector(`${selector} .cm-editor`)).backgroundColor,
      gutter: getComputedStyle(document.querySelector(`${selector} .cm-gutters`)).backgroundColor,
    };
  }, EDITOR);
}

// The default code (two-digit line numbers), and code of 120 lines set through the API while the editor is plain
// (three digits: a wider gutter).
const LONG_CODE = Array.from({ length: 120 }, (_, i) => `console.log(${i + 1});`).join('\n');
for (const [colorScheme, code] of [['light', null], ['dark', null], ['light', LONG_CODE]]) {
  const label = `${colorScheme}${code ? ', 120 lines set by setCode' : ''}`;
  test(`the plain editor becomes CodeMirror without moving the text (${label})`, async () => {
    const { context, page, problems } = await openSlowEngine({ colorScheme, delayMs: 1_500 });
    try {
      if (code) await page.evaluate((text) => window.tickscope.setCode(text), code);
      const plain = await editorLook(page);
      assert.equal(plain.kind, 'plain', 'a text area while the engine loads');
      const shot = `${colorScheme}${code ? '-long' : ''}`;
      await page.screenshot({ path: join(ARTIFACTS, `loading-plain-editor-${shot}.png`) });
      await waitReady(page);
      const full = await editorLook(page);
      await page.screenshot({ path: join(ARTIFACTS, `loading-codemirror-${shot}.png`) });
      assert.equal(full.kind, 'codemirror');
      assert.ok(Math.abs(plain.x - full.x) <= 1, `the text starts at x ${plain.x} in the text area, ${full.x} in CodeMirror`);
      assert.ok(Math.abs(plain.y - full.y) <= 1, `the first line starts at y ${plain.y} in the text area, ${full.y} in CodeMirror`);
      assert.deepEqual(plain.font, full.font, 'font family, size and line height');
      assert.equal(plain.color, full.color, 'text colour');
      assert.ok(plain.background.includes(full.gutter) && plain.background.includes(full.background),
        `the text area's background ${plain.background} has CodeMirror's gutter ${full.gutter} and background ${full.background}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('focusing the plain editor makes CodeMirror at once, keeping what is typed, the caret and the focus', async () => {
  const { context, page, problems } = await openSlowEngine({ delayMs: 3_000 });
  try {
    assert.equal(await page.getAttribute(EDITOR, 'data-editor'), 'plain');
    const before = await page.evaluate(() => window.tickscope.getCode());
    // The caret at the end, then typing at once: keys that come before the upgrade go to the text area, the
    // rest to CodeMirror, at the caret carried over.
    await page.evaluate((selector) => {
      const area = document.querySelector(`${selector} textarea`);
      area.focus();
      area.setSelectionRange(area.value.length, area.value.length);
    }, EDITOR);
    await page.keyboard.type('// typed while loading');
    await page.waitForSelector(`${EDITOR}[data-editor="codemirror"]`, { timeout: 2_000 });
    assert.equal(await page.evaluate(() => document.body.dataset.engine), 'loading', 'the upgrade did not wait for the engine');
    await page.keyboard.type('!');
    assert.equal(await page.evaluate(() => window.tickscope.getCode()), `${before}// typed while loading!`);
    assert.ok(await page.evaluate((selector) => document.activeElement?.closest(`${selector} .cm-editor`) !== null, EDITOR),
      'CodeMirror has the focus');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// ------------------------------------------------------------------------------------------------
// 3. Marks and read-only carry over.

test('an error marked on the plain editor, and read-only, carry over to CodeMirror', async () => {
  // A syntax error run as soon as the page starts; note whether the editor was still plain when its console
  // entry was drawn.
  const initScript = `${whenApiInstalled("api.setCode('const a = 1;\\nconst b = ;\\n'); api.run();")}
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="console-entry"][data-level="error"]')) {
      window.__editorAtError = document.querySelector('[data-testid="editor"]').dataset.editor;
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });`;
  const { context, page, problems } = await openSlowEngine({ path: '?embed&readonly', initScript, delayMs: 500 });
  try {
    assert.equal(await page.$eval(`${EDITOR} textarea`, (area) => area.readOnly), true, 'the text area is read-only');
    await page.waitForSelector(`${EDITOR}[data-editor="codemirror"] .cm-ts-error`, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => window.__editorAtError), 'plain', 'the error came while the editor was plain');
    assert.equal(await page.$eval(`${EDITOR} .cm-ts-error`, (mark) => mark.closest('.cm-line').textContent), 'const b = ;');
    const code = await page.evaluate(() => window.tickscope.getCode());
    await page.click(`${EDITOR} .cm-line`);
    await page.keyboard.type('nope');
    assert.equal(await page.evaluate(() => window.tickscope.getCode()), code, 'CodeMirror is read-only too');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
