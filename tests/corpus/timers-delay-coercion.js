// Delay coercion: the delay is converted to a 32-bit integer; negative, NaN and non-numeric mean 0.
// Reference timers (ref) mark the positions. Fractions truncate ("2.9" acts as 2).
const log = label => () => console.log(label);
setTimeout(log('ref 0'), 0);
setTimeout(log('ref 8'), 8);
setTimeout(log('ref 20'), 20);
setTimeout(log('ref 40'), 40);
setTimeout(log('negative -5'), -5);
setTimeout(log('NaN'), NaN);
setTimeout(log('string "abc"'), 'abc');
setTimeout(log('null'), null);
setTimeout(log('undefined'), undefined);
setTimeout(log('string "14"'), '14');
setTimeout(log('string " 30 "'), ' 30 ');
setTimeout(log('array [25]'), [25]);
setTimeout(log('object valueOf 12'), { valueOf() { return 12; } });
setTimeout(log('-Infinity'), -Infinity);
console.log('sync');
