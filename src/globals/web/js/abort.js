// AbortController and AbortSignal (DOM §3.1–3.2), with AbortSignal.any()'s dependent signals and
// AbortSignal.timeout() on a timer of tickscope's loop.

const signalSlots = new WeakMap();
const controllerSlots = new WeakMap();

function isAbortSignal(value) {
  return value !== null && typeof value === 'object' && signalSlots.has(value);
}

function newSignal() {
  return new AbortSignal(INTERNAL);
}

class AbortSignal extends EventTarget {
  constructor(token = undefined) {
    if (token !== INTERNAL) throw new TypeError("Failed to construct 'AbortSignal': Illegal constructor");
    super();
    signalSlots.set(this, {
      aborted: false, reason: undefined, algorithms: [], dependent: false, sources: [], dependents: [],
    });
  }

  static abort(reason = undefined) {
    const signal = newSignal();
    const state = signalSlots.get(signal);
    state.aborted = true;
    state.reason = reason === undefined ? defaultAbortReason() : reason;
    return signal;
  }

  static timeout(milliseconds) {
    requireArguments(arguments.length, 1, 'timeout', 'AbortSignal');
    const ms = enforceUnsignedLongLong(milliseconds, 'timeout', 'AbortSignal');
    const signal = newSignal();
    ops.setTimer(ms, () => signalAbort(signal, domException('signal timed out', 'TimeoutError')));
    return signal;
  }

  static any(signals) {
    requireArguments(arguments.length, 1, 'any', 'AbortSignal');
    const list = sequence(signals, 'AbortSignal', 'any', 'AbortSignal');
    for (let i = 0; i < list.length; i++) {
      if (!isAbortSignal(list[i])) {
        throw new TypeError("Failed to execute 'any' on 'AbortSignal': Failed to convert value to 'AbortSignal'.");
      }
    }
    return dependentSignal(list);
  }

  get aborted() {
    return slotsOf(signalSlots, this).aborted;
  }

  get reason() {
    return slotsOf(signalSlots, this).reason;
  }

  throwIfAborted() {
    const state = slotsOf(signalSlots, this);
    if (state.aborted) throw state.reason;
  }
}
defineEventHandler(AbortSignal.prototype, 'onabort', 'abort');
finishInterface(AbortSignal, 'AbortSignal');

class AbortController {
  constructor() {
    controllerSlots.set(this, newSignal());
  }

  get signal() {
    return slotsOf(controllerSlots, this);
  }

  abort(reason = undefined) {
    signalAbort(slotsOf(controllerSlots, this), reason);
  }
}
finishInterface(AbortController, 'AbortController');

function defaultAbortReason() {
  return domException('signal is aborted without reason', 'AbortError');
}

// DOM's "add an abort algorithm": run when the signal aborts (never if it already has).
function addAbortAlgorithm(signal, algorithm) {
  const state = signalSlots.get(signal);
  if (state.aborted) return;
  state.algorithms[state.algorithms.length] = algorithm;
}

// DOM's "signal abort": the reason, then the signal's own abort steps, then its dependents'.
function signalAbort(signal, reason) {
  const state = signalSlots.get(signal);
  if (state.aborted) return;
  state.aborted = true;
  state.reason = reason === undefined ? defaultAbortReason() : reason;
  const toAbort = [];
  for (let i = 0; i < state.dependents.length; i++) {
    const dependent = state.dependents[i];
    const dependentState = signalSlots.get(dependent);
    if (!dependentState.aborted) {
      dependentState.aborted = true;
      dependentState.reason = state.reason;
      toAbort[toAbort.length] = dependent;
    }
  }
  runAbortSteps(signal);
  for (let i = 0; i < toAbort.length; i++) runAbortSteps(toAbort[i]);
}

// DOM's "run the abort steps": the abort algorithms, then a trusted `abort` event.
function runAbortSteps(signal) {
  const state = signalSlots.get(signal);
  const algorithms = state.algorithms;
  state.algorithms = [];
  for (let i = 0; i < algorithms.length; i++) algorithms[i]();
  dispatch(signal, trustedEvent(Event, 'abort'));
}

// DOM's "create a dependent abort signal" (`result`: a new signal of the interface to create).
function dependentSignal(signals, result = newSignal()) {
  const resultState = signalSlots.get(result);
  for (let i = 0; i < signals.length; i++) {
    const state = signalSlots.get(signals[i]);
    if (state.aborted) {
      resultState.aborted = true;
      resultState.reason = state.reason;
      return result;
    }
  }
  resultState.dependent = true;
  const link = (source) => {
    const sourceState = signalSlots.get(source);
    if (resultState.sources.indexOf(source) < 0) resultState.sources[resultState.sources.length] = source;
    if (sourceState.dependents.indexOf(result) < 0) sourceState.dependents[sourceState.dependents.length] = result;
  };
  for (let i = 0; i < signals.length; i++) {
    const state = signalSlots.get(signals[i]);
    if (!state.dependent) {
      link(signals[i]);
    } else {
      for (let j = 0; j < state.sources.length; j++) link(state.sources[j]);
    }
  }
  return result;
}
