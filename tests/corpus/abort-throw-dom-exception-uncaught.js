// worker: an uncaught DOMException is reported with its name and message
// (the timer waits 20 ms: Chromium's worker reports an uncaught exception some time after the task; the first
// DOMException is made before the timer is set, as tickscope installs the web APIs on their first use)
const late = new DOMException('late', 'TimeoutError');
setTimeout(() => { throw new DOMException('stopped', 'AbortError'); }, 20);
Promise.reject(late);
