// worker: a yield in a timer or a message handler continues at user-visible priority, ahead of queued tasks
const log = (s) => console.log(s);
const { port1, port2 } = new MessageChannel();
setTimeout(async () => {
  log('timer starts');
  port1.postMessage('queued by the timer');
  scheduler.postTask(() => log('visible task queued by the timer'));
  await scheduler.yield();
  log('timer continues');
}, 0);
port2.onmessage = async (e) => {
  log('message: ' + e.data);
  if (e.data === 'first') {
    await scheduler.yield();
    log('handler of first continues');
  }
};
port1.postMessage('first');
