// Timers with equal delays fire in creation order.
for (const label of ['a', 'b', 'c', 'd']) setTimeout(() => console.log('5ms', label), 5);
for (const label of ['a', 'b', 'c']) setTimeout(() => console.log('0ms', label), 0);
setTimeout(() => console.log('5ms e'), 5);
setTimeout(() => console.log('0ms d'), 0);
console.log('sync');
