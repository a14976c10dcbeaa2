// worker: an uncaught DOMException is reported with its name and message
// (the timer waits 20 ms: Chromium's worker reports an uncaught exception some time after the task)
setTimeout(() => { throw new DOMException('stopped', 'AbortError'); }, 20);
Promise.reject(new DOMException('late', 'TimeoutError'));
