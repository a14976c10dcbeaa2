// an idle callback registered during an idle period runs in a later one, after those already waiting
requestIdleCallback(() => {
  console.log('idle 1');
  requestIdleCallback(() => console.log('idle 3, registered by idle 1'));
});
requestIdleCallback(() => console.log('idle 2'));
