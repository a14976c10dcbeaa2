// A busy wait of 100 ms holds a 0 ms timer back: the script's own lines print first.
setTimeout(() => console.log('timer'), 0);
const start = Date.now();
while (Date.now() - start < 100) {}
console.log('waited at least 100 ms:', Date.now() - start >= 100);
