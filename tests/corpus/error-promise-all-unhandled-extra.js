// Promise.all handles all of its inputs: a second rejection inside it is not reported separately;
// but the rejection of the promise that Promise.all returns is, if nothing handles it.
const r1 = Promise.reject(new Error('first'));
const r2 = Promise.reject(new Error('second'));
Promise.all([r1, r2]).catch(e => console.log('all caught:', e.message));
Promise.all([Promise.reject(new Error('all unhandled'))]);
setTimeout(() => console.log('timer'), 20);
