// worker: aborting a TaskController rejects its pending tasks with the reason; an aborted signal rejects at once
const c = new TaskController();
scheduler.postTask(() => console.log('never runs'), { signal: c.signal })
  .catch((e) => console.log('rejected:', e.name, e.message));
scheduler.postTask(() => console.log('other task runs'));
c.abort();
const a = new AbortController();
a.abort('custom');
scheduler.postTask(() => console.log('never either'), { signal: a.signal })
  .catch((e) => console.log('already aborted:', e));
console.log('aborted?', c.signal.aborted, c.signal.priority);
