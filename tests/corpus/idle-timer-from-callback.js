// a zero-delay timer set by an idle callback runs before the next idle callback
requestIdleCallback(() => {
  console.log('idle A');
  setTimeout(() => console.log('timer from A'), 0);
});
requestIdleCallback(() => console.log('idle B'));
