// Compares this checkout's command-line runner with an earlier commit's, in the same run:
//
//   node benches/against.mjs <commit> [--rounds N]
//
// Both are release builds (`cargo build --release --bin tickscope`): this checkout's into target/,
// the commit's from a detached worktree at target/bench-base/src into target/bench-base/target
// (built once per commit; a second run against the same commit only rebuilds this checkout).
// Each sample is one fresh process, `tickscope run --clock virtual <script>`, timed from spawn to
// exit; its output is checked against the answer the script computes. Every round runs every
// workload on both builds in an order that alternates from round to round, and the table gives
// the median per build and the ratio this/base (the machine is shared and noisy: only ratios
// measured in one run mean anything).
//
// Workloads: `start` is an empty script, so its time is the process, the runtime's start and its
// globals (sampled 20 times per round, the median kept); the others are the 1e5-microtask
// workloads of benches/event_loop.rs and its 1e4 zero-delay timers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const GOAL = 1.05;

const WORKLOADS = [
  { name: 'start (empty script)', code: '', expect: '', repeat: 20 },
  {
    name: '1e5 .then links',
    code: 'let p = Promise.resolve(0); for (let i = 0; i < 1e5; i++) p = p.then((v) => v + 1); p.then((v) => console.log(v));',
    expect: '100000',
    repeat: 1,
  },
  {
    name: '1e5 awaits',
    code: 'async function count() { let sum = 0; for (let i = 0; i < 1e5; i++) sum += await 1; return sum; } count().then((sum) => console.log(sum));',
    expect: '100000',
    repeat: 1,
  },
  {
    name: '1e4 setTimeout(0)',
    code: 'let n = 0; for (let i = 0; i < 1e4; i++) setTimeout(() => { if (++n === 1e4) console.log(n); }, 0);',
    expect: '10000',
    repeat: 1,
  },
];

function usage(problem) {
  console.error(`${problem}\nusage: node benches/against.mjs <commit> [--rounds N]`);
  process.exit(2);
}

function parseArgs(argv) {
  let base = null;
  let rounds = 7;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') {
      rounds = Number(argv[++i]);
      if (!Number.isInteger(rounds) || rounds < 1) usage('--rounds takes a whole number from 1');
    } else if (base === null) {
      base = argv[i];
    } else {
      usage(`unexpected argument '${argv[i]}'`);
    }
  }
  if (base === null) usage('which commit to compare against?');
  return { base, rounds };
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
  return result;
}

function git(...args) {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** The base commit's release runner, built in a worktree of its own. */
function buildBase(rev) {
  const commit = git('rev-parse', '--verify', `${rev}^{commit}`);
  const dir = join(ROOT, 'target', 'bench-base');
  const src = join(dir, 'src');
  if (!existsSync(src)) {
    mkdirSync(dir, { recursive: true });
    git('worktree', 'add', '--detach', src, commit);
  } else {
    run('git', ['-C', src, 'checkout', '--quiet', '--detach', commit]);
  }
  console.error(`against.mjs: building ${commit.slice(0, 10)} (release) in ${src}`);
  run('cargo', ['build', '--release', '--quiet', '--bin', 'tickscope'], {
    cwd: src,
    env: { ...process.env, CARGO_TARGET_DIR: join(dir, 'target') },
  });
  return { label: commit.slice(0, 10), bin: join(dir, 'target', 'release', 'tickscope') };
}

function buildHead() {
  console.error('against.mjs: building this checkout (release)');
  run('cargo', ['build', '--release', '--quiet', '--bin', 'tickscope'], { cwd: ROOT });
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  return { label: `${git('rev-parse', '--short=10', 'HEAD')}${dirty ? '+' : ''}`, bin: join(ROOT, 'target', 'release', 'tickscope') };
}

/** Milliseconds for one run of `file` by `bin`, after checking its output. */
function sample(bin, file, expect) {
  const started = process.hrtime.bigint();
  const result = spawnSync(bin, ['run', '--clock', 'virtual', file], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 || result.stdout.trim() !== expect) {
    throw new Error(`${bin} ${file}: exit ${result.status}, printed ${JSON.stringify(result.stdout.slice(0, 200))}, expected ${JSON.stringify(expect)}\n${result.stderr}`);
  }
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function main() {
  const { base: rev, rounds } = parseArgs(process.argv.slice(2));
  const base = buildBase(rev);
  const head = buildHead();
  const scripts = mkdtempSync(join(tmpdir(), 'tickscope-bench-'));
  const workloads = WORKLOADS.map((workload, i) => {
    const file = join(scripts, `w${i}.js`);
    writeFileSync(file, workload.code);
    return { ...workload, file, times: { base: [], head: [] } };
  });
  const builds = { base, head };
  // One warm-up round (page cache, CPU frequency), not counted.
  for (let round = -1; round < rounds; round++) {
    const order = round % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
    for (const workload of workloads) {
      for (const which of order) {
        const runs = Array.from({ length: workload.repeat }, () => sample(builds[which].bin, workload.file, workload.expect));
        if (round >= 0) workload.times[which].push(median(runs));
      }
    }
    if (round >= 0) console.error(`against.mjs: round ${round + 1}/${rounds} done`);
  }
  console.log(`\`node benches/against.mjs ${rev} --rounds ${rounds}\`: median ms of ${rounds} interleaved rounds, one process per sample\n`);
  console.log(`| workload | base ${base.label} ms | this ${head.label} ms | this/base | goal ≤ ${GOAL} |`);
  console.log('|---|---:|---:|---:|---|');
  for (const workload of workloads) {
    const b = median(workload.times.base);
    const h = median(workload.times.head);
    const ratio = h / b;
    console.log(`| ${workload.name} | ${b.toFixed(1)} | ${h.toFixed(1)} | ${ratio.toFixed(3)} | ${ratio <= GOAL ? 'PASS' : 'MISS'} |`);
  }
}

main();
