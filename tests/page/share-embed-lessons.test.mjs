// Share links, bad links, embed mode and the lessons, in headless Chromium against the built playground (dist/,
// scripts/build):
//   1. a link round trip with emoji, CJK, right-to-left text and markup: setCode, shareUrl(), a fresh page opens
//      the same code, files and clock; edits update the address bar with replaceState (no history entries);
//      the Share button copies the link, shows its length and warns about long links, and falls back to a
//      text field when the clipboard is refused;
//   2. malformed and hostile links (garbage, another version, truncated, HTML in the fragment or the query)
//      open the default code with a notice, and nothing from the URL runs or becomes markup;
//   3. embed mode in a real <iframe>, driven with postMessage: set-code, run, console and idle messages back;
//      malformed messages are ignored; the embed demo page's two embeds work;
//   4. every lesson in lessons/ loads from the lesson list (code, files, clock) and prints its expected output
//      (the `text expected` and `text expected-stderr` blocks, parsed here from the Markdown).
// The page itself must log no error. Screenshots: test-artifacts/share-lesson.png, share-bad-link.png,
// embed-demo.png.
//
//   node --test tests/page/share-embed-lessons.test.mjs      (scripts/test runs it after scripts/build)
//   TICKSCOPE_DIST=path/to/dist node --test …                 (another build than dist/)
// The shared setup (Chromium, dist/ served, the problem collector) is tests/page/lib/playground.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ARTIFACTS, ROOT, startEnvironment, tid, watchProblems } from './lib/playground.mjs';

/** The first line of the page's default code (src/web/page/app/script.rs). */
const DEFAULT_CODE_START = "// tickscope: JavaScript's event loop, step by step.";

let env;
let server;
let browser;

before(async () => {
  env = await startEnvironment();
  ({ server, browser } = env);
});

after(async () => {
  await env?.close();
});

/** A fresh context and page at `path` (relative to the server), waited until `window.tickscope` exists. */
async function open(path = '', { contextOptions = {}, engine = false, allowRequest } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const problems = watchProblems(page, { allowRequest });
  await page.goto(new URL(path, server.url).href);
  await page.waitForFunction(() => typeof window.tickscope?.shareUrl === 'function', null, { timeout: 30_000 });
  if (engine) {
    await page.waitForSelector('body[data-engine="ready"]', { timeout: 60_000 });
  }
  return { context, page, problems };
}

const code = (page) => page.evaluate(() => window.tickscope.getCode());

// ------------------------------------------------------------------------------------------------
// 1. Share links.

const UNICODE_CODE = [
  "// emoji 🎉👩‍👩‍👧‍👦 and CJK 微任务 宏任务 タスク 작업, right-to-left שלום עולם, combining é",
  "console.log('🎉 微任务 <script>alert(1)</script> & \"quotes\"');",
  "const 名前 = 'タスク';",
  "console.log(名前);",
  '',
].join('\n');

