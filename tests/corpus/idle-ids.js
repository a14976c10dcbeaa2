// requestIdleCallback returns positive, increasing integer ids
const a = requestIdleCallback(() => {});
const b = requestIdleCallback(() => {});
console.log('integers:', Number.isInteger(a) && Number.isInteger(b));
console.log('positive:', a > 0);
console.log('increasing:', b > a);
