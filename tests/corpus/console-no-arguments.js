// console.log() and console.error() with no arguments print nothing in Chromium (Node prints an empty line);
// an empty string is a real, empty line.
console.log('before');
console.log();
console.log('');
console.error();
console.error('');
console.info();
console.log('after');
