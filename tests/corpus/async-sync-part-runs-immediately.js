// An async function runs synchronously up to its first await; the caller continues after that.
async function work(name) {
  console.log(name, 'sync part');
  await null;
  console.log(name, 'after await');
  return name;
}
console.log('before');
const p = work('w1');
console.log('returned a promise:', p instanceof Promise);
work('w2').then(v => console.log('w2 resolved', v));
p.then(v => console.log('w1 resolved', v));
console.log('after');
