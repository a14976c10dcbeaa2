// an exception in an idle callback is reported and the next idle callback still runs
requestIdleCallback(() => {
  console.log('A throws');
  throw new TypeError('idle boom');
});
requestIdleCallback(() => console.log('B still runs'));
