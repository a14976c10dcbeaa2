// worker: functions, symbols, promises, weak maps and events are DataCloneError DOMExceptions
const bad = [() => 1, Symbol('s'), Promise.resolve(), new WeakMap(), new Event('x'), { nested: () => 2 }];
for (const v of bad) {
  try { structuredClone(v); console.log('cloned?'); } catch (e) { console.log(e.name, e.code, e instanceof DOMException); }
}
try { structuredClone(); } catch (e) { console.log(e.name); }
