// an async frame callback that rejects is an unhandled rejection
requestAnimationFrame(async () => {
  console.log('async callback');
  throw new Error('async frame boom');
});
requestAnimationFrame(() => console.log('next callback'));
