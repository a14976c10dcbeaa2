// two chained frames come well before a 150 ms timer
const order = [];
setTimeout(() => {
  order.push('timer 150');
  console.log(order.join(', '));
}, 150);
requestAnimationFrame(() => {
  order.push('frame 1');
  requestAnimationFrame(() => order.push('frame 2'));
});
