// a callback registered by an early timer joins the same frame as the script's own callback
let stamp;
requestAnimationFrame((t) => {
  stamp = t;
  console.log('script callback');
});
setTimeout(() => {
  requestAnimationFrame((t) => console.log('timer callback, same frame:', t === stamp));
}, 0);
