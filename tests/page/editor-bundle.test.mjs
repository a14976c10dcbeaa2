// The editor bundle (www/generated/editor.js) in headless Chromium, through its demo page
// (www/editor/demo.html): typing reaches getText() and onChange, brackets close, Enter indents, undo works,
// Ctrl+Enter calls onRun, markError / highlightLine / setText / setReadOnly do what README.md says, the theme
// follows prefers-color-scheme live, and the page fits a 390x844 phone screen. Screenshots go to
// test-artifacts/editor-{light,dark,phone}.png.
//
//   node --test tests/page/editor-bundle.test.mjs
//
// Builds the bundle first (scripts/build-editor.mjs: ~0.3 s, rewrites nothing when nothing changed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist } from '../../scripts/serve-dist.mjs';
import { launchChromium } from '../support/chromium.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const ARTIFACTS = join(ROOT, 'test-artifacts');
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

let server;
let browser;

before(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-editor.mjs')], { stdio: 'inherit' });
  await mkdir(ARTIFACTS, { recursive: true });
  server = await serveDist({ dir: join(ROOT, 'www'), port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the demo page in a new context; collects console errors and page errors into `problems`. */
async function openDemo(contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(new URL('editor/demo.html', server.url).href);
  await page.waitForSelector('[data-testid="editor"] .cm-content');
  return { context, page, problems };
}

const getText = (page) => page.evaluate(() => window.demoEditor.getText());
const background = (page) => page.$eval('.cm-editor', (element) => getComputedStyle(element).backgroundColor);
/** The perceived lightness (0-255) of a CSS rgb() colour. */
function lightness(rgb) {
  const [r, g, b] = rgb.match(/\d+/g).map(Number);
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

test('typing, brackets, indentation, undo, onChange and Ctrl+Enter (light theme)', async () => {
  const { context, page, problems } = await openDemo({ colorScheme: 'light' });
  try {
    assert.equal(await page.evaluate(() => typeof globalThis.TickscopeEditor?.create), 'function');
    // JavaScript highlighting (it comes once the page is idle, within 250 ms) and line numbers.
    await page.waitForFunction(() => document.querySelectorAll('.cm-line span[class]').length > 10, null, { timeout: 5_000 });
    assert.equal(await page.$eval('.cm-lineNumbers .cm-gutterElement:nth-child(2)', (e) => e.textContent), '1');
    assert.ok(lightness(await background(page)) > 200, 'light background');

    const initial = await getText(page);
    // The document ends with a newline: click its last (empty) line and type there.
    await page.click('.cm-line:last-child');
    await page.keyboard.press(`${MOD}+End`);
    await page.keyboard.type('console.log("typed", [1]);');
    assert.equal(await getText(page), `${initial}console.log("typed", [1]);`);
    await page.waitForFunction(() => window.demoState.lastChange === window.demoEditor.getText());

    // Closing brackets and indentation on Enter.
    await page.keyboard.press('Enter');
    await page.keyboard.type('if (x) {');
    await page.keyboard.press('Enter');
    assert.ok((await getText(page)).endsWith('\nif (x) {\n  \n}'), JSON.stringify(await getText(page)));

    // Ctrl/Cmd+Enter runs and inserts nothing.
    const beforeRun = await getText(page);
    await page.keyboard.press(`${MOD}+Enter`);
    assert.equal(await page.evaluate(() => window.demoState.runs), 1);
    assert.equal(await getText(page), beforeRun);

    // Undo takes the typing back (history groups it into a few steps).
    for (let i = 0; i < 20 && (await getText(page)) !== initial; i += 1) {
      await page.keyboard.press(`${MOD}+z`);
    }
    assert.equal(await getText(page), initial);

    // markError(2, 5, 'boom'): from column 5 of `setTimeout` to the end of that token.
    await page.click('#mark-error');
    const error = await page.$eval('.cm-ts-error', (e) => ({
      text: e.textContent, title: e.title, style: getComputedStyle(e).textDecorationStyle,
      line: e.closest('.cm-line').textContent,
    }));
    assert.deepEqual(error, { text: 'imeout', title: 'boom', style: 'wavy', line: initial.split('\n')[1] });
    assert.equal(await page.$$eval('.cm-ts-errorLine', (e) => e.length), 2, 'error line and its number');

    // highlightLine(3).
    await page.click('#highlight');
    assert.equal(await page.$eval('.cm-line.cm-ts-highlight', (e) => e.textContent), initial.split('\n')[2]);
    await page.screenshot({ path: join(ARTIFACTS, 'editor-light.png') });

    // A second markError replaces the first; clearError and highlightLine(null) clear.
    await page.evaluate(() => window.demoEditor.markError(1, 100, 'past the end'));
    assert.deepEqual(await page.$$eval('.cm-ts-error', (es) => es.map((e) => [e.textContent, e.title])), [[';', 'past the end']]);
    await page.click('#clear');
    assert.equal(await page.$$eval('.cm-ts-error, .cm-ts-errorLine, .cm-ts-highlight', (e) => e.length), 0);

    // setText replaces the text, clears marks and calls onChange.
    await page.evaluate(() => {
      window.demoEditor.markError(1, 1, 'old');
      window.demoEditor.setText('let a = 1;\nlet b = 2;');
    });
    assert.equal(await getText(page), 'let a = 1;\nlet b = 2;');
    assert.equal(await page.$$eval('.cm-ts-error', (e) => e.length), 0);
    await page.waitForFunction(() => window.demoState.lastChange === 'let a = 1;\nlet b = 2;');

    // Edge cases: an empty line gets the line mark only; a line past the end is clamped to the last one;
    // blank space moves on to the next token.
    await page.evaluate(() => window.demoEditor.setText('let a = 1;\n\n   foo(bar);'));
    await page.evaluate(() => window.demoEditor.markError(2, 1, 'empty'));
    assert.equal(await page.$$eval('.cm-ts-error', (e) => e.length), 0);
    assert.equal(await page.$eval('.cm-line.cm-ts-errorLine', (e) => e.title), 'empty');
    await page.evaluate(() => window.demoEditor.markError(99, 1, 'clamped'));
    assert.equal(await page.$eval('.cm-ts-error', (e) => e.textContent), 'foo');
    await page.evaluate(() => window.demoEditor.markError(3, 8, 'argument'));
    assert.equal(await page.$eval('.cm-ts-error', (e) => e.textContent), 'bar');

    // highlightLine scrolls a far line into view.
    await page.evaluate(() => {
      window.demoEditor.setText(Array.from({ length: 300 }, (_, i) => `console.log(${i + 1});`).join('\n'));
      window.demoEditor.highlightLine(250);
    });
    await page.waitForFunction(() => {
      const line = document.querySelector('.cm-line.cm-ts-highlight');
      const scroller = document.querySelector('.cm-scroller').getBoundingClientRect();
      if (!line) return false;
      const box = line.getBoundingClientRect();
      return box.top >= scroller.top && box.bottom <= scroller.bottom;
    });
    assert.equal(await page.$eval('.cm-line.cm-ts-highlight', (e) => e.textContent), 'console.log(250);');

    // Shift+Enter inserts a line unless `shiftEnterRuns` is set.
    await page.focus('.cm-content');
    const lines = (await getText(page)).split('\n').length;
    await page.keyboard.press('Shift+Enter');
    assert.equal(await page.evaluate(() => window.demoState.runs), 1);
    assert.equal((await getText(page)).split('\n').length, lines + 1);
    const runsWithShift = await page.evaluate(() => {
      let runs = 0;
      const parent = document.body.appendChild(document.createElement('div'));
      const editor = TickscopeEditor.create(parent, { doc: 'x', shiftEnterRuns: true, onRun: () => { runs += 1; } });
      editor.focus();
      editor.view.contentDOM.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true }));
      const text = editor.getText();
      editor.destroy();
      parent.remove();
      return { runs, text };
    });
    assert.deepEqual(runsWithShift, { runs: 1, text: 'x' });

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('read-only refuses typing but still runs', async () => {
  const { context, page, problems } = await openDemo();
  try {
    const initial = await getText(page);
    await page.click('#read-only');
    await page.click('.cm-line');
    await page.keyboard.type('nope');
    await page.keyboard.press('Backspace');
    assert.equal(await getText(page), initial);
    await page.keyboard.press(`${MOD}+Enter`);
    assert.equal(await page.evaluate(() => window.demoState.runs), 1);
    await page.click('#read-only');
    await page.click('.cm-line');
    await page.keyboard.type('yes');
    assert.notEqual(await getText(page), initial);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the theme follows prefers-color-scheme, live', async () => {
  const { context, page, problems } = await openDemo({ colorScheme: 'dark' });
  try {
    assert.ok(lightness(await background(page)) < 60, 'dark background');
    await page.click('#mark-error');
    await page.click('#highlight');
    await page.screenshot({ path: join(ARTIFACTS, 'editor-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.cm-editor')).backgroundColor === 'rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.cm-editor')).backgroundColor !== 'rgb(255, 255, 255)');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a 390x844 phone screen: no horizontal overflow, wrapped lines, 16px text, typing works', async () => {
  const { context, page, problems } = await openDemo({
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  });
  try {
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no page overflow');
    assert.equal(await page.$eval('.cm-content', (e) => e.classList.contains('cm-lineWrapping')), true);
    assert.equal(await page.$eval('.cm-content', (e) => getComputedStyle(e).fontSize), '16px');
    await page.tap('.cm-line:last-child');
    await page.keyboard.type('phone();');
    assert.ok((await getText(page)).includes('phone();'));
    await page.click('#mark-error');
    await page.screenshot({ path: join(ARTIFACTS, 'editor-phone.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
