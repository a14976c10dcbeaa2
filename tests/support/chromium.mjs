// Debian's Chromium, driven through npm's playwright-core, for the Node tools that need a real browser:
// the corpus and lesson recorders (tests/corpus/record.mjs, lessons/record.mjs) and the page tests
// (tests/page/lib/playground.mjs, tests/page/*.test.mjs).
//
// What is here:
//   * where Chromium is and how it is launched (CHROMIUM, LAUNCH_ARGS, launchChromium); nothing is ever
//     downloaded: the binary is launched as it is;
//   * running a snippet in a plain page as the truth: the page (snippetPage) holds an inline script that
//     counts pending timers (TIMER_INSTRUMENTATION), then the snippet; a raw CDP session (Runtime domain)
//     turns Chromium's console calls and exceptions into text in the order Chromium emits them
//     (openConsoleCapture, consoleArgText, thrownText); the snippet is done when no timer is pending and
//     nothing was printed for a while (waitUntilSettled);
//   * worker mode: the page only starts a dedicated worker (workerScript: the instrumentation for `self`,
//     then importScripts of the snippet); CDP auto-attach holds the worker until its Runtime domain is on
//     (attachWorkers), and its console calls and exceptions are captured like a page's;
//   * the recorders' own part: a tiny HTTP server for their pages (startSnippetServer) and recording pages
//     as stdout and stderr lines with a few workers at once (recordEach).
// tests/corpus/README.md ("How it works") explains the choices.
import http from 'node:http';

/** The Chromium binary: $CHROMIUM, or Debian's /usr/bin/chromium. */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The command-line switches every tool launches Chromium with (no sandbox, no GPU, no background traffic). */
export const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/**
 * Launches headless Chromium (`executablePath`, default CHROMIUM) with LAUNCH_ARGS through playwright-core
 * and resolves to its Browser. playwright-core is loaded only here, so a tool can parse its options first.
 */
export async function launchChromium(executablePath = CHROMIUM) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: LAUNCH_ARGS });
}

// ---------------------------------------------------------------------------------------------- the page
// The global the instrumentation defines: a function that returns how many timers are pending.
const PENDING = '__tickscopeRecorderPending';

/**
 * The instrumentation, run as an inline classic script before the snippet. It wraps the four timer functions
 * only to count pending timers; the wrapper passes the delay and extra arguments through untouched (so
 * coercion, the nesting clamp and ids are Chromium's own) and adds no promise, microtask or timer of its own.
 */
export const TIMER_INSTRUMENTATION = timerInstrumentation('window');

/**
 * TIMER_INSTRUMENTATION for the global object named `global` (`window` in a page, `self` in a dedicated
 * worker).
 */
export function timerInstrumentation(global) {
  return `(() => {
  const w = ${global}, st = w.setTimeout, si = w.setInterval, ct = w.clearTimeout, ci = w.clearInterval;
  const pending = new Set();
  const key = id => { const n = Number(id); return Number.isFinite(n) ? n | 0 : 0; };
  const wrap = (orig, once, name) => {
    const f = function (handler, ...rest) {
      if (typeof handler !== 'function') return orig.call(w, handler, ...rest); // string handlers: untracked
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
  Object.defineProperty(w, '${PENDING}', { value: () => pending.size });
})();`;
}

/**
 * The HTML page that runs one snippet: TIMER_INSTRUMENTATION inline, then the snippet from `src`, as a classic
 * script (`<script src>`) or, when `module`, a module script (`<script type=module src>`, so top-level await
 * works). Every navigation to it is a fresh document and global object.
 */
