// Records the expected console output of every case in cases.mjs, using Node's own formatting.
//
//   node tests/console_corpus/record.mjs
//
// For each case, the code `(${fn})()` is evaluated with vm.runInThisContext and the resulting
// argument list is formatted with `util.format(...args)` (exactly what `console.log` prints, minus
// the trailing newline: console.log calls util.formatWithOptions with no options when stdout has no
// colours), or with `util.inspect(args[0], options)` for cases that carry `{ inspect: options }`.
// The results go to expected.json next to this file, which the Rust test compares against.
//
// Error stacks differ between engines. The comparison therefore ignores stack frames: every line
// that starts with whitespace followed by `at ` is removed from both the expected and the actual
// text before comparing (and so is Node's `    ... N lines matching cause stack trace ...`
// marker). Everything else must match byte for byte. To keep expected.json free of machine paths,
// Error.stackTraceLimit is set to 1 here: each recorded stack keeps one frame, located in `case.js`.
//
// Record with Node 20 (the version the corpus was made with); other majors format a few things
// differently.

import { readFileSync, writeFileSync } from 'node:fs';
import { format, inspect } from 'node:util';
import { runInThisContext } from 'node:vm';

import cases from './cases.mjs';

Error.stackTraceLimit = 1;

const out = [];
const names = new Set();
for (const [name, fn, options] of cases) {
  if (names.has(name)) throw new Error(`duplicate case name: ${name}`);
  names.add(name);
  const code = `(${fn.toString()})()`;
  const args = runInThisContext(code, { filename: 'case.js' });
  if (!Array.isArray(args)) throw new Error(`case ${name} did not return an argument list`);
  const entry = { name, code };
  if (options && options.inspect) {
    entry.inspect = options.inspect;
    entry.expected = inspect(args[0], options.inspect);
  } else {
    entry.expected = format(...args);
  }
  out.push(entry);
}

const target = new URL('./expected.json', import.meta.url);
const text = `${JSON.stringify({ node: process.version, cases: out }, null, 2)}\n`;
let previous = '';
try { previous = readFileSync(target, 'utf8'); } catch { /* first run */ }
writeFileSync(target, text);
console.log(`${out.length} cases written to ${target.pathname}${previous === text ? ' (unchanged)' : ''}`);
