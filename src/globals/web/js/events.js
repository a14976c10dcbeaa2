// Event and EventTarget as the DOM standard defines them (§2), without a node tree: an event's path is
// its target alone, so dispatch is the capturing pass and the bubbling pass at the target.

const NONE = 0;
const CAPTURING_PHASE = 1;
const AT_TARGET = 2;
const BUBBLING_PHASE = 3;
const EVENT_CONSTANTS = { NONE, CAPTURING_PHASE, AT_TARGET, BUBBLING_PHASE };

const eventSlots = new WeakMap();
const targetSlots = new WeakMap();

// A dictionary a subclass's constructor has already converted, handed to Event's constructor (which
// then does not read the snippet's object a second time).
class ConvertedInit {
  constructor(values) {
    this.values = values;
  }
}

// EventInit's members, in WebIDL's (lexicographic) order.
function eventInit(init, what, iface) {
  const dict = dictionary(init, what, iface, null);
  if (dict === null) return { bubbles: false, cancelable: false, composed: false };
  const bubbles = dict.bubbles;
  const cancelable = dict.cancelable;
  const composed = dict.composed;
  return { bubbles: !!bubbles, cancelable: !!cancelable, composed: !!composed };
}

// `isTrusted` is [LegacyUnforgeable]: an own accessor of every event, one getter for all.
const isTrustedGetter = getterOf({
  get isTrusted() {
    return slotsOf(eventSlots, this).trusted;
  },
}, 'isTrusted');

class Event {
  constructor(type, eventInitDict = undefined) {
    requireArguments(arguments.length, 1, null, 'Event');
    const converted = eventInitDict instanceof ConvertedInit;
    const typeString = converted ? type : toDOMString(type);
    const init = converted ? eventInitDict.values : eventInit(eventInitDict, 'EventInit', 'Event');
    eventSlots.set(this, {
      type: typeString,
      target: null,
      currentTarget: null,
      phase: NONE,
      bubbles: init.bubbles,
      cancelable: init.cancelable,
      composed: init.composed,
      stopPropagation: false,
      stopImmediatePropagation: false,
      canceled: false,
      inPassiveListener: false,
      checkpoints: false,
      initialized: true,
      dispatching: false,
      trusted: false,
      timeStamp: ops.now(),
      path: [],
    });
    ObjectDefineProperty(this, 'isTrusted', { get: isTrustedGetter, enumerable: true, configurable: false });
  }

  get type() {
    return slotsOf(eventSlots, this).type;
  }

  get target() {
    return slotsOf(eventSlots, this).target;
  }

  get srcElement() {
    return slotsOf(eventSlots, this).target;
  }

  get currentTarget() {
    return slotsOf(eventSlots, this).currentTarget;
  }

  composedPath() {
    const state = slotsOf(eventSlots, this);
    return state.path.length === 0 ? [] : [state.currentTarget];
  }

  get eventPhase() {
    return slotsOf(eventSlots, this).phase;
  }

  stopPropagation() {
    slotsOf(eventSlots, this).stopPropagation = true;
  }

  get cancelBubble() {
    return slotsOf(eventSlots, this).stopPropagation;
  }

  set cancelBubble(value) {
    const state = slotsOf(eventSlots, this);
    if (value) state.stopPropagation = true;
  }

  stopImmediatePropagation() {
    const state = slotsOf(eventSlots, this);
    state.stopPropagation = true;
    state.stopImmediatePropagation = true;
  }

  get bubbles() {
    return slotsOf(eventSlots, this).bubbles;
  }

  get cancelable() {
    return slotsOf(eventSlots, this).cancelable;
  }

  get returnValue() {
    return !slotsOf(eventSlots, this).canceled;
  }

  set returnValue(value) {
    const state = slotsOf(eventSlots, this);
    if (!value) setCanceledFlag(state);
  }

  preventDefault() {
    setCanceledFlag(slotsOf(eventSlots, this));
  }

  get defaultPrevented() {
    return slotsOf(eventSlots, this).canceled;
  }

  get composed() {
    return slotsOf(eventSlots, this).composed;
  }

  get timeStamp() {
    return slotsOf(eventSlots, this).timeStamp;
  }

  initEvent(type, bubbles = false, cancelable = false) {
    const state = slotsOf(eventSlots, this);
    requireArguments(arguments.length, 1, 'initEvent', 'Event');
    const typeString = toDOMString(type);
    if (state.dispatching) return;
    state.initialized = true;
    state.stopPropagation = false;
    state.stopImmediatePropagation = false;
    state.canceled = false;
    state.trusted = false;
    state.target = null;
    state.type = typeString;
    state.bubbles = !!bubbles;
    state.cancelable = !!cancelable;
  }
}
finishInterface(Event, 'Event', EVENT_CONSTANTS);

// DOM's "set the canceled flag".
function setCanceledFlag(state) {
  if (state.cancelable && !state.inPassiveListener) state.canceled = true;
}

