// Measures how deep recursion goes in the built playground's worker (dist/), for each way of recursing
// that src/web/mod.rs ("Crashes, stack and recursion") tabulates:
//
//   node tests/page/measure-recursion.mjs [--warm] [KIND ...]    (KIND: map getter sort json replace plain)
//
// (after scripts/build; not part of scripts/test). For each kind it bisects the depth between a run that
// prints its depth and one that does not (a native stack overflow crashes the worker, and the page starts a
// fresh one), to within 50 levels, under the virtual clock. With --warm, each probe first runs the same
// recursion 100 levels deep 300 times, so that the browser has compiled the engine's hot code with its
// optimising tier, whose frames differ from the baseline tier's. It is not a test: the page test
// 'recursion in the worker' keeps a floor under these figures.
import { startEnvironment, openPlayground, runInPlayground } from './lib/playground.mjs';

const KINDS = {
  map: (n) => `let d = 0; function f() { if (++d < ${n}) [0].map(f); } f(); console.log('ok', d);`,
  getter: (n) => `let d = 0; const o = { get x() { return ++d < ${n} ? this.x : d; } }; console.log('ok', o.x);`,
  sort: (n) => `let d = 0; function f() { if (++d < ${n}) [2, 1].sort(f); return 0; } f(); console.log('ok', d);`,
  json: (n) => `let d = 0; function f(k, v) { if (k === 'a' && ++d < ${n}) JSON.stringify({ a: 1 }, f); return v; }
JSON.stringify({ a: 1 }, f); console.log('ok', d);`,
  replace: (n) => `let d = 0; function f() { if (++d < ${n}) 'a'.replace(/a/, f); return 'b'; } f(); console.log('ok', d);`,
  plain: (n) => `let d = 0; function f() { if (++d < ${n}) f(); } f(); console.log('ok', d);`,
};

const warm = process.argv.includes('--warm');
const wanted = process.argv.slice(2).filter((arg) => arg !== '--warm');
const kinds = wanted.length ? wanted : Object.keys(KINDS);
const env = await startEnvironment();
const { context, page } = await openPlayground(env);
try {
  for (const kind of kinds) {
    const make = KINDS[kind];
    if (!make) throw new Error(`unknown kind ${kind}: one of ${Object.keys(KINDS).join(', ')}`);
    let works = 100;
    let fails = kind === 'plain' ? 40_000 : 6_000;
    while (fails - works > 50) {
      const depth = Math.round((works + fails) / 2);
      if (warm) {
        const warmUp = `for (let round = 0; round < 300; round++) { ${make(100)} }`.replaceAll("console.log('ok', d);", '').replaceAll("console.log('ok', o.x);", 'o.x;');
        await runInPlayground(page, warmUp, 'virtual', 60_000);
      }
      const run = await runInPlayground(page, make(depth), 'virtual', 30_000).catch((error) => ({ state: error.message }));
      if (run.state === 'idle' && run.console?.at(-1) === `ok ${depth}`) works = depth;
      else fails = depth;
    }
    console.log(`${kind}${warm ? ' (warm)' : ''}: ${works} levels run, ${fails} do not`);
  }
} finally {
  await context.close();
  await env.close();
}
