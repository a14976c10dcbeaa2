// Clearing a fired timer, an unknown id, or nonsense is a silent no-op and returns undefined.
const id = setTimeout(() => console.log('fired'), 0);
setTimeout(() => {
  console.log('clear fired:', clearTimeout(id));
  console.log('clear unknown:', clearTimeout(987654));
  console.log('clear nothing:', clearTimeout());
  console.log('clear undefined:', clearTimeout(undefined));
  console.log('clear null:', clearTimeout(null));
  console.log('clear string:', clearTimeout('nope'));
  console.log('clear negative:', clearInterval(-1));
  console.log('still running');
}, 5);
