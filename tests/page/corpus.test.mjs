// The differential corpus (tests/corpus/: each snippet with the output headless Chromium printed for it)
// through the playground page: the real page, its worker and the engine built for wasm, under the
// virtual clock for every snippet and under the real clock too for the snippets recorded in a dedicated
// worker (the browser event-loop APIs: events, abort, messages, the scheduler). The output is read from
// the run's trace (`tickscope.events()`): console entries of level log/info/debug are the snippet's
// stdout, the others and the uncaught errors and rejections its stderr, as the CLI prints them and as
// tests/corpus.rs compares them (stack lines left out).
//
//   node --test tests/page/corpus.test.mjs      (scripts/test runs it after scripts/build)
//
// A module snippet (*.mjs) runs as one: the page makes the editor's text a module when a line starts
// with `import` or `export`, so one without such a line gets `export {};` appended.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { join } from 'node:path';
import { ROOT, startEnvironment, openPlayground, runInPlayground } from './lib/playground.mjs';

const CORPUS = join(ROOT, 'tests', 'corpus');

let env;
before(async () => {
  env = await startEnvironment();
});
after(async () => {
  await env?.close();
});

/** Every snippet with its expected streams, and whether Chromium ran it in a dedicated worker. */
function snippets() {
  return fs.readdirSync(CORPUS)
    .filter((name) => /\.(m?js)$/.test(name) && name !== 'record.mjs')
    .sort()
    .map((name) => {
      const path = join(CORPUS, name);
      const base = path.replace(/\.m?js$/, '');
      let code = fs.readFileSync(path, 'utf8');
      if (name.endsWith('.mjs') && !/^(import|export)\b/m.test(code)) code += '\nexport {};\n';
      return {
        name,
        code,
        worker: code.startsWith('// worker:'),
        stdout: fs.readFileSync(`${base}.stdout`, 'utf8'),
        stderr: withoutStack(fs.readFileSync(`${base}.stderr`, 'utf8')),
      };
    });
}

/** The text without its indented `at …` stack lines, as tests/corpus.rs compares stderr. */
function withoutStack(text) {
  return text.split('\n').filter((line) => !(/^\s/.test(line) && line.trim().startsWith('at ')))
    .join('\n');
}

/** Runs `code` in the playground and returns its stdout and stderr, rebuilt from the trace. */
async function runSnippet(page, code, clock) {
  const summary = await runInPlayground(page, code, clock, 30_000);
  const events = await page.evaluate(() => window.tickscope.events());
  let stdout = '';
  let stderr = '';
  for (const event of events) {
    if (event.type === 'console') {
      const line = `${event.text}\n`;
      if (['log', 'info', 'debug'].includes(event.level)) stdout += line;
      else stderr += line;
    } else if (['uncaught_error', 'unhandled_rejection', 'runtime_limit'].includes(event.type)) {
      stderr += `${event.message}\n`;
      for (const line of event.stack ?? []) stderr += `    at ${line}\n`;
    }
  }
  return { state: summary.state, stdout, stderr: withoutStack(stderr) };
}

test('every corpus snippet prints in the page what Chromium printed (virtual clock; worker snippets under the real clock too)', async () => {
  const { context, page, problems } = await openPlayground(env);
  const failures = [];
  let runs = 0;
  try {
    const all = snippets();
    assert.ok(all.length >= 200, `only ${all.length} corpus snippets found in ${CORPUS}`);
    for (const snippet of all) {
      for (const clock of snippet.worker ? ['virtual', 'real'] : ['virtual']) {
        // Under the real clock timers race real time; as tests/corpus.rs does, two more tries.
        let result;
        for (let attempt = 0; attempt < (clock === 'real' ? 3 : 1); attempt++) {
          result = await runSnippet(page, snippet.code, clock);
          if (result.stdout === snippet.stdout && result.stderr === snippet.stderr) break;
        }
        runs += 1;
        const problemsOfRun = [];
        if (result.state !== 'idle') problemsOfRun.push(`run settled "${result.state}"`);
        if (result.stdout !== snippet.stdout) {
          problemsOfRun.push(`stdout differs\n--- Chromium\n${snippet.stdout}--- playground\n${result.stdout}`);
        }
        if (result.stderr !== snippet.stderr) {
          problemsOfRun.push(`stderr differs\n--- Chromium\n${snippet.stderr}--- playground\n${result.stderr}`);
        }
        if (problemsOfRun.length > 0) failures.push(`${snippet.name} [${clock}]: ${problemsOfRun.join('\n')}`);
      }
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(failures, [], `${failures.length} of ${runs} runs differ from Chromium`);
  assert.deepEqual(problems, []);
});
