// worker: a delayed postTask waits its delay, then runs by its priority; delays far apart so order is fixed
const log = (s) => console.log(s);
scheduler.postTask(() => log('visible after 60'), { delay: 60 });
scheduler.postTask(() => log('blocking after 30'), { priority: 'user-blocking', delay: 30 });
scheduler.postTask(() => log('background after 0'), { priority: 'background', delay: 0 });
setTimeout(() => log('timeout 45'), 45);
scheduler.postTask(() => log('visible now'));
