// worker: onerror gets message, filename, lineno, colno and error
self.onerror = function (message, filename, lineno, colno, error) {
  console.log(arguments.length, message, typeof filename, lineno, colno, error.message);
};
setTimeout(() => {
  throw new RangeError('out of range');
}, 0);
