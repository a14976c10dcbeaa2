// worker: a port can be transferred in a message and keeps its channel
const a = new MessageChannel();
const b = new MessageChannel();
a.port1.onmessage = (e) => {
  const port = e.ports[0];
  console.log('got port', e.ports.length, port instanceof MessagePort, port !== b.port2);
  port.onmessage = (m) => console.log('through transferred port', m.data);
  b.port1.postMessage('hi');
};
a.port2.postMessage('take this', [b.port2]);
try { a.port2.postMessage('self', [a.port2]); } catch (e) { console.log(e.name); }
