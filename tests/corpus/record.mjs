#!/usr/bin/env node
// Records the expected output of every corpus snippet from real headless Chromium, and compares Node.
//
//   node tests/corpus/record.mjs [options] [name...]
//
// name: a snippet's file name, with or without its extension (`timers-delay-coercion`,
// `module-tla-basic.mjs`); none = every *.js and *.mjs in this folder except record.mjs.
//
// Options:
//   --check       record, then compare with the existing .stdout/.stderr files; write nothing; exit 1 on a
//                 difference (use it to see whether a Chromium upgrade changed anything)
//   --dry-run     record and print the outputs; write nothing
//   --repeat N    record each snippet N times (default 1) and refuse to write one whose runs disagree
//   --jobs N      snippets recorded (and Node runs) at once (default 2)
//   --no-node     skip the Node comparison
//   --diff        print the Node/Chromium differences line by line
//   --chromium P  Chromium binary (default /usr/bin/chromium, or $CHROMIUM)
//
// How a snippet is run (see README.md for the reasons):
//   * a tiny HTTP server on 127.0.0.1 (random port) serves, per snippet, a page holding an inline classic
//     script that instruments the four timer functions, then the snippet itself: `<script src>` for *.js
//     (a classic script), `<script type=module src>` for *.mjs (a module script, so top-level await works);
//   * each worker keeps one page and navigates it to about:blank, then to the snippet's page (a fresh
//     document and global per snippet); a raw CDP session (Runtime domain) receives console calls and
//     exceptions in the order Chromium emits them;
//   * the snippet is done when no timer or interval is pending and nothing was printed for QUIET_MS;
//     a snippet still running after LIMIT_MS is an error.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const QUIET_MS = 300;
const LIMIT_MS = 8000;
const POLL_MS = 20;
const NODE_LIMIT_MS = 15000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// ---------------------------------------------------------------------------------------------- options
const opts = { check: false, dryRun: false, repeat: 1, jobs: 2, node: true, diff: false,
  chromium: process.env.CHROMIUM || '/usr/bin/chromium', names: [] };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') opts.check = true;
    else if (a === '--dry-run') opts.dryRun = true;
    else if (a === '--repeat') opts.repeat = Math.max(1, parseInt(argv[++i], 10) || 1);
    else if (a === '--jobs') opts.jobs = Math.max(1, parseInt(argv[++i], 10) || 1);
    else if (a === '--no-node') opts.node = false;
    else if (a === '--diff') opts.diff = true;
    else if (a === '--chromium') opts.chromium = argv[++i];
    else if (a === '-h' || a === '--help') {
      const src = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
      console.log(src.slice(1, src.findIndex(l => l.startsWith('// How'))).map(l => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else if (a.startsWith('--')) { console.error(`unknown option ${a}`); process.exit(2); }
    else opts.names.push(a);
  }
}

// ---------------------------------------------------------------------------------------------- snippets
function listSnippets() {
  const files = fs.readdirSync(HERE).filter(f => /\.(m?js)$/.test(f) && f !== 'record.mjs').sort();
  const stems = new Map();
  for (const f of files) {
    const stem = f.replace(/\.m?js$/, '');
    if (stems.has(stem)) throw new Error(`two snippets share the stem ${stem}: ${stems.get(stem)} and ${f}`);
    stems.set(stem, f);
  }
  if (!opts.names.length) return files;
  return opts.names.map(n => {
    const base = path.basename(n);
    const f = files.includes(base) ? base : stems.get(base.replace(/\.(m?js|stdout|stderr)$/, ''));
    if (!f) throw new Error(`no snippet named ${n}`);
    return f;
  });
}
const stemOf = f => f.replace(/\.m?js$/, '');
const isModule = f => f.endsWith('.mjs');

// ---------------------------------------------------------------------------------------------- page
// Instrumentation, run as an inline classic script before the snippet. It wraps the four timer functions
// only to count pending timers; the wrapper passes the delay and extra arguments through untouched (so
// coercion, the nesting clamp and ids are Chromium's own) and adds no promise or microtask of its own.
const INSTRUMENT = `(() => {
  const w = window, st = w.setTimeout, si = w.setInterval, ct = w.clearTimeout, ci = w.clearInterval;
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
  Object.defineProperty(w, '__tickscopeRecorderPending', { value: () => pending.size });
})();`;

function pageHtml(file) {
  const tag = isModule(file)
    ? `<script type="module" src="/src/${encodeURIComponent(file)}"></script>`
    : `<script src="/src/${encodeURIComponent(file)}"></script>`;
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${stemOf(file)}</title>\n` +
    `<script>${INSTRUMENT}</script>\n${tag}\n</head><body></body></html>\n`;
}

function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (code, type, body) => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const m = /^\/(page|src)\/([^/]+)$/.exec(url.pathname);
    if (!m) return send(404, 'text/plain', 'not found');
    const file = decodeURIComponent(m[2]);
    if (!/^[\w.-]+\.m?js$/.test(file) || !fs.existsSync(path.join(HERE, file))) return send(404, 'text/plain', 'no snippet');
    if (m[1] === 'page') return send(200, 'text/html; charset=utf-8', pageHtml(file));
    return send(200, 'text/javascript; charset=utf-8', fs.readFileSync(path.join(HERE, file)));
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------------------------------------- formatting
// Console arguments are limited to primitives (README: "Output conventions"); anything else is an error in
// the snippet, because Chromium's preview text and Node's util.inspect differ for objects.
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
// One page per worker, reused: each snippet is a fresh navigation (a new document and global object), with
// about:blank in between so nothing of the previous snippet can still run. One raw CDP session per page.
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
        throw new Error(`format specifier in ${JSON.stringify(e.args[0].value)}; Chromium and Node format these differently`);
      const line = args.join(' ');
      if (STDOUT_TYPES.has(e.type)) out.stdout.push(line);
      else if (STDERR_TYPES.has(e.type)) out.stderr.push(line);
      else throw new Error(`console.${e.type} is outside the corpus conventions`);
    } catch (err) { out.problems.push(err.message); }
  });
  cdp.on('Runtime.exceptionThrown', e => {
    const out = w.out;
    if (!out) return;
    w.lastEvent = Date.now();
    const d = e.exceptionDetails;
    // d.text is "Uncaught" or "Uncaught (in promise)"; the thrown value's description's first line
    // follows ("Error: boom"); stack lines are never recorded.
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

async function recordOne(w, port, file) {
  await w.page.goto('about:blank');
  const out = { stdout: [], stderr: [], notes: [], problems: [] };
  w.out = out;
  w.lastEvent = Date.now();
  const started = Date.now();
  try {
    const resp = await w.page.goto(`http://127.0.0.1:${port}/page/${encodeURIComponent(file)}`, { waitUntil: 'load' });
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

// ---------------------------------------------------------------------------------------------- node
// Each snippet is copied to a temporary folder (*.js as *.cjs, since this repository's package.json says
// "type": "module" and a snippet is a classic script) and run twice:
//   plain: `node FILE`, Node's own behaviour (it exits on an uncaught error or unhandled rejection);
//   shim:  `node --no-warnings --require shim.cjs FILE`, where the shim prints uncaught errors and
//          unhandled rejections to stderr in Chromium's words and keeps running, so stderr compares too.
const NODE_SHIM = `
const first = v => (v instanceof Error || (v && typeof v === 'object' && typeof v.stack === 'string'))
  ? String(v.stack).split('\\n')[0] : String(v);
process.on('uncaughtException', e => { process.stderr.write('Uncaught ' + first(e) + '\\n'); });
process.on('unhandledRejection', r => { process.stderr.write('Uncaught (in promise) ' + first(r) + '\\n'); });
`;
let nodeDir;
function nodeTmp() {
  if (!nodeDir) {
    nodeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickscope-corpus-'));
    fs.writeFileSync(path.join(nodeDir, 'shim.cjs'), NODE_SHIM);
    fs.writeFileSync(path.join(nodeDir, 'package.json'), '{"type":"commonjs"}\n');
  }
  return nodeDir;
}
function runNode(file, shim) {
  const dir = nodeTmp();
  const target = path.join(dir, isModule(file) ? file : file.replace(/\.js$/, '.cjs'));
  fs.copyFileSync(path.join(HERE, file), target);
  const args = shim ? ['--no-warnings', '--require', path.join(dir, 'shim.cjs'), target] : [target];
  return new Promise(resolve => {
    const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let so = '', se = '';
    child.stdout.on('data', d => { so += d; });
    child.stderr.on('data', d => { se += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), NODE_LIMIT_MS);
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code, stdout: lines(so), stderr: lines(se).filter(l => !/^\s+at /.test(l)) });
    });
  });
}

