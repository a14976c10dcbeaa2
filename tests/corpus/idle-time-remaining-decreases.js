// timeRemaining() counts down as the callback works
requestIdleCallback((deadline) => {
  const first = deadline.timeRemaining();
  const start = performance.now();
  while (performance.now() - start < 3) {}
  const second = deadline.timeRemaining();
  console.log('decreased:', second < first);
  console.log('by at least 2 ms:', first - second >= 2);
});
