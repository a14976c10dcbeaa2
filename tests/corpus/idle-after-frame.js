// while a frame is wanted, idle callbacks wait for the frame and run after it
requestIdleCallback(() => console.log('idle'));
requestAnimationFrame(() => console.log('frame'));
console.log('script');
