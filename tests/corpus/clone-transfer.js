// worker: transferring an ArrayBuffer detaches the original
const buffer = new Uint8Array([1, 2, 3]).buffer;
const moved = structuredClone(buffer, { transfer: [buffer] });
console.log(moved.byteLength, new Uint8Array(moved).join(), buffer.byteLength);
try { structuredClone(buffer); } catch (e) { console.log(e.name); }
try { structuredClone(1, { transfer: [{}] }); } catch (e) { console.log(e.name); }
const again = new ArrayBuffer(2);
try { structuredClone(again, { transfer: [again, again] }); } catch (e) { console.log(e.name); }
