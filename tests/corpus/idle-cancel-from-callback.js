// an idle callback can cancel one that waits behind it
let later;
requestIdleCallback(() => {
  console.log('A cancels C');
  cancelIdleCallback(later);
});
requestIdleCallback(() => console.log('B'));
later = requestIdleCallback(() => console.log('C (cancelled)'));
requestIdleCallback(() => console.log('D'));
