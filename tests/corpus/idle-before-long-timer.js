// with nothing else to do, idle callbacks run long before a 200 ms timer
setTimeout(() => console.log('timer 200'), 200);
requestIdleCallback(() => console.log('idle 1'));
requestIdleCallback(() => console.log('idle 2'));
