// worker: an explicit priority wins over the signal's, which still aborts the task
const log = (s) => console.log(s);
const c = new TaskController({ priority: 'background' });
scheduler.postTask(() => log('fixed user-blocking, signal background'), { priority: 'user-blocking', signal: c.signal });
scheduler.postTask(() => log('from the signal: background'), { signal: c.signal });
scheduler.postTask(() => log('user-visible'));
const d = new TaskController();
scheduler.postTask(() => log('never'), { priority: 'user-blocking', signal: d.signal })
  .catch((e) => log('aborted despite its priority: ' + e.message));
d.abort(new Error('stop'));
c.setPriority('user-blocking');
