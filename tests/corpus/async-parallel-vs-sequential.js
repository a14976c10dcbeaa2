// Starting work before awaiting runs it in parallel; awaiting each call in turn runs it in sequence.
const task = (name, ms) => new Promise(r => setTimeout(() => { console.log('finished', name); r(name); }, ms));
async function sequential() {
  const a = await task('seq-a', 20);
  const b = await task('seq-b', 5);
  console.log('sequential result', a, b);
}
async function parallel() {
  const pa = task('par-a', 20);
  const pb = task('par-b', 5);
  console.log('parallel result', await pa, await pb);
}
sequential();
parallel();
