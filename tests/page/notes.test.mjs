// Notes pinned to steps and links that open at a step, in the real page: a version 3 share link's
// `step`, `predict` and `notes` (built here from the layout docs/share-links.md describes, not by
// the page), the reader's own note (note-edit, note-input) kept in the autosave and carried by
// the Share link, and an embed's `note=` and `step=` options in a real iframe.
//
//   node --test tests/page/notes.test.mjs      (scripts/test runs it after scripts/build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { ARTIFACTS, startEnvironment, openPlayground, tid, waitReady, watchProblems } from './lib/playground.mjs';

let env;

before(async () => {
  env = await startEnvironment();
});

after(async () => {
  await env?.close();
});

const CODE = `console.log('script start');
setTimeout(function timeout() { console.log('setTimeout'); }, 0);
Promise.resolve().then(function promise1() { console.log('promise1'); });
console.log('script end');`;

/** A share link fragment of version 3 for `state`, as docs/share-links.md lays it out. */
function v3(state) {
  return `v3.${deflateSync(Buffer.from(JSON.stringify(state))).toString('base64url')}`;
}

/** Opens the playground at `hash` in a fresh context; the page's problems are collected. */
async function openAt(hash) {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${env.server.url}#${hash}`);
  await waitReady(page);
  return { context, page, problems };
}

/** The texts of the notes the step story shows. */
const notesShown = (page) => page.$$eval(`${tid('step-note')} p`, (ps) => ps.map((p) => p.textContent));

