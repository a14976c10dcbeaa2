// idle callbacks run oldest first
requestIdleCallback(() => console.log('idle A'));
requestIdleCallback(() => console.log('idle B'));
requestIdleCallback(() => console.log('idle C'));
