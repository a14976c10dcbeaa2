// worker: an uncaught DOMException is reported with its name and message
setTimeout(() => { throw new DOMException('stopped', 'AbortError'); }, 0);
Promise.reject(new DOMException('late', 'TimeoutError'));
