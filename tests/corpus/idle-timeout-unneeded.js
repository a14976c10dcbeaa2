// a callback with a long timeout that gets an idle period first does not time out
requestIdleCallback((deadline) => {
  console.log('didTimeout:', deadline.didTimeout);
  console.log('time left:', deadline.timeRemaining() > 0);
}, { timeout: 1000 });
