// worker: where each priority falls against a zero-delay timer and a posted message queued before it
const log = (s) => console.log(s);
const { port1, port2 } = new MessageChannel();
port2.onmessage = (e) => log('message ' + e.data);
setTimeout(() => log('timeout'), 0);
port1.postMessage('first');
scheduler.postTask(() => log('background'), { priority: 'background' });
scheduler.postTask(() => log('user-visible'));
scheduler.postTask(() => log('user-blocking'), { priority: 'user-blocking' });
port1.postMessage('second');
log('script end');
