// worker: prioritychange reaches signals that follow a TaskSignal's priority, source first
const log = (s) => console.log(s);
const c = new TaskController();
const follower = TaskSignal.any([], { priority: c.signal });
const followerOfFollower = TaskSignal.any([follower], { priority: follower });
c.signal.onprioritychange = (e) => log('source: ' + e.previousPriority + ' -> ' + c.signal.priority);
follower.addEventListener('prioritychange', (e) => log('follower: ' + e.previousPriority + ' -> ' + follower.priority));
followerOfFollower.addEventListener('prioritychange', (e) => log('second follower: ' + e.previousPriority + ' -> ' + followerOfFollower.priority));
c.setPriority('background');
log('after setPriority: ' + [c.signal.priority, follower.priority, followerOfFollower.priority].join(' '));
scheduler.postTask(() => log('task on the follower'), { signal: follower });
scheduler.postTask(() => log('visible task'));
