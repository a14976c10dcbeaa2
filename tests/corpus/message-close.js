// worker: a closed port sends nothing; posting to a closed channel does not throw
const ch = new MessageChannel();
ch.port1.onmessage = (e) => console.log('got', e.data);
ch.port2.postMessage('before close');
setTimeout(() => {
  ch.port2.close();
  ch.port2.postMessage('after close');
  console.log('posted after close');
}, 20);
setTimeout(() => console.log('end'), 50);
