// an idle period ends no later than the next timer: timeRemaining() leaves room for a 10 ms timer
setTimeout(() => console.log('timer 10'), 10);
requestIdleCallback((deadline) => {
  console.log('at most 10 ms left:', deadline.timeRemaining() <= 10);
});
