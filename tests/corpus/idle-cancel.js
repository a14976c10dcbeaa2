// cancelIdleCallback removes a waiting callback; unknown handles are ignored
const a = requestIdleCallback(() => console.log('A (cancelled)'));
requestIdleCallback(() => console.log('B'));
cancelIdleCallback(a);
console.log(cancelIdleCallback(0), cancelIdleCallback(12345), cancelIdleCallback('x'), cancelIdleCallback());
