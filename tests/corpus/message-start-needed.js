// worker: addEventListener does not start the port; start() does, and the queued messages come then
const ch = new MessageChannel();
ch.port1.addEventListener('message', (e) => console.log('listener', e.data));
ch.port2.postMessage('queued');
setTimeout(() => {
  console.log('starting');
  ch.port1.start();
}, 20);
