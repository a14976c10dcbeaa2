// requestAnimationFrame returns positive, increasing integer ids
const a = requestAnimationFrame(() => {});
const b = requestAnimationFrame(() => {});
const c = requestAnimationFrame(() => {});
console.log('integers:', [a, b, c].every(Number.isInteger));
console.log('positive:', a > 0);
console.log('increasing:', a < b && b < c);
cancelAnimationFrame(b);
const d = requestAnimationFrame(() => {});
console.log('not reused:', d > c);
