// an async frame callback's awaits finish before the next callback of the same frame
requestAnimationFrame(async () => {
  console.log('A start');
  await null;
  console.log('A after await 1');
  await Promise.resolve();
  console.log('A after await 2');
});
requestAnimationFrame(() => console.log('B'));
