// worker: after scheduler.yield() a task continues ahead of tasks queued before it at the same priority
const log = (s) => console.log(s);
setTimeout(() => log('timeout'), 0);
scheduler.postTask(() => log('visible task'));
scheduler.postTask(async () => {
  log('long task part 1');
  scheduler.postTask(() => log('posted during part 1'));
  await scheduler.yield();
  log('long task part 2');
  await scheduler.yield();
  log('long task part 3');
}, { priority: 'user-visible' });
