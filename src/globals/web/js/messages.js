// MessageEvent, MessageChannel and MessagePort (HTML §9.3–9.5): each message is structured-cloned when
// it is posted and delivered by a task of its own on the loop (trace source `posted_message`) once the
// receiving port's message queue is enabled (`start()` or setting `onmessage`).

const messageEventSlots = new WeakMap();
const portSlots = new WeakMap();
const channelSlots = new WeakMap();
let nextPortId = 1;

class MessageEvent extends Event {
  constructor(type, eventInitDict = undefined) {
    requireArguments(arguments.length, 1, null, 'MessageEvent');
    const typeString = toDOMString(type);
    const init = eventInit(eventInitDict, 'MessageEventInit', 'MessageEvent');
    const dict = eventInitDict === undefined || eventInitDict === null ? null : eventInitDict;
    let data = null;
    let lastEventId = '';
    let origin = '';
    let ports = [];
    let source = null;
    if (dict !== null) {
      const dataValue = dict.data;
      data = dataValue === undefined ? null : dataValue;
      const idValue = dict.lastEventId;
      lastEventId = idValue === undefined ? '' : toDOMString(idValue);
      const originValue = dict.origin;
      origin = originValue === undefined ? '' : toDOMString(originValue);
      const portsValue = dict.ports;
      if (portsValue !== undefined) {
        ports = sequence(portsValue, 'MessagePort', 'MessageEvent', 'MessageEvent');
        for (let i = 0; i < ports.length; i++) {
          if (!portSlots.has(ports[i])) {
            throw new TypeError("Failed to construct 'MessageEvent': Failed to read the 'ports' property from 'MessageEventInit': Failed to convert value to 'MessagePort'.");
          }
        }
      }
      const sourceValue = dict.source;
      if (sourceValue !== undefined && sourceValue !== null) {
        if (!portSlots.has(sourceValue)) {
          throw new TypeError("Failed to construct 'MessageEvent': Failed to read the 'source' property from 'MessageEventInit': The provided value is not of type '(MessagePort or ServiceWorker or WindowProxy)'.");
        }
        source = sourceValue;
      }
    }
    super(typeString, new ConvertedInit(init));
    messageEventSlots.set(this, { data, lastEventId, origin, ports: ObjectFreeze(ports), source });
  }

  get data() {
    return slotsOf(messageEventSlots, this).data;
  }

  get origin() {
    return slotsOf(messageEventSlots, this).origin;
  }

  get lastEventId() {
    return slotsOf(messageEventSlots, this).lastEventId;
  }

  get source() {
    return slotsOf(messageEventSlots, this).source;
  }

  get ports() {
    return slotsOf(messageEventSlots, this).ports;
  }

  initMessageEvent(type, bubbles = false, cancelable = false, data = null, origin = '', lastEventId = '',
    source = null, ports = []) {
    const state = slotsOf(messageEventSlots, this);
    requireArguments(arguments.length, 1, 'initMessageEvent', 'MessageEvent');
    if (eventSlots.get(this).dispatching) return;
    ReflectApply(Event.prototype.initEvent, this, [type, bubbles, cancelable]);
    state.data = data;
    state.origin = toDOMString(origin);
    state.lastEventId = toDOMString(lastEventId);
    state.source = source;
    state.ports = ObjectFreeze(sequence(ports, 'MessagePort', 'initMessageEvent', 'MessageEvent'));
  }
}
finishInterface(MessageEvent, 'MessageEvent');

// A port's message queue: it moves with the port when the port is transferred.
// `records`: messages not yet read; `pending`: messages read, each waiting for its task; `watching`: a
// task to read the port is queued.
function newPortQueue(owner) {
  return { records: [], pending: [], enabled: false, watching: false, owner };
}

class MessagePort extends EventTarget {
  constructor(token = undefined) {
    if (token !== INTERNAL) throw new TypeError("Failed to construct 'MessagePort': Illegal constructor");
    super();
    portSlots.set(this, { id: nextPortId++, entangled: null, detached: false, queue: newPortQueue(this) });
  }

  postMessage(message, transfer = undefined) {
    const state = slotsOf(portSlots, this);
    requireArguments(arguments.length, 1, 'postMessage', 'MessagePort');
    const transferList = transferArgument(transfer, arguments.length, 'postMessage', 'MessagePort');
    for (let i = 0; i < transferList.length; i++) {
      if (transferList[i] === this) {
        throw domException(`Failed to execute 'postMessage' on 'MessagePort': Port at index ${i} contains the source port.`,
          'DataCloneError');
      }
    }
    const target = state.entangled;
    let doomed = false;
    if (target !== null) {
      for (let i = 0; i < transferList.length; i++) if (transferList[i] === target) doomed = true;
    }
    const record = serializeWithTransfer(message, transferList, "Failed to execute 'postMessage' on 'MessagePort'");
    if (target === null || doomed) return;
    const queue = portSlots.get(target).queue;
    queue.records[queue.records.length] = record;
    ops.messagePosted(portSlots.get(target).id);
    if (queue.enabled) watchPort(queue);
  }

