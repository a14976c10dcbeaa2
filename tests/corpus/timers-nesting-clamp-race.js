// A chain of 30 nested setTimeout(0) racing a setTimeout(..., 40) created at the start.
// Without a clamp the chain would finish in a few ms; with it (4 ms from the 7th timer on) it takes ~100 ms.
const start = performance.now();
let depth = 0;
let depthAtRace = -1;
function link() {
  depth++;
  if (depth === 6) console.log('six unclamped links before the race timer:', depthAtRace === -1);
  if (depth < 30) setTimeout(link, 0);
  else {
    console.log('chain done after race timer:', depthAtRace !== -1);
    console.log('chain took at least 80 ms:', performance.now() - start >= 80);
  }
}
setTimeout(link, 0);
setTimeout(() => {
  depthAtRace = depth;
  console.log('race timer: depth between 6 and 15:', depth >= 6 && depth <= 15);
}, 40);
