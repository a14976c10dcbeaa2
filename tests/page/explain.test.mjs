// The step-through that explains itself, in the real page: the sentence at the step cursor
// (data-testid="narration"), the chain of causes (cause-chain, one `cause` per link with data-step),
// and window.tickscope.seek(n) / cursor().
//
//   node --test tests/page/explain.test.mjs      (scripts/test runs it after scripts/build)
//
// The checks read the facts from the run's own trace (window.tickscope.events()): which microtask or
// task a step starts, which timer, which line queued it. They never compare fixed wording.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, startEnvironment, openPlayground, runInPlayground, tid } from './lib/playground.mjs';

let env;

before(async () => {
  env = await startEnvironment();
});

after(async () => {
  await env?.close();
});

const ORDER = `console.log('script start');
setTimeout(function timeout() { console.log('setTimeout'); }, 0);
Promise.resolve().then(function promise1() { console.log('promise1'); }).then(function promise2() { console.log('promise2'); });
console.log('script end');`;

/** The step (events applied) just after the first event of `events` that `pick` accepts. */
function stepOf(events, pick) {
  const index = events.findIndex(pick);
  assert.ok(index >= 0, 'the trace has the event');
  return index + 1;
}

/** What the step story shows after seek(k): the sentence and the links `{step, text}`. */
async function storyAt(page, k) {
  await page.evaluate((k) => window.tickscope.seek(k), k);
  return page.evaluate(() => ({
    cursor: window.tickscope.cursor(),
    narration: document.querySelector('[data-testid="narration"]').textContent,
    links: [...document.querySelectorAll('[data-testid="cause"]')].map((link) => ({
      step: Number(link.dataset.step),
      text: link.textContent,
    })),
  }));
}

