// worker: messages on one port arrive in the order posted, each in its own task
const ch = new MessageChannel();
ch.port1.onmessage = (e) => {
  console.log('got', e.data);
  queueMicrotask(() => console.log('microtask', e.data));
};
for (let i = 1; i <= 3; i++) ch.port2.postMessage(i);
