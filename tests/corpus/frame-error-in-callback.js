// an exception in a frame callback is reported and the frame's next callback still runs
requestAnimationFrame(() => {
  console.log('A throws');
  throw new Error('frame boom');
});
requestAnimationFrame(() => console.log('B still runs'));
