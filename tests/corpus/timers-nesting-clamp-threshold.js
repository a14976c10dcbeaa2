// The nesting clamp: a timer created by a timer callback at nesting level > 5 with a delay < 4 ms gets 4 ms.
// At each level a 3 ms timer is created first, then a 0 ms timer. Unclamped, the 0 ms timer runs first;
// clamped, both are 4 ms and the 3 ms timer (created first) wins.
const first = [];
let level = 0;
function step() {
  level++;
  if (level > 9) {
    console.log('zero-delay timer first, per level:', first.join(' '));
    return;
  }
  const lv = level;
  let slowFired = false;
  setTimeout(() => { slowFired = true; }, 3);
  setTimeout(() => {
    first.push(lv + ':' + (slowFired ? 'no' : 'yes'));
    step();
  }, 0);
}
step();
