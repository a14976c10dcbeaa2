// background tasks still run before an idle callback requested ahead of them
const log = (s) => console.log(s);
requestIdleCallback(() => log('idle callback'));
scheduler.postTask(() => log('background 1'), { priority: 'background' });
scheduler.postTask(() => {
  log('background 2');
  scheduler.postTask(() => log('background 3, posted by 2'), { priority: 'background' });
}, { priority: 'background' });
log('script end');
