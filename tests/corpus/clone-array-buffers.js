// worker: ArrayBuffers and views are copied; views sharing a buffer still share the copy
const buffer = new ArrayBuffer(8);
const bytes = new Uint8Array(buffer);
bytes.set([1, 2, 3, 4, 5, 6, 7, 8]);
const view = new DataView(buffer, 2, 4);
const c = structuredClone({ bytes, view, ints: new Int16Array(buffer, 4, 2) });
console.log(c.bytes.join(), c.bytes.buffer === c.view.buffer, c.bytes.buffer !== buffer);
console.log(c.view.byteOffset, c.view.byteLength, c.view.getUint8(0));
console.log(c.ints.constructor.name, c.ints.length, c.ints.byteOffset);
c.bytes[2] = 99;
console.log(c.view.getUint8(0), bytes[2]);
