// worker: every postTask callback is its own task: microtasks it queues run before the next one
for (const name of ['a', 'b', 'c']) {
  scheduler.postTask(() => {
    console.log('task', name);
    queueMicrotask(() => console.log('microtask', name));
    Promise.resolve().then(() => console.log('then', name));
  });
}
