// Promise.allSettled reports every outcome in input order.
const late = new Promise((_, rej) => setTimeout(() => rej(new Error('late failure')), 10));
Promise.allSettled([Promise.resolve(1), Promise.reject(new Error('early failure')), late, 'x'])
  .then(results => {
    for (const r of results) {
      console.log(r.status, r.status === 'fulfilled' ? r.value : r.reason.message);
    }
  });
console.log('sync');
