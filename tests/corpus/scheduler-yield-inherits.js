// worker: a yield inside a background task continues at background priority: after user-visible work
const log = (s) => console.log(s);
scheduler.postTask(async () => {
  log('background part 1');
  scheduler.postTask(() => log('visible posted by part 1'));
  scheduler.postTask(() => log('background posted by part 1'), { priority: 'background' });
  await scheduler.yield();
  log('background part 2');
}, { priority: 'background' });
