// worker: a yield in a task whose signal aborted rejects with the abort reason
const c = new TaskController();
scheduler.postTask(async () => {
  console.log('task starts');
  c.abort(new Error('stop'));
  try { await scheduler.yield(); console.log('continued'); } catch (e) { console.log('yield rejected:', e.message); }
}, { signal: c.signal });
