// A rejection handled only in a much later timer is reported first (the handler still runs).
const p = Promise.reject(new Error('handled too late'));
setTimeout(() => {
  p.catch(e => console.log('late handler got:', e.message));
}, 30);
setTimeout(() => console.log('50ms timer'), 50);
