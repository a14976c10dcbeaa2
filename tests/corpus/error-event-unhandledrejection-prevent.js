// worker: preventDefault on unhandledrejection suppresses the report
self.onunhandledrejection = (e) => { console.log('caught', String(e.reason)); e.preventDefault(); };
Promise.reject('quiet');
Promise.reject(new Error('also quiet'));
setTimeout(() => console.log('still running'), 5);
