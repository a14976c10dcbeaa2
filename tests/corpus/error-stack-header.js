// error.stack: the error's "Name: message" line first, then one "    at ..." line per frame.
function thrower() {
  throw new TypeError('bad input');
}
try {
  thrower();
} catch (error) {
  const lines = error.stack.split('\n');
  console.log('first line:', lines[0]);
  console.log('has frames:', lines.length > 1);
  console.log('frames start with "    at ":', lines.slice(1).every((line) => line.startsWith('    at ')));
  console.log('ends with a newline:', error.stack.endsWith('\n'));
}
console.log('no message:', new Error().stack.split('\n')[0]);
console.log('empty message:', new RangeError('').stack.split('\n')[0]);
class ValidationError extends Error {}
ValidationError.prototype.name = 'ValidationError';
console.log('subclass:', new ValidationError('invalid').stack.split('\n')[0]);
console.log('not an error:', Object.create(Error.prototype).stack);
const replaced = new Error('original');
replaced.stack = 'my own stack';
console.log('assigned:', replaced.stack);
console.log('typeof:', typeof new SyntaxError('x').stack);