  start() {
    enablePortQueue(slotsOf(portSlots, this).queue);
  }

  close() {
    const state = slotsOf(portSlots, this);
    state.detached = true;
    disentangle(this);
  }
}
defineEventHandler(MessagePort.prototype, 'onmessage', 'message', (port) => {
  const state = portSlots.get(port);
  if (state !== undefined) enablePortQueue(state.queue);
});
defineEventHandler(MessagePort.prototype, 'onmessageerror', 'messageerror');
finishInterface(MessagePort, 'MessagePort');

class MessageChannel {
  constructor() {
    const port1 = new MessagePort(INTERNAL);
    const port2 = new MessagePort(INTERNAL);
    portSlots.get(port1).entangled = port2;
    portSlots.get(port2).entangled = port1;
    channelSlots.set(this, { port1, port2 });
  }

  get port1() {
    return slotsOf(channelSlots, this).port1;
  }

  get port2() {
    return slotsOf(channelSlots, this).port2;
  }
}
finishInterface(MessageChannel, 'MessageChannel');

// postMessage's second argument: `sequence<object> transfer` or `StructuredSerializeOptions options`,
// told apart as WebIDL's overload resolution does (an object with @@iterator is a sequence).
function transferArgument(value, count, method, iface) {
  if (count < 2 || value === undefined || value === null) return [];
  if (typeof value === 'object' || typeof value === 'function') {
    if (typeof value[SymbolIterator] === 'function') return sequence(value, 'object', method, iface);
    const list = value.transfer;
    return list === undefined ? [] : sequence(list, 'object', method, iface);
  }
  throw new TypeError(`Failed to execute '${method}' on '${iface}': The provided value is not of type 'StructuredSerializeOptions'.`);
}

function enablePortQueue(queue) {
  if (queue.enabled) return;
  queue.enabled = true;
  if (queue.records.length > 0) watchPort(queue);
}

// How Chromium delivers a port's messages (a mojo pipe read by a watcher): the first message into an
// idle pipe queues a task that dispatches it and only then reads what else has arrived, queuing one task
// per message read; the pipe is watched again once it is empty. So a port's second message is queued
// behind whatever the first one's listeners (and the tasks before them) queued.
function watchPort(queue) {
  if (queue.watching) return;
  queue.watching = true;
  ops.queueMessage(portSlots.get(queue.owner).id, () => readPort(queue));
}

function readPort(queue) {
  queue.watching = false;
  if (!queue.enabled) return;
  let first = queue.pending.length === 0;
  while (queue.enabled && queue.records.length > 0) {
    const record = queue.records.shift();
    if (first) {
      first = false;
      deliverMessage(queue.owner, record);
      continue;
    }
    const entry = { record, cancelled: false };
    queue.pending[queue.pending.length] = entry;
    ops.queueMessage(portSlots.get(queue.owner).id, () => {
      if (entry.cancelled) return;
      queue.pending.shift();
      deliverMessage(queue.owner, entry.record);
    });
  }
}

// The task of one message: deserialized in the receiving port's world, then a trusted `message` event
// (or `messageerror` when the data cannot be deserialized).
function deliverMessage(port, record) {
  let data;
  let ports;
  try {
    const result = deserializeWithTransfer(record);
    data = result.value;
    ports = result.ports;
  } catch {
    dispatch(port, trustedEvent(MessageEvent, 'messageerror'));
    return;
  }
  dispatch(port, trustedEvent(MessageEvent, 'message', { data, ports }));
}

function disentangle(port) {
  const state = portSlots.get(port);
  const other = state.entangled;
  state.entangled = null;
  if (other !== null) portSlots.get(other).entangled = null;
}

// A port's transfer: a new port object takes over its entanglement and its (now disabled) message queue;
// the old one is detached.
function transferPort(port) {
  const old = portSlots.get(port);
  const moved = new MessagePort(INTERNAL);
  const state = portSlots.get(moved);
  state.entangled = old.entangled;
  if (state.entangled !== null) portSlots.get(state.entangled).entangled = moved;
  state.queue = old.queue;
  state.queue.owner = moved;
  state.queue.enabled = false;
  // Messages read but not delivered go back to be read by the port's next owner.
  const pending = state.queue.pending;
  state.queue.pending = [];
  for (let i = 0; i < pending.length; i++) pending[i].cancelled = true;
  state.queue.records = pending.map((entry) => entry.record).concat(state.queue.records);
  old.entangled = null;
  old.detached = true;
  old.queue = newPortQueue(port);
  return moved;
}
