// worker: aborting a signal while its task runs rejects the task's promise, even though the callback returns
const log = (s) => console.log(s);
const c = new TaskController();
scheduler.postTask(() => {
  log('running');
  c.abort('aborted mid-task');
  log('still running, signal aborted: ' + c.signal.aborted);
  return 'returned value';
}, { signal: c.signal }).then((v) => log('resolved ' + v), (e) => log('rejected ' + e));
const d = new TaskController();
scheduler.postTask(() => 'done', { signal: d.signal }).then((v) => {
  log('resolved ' + v);
  d.abort('too late');
  log('aborting afterwards changes nothing');
});
