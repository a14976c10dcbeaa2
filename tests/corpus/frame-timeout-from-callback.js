// a zero-delay timer set in a frame callback runs after the frame's other callbacks, before the next frame
requestAnimationFrame(() => {
  console.log('frame 1 A');
  setTimeout(() => console.log('timer from frame 1'), 0);
  requestAnimationFrame(() => console.log('frame 2'));
});
requestAnimationFrame(() => console.log('frame 1 B'));