test('a share link round-trips emoji, CJK and markup into a fresh page, with files and clock', async () => {
  const first = await open();
  try {
    const entries = await first.page.evaluate(() => history.length);
    await first.page.evaluate((text) => {
      window.tickscope.setCode(text);
      window.tickscope.setClock('virtual');
    }, UNICODE_CODE);
    // A file, through the files panel.
    await first.page.click(tid('files-tab'));
    await first.page.click(tid('file-add'));
    await first.page.fill(tid('file-name'), 'notes/日本.txt');
    await first.page.press(tid('file-name'), 'Enter');
    await first.page.fill(tid('file-text'), 'ファイル 📄\nsecond line');
    await first.page.locator(tid('file-text')).blur();

    const url = await first.page.evaluate(() => window.tickscope.shareUrl());
    assert.match(url, /#v1\.[A-Za-z0-9_-]+$/, 'a v1 link');
    assert.ok(url.startsWith(server.url), `${url} is on the page's own address`);

    // The address bar follows (debounced) without adding history entries.
    await first.page.waitForFunction((expected) => location.href === expected, url, { timeout: 5_000 });
    assert.equal(await first.page.evaluate(() => history.length), entries, 'replaceState, not pushState');
    assert.deepEqual(first.problems, []);

    const second = await open(url);
    try {
      assert.equal(await code(second.page), UNICODE_CODE);
      assert.equal(await second.page.inputValue(tid('clock')), 'virtual');
      await second.page.click(tid('files-tab'));
      await second.page.click(`${tid('file')}[data-name="notes/日本.txt"]`);
      assert.equal(await second.page.inputValue(tid('file-text')), 'ファイル 📄\nsecond line');
      assert.equal(await second.page.locator(tid('notice')).count(), 0, 'no notice for a good link');
      assert.equal(await second.page.evaluate(() => window.tickscope.shareUrl()), url, 'the same link back');
      // The markup in the code stayed text: the only <script>s are the page's own.
      assert.equal(await second.page.evaluate(() => window.__pwned), undefined);
      // The link is runnable: the code prints its Unicode unchanged.
      await second.page.waitForSelector('body[data-engine="ready"]', { timeout: 60_000 });
      const summary = await second.page.evaluate(() => window.tickscope.run());
      assert.equal(summary.state, 'idle');
      assert.deepEqual(summary.console, ['🎉 微任务 <script>alert(1)</script> & "quotes"', 'タスク']);
      assert.deepEqual(second.problems, []);
    } finally {
      await second.context.close();
    }
  } finally {
    await first.context.close();
  }
});

test('the Share button copies the link and shows its length; long links warn; a refused clipboard falls back', async () => {
  const origin = new URL(server.url).origin;
  const granted = await open('', {
    contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
  });
  try {
    await granted.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await granted.page.evaluate(() => window.tickscope.setCode("console.log('share me');\n"));
    await granted.page.click(tid('share'));
    await granted.page.waitForFunction(
      () => document.querySelector('[data-testid="share-message"]')?.textContent.includes('copied'),
      null, { timeout: 5_000 },
    );
    const url = await granted.page.evaluate(() => window.tickscope.shareUrl());
    assert.equal(await granted.page.evaluate(() => navigator.clipboard.readText()), url);
    const length = await granted.page.textContent(tid('share-length'));
    assert.equal(length.replace(/[^0-9]/g, ''), String(url.length), `${length} gives the link's length`);
    assert.equal(await granted.page.isVisible(tid('share-warning')), false, 'a short link has no warning');
    assert.equal(await granted.page.evaluate(() => location.href), url, 'Share also updates the address bar');

    // Over 2,000 characters: random text does not compress.
    await granted.page.click(tid('share')); // closes the panel
    await granted.page.evaluate(() => {
      let text = '';
      let seed = 7;
      for (let i = 0; i < 4000; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += String.fromCharCode(33 + (seed % 90));
      }
      window.tickscope.setCode(`// ${text}\n`);
    });
    await granted.page.click(tid('share'));
    await granted.page.waitForSelector(`${tid('share-warning')}:visible`);
    assert.match(await granted.page.textContent(tid('share-warning')), /over 2,000 characters/);
    assert.deepEqual(granted.problems, []);
  } finally {
    await granted.context.close();
  }

  const refused = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    await refused.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: () => Promise.reject(new DOMException('refused', 'NotAllowedError')) },
      });
    });
    const page = await refused.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url);
    await page.waitForFunction(() => typeof window.tickscope?.shareUrl === 'function');
    await page.click(tid('share'));
    await page.waitForSelector(`${tid('share-link')}:visible`);
    assert.match(await page.textContent(tid('share-message')), /did not allow copying/);
    const url = await page.evaluate(() => window.tickscope.shareUrl());
    assert.equal(await page.inputValue(tid('share-link')), url);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'share-link');
    assert.deepEqual(problems, []);
  } finally {
    await refused.close();
  }
});

// ------------------------------------------------------------------------------------------------
// 2. Bad links.

