// Delays are WebIDL longs: 2**31 wraps to a negative number (so 0), 2**32 + 16 wraps to 16,
// and 2**31 - 1 is a real 24.8-day timer (cleared here so the snippet ends).
const log = label => () => console.log(label);
setTimeout(log('ref 8'), 8);
setTimeout(log('ref 30'), 30);
setTimeout(log('2**31'), 2 ** 31);
setTimeout(log('2**32 + 16'), 2 ** 32 + 16);
const far = setTimeout(log('2**31 - 1 (never)'), 2 ** 31 - 1);
setTimeout(log('Infinity'), Infinity);
setTimeout(() => { clearTimeout(far); console.log('cleared the far timer'); }, 50);
console.log('sync');
