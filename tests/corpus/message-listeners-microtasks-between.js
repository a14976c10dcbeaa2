// worker: microtasks queued by one message listener run before the next listener is called
const log = (s) => console.log(s);
const { port1, port2 } = new MessageChannel();
port2.addEventListener('message', () => {
  log('listener 1');
  Promise.resolve().then(() => log('microtask of listener 1'));
});
port2.addEventListener('message', () => {
  log('listener 2');
  queueMicrotask(() => log('microtask of listener 2'));
});
port2.onmessage = () => log('onmessage handler');
port1.postMessage('x');
