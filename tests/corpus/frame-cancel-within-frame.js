// a callback can cancel a later callback of the same frame, which then never runs
let later;
requestAnimationFrame(() => {
  console.log('A cancels C');
  cancelAnimationFrame(later);
});
requestAnimationFrame(() => console.log('B'));
later = requestAnimationFrame(() => console.log('C (cancelled)'));
requestAnimationFrame(() => console.log('D'));
