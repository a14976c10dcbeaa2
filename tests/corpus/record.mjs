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
//   * the snippet is done when no timer or interval is pending and nothing was printed for QUIET_MS (300 ms);
//     a snippet still running after LIMIT_MS (8 s) is an error.
// The launch, the page, the CDP capture and the recording workers are in tests/support/chromium.mjs (shared
// with lessons/record.mjs and the page tests); this file lists the snippets, serves them, runs Node and compares.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, launchChromium, pool, recordEach, startSnippetServer } from '../support/chromium.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const NODE_LIMIT_MS = 15000;
// How a snippet's problems word the corpus's console conventions (README.md, "Output conventions").
const RULES = { conventions: 'corpus conventions', specifiers: 'Chromium and Node format these differently' };

// ---------------------------------------------------------------------------------------------- options
const opts = { check: false, dryRun: false, repeat: 1, jobs: 2, node: true, diff: false,
  chromium: CHROMIUM, names: [] };
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
// /page/FILE: the snippet's page (tests/support/chromium.mjs, snippetPage); /src/FILE: the snippet itself;
// /worker/FILE: a worker snippet's worker script (workerScript).
// A snippet whose first line starts with `// worker:` runs in a dedicated worker (README.md, "Worker
// snippets"): /page/FILE then only starts /worker/FILE, which importScripts the snippet.
const WORKER_MARK = '// worker:';
const isWorker = file => !isModule(file) &&
  fs.readFileSync(path.join(HERE, file), 'utf8').split('\n', 1)[0].startsWith(WORKER_MARK);
function findSnippet(file) {
  if (!/^[\w.-]+\.m?js$/.test(file) || !fs.existsSync(path.join(HERE, file))) return null;
  const src = `/src/${encodeURIComponent(file)}`;
  return {
    title: stemOf(file), src, module: isModule(file),
    worker: isWorker(file) ? `/worker/${encodeURIComponent(file)}` : null,
    code: () => fs.readFileSync(path.join(HERE, file)),
  };
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
async function main() {
  const t0 = Date.now();
  const files = listSnippets();
  const browser = await launchChromium(opts.chromium);
  const server = await startSnippetServer(findSnippet);
  const port = server.address().port;
  let failed = 0;
  const report = [];
  try {
    console.log(`Chromium ${browser.version()}, Node ${process.version}, ${files.length} snippet(s)`);
    const pageUrl = file => `http://127.0.0.1:${port}/page/${encodeURIComponent(file)}`;
    const recorded = await recordEach(browser, files, pageUrl,
      { jobs: opts.jobs, repeat: opts.repeat, rules: RULES, workerOf: isWorker });
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
