// worker: the global is an EventTarget (its prototype chain is DedicatedWorkerGlobalScope's)
console.log(self instanceof EventTarget, typeof addEventListener, self.hasOwnProperty('addEventListener'));
console.log(Object.prototype.toString.call(self), Object.getPrototypeOf(self) === DedicatedWorkerGlobalScope.prototype);
self.addEventListener('hello', (e) => console.log('on self', e.type, e.target === self, this === self));
addEventListener('hello', function () { console.log('bare addEventListener', this === self); });
console.log(self.dispatchEvent(new Event('hello')));
dispatchEvent(new CustomEvent('hello'));
