// Thrown non-Error values are reported as they are.
setTimeout(() => { throw 42; }, 0);
setTimeout(() => { throw 'oops'; }, 5);
setTimeout(() => { throw undefined; }, 10);
setTimeout(() => { throw false; }, 15);
setTimeout(() => console.log('all four timers threw'), 20);
