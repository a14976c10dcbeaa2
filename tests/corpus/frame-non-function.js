// requestAnimationFrame throws a TypeError for a callback that is not a function
for (const bad of [null, undefined, 42, 'code', {}]) {
  try {
    requestAnimationFrame(bad);
    console.log('no error for', String(bad));
  } catch (error) {
    console.log(typeof bad, error.name);
  }
}
try {
  requestAnimationFrame();
} catch (error) {
  console.log('no argument:', error.name);
}