class CustomEvent extends Event {
  constructor(type, eventInitDict = undefined) {
    requireArguments(arguments.length, 1, null, 'CustomEvent');
    const typeString = toDOMString(type);
    const init = eventInit(eventInitDict, 'CustomEventInit', 'CustomEvent');
    const detail = eventInitDict === undefined || eventInitDict === null ? null : eventInitDict.detail;
    super(typeString, new ConvertedInit(init));
    slotsOf(eventSlots, this).detail = detail === undefined ? null : detail;
  }

  get detail() {
    const state = slotsOf(eventSlots, this);
    if (!('detail' in state)) throw new TypeError('Illegal invocation');
    return state.detail;
  }

  initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
    const state = slotsOf(eventSlots, this);
    if (!('detail' in state)) throw new TypeError('Illegal invocation');
    requireArguments(arguments.length, 1, 'initCustomEvent', 'CustomEvent');
    if (state.dispatching) return;
    ReflectApply(Event.prototype.initEvent, this, [type, bubbles, cancelable]);
    state.detail = detail;
  }
}
finishInterface(CustomEvent, 'CustomEvent');

// An event the platform fires (DOM's "fire an event"): made without the snippet's constructors and
// with isTrusted true.
function trustedEvent(Interface, type, init) {
  const event = new Interface(type, init);
  slotsOf(eventSlots, event).trusted = true;
  return event;
}

function newTargetState() {
  return { listeners: [], handlers: new Map() };
}

// The receiver of an EventTarget method: WebIDL uses the global object for undefined or null (the global
// is an EventTarget, so a bare `addEventListener(…)` works).
function targetStateOf(thisValue) {
  return slotsOf(targetSlots, thisValue === undefined || thisValue === null ? global : thisValue);
}

// The callback argument: `EventListener?`, so null and undefined are null, and any other non-object is
// a TypeError.
function listenerCallback(callback, method) {
  if (callback === undefined || callback === null) return null;
  if (typeof callback !== 'object' && typeof callback !== 'function') {
    throw new TypeError(`Failed to execute '${method}' on 'EventTarget': parameter 2 is not of type 'Object'.`);
  }
  return callback;
}

class EventTarget {
  constructor() {
    targetSlots.set(this, newTargetState());
  }

  addEventListener(type, callback, options = undefined) {
    const target = this === undefined || this === null ? global : this;
    const state = targetStateOf(this);
    requireArguments(arguments.length, 2, 'addEventListener', 'EventTarget');
    const typeString = toDOMString(type);
    const listener = listenerCallback(callback, 'addEventListener');
    let capture = false;
    let once = false;
    let passive = null;
    let signal = null;
    if (options !== undefined && options !== null && (typeof options === 'object' || typeof options === 'function')) {
      capture = !!options.capture;
      once = !!options.once;
      const passiveValue = options.passive;
      passive = passiveValue === undefined ? null : !!passiveValue;
      const signalValue = options.signal;
      if (signalValue !== undefined) {
        if (!isAbortSignal(signalValue)) {
          throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': Failed to read the 'signal' property from 'AddEventListenerOptions': Failed to convert value to 'AbortSignal'.");
        }
        signal = signalValue;
      }
    } else if (options !== undefined && options !== null) {
      capture = !!options;
    }
    addListener(target, state, {
      type: typeString, callback: listener, capture, passive: passive === null ? false : passive, once, signal,
      removed: false,
    });
  }

  removeEventListener(type, callback, options = undefined) {
    const state = targetStateOf(this);
    requireArguments(arguments.length, 2, 'removeEventListener', 'EventTarget');
    const typeString = toDOMString(type);
    const listener = listenerCallback(callback, 'removeEventListener');
    let capture = false;
    if (options !== undefined && options !== null && (typeof options === 'object' || typeof options === 'function')) {
      capture = !!options.capture;
    } else if (options !== undefined && options !== null) {
      capture = !!options;
    }
    const list = state.listeners;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i];
      if (entry.type === typeString && entry.callback === listener && entry.capture === capture) {
        removeListener(state, entry);
        return;
      }
    }
  }

  dispatchEvent(event) {
    const target = this === undefined || this === null ? global : this;
    targetStateOf(this);
    requireArguments(arguments.length, 1, 'dispatchEvent', 'EventTarget');
    const eventState = event !== null && typeof event === 'object' ? eventSlots.get(event) : undefined;
    if (eventState === undefined) {
      throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
    }
    if (eventState.dispatching || !eventState.initialized) {
      throw domException("Failed to execute 'dispatchEvent' on 'EventTarget': The event is already being dispatched.",
        'InvalidStateError');
    }
    eventState.trusted = false;
    return dispatch(target, event);
  }
}
finishInterface(EventTarget, 'EventTarget');

// DOM's "add an event listener".
function addListener(target, state, listener) {
  if (listener.signal !== null && signalSlots.get(listener.signal).aborted) return;
  if (listener.callback === null) return;
  const list = state.listeners;
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (entry.type === listener.type && entry.callback === listener.callback && entry.capture === listener.capture) {
      return;
    }
  }
  list[list.length] = listener;
  if (listener.signal !== null) {
    addAbortAlgorithm(listener.signal, () => removeListener(state, listener));
  }
}

