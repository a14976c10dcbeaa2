// the callback gets an IdleDeadline: didTimeout false and 0 < timeRemaining() <= 50 in an idle period
requestIdleCallback((deadline) => {
  const left = deadline.timeRemaining();
  console.log('IdleDeadline:', deadline instanceof IdleDeadline);
  console.log('didTimeout:', deadline.didTimeout);
  console.log('typeof timeRemaining():', typeof left);
  console.log('in (0, 50]:', left > 0 && left <= 50);
});
try {
  new IdleDeadline();
} catch (error) {
  console.log('new IdleDeadline():', error.name);
}
