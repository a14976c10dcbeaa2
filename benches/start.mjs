// The runtime's start alone, against an earlier commit's build, in the same run: many samples of an
// empty script, alternating the two builds, the medians and their ratio.
//
//   node benches/start.mjs [--samples N]       (default 300 per build)
//
// Run `node benches/against.mjs <commit>` first: it builds the commit's runner into
// target/bench-base/target and this checkout's into target/. A process start is a few
// milliseconds, so against.mjs's 20 samples per round move by ±10 % on a shared machine; this
// takes enough samples for the median to settle within about 1 %.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BUILDS = {
  base: join(ROOT, 'target', 'bench-base', 'target', 'release', 'tickscope'),
  this: join(ROOT, 'target', 'release', 'tickscope'),
};
const at = process.argv.indexOf('--samples');
const samples = at > 0 ? Math.max(1, Number.parseInt(process.argv[at + 1], 10) || 300) : 300;
for (const [name, path] of Object.entries(BUILDS)) {
  if (!existsSync(path)) {
    console.error(`start.mjs: no ${name} build at ${path}; run node benches/against.mjs <commit> first`);
    process.exit(2);
  }
}
const script = join(mkdtempSync(join(tmpdir(), 'tickscope-start-')), 'empty.js');
writeFileSync(script, '');
const times = { base: [], this: [] };
for (let i = 0; i < samples; i++) {
  for (const name of i % 2 ? ['base', 'this'] : ['this', 'base']) {
    const started = process.hrtime.bigint();
    const run = spawnSync(BUILDS[name], ['run', '--clock', 'virtual', script]);
    if (run.status !== 0) {
      console.error(`start.mjs: the ${name} build failed: ${run.stderr}`);
      process.exit(1);
    }
    times[name].push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}
const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
const base = median(times.base);
const now = median(times.this);
console.log(`start (empty script), median of ${samples} alternating samples: base ${base.toFixed(2)} ms, `
  + `this ${now.toFixed(2)} ms, this/base ${(now / base).toFixed(3)}`);
