// requestIdleCallback throws a TypeError for a callback that is not a function
for (const bad of [null, 7, 'code']) {
  try {
    requestIdleCallback(bad);
    console.log('no error');
  } catch (error) {
    console.log(typeof bad, error.name);
  }
}
