// The global object as a dedicated worker's: an EventTarget through WorkerGlobalScope.prototype, with the
// event handlers and operations that live there, and the interface objects as the global's own data
// properties. Runs last; the object it returns is what the Rust side of tickscope calls (never a global).

targetSlots.set(global, newTargetState());

class WorkerGlobalScope extends EventTarget {
  constructor() {
    throw new TypeError('Illegal constructor');
  }
}
defineEventHandler(WorkerGlobalScope.prototype, 'onerror', 'error');
defineEventHandler(WorkerGlobalScope.prototype, 'onrejectionhandled', 'rejectionhandled');
defineEventHandler(WorkerGlobalScope.prototype, 'onunhandledrejection', 'unhandledrejection');
for (const operation of [structuredClone, reportError]) {
  ObjectDefineProperty(WorkerGlobalScope.prototype, operation.name,
    { value: operation, writable: true, enumerable: true, configurable: true });
}
// WindowOrWorkerGlobalScope's `[Replaceable] readonly attribute Scheduler scheduler`: assigning it
// gives the global an own property of that name.
ObjectDefineProperty(WorkerGlobalScope.prototype, 'scheduler', {
  get: getterOf({ get scheduler() { return theScheduler; } }, 'scheduler'),
  set: ObjectGetOwnPropertyDescriptor({
    set scheduler(value) {
      ObjectDefineProperty(this, 'scheduler', { value, writable: true, enumerable: true, configurable: true });
    },
  }, 'scheduler').set,
  enumerable: true,
  configurable: true,
});
finishInterface(WorkerGlobalScope, 'WorkerGlobalScope');

// DedicatedWorkerGlobalScope.prototype is the object the global already had as its prototype; its
// prototype held the lazy accessors that brought the prelude in, and is replaced here.
const DedicatedWorkerGlobalScope = {
  DedicatedWorkerGlobalScope() {
    throw new TypeError('Illegal constructor');
  },
}.DedicatedWorkerGlobalScope;
for (const key of ReflectOwnKeys(scope)) {
  if (key !== SymbolToStringTag) delete scope[key];
}
ObjectDefineProperty(DedicatedWorkerGlobalScope, 'prototype', { value: scope, writable: false, enumerable: false, configurable: false });
ObjectDefineProperty(scope, 'constructor', { value: DedicatedWorkerGlobalScope, writable: true, enumerable: false, configurable: true });
ObjectSetPrototypeOf(DedicatedWorkerGlobalScope, WorkerGlobalScope);
ObjectSetPrototypeOf(scope, WorkerGlobalScope.prototype);

const INTERFACES = {
  AbortController, AbortSignal, CustomEvent, DOMException, DedicatedWorkerGlobalScope, ErrorEvent, Event,
  EventTarget, MessageChannel, MessageEvent, MessagePort, PromiseRejectionEvent, Scheduler, TaskController,
  TaskPriorityChangeEvent, TaskSignal, WorkerGlobalScope,
};
for (const name of ReflectOwnKeys(INTERFACES)) {
  // A global the snippet declared (`var Event`, `function EventTarget() {}`) before the install stays.
  if (ObjectHasOwn(global, name)) continue;
  ObjectDefineProperty(global, name, { value: INTERFACES[name], writable: true, enumerable: false, configurable: true });
}

return {
  reportException,
  notifyRejection,
  rejectionHandled,
  // For native APIs that take a signal (fetch, the modules): whether it is one, its state, and a way to
  // be told when it aborts.
  isAbortSignal,
  signalState(signal) {
    const state = signalSlots.get(signal);
    return [state.aborted, state.reason];
  },
  onAbort(signal, callback) {
    addAbortAlgorithm(signal, () => callback(signalSlots.get(signal).reason));
  },
};
