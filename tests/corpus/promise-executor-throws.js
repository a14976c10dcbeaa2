// An executor that throws rejects its promise; a throw after resolve is swallowed. The executor runs sync.
const p1 = new Promise(() => { console.log('executor 1 runs sync'); throw new Error('executor failed'); });
const p2 = new Promise(resolve => { resolve('ok'); throw new Error('swallowed'); });
p1.catch(e => console.log('p1 rejected:', e.message));
p2.then(v => console.log('p2 fulfilled:', v));
console.log('after constructors');
