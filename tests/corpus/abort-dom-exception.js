// worker: DOMException: name, message, legacy code, constants, Error in its prototype chain
const e = new DOMException('it broke', 'NotFoundError');
console.log(e.name, e.message, e.code, e instanceof Error, e instanceof DOMException);
console.log(String(e), Object.prototype.toString.call(e));
const d = new DOMException();
console.log(JSON.stringify(d.name), JSON.stringify(d.message), d.code);
console.log(new DOMException('m', 'SomethingElse').code, new DOMException('m', 'DataCloneError').code);
console.log(DOMException.ABORT_ERR, DOMException.TIMEOUT_ERR, DOMException.DATA_CLONE_ERR, e.INVALID_STATE_ERR);
console.log(Object.getPrototypeOf(DOMException.prototype) === Error.prototype, DOMException.length);
try { DOMException.prototype.code; } catch (err) { console.log(err.name); }
