// Date.now() read in a loop changes after a while: time passes while code runs.
const first = Date.now();
let reads = 0;
while (Date.now() === first) reads++;
console.log('the clock moved:', Date.now() > first);
console.log('integer milliseconds:', Number.isInteger(Date.now()));
