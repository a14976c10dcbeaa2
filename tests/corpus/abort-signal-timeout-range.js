// worker: AbortSignal.timeout's argument is an [EnforceRange] unsigned long long
for (const v of [-1, NaN, Infinity, 2 ** 53]) {
  try { AbortSignal.timeout(v); console.log('ok', v); } catch (e) { console.log(e.name, v); }
}
console.log(AbortSignal.timeout(0).aborted, AbortSignal.timeout.length);
try { AbortSignal.timeout(); } catch (e) { console.log(e.name); }
