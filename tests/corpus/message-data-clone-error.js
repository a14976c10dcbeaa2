// worker: postMessage of something uncloneable throws DataCloneError at once
const ch = new MessageChannel();
ch.port1.onmessage = (e) => console.log('got', e.data);
try { ch.port2.postMessage({ f() {} }); } catch (e) { console.log(e.name, e.code, e instanceof DOMException); }
ch.port2.postMessage('fine');