export function snippetPage({ title, src, module = false, worker = null }) {
  if (worker) {
    return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${title}</title>\n` +
      `<script>new Worker(${JSON.stringify(worker)});</script>\n</head><body></body></html>\n`;
  }
  const tag = module ? `<script type="module" src="${src}"></script>` : `<script src="${src}"></script>`;
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${title}</title>\n` +
    `<script>${TIMER_INSTRUMENTATION}</script>\n${tag}\n</head><body></body></html>\n`;
}

/**
 * The script of the dedicated worker that runs a snippet in worker mode: timerInstrumentation('self'), then
 * the snippet from `src` with `importScripts` (so its own URL, line and column numbers are the snippet's), as
 * the worker script's last statement: its microtask checkpoint comes when the snippet's code is done.
 */
export function workerScript({ src }) {
  return `${timerInstrumentation('self')}\nimportScripts(${JSON.stringify(src)});\n`;
}

// ---------------------------------------------------------------------------------------------- console text
/**
 * A console argument (a CDP RemoteObject) as Chromium prints it. Only primitives: anything else throws,
 * because Chromium's preview text for objects differs from Node's and tickscope's.
 */
export function consoleArgText(o) {
  switch (o.type) {
    case 'string': return o.value;
    case 'number': return o.unserializableValue ?? o.description ?? String(o.value);
    case 'boolean': return String(o.value);
    case 'undefined': return 'undefined';
    case 'bigint': return o.unserializableValue ?? o.description;
    case 'symbol': return o.description;
    case 'object': if (o.subtype === 'null') return 'null';
    // fall through
    default: throw new Error(`console argument of type ${o.type}${o.subtype ? '/' + o.subtype : ''} ` +
      `(${o.description}); log strings, numbers, booleans, null/undefined, or JSON.stringify(x)`);
  }
}

/** The thrown value's first line (`Error: boom`, or a primitive's text), as Chromium prints it after `Uncaught `. */
export function thrownText(o) {
  if (!o) return '';
  if (o.type === 'object' && o.subtype === 'error') return String(o.description).split('\n')[0];
  return consoleArgText(o);
}

// ---------------------------------------------------------------------------------------------- capture
// How often waitUntilSettled asks for the pending-timer count (ms).
const POLL_MS = 20;
/** How long nothing must be printed, with no timer pending, before a snippet is done (ms). */
export const QUIET_MS = 300;
/** How long a snippet may run before it is an error (ms). */
export const LIMIT_MS = 8000;

/**
 * Opens a raw CDP session on `page` (of `context`) with the Runtime domain enabled, and resolves to a capture:
 * `{ cdp, sink, lastEvent }`. While `capture.sink` is set, Chromium's console calls from the page's main world
 * go to `sink.console(type, args)`, exceptions to `sink.exception(line, exceptionDetails)` (line: `Uncaught …`
 * or `Uncaught (in promise) …` and the thrown value's first line; stack lines never), and, when the sink has
 * `revoked`, revoked exceptions (a reported rejection handled later) to `sink.revoked(reason)`, all in the order
 * Chromium emits them. What a sink method throws becomes a line of `sink.problems`. Each of these events sets
 * `capture.lastEvent` to the time it arrived.
 */
export async function openConsoleCapture(context, page, { workers = false } = {}) {
  const cdp = await context.newCDPSession(page);
  const capture = { cdp, sink: null, lastEvent: 0, worker: null, workerMode: false };
  capture.evaluate = (params) => (capture.workerMode ? workerRequest(capture, 'Runtime.evaluate', params)
    : cdp.send('Runtime.evaluate', params));
  const mainContexts = new Set();
  cdp.on('Runtime.executionContextsCleared', () => mainContexts.clear());
  cdp.on('Runtime.executionContextCreated', (e) => { if (e.context.auxData?.isDefault) mainContexts.add(e.context.id); });
  cdp.on('Runtime.consoleAPICalled', (e) => {
    const sink = capture.sink;
    if (!sink || !mainContexts.has(e.executionContextId)) return;
    capture.lastEvent = Date.now();
    try { sink.console(e.type, e.args); } catch (error) { sink.problems.push(error.message); }
  });
  cdp.on('Runtime.exceptionThrown', (e) => {
    const sink = capture.sink;
    if (!sink) return;
    capture.lastEvent = Date.now();
    const d = e.exceptionDetails;
    // d.text is "Uncaught" or "Uncaught (in promise)"; the thrown value's description's first line follows.
    try { sink.exception(`${d.text} ${thrownText(d.exception)}`.trimEnd(), d); } catch (error) { sink.problems.push(error.message); }
  });
  cdp.on('Runtime.exceptionRevoked', (e) => {
    const sink = capture.sink;
    if (!sink?.revoked) return;
    capture.lastEvent = Date.now();
    sink.revoked(e.reason);
  });
  await cdp.send('Runtime.enable');
  if (workers) await attachWorkers(capture);
  return capture;
}

/**
 * Dedicated workers of the capture's page: CDP's auto-attach (not flattened, so the page's own session
 * carries the worker's messages, through Target.sendMessageToTarget / receivedMessageFromTarget) holds each
 * new worker before its script runs, enables its Runtime domain, then lets it run. The worker's console
 * calls and exceptions go to the same sink as the page's; `capture.worker` is the newest worker's session.
 */
async function attachWorkers(capture) {
  const { cdp } = capture;
  let nextId = 0;
  const waiting = new Map();
  cdp.on('Target.attachedToTarget', async (e) => {
    if (e.targetInfo.type !== 'worker') return;
    const session = { id: e.sessionId, send: null };
    session.send = (method, params = {}) => new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      cdp.send('Target.sendMessageToTarget', { sessionId: e.sessionId, message: JSON.stringify({ id, method, params }) })
        .catch((error) => { waiting.delete(id); reject(error); });
    });
    capture.worker = session;
    await session.send('Runtime.enable');
    await session.send('Runtime.runIfWaitingForDebugger');
  });
  cdp.on('Target.detachedFromTarget', (e) => {
    if (capture.worker?.id === e.sessionId) capture.worker = null;
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message);
    if (message.id !== undefined) {
      const pending = waiting.get(message.id);
      waiting.delete(message.id);
      if (!pending) return;
      if (message.error) pending.reject(new Error(message.error.message));
      else pending.resolve(message.result);
      return;
    }
    if (capture.worker?.id !== e.sessionId) return;
    const sink = capture.sink;
    if (!sink) return;
    if (message.method === 'Runtime.consoleAPICalled') {
      capture.lastEvent = Date.now();
      try { sink.console(message.params.type, message.params.args); } catch (error) { sink.problems.push(error.message); }
    } else if (message.method === 'Runtime.exceptionThrown') {
      capture.lastEvent = Date.now();
      const d = message.params.exceptionDetails;
      try { sink.exception(`${d.text} ${thrownText(d.exception)}`.trimEnd(), d); } catch (error) { sink.problems.push(error.message); }
    } else if (message.method === 'Runtime.exceptionRevoked' && sink.revoked) {
      capture.lastEvent = Date.now();
      sink.revoked(message.params.reason);
    }
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
}

