// worker: the scheduler's interfaces as WebIDL shapes them
console.log(typeof Scheduler, typeof TaskController, typeof TaskSignal, typeof TaskPriorityChangeEvent);
console.log(scheduler instanceof Scheduler, Scheduler.prototype.postTask.length, Scheduler.prototype.yield.length);
const c = new TaskController();
console.log(c instanceof AbortController, c.signal instanceof TaskSignal, c.signal instanceof AbortSignal);
console.log(c.signal.priority, String(c.signal.onprioritychange));
try { new Scheduler(); } catch (e) { console.log(e.name + ': ' + e.message); }
try { new TaskSignal(); } catch (e) { console.log(e.name + ': ' + e.message); }
const e = new TaskPriorityChangeEvent('prioritychange', { previousPriority: 'background' });
console.log(e.type, e.previousPriority);
try { new TaskPriorityChangeEvent('x'); } catch (err) { console.log(err.name + ': ' + err.message); }
console.log(Object.getOwnPropertyNames(Scheduler.prototype).sort().join());
console.log(Object.getOwnPropertyNames(TaskSignal).sort().join());
