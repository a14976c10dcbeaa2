// worker: preventDefault on the error event suppresses the console report
self.addEventListener('error', (e) => { console.log('handled', e.message); e.preventDefault(); });
setTimeout(() => { throw new TypeError('quiet'); }, 0);
setTimeout(() => console.log('later timer runs'), 5);
