// Promise.resolve returns a native promise unchanged; a reaction on it needs no extra tick.
const p = Promise.resolve('same');
console.log('Promise.resolve(p) === p:', Promise.resolve(p) === p);
const q = new Promise(r => r(p));
console.log('new Promise(r => r(p)) === p:', q === p);
q.then(() => console.log('q (wrapped) reaction'));
Promise.resolve(p).then(() => console.log('Promise.resolve(p) reaction'));
p.then(() => console.log('p reaction'));
Promise.reject(p).catch(reason => console.log('Promise.reject(p) rejects with p itself:', reason === p));
