// the callbacks of one frame all get the same timestamp
const stamps = [];
for (let i = 0; i < 4; i++) requestAnimationFrame((t) => stamps.push(t));
requestAnimationFrame(() => {
  console.log('callbacks seen:', stamps.length);
  console.log('all equal:', stamps.every((t) => t === stamps[0]));
  console.log('timestamp is a number:', typeof stamps[0] === 'number');
});
