// worker: TaskSignal.any follows its sources' abort and takes a fixed or followed priority
const c = new TaskController({ priority: 'background' });
const a = new AbortController();
const fixed = TaskSignal.any([a.signal], { priority: 'user-blocking' });
const followed = TaskSignal.any([a.signal], { priority: c.signal });
const plain = TaskSignal.any([a.signal]);
console.log(fixed.priority, followed.priority, plain.priority);
followed.onprioritychange = (e) => console.log('followed changed from', e.previousPriority, 'to', followed.priority);
c.setPriority('user-visible');
a.abort('gone');
console.log(fixed.aborted, followed.reason, plain.aborted);
