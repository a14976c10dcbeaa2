// a callback registered from a frame callback's microtask also waits for the next frame
let first;
requestAnimationFrame((t) => {
  first = t;
  console.log('frame 1 A');
  Promise.resolve().then(() => {
    requestAnimationFrame((t2) => console.log('from microtask, next frame:', t2 > first));
  });
});
requestAnimationFrame((t) => console.log('frame 1 B, same frame:', t === first));
