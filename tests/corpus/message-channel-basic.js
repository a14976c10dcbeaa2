// worker: a MessageChannel message arrives as a MessageEvent in a task of its own, after the microtasks
const { port1, port2 } = new MessageChannel();
port1.onmessage = (e) => {
  console.log('message', e.data, e.type, e instanceof MessageEvent, e.isTrusted, e.ports.length, e.source, JSON.stringify(e.origin));
  Promise.resolve().then(() => console.log('microtask after message'));
};
port2.postMessage('hello');
Promise.resolve().then(() => console.log('microtask first'));
console.log('posted');
