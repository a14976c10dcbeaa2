// Unhandled rejections with non-Error reasons.
Promise.reject(42);
Promise.reject('oops');
setTimeout(() => Promise.reject(undefined), 10);
setTimeout(() => new Promise((_, reject) => reject(null)), 20);
setTimeout(() => console.log('done'), 30);
