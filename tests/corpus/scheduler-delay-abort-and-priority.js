// worker: a delayed task can be aborted while it waits, and takes its signal's priority when it is due
const log = (s) => console.log(s);
const c = new TaskController({ priority: 'background' });
const gone = new TaskController();
scheduler.postTask(() => log('aborted while waiting'), { delay: 20, signal: gone.signal })
  .catch((e) => log('rejected: ' + e.name));
scheduler.postTask(() => log('delayed, now user-blocking'), { delay: 30, signal: c.signal });
scheduler.postTask(() => log('visible, due at the same time'), { delay: 30 });
setTimeout(() => gone.abort(), 10);
setTimeout(() => c.setPriority('user-blocking'), 15);
