// Chromium has no 1 ms minimum: a 0 ms timer created later still runs before a 1 ms timer.
// (Node turns 0 into 1, so there the creation order wins.)
setTimeout(() => console.log('1ms first created'), 1);
setTimeout(() => console.log('0ms'), 0);
setTimeout(() => console.log('no delay argument'));
setTimeout(() => console.log('1ms second created'), 1);
setTimeout(() => console.log('0ms again'), 0);
