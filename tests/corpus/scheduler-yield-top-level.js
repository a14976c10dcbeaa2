// worker: scheduler.yield() from script continues as a user-visible continuation
const log = (s) => console.log(s);
setTimeout(() => log('timeout'), 0);
scheduler.postTask(() => log('blocking'), { priority: 'user-blocking' });
scheduler.postTask(() => log('visible'));
(async () => {
  await scheduler.yield();
  log('after yield');
})();
log('script end');
