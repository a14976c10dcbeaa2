// Several primitive arguments are joined with single spaces.
console.log('strings', 'and', 'more');
console.log('numbers', 1, -2.5, 0, -0, 1e21, 1e-7, 0.1 + 0.2);
console.log('specials', NaN, Infinity, -Infinity);
console.log('booleans', true, false);
console.log('null/undefined', null, undefined);
console.log('bigint', 10n, -3n);
console.log('empty string next:', '');
console.log(42);
console.log('json', JSON.stringify({ a: [1, 'two', null], b: true }));
console.log('joined array', [1, 2, 3].join(','));
console.warn('warn', 1, true, null);
console.error('error', undefined, 'x');