// DOM's "remove an event listener".
function removeListener(state, listener) {
  listener.removed = true;
  const list = state.listeners;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === listener) {
      list.splice(i, 1);
      return;
    }
  }
}

// DOM's "dispatch" for a target outside any tree: returns false when the event was canceled. HTML's
// "clean up after running a callback" performs a microtask checkpoint after each listener when no script
// is running (the loop fired the event); Chromium leaves it out for the `error` event of a reported
// exception (`checkpoints` false).
function dispatch(target, event, checkpoints = true) {
  const state = eventSlots.get(event);
  state.checkpoints = checkpoints;
  state.dispatching = true;
  state.path = [target];
  state.phase = AT_TARGET;
  state.target = target;
  state.currentTarget = target;
  invoke(target, event, state);
  state.phase = NONE;
  state.currentTarget = null;
  state.path = [];
  state.dispatching = false;
  // The DOM unsets the stop propagation flags here; Chromium keeps them (`cancelBubble` stays true
  // and a second dispatch of an event whose immediate propagation was stopped calls no listener).
  return !state.canceled;
}

// The listeners' calls for a target outside any tree, as Chromium makes them: one pass, in the order
// the listeners were added, capturing or not (the DOM's dispatch would call the capturing ones first,
// in a capturing pass at the target). Listeners added meanwhile are not called, removed ones are
// skipped.
function invoke(target, event, state) {
  const targetState = targetSlots.get(target);
  const listeners = targetState.listeners.slice();
  for (let i = 0; i < listeners.length; i++) {
    if (state.stopImmediatePropagation) break;
    const listener = listeners[i];
    if (listener.removed || listener.type !== state.type) continue;
    if (listener.once) removeListener(targetState, listener);
    if (listener.passive) state.inPassiveListener = true;
    callListener(listener.callback, event, state.currentTarget);
    state.inPassiveListener = false;
    if (state.checkpoints) ops.checkpointIfNoScript();
  }
}

// WebIDL's "call a user object's operation" for an EventListener: a function is called with the current
// target as `this`, any other object's `handleEvent` with the object. What it throws is reported, not
// thrown to the dispatcher.
function callListener(callback, event, thisValue) {
  try {
    if (typeof callback === 'function') {
      ReflectApply(callback, thisValue, [event]);
    } else {
      const handleEvent = callback.handleEvent;
      if (typeof handleEvent !== 'function') throw new TypeError("'handleEvent' property of the listener is not callable.");
      ReflectApply(handleEvent, callback, [event]);
    }
  } catch (error) {
    reportException(error);
  }
}

// HTML's event handler IDL attribute (`onabort`, `onerror`, …) on `holder`, for events of `type`.
// The first non-null value adds the handler's listener, which keeps its place in the list while the
// value changes; null removes it. `onSet` runs after each set (MessagePort's onmessage starts the port).
function defineEventHandler(holder, name, type, onSet) {
  const accessors = {
    get [name]() {
      const state = targetStateOf(this);
      const handler = state.handlers.get(type);
      return handler === undefined ? null : handler.value;
    },
    set [name](value) {
      const target = this === undefined || this === null ? global : this;
      const state = targetStateOf(this);
      const callback = value !== null && (typeof value === 'object' || typeof value === 'function') ? value : null;
      let handler = state.handlers.get(type);
      if (handler === undefined) {
        handler = { value: null, listener: null };
        state.handlers.set(type, handler);
      }
      if (callback === null) {
        handler.value = null;
        if (handler.listener !== null) {
          removeListener(state, handler.listener);
          handler.listener = null;
        }
      } else {
        handler.value = callback;
        if (handler.listener === null) {
          handler.listener = {
            type, callback: (event) => processEventHandler(target, handler, event), capture: false,
            passive: false, once: false, signal: null, removed: false,
          };
          addListener(target, state, handler.listener);
        }
      }
      if (onSet) onSet(target);
    },
  };
  const descriptor = ObjectGetOwnPropertyDescriptor(accessors, name);
  descriptor.enumerable = true;
  ObjectDefineProperty(holder, name, descriptor);
}

// HTML's "event handler processing algorithm": the global's onerror gets the ErrorEvent's five values
// and cancels it by returning true; every other handler gets the event and cancels it by returning false.
function processEventHandler(target, handler, event) {
  const callback = handler.value;
  if (callback === null || typeof callback !== 'function') return;
  const state = eventSlots.get(event);
  const special = target === global && state.type === 'error' && errorEventSlots.has(event);
  let result;
  if (special) {
    const error = errorEventSlots.get(event);
    result = ReflectApply(callback, state.currentTarget,
      [error.message, error.filename, error.lineno, error.colno, error.error]);
    if (result === true) setCanceledFlag(state);
  } else {
    result = ReflectApply(callback, state.currentTarget, [event]);
    if (result === false) setCanceledFlag(state);
  }
}
