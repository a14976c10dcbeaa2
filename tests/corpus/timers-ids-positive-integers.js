// Timer ids are positive integers, distinct, shared between timeouts and intervals.
const t1 = setTimeout(() => {}, 0);
const t2 = setTimeout(() => {}, 0);
const i1 = setInterval(() => {}, 100);
clearInterval(i1);
console.log('typeof', typeof t1, typeof i1);
console.log('integers', Number.isInteger(t1), Number.isInteger(t2), Number.isInteger(i1));
console.log('positive', t1 > 0, t2 > 0, i1 > 0);
console.log('distinct', new Set([t1, t2, i1]).size === 3);
console.log('increasing', t2 > t1, i1 > t2);
setTimeout(() => {
  const t3 = setTimeout(() => {}, 0);
  console.log('later id still positive and new', t3 > 0, t3 !== t1 && t3 !== t2 && t3 !== i1);
}, 0);
