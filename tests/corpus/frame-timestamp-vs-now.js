// the frame timestamp is a time on performance.now()'s scale, not later than the callback's now
const before = performance.now();
requestAnimationFrame((t) => {
  const now = performance.now();
  console.log('typeof:', typeof t);
  console.log('not after now:', t <= now);
  console.log('after the script started:', t >= before - 20);
});