test('a v3 link opens at its step after the first run and shows its notes at their steps, as text', async () => {
  const hostile = '<img src=x onerror="window.pwned=1"> is only text';
  const hash = v3({
    clock: 'virtual',
    code: CODE,
    step: 4,
    notes: [
      { step: 4, text: 'The fourth step, pinned by number.' },
      { prints: 'promise1', text: hostile },
    ],
  });
  const { context, page, problems } = await openAt(hash);
  try {
    assert.equal(await page.evaluate(() => window.tickscope.getCode()), CODE);
    const summary = await page.evaluate(() => window.tickscope.run());
    assert.equal(summary.state, 'idle');
    assert.equal(await page.evaluate(() => window.tickscope.cursor()), 4, 'the link\'s step');
    assert.deepEqual(await notesShown(page), ['The fourth step, pinned by number.']);
    assert.equal(await page.isVisible(tid('step-note')), true);

    const events = await page.evaluate(() => window.tickscope.events());
    const printed = events.findIndex((event) => event.type === 'console' && event.text === 'promise1') + 1;
    await page.evaluate((k) => window.tickscope.seek(k), printed);
    assert.deepEqual(await notesShown(page), [hostile], 'the note on the line promise1');
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-testid="step-note"] img').length), 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    await page.screenshot({ path: join(ARTIFACTS, 'notes-link.png') });

    // A step without notes hides the notes box.
    await page.evaluate((k) => window.tickscope.seek(k), printed + 1);
    assert.deepEqual(await notesShown(page), []);
    assert.equal(await page.isVisible(tid('step-note')), false);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a v3 link with predict ticks predict first', async () => {
  const { context, page, problems } = await openAt(v3({ clock: 'virtual', code: CODE, predict: true }));
  try {
    assert.equal(await page.isChecked(tid('predict-toggle')), true);
    await page.evaluate(() => window.tickscope.run());
    await page.waitForSelector(`${tid('predict')}:visible`);
    assert.equal(await page.locator(tid('predict-line')).count(), 4);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the reader's own note: written at a step, kept over a reload, carried by the Share link with the step", async () => {
  const { context, page, problems } = await openPlayground(env);
  try {
    await page.evaluate((code) => { window.tickscope.setClock('virtual'); window.tickscope.setCode(code); }, CODE);
    await page.evaluate(() => window.tickscope.run());
    const events = await page.evaluate(() => window.tickscope.events());
    const taskEnd = events.findIndex((event) => event.type === 'task_end') + 1;
    await page.evaluate((k) => window.tickscope.seek(k), taskEnd);
    await page.click(tid('note-edit'));
    await page.fill(tid('note-input'), 'Here the script is over and the checkpoint begins.');
    await page.press(tid('note-input'), 'Enter');
    assert.deepEqual(await notesShown(page), ['Here the script is over and the checkpoint begins.']);
    assert.equal(await page.evaluate(() => window.tickscope.cursor()), taskEnd, 'typing moved no step');
    await page.screenshot({ path: join(ARTIFACTS, 'notes-own.png') });

    // Escape drops a change; an empty note removes it.
    await page.click(tid('note-edit'));
    await page.fill(tid('note-input'), 'not kept');
    await page.press(tid('note-input'), 'Escape');
    assert.deepEqual(await notesShown(page), ['Here the script is over and the checkpoint begins.']);

    const link = await page.evaluate(() => window.tickscope.shareUrl());
    assert.match(link, /#v3\./);
    const shared = await openAt(link.slice(link.indexOf('#') + 1));
    try {
      await shared.page.evaluate(() => window.tickscope.run());
      assert.equal(await shared.page.evaluate(() => window.tickscope.cursor()), taskEnd, 'the link opens at the step');
      assert.deepEqual(await notesShown(shared.page), ['Here the script is over and the checkpoint begins.']);
      assert.deepEqual(shared.problems, []);
    } finally {
      await shared.context.close();
    }

    // The autosave keeps it: after a reload (no fragment), the note is there at its step.
    await page.goto(env.server.url);
    await waitReady(page);
    await page.evaluate(() => window.tickscope.run());
    await page.evaluate((k) => window.tickscope.seek(k), taskEnd);
    assert.deepEqual(await notesShown(page), ['Here the script is over and the checkpoint begins.']);
    await page.click(tid('note-edit'));
    await page.fill(tid('note-input'), '');
    await page.press(tid('note-input'), 'Enter');
    assert.deepEqual(await notesShown(page), []);
    assert.match(await page.evaluate(() => window.tickscope.shareUrl()), /#v3\./, 'the cursor is still at a step');
    await page.evaluate(() => window.tickscope.seek(null));
    assert.doesNotMatch(await page.evaluate(() => window.tickscope.shareUrl()), /#v3\./, 'no notes, no step: no v3');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("an embed's note= and step= options in a real iframe", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  const problems = watchProblems(page);
  try {
    await page.goto(new URL('embed-demo.html', env.server.url).href);
    const hash = v3({ clock: 'virtual', code: CODE });
    const query = new URLSearchParams([
      ['embed', ''], ['autorun', ''], ['step', '3'],
      ['note', '3: Pinned by the embed.'], ['note', '"script end": The last line of the script.'],
      ['note', 'no anchor here'],
    ]);
    const shown = await page.evaluate(async (src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.style.cssText = 'width: 900px; height: 500px';
      const steps = [];
      window.addEventListener('message', (event) => {
        if (event.source === frame.contentWindow && event.data?.type === 'tickscope:step') steps.push(event.data);
      });
      document.body.append(frame);
      const started = Date.now();
      while (steps.length === 0) {
        if (Date.now() - started > 60_000) throw new Error('no tickscope:step');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const inside = frame.contentDocument;
      const notes = () => [...inside.querySelectorAll('[data-testid="step-note"] p')].map((p) => p.textContent);
      const atThree = notes();
      const events = frame.contentWindow.tickscope.events();
      const end = events.findIndex((event) => event.type === 'console' && event.text === 'script end') + 1;
      frame.contentWindow.tickscope.seek(end);
      return {
        step: steps[0].index,
        atThree,
        atEnd: notes(),
        editable: inside.querySelector('[data-testid="note-edit"]') !== null,
        notice: inside.querySelector('[data-testid="notice"]')?.textContent ?? '',
      };
    }, `index.html?${query.toString().replace(/embed=&/, 'embed&')}#${hash}`);
    assert.equal(shown.step, 3);
    assert.deepEqual(shown.atThree, ['Pinned by the embed.']);
    assert.deepEqual(shown.atEnd, ['The last line of the script.']);
    assert.equal(shown.editable, false, 'an embed shows notes but does not write them');
    assert.match(shown.notice, /note is `N: text`/, 'the bad note is named, its text not quoted');
    assert.doesNotMatch(shown.notice, /no anchor here/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