test('the sentence and the chain of causes at known steps say what the trace says', async () => {
  const { context, page, problems } = await openPlayground(env);
  try {
    const run = await runInPlayground(page, ORDER, 'virtual');
    assert.equal(run.state, 'idle');
    const events = await page.evaluate(() => window.tickscope.events());

    // promise1's microtask: it runs after the script's task ended, and was queued by the script at line 3.
    const start = stepOf(events, (event) => event.type === 'microtask_start' && event.function === 'promise1');
    const first = events[start - 1].microtask;
    const ended = events[start - 2];
    assert.equal(ended.type, 'task_end');
    const story = await storyAt(page, start);
    assert.equal(story.cursor, start);
    assert.match(story.narration, new RegExp(`#${first}\\b`));
    assert.match(story.narration, /promise1/);
    assert.match(story.narration, new RegExp(`task #${ended.task} ended`));
    assert.equal(story.links.length, 2, JSON.stringify(story.links));
    const queued = events[story.links[0].step - 1];
    assert.equal(queued.type, 'microtask_enqueued');
    assert.equal(queued.microtask, first);
    assert.match(story.links[0].text, new RegExp(`main\\.js:${queued.by.line}:${queued.by.column}`));
    assert.equal(events[story.links[1].step - 1].type, 'task_start');
    assert.equal(events[story.links[1].step - 1].source.kind, 'script');
    await page.screenshot({ path: join(ARTIFACTS, 'explain-promise1.png') });

    // Clicking the script link moves the cursor there.
    await page.locator(tid('cause')).nth(1).click();
    assert.equal(await page.evaluate(() => window.tickscope.cursor()), story.links[1].step);

    // The timer's task: its timer, its due time and where it was set.
    const timerStart = stepOf(events, (event) => event.type === 'task_start' && event.source.kind === 'timer');
    const set = events.find((event) => event.type === 'timer_set');
    const timer = await storyAt(page, timerStart);
    assert.match(timer.narration, new RegExp(`timer #${set.id}\\b`));
    assert.match(timer.narration, new RegExp(`main\\.js:${set.by.line}:`));
    assert.equal(events[timer.links[0].step - 1].type, 'timer_set');
    await page.screenshot({ path: join(ARTIFACTS, 'explain-timer.png') });

    // promise2 was queued while promise1 ran: three links back to the script.
    const second = stepOf(events, (event) => event.type === 'microtask_start' && event.function === 'promise2');
    const chain = await storyAt(page, second);
    assert.equal(chain.links.length, 3, JSON.stringify(chain.links));
    assert.match(chain.links[1].text, /promise1/);

    // seek(null) follows the run again.
    await page.evaluate(() => window.tickscope.seek(null));
    assert.equal(await page.evaluate(() => window.tickscope.cursor()), null);
    await assert.rejects(page.evaluate(() => window.tickscope.seek(-1)), /whole number/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('await, a thenable, an unhandled rejection and a host operation are explained from their traces', async () => {
  const { context, page, problems } = await openPlayground(env);
  try {
    const cases = [
      {
        code: 'async function main() { await null; console.log("after"); }\nmain();',
        pick: (events) => stepOf(events, (event) => event.type === 'microtask_start'),
        check: (story, events) => {
          const queued = events[story.links[0].step - 1];
          assert.equal(queued.type, 'microtask_enqueued');
          assert.equal(queued.by.function, 'main');
        },
      },
      {
        code: 'const thenable = { then(resolve) { resolve(1); } };\nPromise.resolve().then(() => thenable).then((v) => console.log("got", v));',
        pick: (events) => {
          // The step of the console line: its microtask's chain goes through the thenable's job.
          const index = events.findIndex((event) => event.type === 'console');
          return index + 1;
        },
        check: (story) => assert.ok(story.links.length >= 4, JSON.stringify(story.links)),
      },
      {
        code: 'Promise.reject(new Error("nobody"));',
        pick: (events) => stepOf(events, (event) => event.type === 'unhandled_rejection'),
        check: (story) => {
          assert.match(story.narration, /nobody/);
          assert.match(story.narration, /no handler/);
        },
      },
      {
        code: 'const timer = require("timer");\ntimer.sleep(5).then(() => console.log("woke"));',
        pick: (events) => stepOf(events, (event) => event.type === 'task_start' && event.source.kind === 'host_op'),
        check: (story, events) => {
          assert.match(story.narration, /timer\.sleep/);
          assert.equal(events[story.links[0].step - 1].type, 'host_op_started');
        },
      },
    ];
    for (const { code, pick, check } of cases) {
      const run = await runInPlayground(page, code, 'virtual');
      assert.ok(['idle', 'failed'].includes(run.state), JSON.stringify(run));
      const events = await page.evaluate(() => window.tickscope.events());
      const story = await storyAt(page, pick(events));
      check(story, events);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('clicking a console entry moves the cursor to the step that printed it', async () => {
  const { context, page, problems } = await openPlayground(env);
  try {
    await runInPlayground(page, ORDER, 'virtual');
    const events = await page.evaluate(() => window.tickscope.events());
    const printed = stepOf(events, (event) => event.type === 'console' && event.text === 'script end');
    await page.locator(tid('console-entry'), { hasText: 'script end' }).click();
    assert.equal(await page.evaluate(() => window.tickscope.cursor()), printed);
    const narration = await page.locator(tid('narration')).textContent();
    assert.match(narration, /script end/);
    await page.screenshot({ path: join(ARTIFACTS, 'explain-script-end.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an embed in a real iframe: the step option, seek / step-forward / step-back in, step messages out', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(new URL('embed-demo.html', env.server.url).href);
    const result = await page.evaluate(async (code) => {
      const frame = document.createElement('iframe');
      frame.src = 'index.html?embed&clock=virtual&step=4';
      frame.style.cssText = 'width: 900px; height: 500px';
      const messages = [];
      window.addEventListener('message', (event) => {
        if (event.source === frame.contentWindow) messages.push(event.data);
      });
      const next = (type, after) => new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = () => {
          const found = messages.slice(after).find((m) => m.type === type);
          if (found) resolve(found);
          else if (Date.now() - started > 60_000) reject(new Error(`no ${type}: ${JSON.stringify(messages)}`));
          else setTimeout(poll, 20);
        };
        poll();
      });
      document.body.append(frame);
      await next('tickscope:ready', 0);
      const embedded = frame.contentWindow;
      embedded.postMessage({ type: 'tickscope:set-code', code }, '*');
      let mark = messages.length;
      embedded.postMessage({ type: 'tickscope:run' }, '*');
      const first = await next('tickscope:step', mark);
      await next('tickscope:idle', mark);
      const events = embedded.tickscope.events();
      const moves = [];
      for (const message of [{ type: 'tickscope:seek', step: 2 }, { type: 'tickscope:step-forward' }, { type: 'tickscope:step-back' }]) {
        mark = messages.length;
        embedded.postMessage(message, '*');
        moves.push(await next('tickscope:step', mark));
      }
      return { first, moves, types: events.map((event) => event.type), cursor: embedded.tickscope.cursor() };
    }, ORDER);
    // step=4: after the run, the cursor is at step 4, and the message names that step's event.
    assert.equal(result.first.index, 4);
    assert.equal(result.first.kind, result.types[3]);
    assert.ok(result.first.sentence.length > 0);
    // Stepping moves between stops: every step but one right after a frame marker (docs/page-contract.md).
    const isStop = (k) => k === 0 || result.types[k - 1] !== 'frame';
    let forward = 3;
    while (!isStop(forward)) forward += 1;
    let back = forward - 1;
    while (!isStop(back)) back -= 1;
    assert.deepEqual(result.moves.map((move) => move.index), [2, forward, back]);
    result.moves.forEach((move) => assert.equal(move.kind, result.types[move.index - 1]));
    assert.equal(result.cursor, back);
  } finally {
    await context.close();
  }
});

test('queue entries read like the code, the next to run is marked, and reduced motion is respected', async () => {
  const { context, page, problems } = await openPlayground(env, { contextOptions: { reducedMotion: 'reduce' } });
  try {
    await runInPlayground(page, ORDER, 'virtual');
    const events = await page.evaluate(() => window.tickscope.events());
    // At the end of the script's task: promise1's reaction waits in the microtask queue and runs
    // next; the timer's task waits in the task queue.
    const scriptEnd = stepOf(events, (event) => event.type === 'task_end');
    await page.evaluate((k) => window.tickscope.seek(k), scriptEnd);
    const entries = await page.$$eval('[data-testid="queue-entry"]', (rows) => rows.map((row) => ({
      list: row.closest('[data-testid]:not([data-testid="queue-entry"])')?.dataset.testid,
      text: row.textContent,
      next: row.hasAttribute('data-next'),
    })));
    const micro = entries.find((entry) => entry.list === 'queue-microtasks');
    assert.ok(micro, JSON.stringify(entries));
    assert.match(micro.text, /then\(function promise1\(\)/);
    assert.equal(micro.next, true, 'the microtask runs next');
    const task = entries.find((entry) => entry.list === 'queue-tasks');
    assert.match(task.text, /setTimeout\(function timeout\(\)/);
    assert.equal(task.next, false);
    // Stepping on: the running line names promise1, and no transform is left under reduced motion.
    await page.evaluate((k) => window.tickscope.seek(k + 1), scriptEnd);
    const running = await page.locator(tid('queue-running')).evaluate((el) => ({ text: el.textContent, transform: getComputedStyle(el).transform }));
    assert.match(running.text, /promise1/);
    assert.equal(running.transform, 'none');
    await page.screenshot({ path: join(ARTIFACTS, 'explain-queues.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('Play steps through the run at its speed and stops at the end; Pause stops it', async () => {
  const { context, page, problems } = await openPlayground(env);
  try {
    await runInPlayground(page, 'Promise.resolve().then(() => console.log("a"));', 'virtual');
    const total = (await page.evaluate(() => window.tickscope.events())).length;
    await page.locator(tid('play-speed')).selectOption('10');
    await page.locator(tid('play')).click();
    assert.equal(await page.locator(tid('play')).getAttribute('aria-pressed'), 'true');
    // Playing from the start: the cursor moves on by itself, one step at a time.
    const seen = [];
    for (let i = 0; i < 6; i++) {
      await page.waitForTimeout(150);
      // At the end the cursor follows the run again (null): count that as the end.
      seen.push(await page.evaluate(() => window.tickscope.cursor()) ?? total);
    }
    assert.ok(seen.every((k, i) => i === 0 || k >= seen[i - 1]), `never backwards: ${seen}`);
    assert.ok(seen.at(-1) > seen[0], `it moved: ${seen}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="play"]').getAttribute('aria-pressed') === 'false', null, { timeout: (total + 5) * 200 });
    const end = await page.evaluate(() => window.tickscope.cursor());
    assert.ok(end === null || end >= total - 1, `stopped at the end: ${end} of ${total}`);
    // Pause: play again, pause at once, and the cursor stays.
    await page.locator(tid('play')).click();
    await page.waitForTimeout(250);
    await page.locator(tid('play')).click();
    const paused = await page.evaluate(() => window.tickscope.cursor());
    await page.waitForTimeout(400);
    assert.equal(await page.evaluate(() => window.tickscope.cursor()), paused);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the timeline draws an arrow from what queued the selected microtask or timer to it', async () => {
  const { context, page, problems } = await openPlayground(env);
  try {
    // Each callback works for a few milliseconds of real time, so that its slice stands alone on the
    // timeline (whose axis is real time) instead of merging with its neighbours.
    const spread = `const work = () => { let s = 0; for (let i = 0; i < 300000; i++) s += i; return s; };
setTimeout(function timeout() { work(); }, 0);
Promise.resolve().then(function promise1() { work(); }).then(function promise2() { work(); });
work();`;
    await runInPlayground(page, spread, 'virtual');
    const arrow = () => page.evaluate(() => {
      const svg = document.querySelector('[data-testid="timeline-arrow"]');
      const line = svg.querySelector('line');
      const box = line.getBoundingClientRect();
      return {
        shown: svg.getAttribute('display') !== 'none',
        x1: Number(line.getAttribute('x1')), y1: Number(line.getAttribute('y1')),
        x2: Number(line.getAttribute('x2')), y2: Number(line.getAttribute('y2')),
        box: { left: box.left, top: box.top, bottom: box.bottom },
      };
    });
    // Items take no pointer events: the plot hit-tests a click at their place. A click on an
    // aggregate of merged items zooms into it, so click until the first item is a single one.
    const select = async (kind) => {
      for (let tries = 0; tries < 16; tries++) {
        const items = page.locator(`[data-testid="timeline-item"][data-kind="${kind}"]`);
        const count = await items.count();
        for (let i = 0; i < count; i++) {
          const item = items.nth(i);
          if ((await item.getAttribute('data-count')) === null) {
            const box = await item.boundingBox();
            await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
            return item;
          }
        }
        // Only aggregates in view: zoom into the first one.
        const box = await items.first().boundingBox();
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.waitForTimeout(150);
      }
      throw new Error(`every ${kind} stayed merged with others`);
    };
    assert.equal((await arrow()).shown, false, 'no arrow before a selection');
    for (const kind of ['microtask', 'timer']) {
      const item = await select(kind);
      await page.waitForFunction(() => document.querySelector('[data-testid="timeline-arrow"]').getAttribute('display') !== 'none');
      const drawn = await arrow();
      const target = await item.boundingBox();
      assert.ok(drawn.shown, kind);
      // It points at the selected item: its end is on the item's row, from the left.
      assert.ok(drawn.x1 <= drawn.x2 + 0.5, `${kind}: ${JSON.stringify(drawn)}`);
      assert.ok(drawn.box.bottom >= target.y - 2 && drawn.box.top <= target.y + target.height + 2, `${kind}: ${JSON.stringify(drawn)} vs ${JSON.stringify(target)}`);
      // It starts on another lane (the script's task) above it.
      assert.ok(drawn.y1 < drawn.y2, `${kind}: from the tasks lane above: ${JSON.stringify(drawn)}`);
      await page.screenshot({ path: join(ARTIFACTS, `explain-arrow-${kind}.png`) });
      await page.locator(tid('timeline-fit')).click();
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('predict mode: the reader orders the lines first; a wrong guess is marked and links to the step that explains it', async () => {
  const { context, page, problems } = await openPlayground(env);
  try {
    await page.locator(tid('predict-toggle')).check();
    await runInPlayground(page, ORDER, 'virtual');
    const lines = () => page.$$eval('[data-testid="predict-line"]', (rows) => rows.map((row) => ({
      text: row.querySelector('.predict-text').textContent,
      verdict: row.dataset.verdict ?? null,
    })));
    const shown = await lines();
    assert.deepEqual([...shown.map((line) => line.text)].sort(), ['promise1', 'promise2', 'script end', 'script start', 'setTimeout']);
    assert.notDeepEqual(shown.map((line) => line.text), ['script start', 'script end', 'promise1', 'promise2', 'setTimeout'], 'shuffled');
    assert.equal(await page.evaluate(() => document.body.hasAttribute('data-predicting')), true);
    assert.equal(await page.locator(tid('console')).evaluate((el) => getComputedStyle(el).visibility), 'hidden');
    await page.screenshot({ path: join(ARTIFACTS, 'explain-predict.png') });

    // The classic wrong guess: the timer before the promises.
    const guess = ['script start', 'script end', 'setTimeout', 'promise1', 'promise2'];
    for (let place = 0; place < guess.length; place++) {
      let at = (await lines()).findIndex((line, i) => i >= place && line.text === guess[place]);
      while (at > place) {
        await page.locator(`[data-testid="predict-line"][data-place="${at}"] [data-testid="predict-up"]`).click();
        at -= 1;
      }
    }
    assert.deepEqual((await lines()).map((line) => line.text), guess);
    await page.locator(tid('predict-check')).click();
    const checked = await lines();
    assert.deepEqual(checked.map((line) => line.verdict), ['right', 'right', 'wrong', 'wrong', 'wrong']);
    assert.equal(await page.locator(tid('console')).evaluate((el) => getComputedStyle(el).visibility), 'visible');
    // The first wrong place belongs to promise1: the link goes to the step that printed it.
    const events = await page.evaluate(() => window.tickscope.events());
    const printed = stepOf(events, (event) => event.type === 'console' && event.text === 'promise1');
    const explain = page.locator(tid('predict-explain'));
    assert.equal(Number(await explain.getAttribute('data-step')), printed);
    await explain.click();
    assert.equal(await page.evaluate(() => window.tickscope.cursor()), printed);
    assert.match(await page.locator(tid('narration')).textContent(), /promise1/);
    await page.screenshot({ path: join(ARTIFACTS, 'explain-predict-checked.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
