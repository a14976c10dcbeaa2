// Timers fire by due time, not by creation order.
setTimeout(() => console.log('40ms'), 40);
setTimeout(() => console.log('10ms'), 10);
setTimeout(() => console.log('25ms'), 25);
setTimeout(() => console.log('0ms'), 0);
setTimeout(() => console.log('55ms'), 55);
setTimeout(() => console.log('10ms again'), 10);
console.log('sync');
