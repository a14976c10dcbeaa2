// worker: a continuation runs ahead of tasks of its own priority, behind any task of a higher one
const log = (s) => console.log(s);
scheduler.postTask(async () => {
  log('blocking task');
  scheduler.postTask(() => log('second blocking task'), { priority: 'user-blocking' });
  await scheduler.yield();
  log('blocking continuation');
}, { priority: 'user-blocking' });
scheduler.postTask(async () => {
  log('visible task');
  scheduler.postTask(() => log('blocking task posted by the visible one'), { priority: 'user-blocking' });
  scheduler.postTask(() => log('visible task posted by the visible one'));
  await scheduler.yield();
  log('visible continuation');
});
