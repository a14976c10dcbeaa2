// an idle period ends no later than the next timer: timeRemaining() leaves room for a 30 ms timer
setTimeout(() => {
  setTimeout(() => console.log('timer 30'), 30);
  requestIdleCallback((deadline) => {
    console.log('at most 30 ms left:', deadline.timeRemaining() <= 30);
  });
}, 0);
