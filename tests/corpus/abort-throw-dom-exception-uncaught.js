// worker: an uncaught DOMException is reported with its name and message
// (the timer waits 100 ms: Chromium's worker reports an uncaught exception some time after the task, and
// tickscope's first use of a web API installs them, which takes tens of milliseconds of real time)
setTimeout(() => { throw new DOMException('stopped', 'AbortError'); }, 100);
Promise.reject(new DOMException('late', 'TimeoutError'));