/** Sends a CDP request to the capture's current worker; resolves to `{ result: { value: -2 } }` when there is none yet. */
async function workerRequest(capture, method, params) {
  if (!capture.worker) return { result: { value: -2 } };
  try { return await capture.worker.send(method, params); } catch { return { result: { value: -2 } }; }
}

/**
 * Waits until the snippet in the capture's page (a snippetPage) is done: no timer pending and no event for
 * `quietMs` since `capture.lastEvent`, asked every POLL_MS with a read-only Runtime.evaluate between tasks.
 * Gives up with a line in `capture.sink.problems` when it is still running `limitMs` after `started`, or when
 * the page has no instrumentation.
 */
export async function waitUntilSettled(capture, started, { quietMs = QUIET_MS, limitMs = LIMIT_MS } = {}) {
  for (;;) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    if (Date.now() - started > limitMs) { capture.sink.problems.push(`still running after ${limitMs} ms`); return; }
    const { result } = await capture.evaluate({
      expression: `typeof ${PENDING} === "function" ? ${PENDING}() : -1`, returnByValue: true, silent: true,
    });
    // -2: the snippet's worker has not started yet; in a worker, -1 until its script has begun.
    if (result.value === -2 || (result.value === -1 && capture.workerMode)) continue;
    if (result.value === -1) { capture.sink.problems.push('instrumentation missing'); return; }
    if (result.value === 0 && Date.now() - capture.lastEvent >= quietMs) return;
  }
}

// ---------------------------------------------------------------------------------------------- recorders
/**
 * A tiny HTTP server on 127.0.0.1 (random port) for the recorders: `/page/NAME` is the snippetPage of the
 * snippet `find(NAME)` returns (`{ title, src, module, code }`, where `src` is its `/src/…` path here and
 * `code()` its text), `/src/NAME` that snippet's code as text/javascript (`find` gets NAME as it is, with any
 * extension). Nothing is cached; an unknown name is a 404. Resolves to the listening http.Server.
 */
