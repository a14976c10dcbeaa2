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
//   * the lesson is done when no timer or interval is pending and nothing was printed for QUIET_MS (300 ms); a
//     lesson still running after LIMIT_MS (8 s) is an error.
// Console arguments must be strings, numbers, booleans, null/undefined or bigints, with no `%` format
// specifiers, so no expected line depends on how Chromium previews objects.
// The launch, the page, the CDP capture and the recording workers are in tests/support/chromium.mjs (shared
// with tests/corpus/record.mjs and the page tests); this file reads the lessons, serves them and writes them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, launchChromium, recordEach, startSnippetServer } from '../tests/support/chromium.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// How a lesson's problems word the lessons' console conventions (README.md, "Output rules").
const RULES = { conventions: 'lesson conventions', specifiers: 'Chromium and tickscope may format it differently' };

// ---------------------------------------------------------------------------------------------- options
const opts = { check: false, dryRun: false, repeat: 1, jobs: 2,
  chromium: CHROMIUM, names: [] };
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
// /page/STEM: the lesson's page (tests/support/chromium.mjs, snippetPage); /src/STEM.js: its `js run` block.
function snippetFinder(byStem) {
  return (name) => {
    const lesson = byStem.get(name.replace(/\.js$/, ''));
    return lesson && {
      title: lesson.stem, src: `/src/${encodeURIComponent(lesson.stem)}.js`, module: lesson.module,
      code: () => lesson.code,
    };
  };
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

async function main() {
  const t0 = Date.now();
  const lessons = listLessons();
  const browser = await launchChromium(opts.chromium);
  const server = await startSnippetServer(snippetFinder(new Map(lessons.map(l => [l.stem, l]))));
  const port = server.address().port;
  let failed = 0;
  try {
    console.log(`Chromium ${browser.version()}, ${lessons.length} lesson(s)`);
    const pageUrl = lesson => `http://127.0.0.1:${port}/page/${encodeURIComponent(lesson.stem)}`;
    const recorded = await recordEach(browser, lessons, pageUrl, { jobs: opts.jobs, repeat: opts.repeat, rules: RULES });

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
