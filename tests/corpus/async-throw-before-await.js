// An async function that throws (before or after an await) returns a rejected promise; it never throws to the caller.
async function early() { throw new Error('early'); }
async function late() { await null; throw new Error('late'); }
let p;
try {
  p = early();
  console.log('no synchronous throw');
} catch (e) {
  console.log('never');
}
p.catch(e => console.log('early caught:', e.message));
late().catch(e => console.log('late caught:', e.message));
(async () => {
  try { await late(); } catch (e) { console.log('try/catch around await:', e.message); }
})();
