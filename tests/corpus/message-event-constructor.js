// worker: MessageEvent's init dictionary and defaults
const e = new MessageEvent('message', { data: { x: 1 }, origin: 'o', lastEventId: '7' });
console.log(JSON.stringify(e.data), e.origin, e.lastEventId, e.source, e.ports.length, Object.isFrozen(e.ports));
const blank = new MessageEvent('message');
console.log(blank.data, JSON.stringify(blank.origin), blank.ports === blank.ports, MessageEvent.length);
try { new MessagePort(); } catch (err) { console.log(err.name); }
