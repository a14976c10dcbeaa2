// worker: serialization reads properties in order and stops at the first error
const log = [];
const o = {
  get a() { log.push('a'); return 1; },
  get b() { log.push('b'); return () => {}; },
  get c() { log.push('c'); return 3; },
};
try { structuredClone(o); } catch (e) { console.log(e.name); }
console.log(log.join());
