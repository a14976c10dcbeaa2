// finally on a fulfilled promise costs extra ticks compared with then (it goes through a promise resolve).
let tick = 0;
const counter = () => { tick++; if (tick < 8) Promise.resolve().then(counter); };
Promise.resolve().then(counter);
Promise.resolve('v').then(v => console.log('then sees', v, 'at tick', tick));
Promise.resolve('v').finally(() => console.log('finally callback at tick', tick))
  .then(v => console.log('then after finally sees', v, 'at tick', tick));
Promise.reject(new Error('r')).finally(() => {})
  .catch(e => console.log('catch after finally sees', e.message, 'at tick', tick));