test('malformed and hostile links open the default code with a notice, and nothing from the URL runs', async () => {
  // A valid link, cut in half: "the link is cut short".
  const made = await open();
  await made.page.evaluate(() => window.tickscope.setCode("console.log('a link that will be cut in half');\n".repeat(4)));
  const good = await made.page.evaluate(() => window.tickscope.shareUrl());
  await made.context.close();
  const fragment = good.slice(good.indexOf('#'));
  const truncated = fragment.slice(0, Math.floor(fragment.length / 2));

  const cases = [
    { path: '#v1.garbage', words: /could not be opened/ },
    { path: '#v9.x', words: /v9/ },
    { path: truncated, words: /could not be opened/ },
    { path: '#<img src=x onerror=window.__pwned=1>', words: /not a tickscope share link/ },
    { path: '#"><script>window.__pwned=1</script>', words: /not a tickscope share link/ },
    { path: '?embed&x=<script>window.__pwned=1</script>', words: /ignored/, embed: true },
    { path: '?embed&theme=<img src=x onerror=window.__pwned=1>#v1.<svg onload=window.__pwned=1>', words: /could not be opened/, embed: true },
    { path: '?x=<script>window.__pwned=1</script>#v1.AAAA', words: /could not be opened/ },
  ];
  for (const { path, words, embed } of cases) {
    const { context, page, problems } = await open(path);
    try {
      const notice = page.locator(tid('notice'));
      await notice.waitFor({ state: 'visible', timeout: 5_000 });
      const text = await notice.textContent();
      assert.match(text, words, `${path}: the notice says what was wrong (${text})`);
      assert.ok((await code(page)).startsWith(DEFAULT_CODE_START), `${path}: the default code`);
      await page.waitForTimeout(300);
      const dom = await page.evaluate(() => ({
        pwned: window.__pwned,
        images: document.querySelectorAll('img').length,
        svgOnload: document.querySelectorAll('svg[onload], [onerror], [onload]').length,
        scripts: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length,
        noticeChildren: [...document.querySelector('[data-testid="notice"]').querySelectorAll('*')]
          .map((el) => el.tagName.toLowerCase()),
        embed: document.body.hasAttribute('data-embed'),
      }));
      assert.equal(dom.pwned, undefined, `${path}: no script ran`);
      assert.equal(dom.images, 0, `${path}: no <img> made`);
      assert.equal(dom.svgOnload, 0, `${path}: no event-handler attributes`);
      assert.equal(dom.scripts, 0, `${path}: no script element from the URL`);
      for (const tag of dom.noticeChildren) {
        assert.ok(['div', 'p', 'button'].includes(tag), `${path}: the notice holds only its own elements (${tag})`);
      }
      assert.equal(dom.embed, Boolean(embed), `${path}: embed mode only with ?embed`);
      assert.deepEqual(problems, [], `${path}: no errors`);
      if (path === truncated) {
        await page.screenshot({ path: join(ARTIFACTS, 'share-bad-link.png') });
      }
    } finally {
      await context.close();
    }
  }
});

test('a bad link does not overwrite the autosave until the user edits', async () => {
  const { context, page } = await open();
  try {
    await page.evaluate(() => window.tickscope.setCode("console.log('my own work');\n"));
    await page.waitForFunction(() => localStorage.getItem('tickscope.playground.v1')?.includes('my own work'));
    // (From another document: a fragment-only navigation would stay in the page, as a hashchange.)
    await page.goto('about:blank');
    await page.goto(new URL('#v1.broken', server.url).href);
    await page.waitForFunction(() => typeof window.tickscope?.shareUrl === 'function');
    await page.waitForSelector(`${tid('notice')}:visible`);
    assert.ok((await code(page)).startsWith(DEFAULT_CODE_START));
    await page.waitForTimeout(500);
    assert.match(await page.evaluate(() => localStorage.getItem('tickscope.playground.v1')), /my own work/);
    // Without a fragment, the autosave comes back.
    await page.goto('about:blank');
    await page.goto(server.url);
    await page.waitForFunction(() => typeof window.tickscope?.shareUrl === 'function');
    assert.equal(await code(page), "console.log('my own work');\n");
  } finally {
    await context.close();
  }
});

