// cancelAnimationFrame ignores unknown, used and odd handles
const id = requestAnimationFrame(() => {
  console.log('ran');
  console.log('cancel own id after running:', cancelAnimationFrame(id));
});
console.log(cancelAnimationFrame(0), cancelAnimationFrame(-1), cancelAnimationFrame('x'));
console.log(cancelAnimationFrame(99999), cancelAnimationFrame(), cancelAnimationFrame(null));
