// worker: a handler attached inside unhandledrejection means no rejectionhandled later
self.addEventListener('unhandledrejection', (e) => { e.promise.catch(() => console.log('caught in listener')); });
self.addEventListener('rejectionhandled', () => console.log('rejectionhandled'));
Promise.reject(new Error('x'));
setTimeout(() => console.log('done'), 30);
