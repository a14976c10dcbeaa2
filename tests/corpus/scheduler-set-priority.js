// worker: setPriority moves a signal's queued tasks and fires prioritychange with the previous priority
const c = new TaskController({ priority: 'background' });
c.signal.addEventListener('prioritychange', (e) => {
  console.log('prioritychange', e.constructor.name, e.previousPriority, '->', c.signal.priority, e.target === c.signal);
});
scheduler.postTask(() => console.log('was background'), { signal: c.signal });
scheduler.postTask(() => console.log('user-visible'));
scheduler.postTask(() => console.log('user-blocking'), { priority: 'user-blocking' });
c.setPriority('user-blocking');
c.setPriority('user-blocking');
console.log('signal priority now', c.signal.priority);
