// worker: a port's next message is queued as a task only once the one before it has been dispatched
const log = (s) => console.log(s);
const { port1, port2 } = new MessageChannel();
port2.onmessage = (e) => log('message ' + e.data);
port1.postMessage(1);
port1.postMessage(2);
scheduler.postTask(() => log('task A'));
port1.postMessage(3);
scheduler.postTask(() => log('task B'));
setTimeout(() => log('timeout'), 0);
