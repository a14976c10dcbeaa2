// each frame callback is followed by a microtask checkpoint, before the next callback
requestAnimationFrame(() => {
  console.log('A');
  Promise.resolve().then(() => console.log('A promise'));
  queueMicrotask(() => {
    console.log('A queueMicrotask');
    queueMicrotask(() => console.log('A nested microtask'));
  });
});
requestAnimationFrame(() => {
  console.log('B');
  Promise.resolve().then(() => console.log('B promise'));
});
