#!/usr/bin/env node
// Records the expected output of every `expected: chromium` lesson from real headless Chromium, and writes it
// into the lesson's Markdown (or checks it).
//
//   node lessons/record.mjs [options] [name...]
//
// name: a lesson's file name or stem, or just its number (`03-promise-states.md`, `03-promise-states`, `3`);
// none = every lesson whose front matter says `expected: chromium`. Naming a `expected: tickscope` lesson is an
// error: its expected output is tickscope's documented behaviour (it uses native modules browsers do not have),
// written by hand and checked by `cargo test --test lessons`.
//
// Options:
//   --check       record, then compare with the lessons' expected blocks; write nothing; exit 1 on a difference
//   --dry-run     record and print the outputs; write nothing
//   --repeat N    record each lesson N times (default 1) and refuse to write one whose runs disagree
//   --jobs N      lessons recorded at once (default 2)
//   --chromium P  Chromium binary (default /usr/bin/chromium, or $CHROMIUM)
//
// What it writes: the ```text expected block gets the stdout lines; the ```text expected-stderr block gets the
// stderr lines (console.warn/error, `Uncaught …`), is added after the stdout block when there are some and there
// was none, and is removed when there are none. Nothing else in the file changes.
//
// How a lesson is run (as tests/corpus/record.mjs runs a corpus snippet; see tests/corpus/README.md):
//   * a tiny HTTP server on 127.0.0.1 (random port) serves, per lesson, a page holding an inline classic script
//     that instruments the four timer functions (only to count pending timers), then the lesson's `js run`
//     block: `<script src>` for `js run`, `<script type=module src>` for `js run module`;
//   * each worker keeps one page and navigates it to about:blank, then to the lesson's page (a fresh document
//     and global per lesson); a raw CDP session (Runtime domain) receives console calls and exceptions in the
//     order Chromium emits them; an exception is recorded as its first line only (`Uncaught Error: boom`);
//   * the lesson is done when no timer or interval is pending and nothing was printed for QUIET_MS; a lesson
//     still running after LIMIT_MS is an error.
// Console arguments must be strings, numbers, booleans, null/undefined or bigints, with no `%` format
// specifiers, so no expected line depends on how Chromium previews objects.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const QUIET_MS = 300;
const LIMIT_MS = 8000;
const POLL_MS = 20;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// ---------------------------------------------------------------------------------------------- options
const opts = { check: false, dryRun: false, repeat: 1, jobs: 2,
  chromium: process.env.CHROMIUM || '/usr/bin/chromium', names: [] };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') opts.check = true;
    else if (a === '--dry-run') opts.dryRun = true;
    else if (a === '--repeat') opts.repeat = Math.max(1, parseInt(argv[++i], 10) || 1);
    else if (a === '--jobs') opts.jobs = Math.max(1, parseInt(argv[++i], 10) || 1);
    else if (a === '--chromium') opts.chromium = argv[++i];
    else if (a === '-h' || a === '--help') {
      const src = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
      console.log(src.slice(1, src.findIndex(l => l.startsWith('// What it writes'))).map(l => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else if (a.startsWith('--')) { console.error(`unknown option ${a}`); process.exit(2); }
    else opts.names.push(a);
  }
}

// ---------------------------------------------------------------------------------------------- lessons
// The same rules as src/lessons.rs, only as far as the recorder needs them: the front matter's `expected`, and
// where the fenced blocks are. `cargo test --test lessons` parses every lesson with the real parser.
const LESSON_NAME = /^(\d+)-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;

// A mistake in a lesson or on the command line: reported as one line, without a stack.
class LessonProblem extends Error {}

function parseLesson(file) {
  const text = fs.readFileSync(path.join(HERE, file), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const lines = text.split('\n');
  if (lines[0].trimEnd() !== '---') throw new LessonProblem(`${file}: no front matter`);
  const end = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
  if (end < 0) throw new LessonProblem(`${file}: the front matter is not closed`);
  const front = {};
  for (const l of lines.slice(1, end)) {
    const m = /^([a-z]+):\s*(.*?)\s*$/.exec(l);
    if (m) front[m[1]] = m[2].replace(/^(["'])(.*)\1$/, '$2');
  }
  const blocks = [];
  for (let i = end + 1; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open || (open[1][0] === '`' && open[2].includes('`'))) continue;
    const fence = open[1];
    const close = lines.findIndex((l, j) => j > i && l.trimEnd().length >= fence.length &&
      [...l.trimEnd()].every(c => c === fence[0]));
    if (close < 0) throw new LessonProblem(`${file}:${i + 1}: a code block is never closed`);
    const info = open[2].trim().split(/\s+/).join(' ');
    const kind = info === 'js run' ? 'run' : info === 'js run module' ? 'module'
      : info === 'text expected' ? 'stdout' : info === 'text expected-stderr' ? 'stderr' : null;
    if (kind) blocks.push({ kind, open: i, close, lines: lines.slice(i + 1, close) });
    i = close;
  }
  const one = kind => {
    const found = blocks.filter(b => kind.includes(b.kind));
    if (found.length > 1) throw new LessonProblem(`${file}: more than one ${kind.join('/')} block`);
    return found[0];
  };
  const run = one(['run', 'module']);
  const stdout = one(['stdout']);
  if (!run) throw new LessonProblem(`${file}: no \`\`\`js run block`);
  if (!stdout) throw new LessonProblem(`${file}: no \`\`\`text expected block`);
  return {
    file, stem: file.replace(/\.md$/, ''), lines, front, expected: front.expected,
    module: run.kind === 'module', code: run.lines.join('\n') + '\n',
    stdoutBlock: stdout, stderrBlock: one(['stderr']),
  };
}

function listLessons() {
  const files = fs.readdirSync(HERE).filter(f => LESSON_NAME.test(f)).sort();
  const lessons = files.map(parseLesson);
  if (!opts.names.length) return lessons.filter(l => l.expected === 'chromium');
  return opts.names.map(n => {
    const base = path.basename(n).replace(/\.md$/, '');
    const found = lessons.filter(l => l.stem === base || (/^\d+$/.test(base) && parseInt(l.stem, 10) === parseInt(base, 10)));
    if (found.length !== 1) throw new LessonProblem(`no lesson named ${n}`);
    if (found[0].expected !== 'chromium') {
      throw new LessonProblem(`${found[0].file} says \`expected: ${found[0].expected}\`: its output is not recorded from Chromium`);
    }
    return found[0];
  });
}

// The new Markdown: the stdout block's lines replaced, the stderr block replaced, added or removed.
function withOutput(lesson, stdout, stderr) {
  for (const l of [...stdout, ...stderr]) {
    if (/^(```|~~~)/.test(l)) throw new Error(`an output line looks like a code fence: ${JSON.stringify(l)}`);
    if (/\s$/.test(l)) throw new Error(`an output line ends with whitespace, which Markdown editors strip: ${JSON.stringify(l)}`);
  }
  const out = lesson.lines.slice();
  const fenceOf = b => out[b.open].match(/^(`{3,}|~{3,})/)[1];
  const edits = [];
  const so = lesson.stdoutBlock;
  edits.push({ at: so.open + 1, remove: so.close - so.open - 1, insert: stdout });
  const se = lesson.stderrBlock;
  if (se && stderr.length) edits.push({ at: se.open + 1, remove: se.close - se.open - 1, insert: stderr });
  else if (se) {
    // Remove the block and the blank line before it.
    const blank = se.open > 0 && out[se.open - 1].trim() === '' ? 1 : 0;
    edits.push({ at: se.open - blank, remove: se.close - se.open + 1 + blank, insert: [] });
  } else if (stderr.length) {
    const fence = fenceOf(so);
    edits.push({ at: so.close + 1, remove: 0, insert: ['', `${fence}text expected-stderr`, ...stderr, fence] });
  }
  edits.sort((a, b) => b.at - a.at);
  for (const e of edits) out.splice(e.at, e.remove, ...e.insert);
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------- page
// Instrumentation, run as an inline classic script before the lesson's code. It wraps the four timer functions
// only to count pending timers; the wrapper passes the delay and extra arguments through untouched (so
// coercion, the nesting clamp and ids are Chromium's own) and adds no promise or microtask of its own.
const INSTRUMENT = `(() => {
  const w = window, st = w.setTimeout, si = w.setInterval, ct = w.clearTimeout, ci = w.clearInterval;
  const pending = new Set();
  const key = id => { const n = Number(id); return Number.isFinite(n) ? n | 0 : 0; };
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
  Object.defineProperty(w, '__tickscopeRecorderPending', { value: () => pending.size });
})();`;

function pageHtml(lesson) {
  const src = `/src/${encodeURIComponent(lesson.stem)}.js`;
  const tag = lesson.module ? `<script type="module" src="${src}"></script>` : `<script src="${src}"></script>`;
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${lesson.stem}</title>\n` +
    `<script>${INSTRUMENT}</script>\n${tag}\n</head><body></body></html>\n`;
}

function startServer(byStem) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (code, type, body) => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const m = /^\/(page|src)\/([^/]+?)(\.js)?$/.exec(url.pathname);
    const lesson = m && byStem.get(decodeURIComponent(m[2]));
    if (!lesson) return send(404, 'text/plain', 'not found');
    if (m[1] === 'page') return send(200, 'text/html; charset=utf-8', pageHtml(lesson));
    return send(200, 'text/javascript; charset=utf-8', lesson.code);
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------------------------------------- formatting
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
    default: throw new Error(`console argument of type ${o.type}${o.subtype ? '/' + o.subtype : ''} ` +
      `(${o.description}); log strings, numbers, booleans, null/undefined, or JSON.stringify(x)`);
  }
}
function formatThrown(o) {
  if (!o) return '';
  if (o.type === 'object' && o.subtype === 'error') return String(o.description).split('\n')[0];
  return formatArg(o);
}
const STDOUT_TYPES = new Set(['log', 'info', 'debug']);
const STDERR_TYPES = new Set(['warning', 'error']);

// ---------------------------------------------------------------------------------------------- chromium
async function openWorker(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const w = { context, page, cdp, out: null, mainContexts: new Set(), lastEvent: 0 };
  cdp.on('Runtime.executionContextsCleared', () => w.mainContexts.clear());
  cdp.on('Runtime.executionContextCreated', e => { if (e.context.auxData?.isDefault) w.mainContexts.add(e.context.id); });
  cdp.on('Runtime.consoleAPICalled', e => {
    const out = w.out;
    if (!out || !w.mainContexts.has(e.executionContextId)) return;
    w.lastEvent = Date.now();
    try {
      const args = e.args.map(formatArg);
      if (e.args[0]?.type === 'string' && /%[sdifoOjc]/.test(e.args[0].value))
        throw new Error(`format specifier in ${JSON.stringify(e.args[0].value)}; Chromium and tickscope may format it differently`);
      const line = args.join(' ');
      if (STDOUT_TYPES.has(e.type)) out.stdout.push(line);
      else if (STDERR_TYPES.has(e.type)) out.stderr.push(line);
      else throw new Error(`console.${e.type} is outside the lesson conventions`);
    } catch (err) { out.problems.push(err.message); }
  });
  cdp.on('Runtime.exceptionThrown', e => {
    const out = w.out;
    if (!out) return;
    w.lastEvent = Date.now();
    const d = e.exceptionDetails;
    try { out.stderr.push(`${d.text} ${formatThrown(d.exception)}`.trimEnd()); }
    catch (err) { out.problems.push(err.message); }
  });
  cdp.on('Runtime.exceptionRevoked', e => {
    if (!w.out) return;
    w.lastEvent = Date.now();
    w.out.notes.push(`revoked: ${e.reason}`);
  });
  await cdp.send('Runtime.enable');
  return w;
}

async function recordOne(w, port, lesson) {
  await w.page.goto('about:blank');
  const out = { stdout: [], stderr: [], notes: [], problems: [] };
  w.out = out;
  w.lastEvent = Date.now();
  const started = Date.now();
  try {
    const resp = await w.page.goto(`http://127.0.0.1:${port}/page/${encodeURIComponent(lesson.stem)}`, { waitUntil: 'load' });
    if (!resp || resp.status() !== 200) throw new Error(`page status ${resp && resp.status()}`);
    w.lastEvent = Math.max(w.lastEvent, Date.now());
    for (;;) {
      await new Promise(r => setTimeout(r, POLL_MS));
      if (Date.now() - started > LIMIT_MS) { out.problems.push(`still running after ${LIMIT_MS} ms`); break; }
      const r = await w.cdp.send('Runtime.evaluate', {
        expression: 'typeof __tickscopeRecorderPending === "function" ? __tickscopeRecorderPending() : -1',
        returnByValue: true, silent: true });
      const pending = r.result.value;
      if (pending === -1) { out.problems.push('instrumentation missing'); break; }
      if (pending === 0 && Date.now() - w.lastEvent >= QUIET_MS) break;
    }
  } catch (err) {
    out.problems.push(String(err.message || err));
  } finally {
    w.out = null;
  }
  out.ms = Date.now() - started;
  return out;
}

// ---------------------------------------------------------------------------------------------- main
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
function showDiff(label, want, got) {
  console.log(`    ${label}:`);
  const n = Math.max(want.length, got.length);
  for (let i = 0; i < n; i++) {
    const mark = want[i] === got[i] ? ' ' : '!';
    console.log(`     ${mark} ${String(want[i] ?? '<none>').padEnd(52)} | ${got[i] ?? '<none>'}`);
  }
}

async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async (_, slot) => {
    while (next < items.length) { const i = next++; results[i] = await fn(items[i], i, slot); }
  }));
  return results;
}

async function main() {
  const t0 = Date.now();
  const lessons = listLessons();
  const { chromium } = await import(pathToFileURL(path.join(ROOT, 'node_modules', 'playwright-core', 'index.mjs')).href);
  const browser = await chromium.launch({ executablePath: opts.chromium, args: CHROMIUM_ARGS });
  const server = await startServer(new Map(lessons.map(l => [l.stem, l])));
  const port = server.address().port;
  let failed = 0;
  try {
    console.log(`Chromium ${browser.version()}, ${lessons.length} lesson(s)`);
    const workers = [];
    const recorded = await pool(lessons, opts.jobs, async (lesson, i, slot) => {
      workers[slot] ??= await openWorker(browser);
      const runs = [];
      for (let k = 0; k < opts.repeat; k++) runs.push(await recordOne(workers[slot], port, lesson));
      return runs;
    });
    await Promise.all(workers.map(w => w.context.close().catch(() => {})));

    lessons.forEach((lesson, i) => {
      const runs = recorded[i];
      const rec = runs[0];
      const problems = [...new Set(runs.flatMap(r => r.problems))];
      const unstable = runs.some(r => !same(r.stdout, rec.stdout) || !same(r.stderr, rec.stderr));
      const wantOut = lesson.stdoutBlock.lines;
      const wantErr = lesson.stderrBlock ? lesson.stderrBlock.lines : [];
      const unchanged = same(wantOut, rec.stdout) && same(wantErr, rec.stderr);
      let status = 'ok';
      if (problems.length) status = 'ERROR';
      else if (unstable) status = 'UNSTABLE';
      else if (opts.check) status = unchanged ? 'same' : 'CHANGED';
      let markdown = null;
      if (status === 'ok' && !opts.dryRun) {
        try { markdown = withOutput(lesson, rec.stdout, rec.stderr); }
        catch (err) { problems.push(err.message); status = 'ERROR'; }
      }
      if (status !== 'ok' && status !== 'same') failed++;
      const ms = runs.map(r => r.ms).join('/');
      const notes = rec.notes.length ? '  [' + [...new Set(rec.notes)].join('; ') + ']' : '';
      const what = status === 'ok' && !opts.dryRun ? (unchanged ? ' (unchanged)' : ' (written)') : '';
      console.log(`${status.padEnd(8)} ${lesson.file.padEnd(40)} ${ms} ms${what}${notes}`);
      for (const p of problems) console.log(`    ${p}`);
      if (unstable) runs.forEach((r, k) => console.log(`    run ${k + 1}: ${JSON.stringify(r.stdout)} ${JSON.stringify(r.stderr)}`));
      if (status === 'CHANGED') {
        showDiff('stdout (lesson | now)', wantOut, rec.stdout);
        showDiff('stderr (lesson | now)', wantErr, rec.stderr);
      }
      if (opts.dryRun) {
        for (const l of rec.stdout) console.log(`    out| ${l}`);
        for (const l of rec.stderr) console.log(`    err| ${l}`);
      }
      if (markdown !== null && !unchanged) fs.writeFileSync(path.join(HERE, lesson.file), markdown);
    });
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`\n${lessons.length} lesson(s), ${failed} problem(s), ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(failed ? 1 : 0);
}

main().catch(err => { console.error(err instanceof LessonProblem ? err.message : err); process.exit(2); });
