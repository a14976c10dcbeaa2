// a callback registered during a frame waits for the next frame, after the rest of this one
let first;
requestAnimationFrame((t) => {
  first = t;
  console.log('frame 1, callback A');
  requestAnimationFrame((t2) => {
    console.log('frame 2, registered by A');
    console.log('later timestamp:', t2 > first);
  });
});
requestAnimationFrame((t) => console.log('frame 1, callback B, same timestamp:', t === first));
