// Promise.race settles like the first input to settle; an already-settled input wins at once.
const after = (ms, v) => new Promise(r => setTimeout(() => r(v), ms));
Promise.race([after(20, 'slow'), after(5, 'fast')]).then(v => console.log('race 1:', v));
Promise.race([after(5, 'timer'), 'plain value']).then(v => console.log('race 2:', v));
Promise.race([new Promise((_, rej) => setTimeout(() => rej(new Error('boom')), 5)), after(20, 'later')])
  .then(v => console.log('race 3 fulfilled', v), e => console.log('race 3 rejected:', e.message));
let settled = false;
Promise.race([]).then(() => { settled = true; });
setTimeout(() => console.log('race([]) still pending:', !settled), 30);