// ---------------------------------------------------------------------------------------------- files
const lines = s => { const a = s.replace(/\r\n/g, '\n').split('\n'); if (a[a.length - 1] === '') a.pop(); return a; };
const text = a => a.length ? a.join('\n') + '\n' : '';
const readExpected = (stem, ext) => { const p = path.join(HERE, `${stem}.${ext}`); return fs.existsSync(p) ? lines(fs.readFileSync(p, 'utf8')) : null; };
const same = (a, b) => a && b && a.length === b.length && a.every((x, i) => x === b[i]);
function showDiff(label, want, got) {
  console.log(`    ${label}:`);
  const n = Math.max(want.length, got.length);
  for (let i = 0; i < n; i++) {
    const mark = want[i] === got[i] ? ' ' : '!';
    console.log(`     ${mark} ${String(want[i] ?? '<none>').padEnd(44)} | ${got[i] ?? '<none>'}`);
  }
}

// ---------------------------------------------------------------------------------------------- main
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
  const files = listSnippets();
  const { chromium } = await import(pathToFileURL(path.join(ROOT, 'node_modules', 'playwright-core', 'index.mjs')).href);
  const browser = await chromium.launch({ executablePath: opts.chromium, args: CHROMIUM_ARGS });
  const server = await startServer();
  const port = server.address().port;
  let failed = 0;
  const report = [];
  try {
    console.log(`Chromium ${browser.version()}, Node ${process.version}, ${files.length} snippet(s)`);
    const workers = [];
    const recorded = await pool(files, opts.jobs, async (file, i, slot) => {
      workers[slot] ??= await openWorker(browser);
      const runs = [];
      for (let k = 0; k < opts.repeat; k++) runs.push(await recordOne(workers[slot], port, file));
      return runs;
    });
    await Promise.all(workers.map(w => w.context.close().catch(() => {})));
    const nodeRuns = opts.node ? await pool(files, opts.jobs,
      async file => ({ plain: await runNode(file, false), shim: await runNode(file, true) })) : [];

    files.forEach((file, i) => {
      const stem = stemOf(file);
      const runs = recorded[i];
      const rec = runs[0];
      const problems = [...new Set(runs.flatMap(r => r.problems))];
      const unstable = runs.some(r => !same(r.stdout, rec.stdout) || !same(r.stderr, rec.stderr));
      let status = 'ok';
      if (problems.length) status = 'ERROR';
      else if (unstable) status = 'UNSTABLE';
      else if (opts.check) {
        const okOut = same(readExpected(stem, 'stdout') || [], rec.stdout) && readExpected(stem, 'stdout');
        const okErr = same(readExpected(stem, 'stderr') || [], rec.stderr) && readExpected(stem, 'stderr');
        status = okOut && okErr ? 'same' : 'CHANGED';
      }
      if (status !== 'ok' && status !== 'same') failed++;
      const ms = runs.map(r => r.ms).join('/');
      console.log(`${status.padEnd(8)} ${file.padEnd(48)} ${ms} ms${rec.notes.length ? '  [' + [...new Set(rec.notes)].join('; ') + ']' : ''}`);
      for (const p of problems) console.log(`    ${p}`);
      if (unstable) runs.forEach((r, k) => console.log(`    run ${k + 1}: ${JSON.stringify(r.stdout)} ${JSON.stringify(r.stderr)}`));
      if (status === 'CHANGED') {
        showDiff('stdout (expected | now)', readExpected(stem, 'stdout') || [], rec.stdout);
        showDiff('stderr (expected | now)', readExpected(stem, 'stderr') || [], rec.stderr);
      }
      if (opts.dryRun) {
        for (const l of rec.stdout) console.log(`    out| ${l}`);
        for (const l of rec.stderr) console.log(`    err| ${l}`);
      }
      if (status === 'ok' && !opts.check && !opts.dryRun) {
        fs.writeFileSync(path.join(HERE, `${stem}.stdout`), text(rec.stdout));
        fs.writeFileSync(path.join(HERE, `${stem}.stderr`), text(rec.stderr));
      }
      if (opts.node) {
        const { plain, shim } = nodeRuns[i];
        const eq = (a, b) => same(a, b) || (!a.length && !b.length);
        const r = {
          file, plain, shim, rec,
          plainStdout: eq(plain.stdout, rec.stdout),
          plainStderr: eq(plain.stderr, rec.stderr),
          plainExit: plain.code,
          shimStdout: eq(shim.stdout, rec.stdout),
          shimStderr: eq(shim.stderr, rec.stderr),
        };
        report.push(r);
      }
    });

    if (opts.node) {
      const differs = report.filter(r => !r.plainStdout || !r.plainStderr || r.plainExit !== 0 || !r.shimStdout || !r.shimStderr);
      console.log(`\nNode ${process.version} against Chromium: ${report.length - differs.length} of ${report.length} identical ` +
        '(plain `node FILE`: same stdout and stderr, exit code 0; with the shim: same stdout and stderr)');
      for (const r of differs) {
        const what = [];
        if (!r.plainStdout) what.push('stdout');
        if (!r.plainStderr) what.push('stderr');
        if (r.plainExit !== 0) what.push(`exit ${r.plainExit}`);
        if (!r.shimStdout) what.push('shim stdout');
        if (!r.shimStderr) what.push('shim stderr');
        console.log(`  ${r.file.padEnd(48)} ${what.join(', ')}`);
        if (opts.diff) {
          if (!r.plainStdout) showDiff('stdout (chromium | node)', r.rec.stdout, r.plain.stdout);
          if (!r.plainStderr) showDiff('stderr (chromium | node)', r.rec.stderr, r.plain.stderr);
          if (!r.shimStdout && (r.plainStdout || !same(r.shim.stdout, r.plain.stdout))) showDiff('stdout (chromium | node+shim)', r.rec.stdout, r.shim.stdout);
          if (!r.shimStderr) showDiff('stderr (chromium | node+shim)', r.rec.stderr, r.shim.stderr);
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
    if (nodeDir) fs.rmSync(nodeDir, { recursive: true, force: true });
  }
  console.log(`\n${files.length} snippet(s), ${failed} problem(s), ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(failed ? 1 : 0);
}

main().catch(err => { console.error(err); process.exit(2); });
