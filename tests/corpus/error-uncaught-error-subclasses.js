// The error's name prefixes the message: built-in subclasses and a user subclass with a prototype name.
class ValidationError extends Error {}
ValidationError.prototype.name = 'ValidationError';
setTimeout(() => { throw new TypeError('bad type'); }, 0);
setTimeout(() => { throw new RangeError('out of range'); }, 5);
setTimeout(() => { throw new ValidationError('invalid input'); }, 10);
setTimeout(() => { throw new Error(''); }, 15);
setTimeout(() => { throw new Error(); }, 20);
setTimeout(() => console.log('done'), 25);
