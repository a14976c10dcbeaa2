// Two then-chains started in the same task interleave one step at a time.
const a = Promise.resolve('A');
const b = Promise.resolve('B');
a.then(v => { console.log(v, 1); return v; })
 .then(v => { console.log(v, 2); return v; })
 .then(v => { console.log(v, 3); return v; });
b.then(v => { console.log(v, 1); return v; })
 .then(v => { console.log(v, 2); return v; })
 .then(v => { console.log(v, 3); return v; });
console.log('sync');
