// worker: rejectionhandled fires even when unhandledrejection was canceled
self.onunhandledrejection = (e) => { e.preventDefault(); console.log('unhandled, canceled'); };
self.onrejectionhandled = (e) => console.log('rejectionhandled', e.reason);
const p = Promise.reject('r');
setTimeout(() => p.catch(() => {}), 30);
