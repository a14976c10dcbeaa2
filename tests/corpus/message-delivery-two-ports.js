// worker: two channels deliver their messages independently, each one message per task in turn
const log = (s) => console.log(s);
const a = new MessageChannel();
const b = new MessageChannel();
a.port2.onmessage = (e) => log('a ' + e.data);
b.port2.onmessage = (e) => log('b ' + e.data);
a.port1.postMessage(1);
a.port1.postMessage(2);
b.port1.postMessage(1);
a.port1.postMessage(3);
b.port1.postMessage(2);
setTimeout(() => log('timeout'), 0);