export function startSnippetServer(find) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (code, type, body) => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const m = /^\/(page|src|worker)\/([^/]+)$/.exec(url.pathname);
    const snippet = m && find(decodeURIComponent(m[2]));
    if (!snippet) return send(404, 'text/plain', 'not found');
    if (m[1] === 'page') return send(200, 'text/html; charset=utf-8', snippetPage(snippet));
    if (m[1] === 'worker') {
      if (!snippet.worker) return send(404, 'text/plain', 'not a worker snippet');
      return send(200, 'text/javascript; charset=utf-8', workerScript(snippet));
    }
    return send(200, 'text/javascript; charset=utf-8', snippet.code());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Runs `fn(item, index, slot)` over `items`, at most `n` at once (`slot`: which of the n); resolves to the results in order. */
export async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async (_, slot) => {
    while (next < items.length) { const i = next++; results[i] = await fn(items[i], i, slot); }
  }));
  return results;
}

const STDOUT_TYPES = new Set(['log', 'info', 'debug']);
const STDERR_TYPES = new Set(['warning', 'error']);

// One page per worker, reused: each snippet is a fresh navigation (a new document and global object), with
// about:blank in between so nothing of the previous snippet can still run. One raw CDP session per page.
async function openRecorder(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page, capture: await openConsoleCapture(context, page, { workers: true }) };
}

// Records one snippet page: `{ stdout, stderr, notes, problems, ms }`.
async function recordPage({ page, capture }, url, rules, worker) {
  await page.goto('about:blank');
  capture.workerMode = worker;
  capture.worker = null;
  const out = { stdout: [], stderr: [], notes: [], problems: [] };
  capture.sink = {
    problems: out.problems,
    console(type, args) {
      const texts = args.map(consoleArgText);
      if (args[0]?.type === 'string' && /%[sdifoOjc]/.test(args[0].value)) {
        throw new Error(`format specifier in ${JSON.stringify(args[0].value)}; ${rules.specifiers}`);
      }
      const line = texts.join(' ');
      if (STDOUT_TYPES.has(type)) out.stdout.push(line);
      else if (STDERR_TYPES.has(type)) out.stderr.push(line);
      else throw new Error(`console.${type} is outside the ${rules.conventions}`);
    },
    exception(line) { out.stderr.push(line); },
    revoked(reason) { out.notes.push(`revoked: ${reason}`); },
  };
  capture.lastEvent = Date.now();
  const started = Date.now();
  try {
    const resp = await page.goto(url, { waitUntil: 'load' });
    if (!resp || resp.status() !== 200) throw new Error(`page status ${resp && resp.status()}`);
    capture.lastEvent = Math.max(capture.lastEvent, Date.now());
    await waitUntilSettled(capture, started);
  } catch (err) {
    out.problems.push(String(err.message || err));
  } finally {
    capture.sink = null;
  }
  out.ms = Date.now() - started;
  return out;
}

/**
 * Records every item's page (`urlOf(item)`) `repeat` times in `browser`, `jobs` pages at once, and resolves to
 * one array of runs per item, in order. A run is `{ stdout, stderr, notes, problems, ms }`: console.log/info/debug
 * lines in stdout, console.warn/error and `Uncaught …` lines in stderr, `revoked: …` notes, and what broke the
 * conventions (objects or `%` format specifiers in console arguments, other console methods, a snippet still
 * running after LIMIT_MS) in problems. `rules` words two of those problems: `conventions` names the conventions
 * (`corpus conventions`), `specifiers` says why format specifiers are out (`Chromium and Node format these differently`).
 * `workerOf(item)`, when given and true, says the item's page runs its snippet in a dedicated worker (snippetPage
 * with `worker`): then the worker's console calls and exceptions are recorded and its pending timers polled.
 */
export async function recordEach(browser, items, urlOf, { jobs, repeat, rules, workerOf }) {
  const recorders = [];
  const recorded = await pool(items, jobs, async (item, i, slot) => {
    recorders[slot] ??= await openRecorder(browser);
    const runs = [];
    const worker = Boolean(workerOf?.(item));
    for (let k = 0; k < repeat; k++) runs.push(await recordPage(recorders[slot], urlOf(item), rules, worker));
    return runs;
  });
  await Promise.all(recorders.map((r) => r.context.close().catch(() => {})));
  return recorded;
}
