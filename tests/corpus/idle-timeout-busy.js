// a callback whose timeout passes while the loop is busy runs as a task, with didTimeout and no time left
requestIdleCallback((deadline) => {
  console.log('idle: didTimeout', deadline.didTimeout, 'timeRemaining', deadline.timeRemaining());
}, { timeout: 20 });
setTimeout(() => {
  const start = performance.now();
  while (performance.now() - start < 60) {}
  console.log('busy 60 ms');
}, 0);