test('a reload right after typing keeps what was typed, with a link in the address bar', async () => {
  const { context, page, problems } = await open();
  try {
    await page.evaluate(() => window.tickscope.setCode("console.log('first version');\n"));
    await page.waitForFunction(() => location.hash.length > 1);
    const link = page.url();
    // Typed, then reloaded at once: before the editor's change debounce (150 ms) and the address bar's
    // update (400 ms), so the address still holds the link to the text before the typing.
    await page.click(`${tid('editor')} .cm-content`);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('// typed');
    await page.reload();
    await page.waitForFunction(() => typeof window.tickscope?.shareUrl === 'function');
    assert.equal(await code(page), "console.log('first version');\n// typed");
    // The link itself still opens what it holds, in a tab of its own.
    const other = await context.newPage();
    await other.goto(link);
    await other.waitForFunction(() => typeof window.tickscope?.shareUrl === 'function');
    assert.equal(await code(other), "console.log('first version');\n");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// ------------------------------------------------------------------------------------------------
// 3. Embed mode.

test('embed mode in an iframe: set-code and run through postMessage, console and idle come back', async () => {
  // The host: the demo page (same origin), with one more iframe made here.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const problems = watchProblems(page);
  try {
    await page.goto(new URL('embed-demo.html', server.url).href);
    const result = await page.evaluate(async () => {
      const frame = document.createElement('iframe');
      frame.src = 'index.html?embed&clock=virtual&panels=editor,console';
      frame.style.cssText = 'width: 700px; height: 400px';
      const messages = [];
      const waitFor = (type, timeout = 60_000) => new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeout} ms: ${JSON.stringify(messages)}`)), timeout);
        const check = () => {
          const found = messages.find((m) => m.type === type && !m.seen);
          if (found) {
            found.seen = true;
            clearTimeout(timer);
            window.removeEventListener('message', listener);
            resolvePromise(found);
          }
        };
        const listener = () => setTimeout(check, 0);
        window.addEventListener('message', listener);
        check();
      });
      window.addEventListener('message', (event) => {
        if (event.source === frame.contentWindow) messages.push({ ...event.data });
      });
      const ready = waitFor('tickscope:ready');
      document.body.append(frame);
      await ready;
      const embedded = frame.contentWindow;
      // Malformed messages: ignored (the code stays).
      const before = embedded.tickscope.getCode();
      embedded.postMessage({ type: 'tickscope:set-code', code: 42 }, '*');
      embedded.postMessage({ type: 'tickscope:set-code', code: 'x', extra: 1 }, '*');
      embedded.postMessage([{ type: 'tickscope:set-code', code: 'x' }], '*');
      embedded.postMessage('tickscope:run', '*');
      embedded.postMessage({ type: 'tickscope:explode' }, '*');
      await new Promise((r) => setTimeout(r, 300));
      const unchanged = embedded.tickscope.getCode() === before;
      const source = [
        "setTimeout(() => console.log('task'), 0);",
        "Promise.resolve().then(() => console.warn('microtask'));",
        "console.log('script', '微任务 🎉');",
      ].join('\n');
      embedded.postMessage({ type: 'tickscope:set-code', code: source }, '*');
      embedded.postMessage({ type: 'tickscope:run' }, '*');
      const idle = await waitFor('tickscope:idle');
      const chrome = {
        lessons: embedded.document.querySelectorAll('[data-testid="lesson-list"]').length,
        share: embedded.document.querySelectorAll('[data-testid="share"]').length,
        queuesVisible: embedded.document.querySelector('[data-testid="queues"]')?.offsetParent !== null,
        timelineVisible: embedded.document.querySelector('[data-testid="timeline"]')?.offsetParent !== null,
        editorVisible: embedded.document.querySelector('[data-testid="editor"]')?.offsetParent !== null,
        autosave: embedded.localStorage.getItem('tickscope.playground.v1'),
        code: embedded.tickscope.getCode(),
      };
      return {
        unchanged,
        idle,
        consoleMessages: messages.filter((m) => m.type === 'tickscope:console').map(({ level, text }) => ({ level, text })),
        chrome,
        source,
      };
    });
    assert.ok(result.unchanged, 'malformed messages are ignored');
    assert.equal(result.chrome.code, result.source);
    assert.deepEqual(result.consoleMessages, [
      { level: 'log', text: 'script 微任务 🎉' },
      { level: 'warn', text: 'microtask' },
      { level: 'log', text: 'task' },
    ]);
    assert.equal(result.idle.state, 'idle');
    assert.deepEqual(result.idle.console, ['script 微任务 🎉', 'microtask', 'task']);
    assert.equal(result.chrome.lessons, 0, 'no lesson list in an embed');
    assert.equal(result.chrome.share, 0, 'no Share button in an embed');
    assert.equal(result.chrome.queuesVisible, false, 'no queues view');
    assert.equal(result.chrome.timelineVisible, false, 'panels=editor,console leaves the timeline out');
    assert.equal(result.chrome.editorVisible, true);
    assert.equal(result.chrome.autosave, null, 'an embed never writes the autosave');
    // The warnings about malformed tickscope: messages are warnings, not errors.
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the embed demo: a read-only autorun embed and one driven by buttons', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const problems = watchProblems(page);
  try {
    await page.goto(new URL('embed-demo.html', server.url).href);
    const autorun = page.frameLocator(tid('embed-autorun'));
    await autorun.locator(`${tid('console-entry')}`).first().waitFor({ timeout: 60_000 });
    await autorun.locator(`${tid('status')}[data-state="idle"]`).waitFor({ timeout: 60_000 });
    const texts = await autorun.locator(tid('console-text')).allTextContents();
    assert.deepEqual(texts, [
      'script: synchronous, so first',
      'then: a microtask',
      'queueMicrotask: another microtask',
      'timeout: a task, after 0 ms',
    ]);
    // Read-only: typing changes nothing.
    const frame = page.frame({ url: /embed&readonly/ });
    const before = await frame.evaluate(() => window.tickscope.getCode());
    await autorun.locator('.cm-line').first().click();
    await page.keyboard.type('nope');
    assert.equal(await frame.evaluate(() => window.tickscope.getCode()), before, 'read-only');

    const log = page.locator(tid('demo-log'));
    await page.waitForFunction(() => document.getElementById('log').textContent.includes('← ready'), null, { timeout: 60_000 });
    await page.click(tid('demo-load'));
    await page.click(tid('demo-run'));
    await page.waitForFunction(() => document.getElementById('log').textContent.includes('← idle'), null, { timeout: 60_000 });
    const logged = await log.textContent();
    assert.match(logged, /← console\.log: sync first/);
    assert.match(logged, /← console\.log: caught boom/);
    assert.match(logged, /← idle \(idle, 5 entries\)/);
    const driven = page.frameLocator(tid('embed-driven'));
    await driven.locator(`${tid('timeline-item')}`).first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'embed-demo.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('embed themes: theme=dark and theme=light win over the system, auto follows it', async () => {
  const cases = [
    { theme: 'dark', scheme: 'light', bg: 'rgb(12, 14, 17)' },
    { theme: 'light', scheme: 'dark', bg: 'rgb(238, 240, 243)' },
    { theme: 'auto', scheme: 'dark', bg: 'rgb(12, 14, 17)' },
  ];
  for (const { theme, scheme, bg } of cases) {
    const { context, page, problems } = await open(`?embed&panels=editor&theme=${theme}`, {
      contextOptions: { colorScheme: scheme },
    });
    try {
      await page.waitForSelector(`${tid('editor')}[data-editor="codemirror"]`, { timeout: 30_000 });
      const colours = await page.evaluate(() => ({
        body: getComputedStyle(document.body).backgroundColor,
        editorDark: document.querySelector('.cm-editor') && (() => {
          const [r, g, b] = getComputedStyle(document.querySelector('.cm-editor')).backgroundColor.match(/\d+/g).map(Number);
          return r + g + b < 300;
        })(),
      }));
      assert.equal(colours.body, bg, `theme=${theme} under a ${scheme} system`);
      assert.equal(colours.editorDark, bg === 'rgb(12, 14, 17)', `theme=${theme}: the editor follows`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

// ------------------------------------------------------------------------------------------------
// 4. Lessons.

/** The fenced blocks of a lesson: `{ info, text }`, with the fence rules of lessons/README.md. */
function fences(markdown) {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, fence, info] = open;
    const body = [];
    let j = i + 1;
    const closes = (line) => {
      const trimmed = line.trimEnd();
      return trimmed.length >= fence.length && [...trimmed].every((c) => c === fence[0]);
    };
    while (j < lines.length && !closes(lines[j])) body.push(lines[j++]);
    blocks.push({ info: info.trim().split(/\s+/).join(' '), text: body.map((l) => `${l}\n`).join('') });
    i = j;
  }
  return blocks;
}

/** Every lesson in lessons/: its stem, title, snippet, expected stdout and stderr, clock and files. */
function readLessons() {
  const dir = join(ROOT, 'lessons');
  return readdirSync(dir)
    .filter((name) => /^\d+-[a-z0-9-]+\.md$/.test(name))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const blocks = fences(text);
      const block = (...infos) => blocks.find((b) => infos.includes(b.info));
      const clock = /^clock:\s*(\w+)/m.exec(text)?.[1] ?? 'virtual';
      const stem = name.slice(0, -3);
      const filesDir = join(dir, 'files', stem);
      const files = existsSync(filesDir)
        ? readdirSync(filesDir, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => relative(filesDir, join(e.parentPath ?? e.path, e.name)).split('\\').join('/'))
          .sort()
        : [];
      return {
        stem,
        code: block('js run', 'js run module').text,
        stdout: block('text expected').text,
        stderr: (block('text expected-stderr')?.text ?? ''),
        clock,
        files,
        predict: /^predict:\s*true\s*$/m.test(text.split('\n---')[0]),
        notes: (block('text step-notes')?.text ?? '').split('\n').filter((line) => line.trim()).map((line) => {
          const match = /^"((?:[^"\\]|\\.)*)"\s*:\s*(.*)$/.exec(line.trim());
          assert.ok(match, `a lesson's step note is "line": text, not ${line}`);
          return { prints: match[1].replace(/\\(.)/g, '$1'), text: match[2].trim() };
        }),
      };
    });
}

/** stdout and stderr as the CLI prints them, from the page's trace: stderr without stack lines. */
function outputOf(events) {
  let stdout = '';
  let stderr = '';
  for (const event of events) {
    if (event.type === 'console') {
      if (['log', 'info', 'debug'].includes(event.level)) stdout += `${event.text}\n`;
      else stderr += `${event.text}\n`;
    } else if (event.type === 'uncaught_error' || event.type === 'unhandled_rejection' || event.type === 'runtime_limit') {
      stderr += `${event.message}\n`;
    }
  }
  const withoutStack = (text) => text.split('\n').filter((line) => !/^\s+at /.test(line)).join('\n');
  return { stdout, stderr: withoutStack(stderr) };
}

test('every lesson loads from the lesson list and prints its expected output', async () => {
  const lessons = readLessons();
  assert.ok(lessons.length >= 12, 'at least 12 lessons');
  // Lesson 14 asks a closed port on purpose.
  const { context, page, problems } = await open('', {
    engine: true,
    allowRequest: (url) => url.startsWith('http://127.0.0.1:9/'),
  });
  try {
    await page.waitForSelector(`${tid('lesson-list')} ${tid('lesson')}`);
    const listed = await page.locator(tid('lesson')).evaluateAll((buttons) => buttons.map((b) => b.dataset.lesson));
    assert.deepEqual(listed, lessons.map((l) => l.stem), 'the list has every lesson, in order');
    for (const lesson of lessons) {
      await page.click(`${tid('lesson')}[data-lesson="${lesson.stem}"]`);
      await page.waitForFunction(
        (stem) => document.querySelector('[data-testid="lesson-text"]')?.dataset.lesson === stem, lesson.stem,
      );
      assert.equal(await code(page), lesson.code, `${lesson.stem}: its snippet is in the editor`);
      assert.equal(await page.inputValue(tid('clock')), lesson.clock, `${lesson.stem}: its clock`);
      const files = await page.locator(tid('file')).evaluateAll((buttons) => buttons.map((b) => b.dataset.name).sort());
      assert.deepEqual(files, lesson.files, `${lesson.stem}: its files`);
      const summary = await page.evaluate(() => window.tickscope.run());
      assert.equal(summary.state, 'idle', `${lesson.stem}: the run ends idle`);
      const events = await page.evaluate(() => window.tickscope.events());
      const output = outputOf(events);
      assert.equal(output.stdout, lesson.stdout, `${lesson.stem}: stdout`);
      assert.equal(output.stderr, lesson.stderr, `${lesson.stem}: stderr (stack lines dropped)`);
      // The selected lesson is in the share link: version 3 when it carries notes or predict first.
      const url = await page.evaluate(() => window.tickscope.shareUrl());
      const version = lesson.notes.length > 0 || lesson.predict ? '#v3.' : '#v1.';
      assert.ok(url.includes(version), `${lesson.stem}: a ${version} link`);
      assert.equal(await page.isChecked(tid('predict-toggle')), lesson.predict, `${lesson.stem}: predict first`);
      // Each step note shows at the step that printed its line (the trace says which), and only there.
      for (const note of lesson.notes) {
        const step = events.findIndex((event) => event.type === 'console' && event.text === note.prints) + 1;
        assert.ok(step > 0, `${lesson.stem}: ${note.prints} was printed`);
        for (const [k, shown] of [[step, true], [step - 1, false]]) {
          await page.evaluate((k) => window.tickscope.seek(k), k);
          const texts = await page.$$eval(`${tid('step-note')} p`, (ps) => ps.map((p) => p.textContent));
          assert.equal(texts.includes(note.text), shown, `${lesson.stem}: the note on ${note.prints} at step ${k}`);
        }
      }
      await page.evaluate(() => window.tickscope.seek(null));
      if (lesson.stem.startsWith('10-')) {
        await page.screenshot({ path: join(ARTIFACTS, 'share-lesson.png') });
      }
    }
    // The prose is text: Markdown became elements, and no lesson text became HTML.
    const prose = await page.evaluate(() => {
      const article = document.querySelector('[data-testid="lesson-text"]');
      return {
        headings: article.querySelectorAll('h2, h3').length,
        code: article.querySelectorAll('code').length,
        expected: article.querySelectorAll('figure[data-role="expected"]').length,
      };
    });
    assert.ok(prose.headings >= 2 && prose.code > 0 && prose.expected === 1, JSON.stringify(prose));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a link with a lesson opens its code and shows the lesson; an unknown lesson gets a notice', async () => {
  const first = await open();
  let url;
  try {
    await first.page.waitForSelector(`${tid('lesson')}[data-lesson="03-promise-states"]`);
    await first.page.click(`${tid('lesson')}[data-lesson="03-promise-states"]`);
    await first.page.evaluate(() => window.tickscope.setCode(`${window.tickscope.getCode()}// my change\n`));
    url = await first.page.evaluate(() => window.tickscope.shareUrl());
  } finally {
    await first.context.close();
  }
  const second = await open(url);
  try {
    await second.page.waitForFunction(
      () => document.querySelector('[data-testid="lesson-text"]')?.dataset.lesson === '03-promise-states',
    );
    assert.match(await code(second.page), /\/\/ my change\n$/, "the link's own code, not the lesson's");
    assert.equal(
      await second.page.getAttribute(`${tid('lesson')}[data-lesson="03-promise-states"]`, 'aria-current'), '',
    );
    assert.deepEqual(second.problems, []);
  } finally {
    await second.context.close();
  }
  // A link naming a lesson the page does not have: its code opens, with a notice.
  const unknown = await open();
  try {
    await unknown.page.waitForSelector(tid('lesson'));
    await unknown.page.click(`${tid('lesson')}[data-lesson="03-promise-states"]`);
    const link = await unknown.page.evaluate(() => window.tickscope.shareUrl());
    // Re-encode the state with another lesson id through the page's own codec: edit the JSON by round trip.
    const other = await unknown.page.evaluate(async (href) => {
      const payload = href.slice(href.indexOf('#v1.') + 4);
      const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      const json = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'))).text();
      const state = JSON.parse(json);
      state.lesson = '99-not-a-lesson';
      const packed = await new Response(
        new Blob([JSON.stringify(state)]).stream().pipeThrough(new CompressionStream('deflate')),
      ).arrayBuffer();
      const b64 = btoa(String.fromCharCode(...new Uint8Array(packed))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      return `${href.slice(0, href.indexOf('#'))}#v1.${b64}`;
    }, link);
    const third = await open(other);
    try {
      await third.page.waitForSelector(`${tid('notice')}:visible`);
      assert.match(await third.page.textContent(tid('notice')), /does not have \(99-not-a-lesson\)/);
      assert.ok((await code(third.page)).includes('console.log'), "the link's code opened");
      assert.deepEqual(third.problems, []);
    } finally {
      await third.context.close();
    }
  } finally {
    await unknown.context.close();
  }
});
