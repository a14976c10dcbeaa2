// Due time = creation time + delay: a 20 ms timer created at ~20 ms beats an 80 ms timer created at 0.
setTimeout(() => console.log('80ms from start'), 80);
setTimeout(() => {
  console.log('20ms');
  setTimeout(() => console.log('created at 20 with 20ms'), 20);
  setTimeout(() => console.log('created at 20 with 100ms'), 100);
}, 20);
setTimeout(() => console.log('200ms from start'), 200);
