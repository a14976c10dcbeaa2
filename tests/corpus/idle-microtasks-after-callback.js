// each idle callback is followed by a microtask checkpoint
requestIdleCallback(() => {
  console.log('idle A');
  Promise.resolve().then(() => console.log('A microtask'));
});
requestIdleCallback(() => console.log('idle B'));
