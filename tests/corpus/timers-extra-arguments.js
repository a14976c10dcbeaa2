// Extra arguments after the delay are passed to the callback.
setTimeout((a, b, c) => console.log('timeout args', a, b, c), 0, 'one', 2, true);
setTimeout((...rest) => console.log('count', rest.length), 0, undefined, null);
setTimeout(function () { console.log('arguments.length', arguments.length); }, 0);
let n = 0;
const id = setInterval((label, step) => {
  n += step;
  console.log(label, n);
  if (n >= 6) clearInterval(id);
}, 5, 'interval', 3);
