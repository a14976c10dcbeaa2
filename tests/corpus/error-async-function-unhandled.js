// An async function's rejection nobody awaits is an unhandled rejection; awaited ones are not.
async function fail(msg) { await null; throw new Error(msg); }
fail('not awaited');
(async () => {
  try { await fail('awaited'); } catch (e) { console.log('caught:', e.message); }
})();
setTimeout(() => console.log('timer'), 20);
