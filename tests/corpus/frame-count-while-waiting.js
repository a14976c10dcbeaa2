// frames keep coming while callbacks are registered: a frame loop counts several during 200 ms
let frames = 0;
let running = true;
function tick() {
  frames++;
  if (running) requestAnimationFrame(tick);
}
requestAnimationFrame(tick);
setTimeout(() => {
  running = false;
  console.log('at least 5 frames:', frames >= 5);
  console.log('at most 14 frames:', frames <= 14);
}, 200);
