// HTML's StructuredSerializeWithTransfer / StructuredDeserializeWithTransfer (§2.7) for what a snippet can
// make: primitives, primitive wrappers, Date, RegExp, ArrayBuffer and its views, Map, Set, errors,
// DOMException, arrays and plain objects (cycles and shared references kept); transfer of ArrayBuffers and
// MessagePorts. Anything else is a DataCloneError DOMException. `structuredClone` runs both at once.

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayName = getterOf(TypedArrayPrototype, SymbolToStringTag);
const typedArrayBuffer = getterOf(TypedArrayPrototype, 'buffer');
const typedArrayOffset = getterOf(TypedArrayPrototype, 'byteOffset');
const typedArrayLength = getterOf(TypedArrayPrototype, 'length');
const dataViewBuffer = getterOf(DataView.prototype, 'buffer');
const dataViewOffset = getterOf(DataView.prototype, 'byteOffset');
const dataViewLength = getterOf(DataView.prototype, 'byteLength');
const bufferResizable = getterOf(ArrayBuffer.prototype, 'resizable');
const bufferMaxLength = getterOf(ArrayBuffer.prototype, 'maxByteLength');
const bufferLength = getterOf(ArrayBuffer.prototype, 'byteLength');
const bufferSlice = ArrayBuffer.prototype.slice;
const regExpSource = getterOf(RegExp.prototype, 'source');
const regExpFlags = getterOf(RegExp.prototype, 'flags');
const dateTime = Date.prototype.getTime;
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;
const MapSet = Map.prototype.set;
const SetAdd = Set.prototype.add;
const PRIMITIVE_VALUE_OF = {
  Boolean: Boolean.prototype.valueOf, Number: Number.prototype.valueOf, String: String.prototype.valueOf,
  BigInt: BigInt.prototype.valueOf,
};
const ERROR_CONSTRUCTORS = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
const TYPED_ARRAYS = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};
if (typeof Float16Array === 'function') TYPED_ARRAYS.Float16Array = Float16Array;

function dataCloneError(prefix, text) {
  return domException(`${prefix}: ${text}`, 'DataCloneError');
}

// How Chromium names a value it cannot clone: `Symbol(x)`, a function's source, `#<Promise>`.
function describeUncloneable(value) {
  if (typeof value === 'symbol' || typeof value === 'function') {
    try {
      return String(value);
    } catch {
      return typeof value;
    }
  }
  const kind = ops.cloneKind(value);
  if (kind === 'Proxy') return '#<Object>';
  const tag = value[SymbolToStringTag];
  if (typeof tag === 'string') return `#<${tag}>`;
  const constructor = ObjectGetOwnPropertyDescriptor(Object.getPrototypeOf(value) ?? {}, 'constructor');
  const name = constructor && typeof constructor.value === 'function' ? constructor.value.name : 'Object';
  return `#<${name || 'Object'}>`;
}

// StructuredSerializeWithTransfer: a record of `value` with the objects of `transferList` transferred.
function serializeWithTransfer(value, transferList, prefix) {
  const memory = new Map();
  const transfers = [];
  for (let i = 0; i < transferList.length; i++) {
    const item = transferList[i];
    const kind = item !== null && typeof item === 'object' ? ops.cloneKind(item) : null;
    const isPort = item !== null && typeof item === 'object' && portSlots.has(item);
    if (kind !== 'ArrayBuffer' && !isPort) {
      throw dataCloneError(prefix, `Value at index ${i} does not have a transferable type.`);
    }
    if (memory.has(item)) {
      throw dataCloneError(prefix, `Value at index ${i} is a duplicate of an earlier value.`);
    }
    if (isPort ? portSlots.get(item).detached : ops.bufferDetached(item)) {
      throw dataCloneError(prefix, isPort ? `Port at index ${i} is already neutered.`
        : `ArrayBuffer at index ${i} is already detached.`);
    }
    const record = { k: 'transferred', value: undefined };
    memory.set(item, record);
    transfers[transfers.length] = [item, record, isPort];
  }
  const serialized = serialize(value, memory, prefix);
  const ports = [];
  for (let i = 0; i < transfers.length; i++) {
    const [item, record, isPort] = transfers[i];
    if (isPort) {
      record.value = transferPort(item);
      ports[ports.length] = record;
    } else {
      record.value = ops.transferBuffer(item);
    }
  }
  return { serialized, ports };
}

// StructuredSerializeInternal.
function serialize(value, memory, prefix) {
  const type = typeof value;
  if (value === null || type === 'undefined' || type === 'boolean' || type === 'number' || type === 'bigint'
    || type === 'string') {
    return { k: 'primitive', value };
  }
  if (type === 'symbol') throw dataCloneError(prefix, `${describeUncloneable(value)} could not be cloned.`);
  if (memory.has(value)) return memory.get(value);
  if (domExceptionSlots.has(value)) {
    const state = domExceptionSlots.get(value);
    const record = { k: 'DOMException', name: state.name, message: state.message };
    memory.set(value, record);
    return record;
  }
  if (portSlots.has(value)) {
    throw dataCloneError(prefix, 'A MessagePort could not be cloned because it was not transferred.');
  }
  if (eventSlots.has(value) || targetSlots.has(value) || controllerSlots.has(value) || channelSlots.has(value)) {
    // Platform objects that are not serializable (events, event targets, controllers, channels).
    throw dataCloneError(prefix, `${describeUncloneable(value)} could not be cloned.`);
  }
  const kind = ops.cloneKind(value);
  let record;
  switch (kind) {
    case 'Boolean':
    case 'Number':
    case 'String':
    case 'BigInt':
      record = { k: kind, value: ReflectApply(PRIMITIVE_VALUE_OF[kind], value, []) };
      break;
    case 'Date':
      record = { k: 'Date', value: ReflectApply(dateTime, value, []) };
      break;
    case 'RegExp':
      record = { k: 'RegExp', source: ReflectApply(regExpSource, value, []), flags: ReflectApply(regExpFlags, value, []) };
      break;
    case 'ArrayBuffer': {
      if (ops.bufferDetached(value)) {
        throw dataCloneError(prefix, 'An ArrayBuffer is detached and could not be cloned.');
      }
      const resizable = ReflectApply(bufferResizable, value, []);
      record = {
        k: 'ArrayBuffer', bytes: ReflectApply(bufferSlice, value, [0]),
        length: ReflectApply(bufferLength, value, []),
        maxByteLength: resizable ? ReflectApply(bufferMaxLength, value, []) : undefined,
      };
      break;
    }
    case 'TypedArray':
    case 'DataView': {
      const isView = kind === 'DataView';
      const buffer = ReflectApply(isView ? dataViewBuffer : typedArrayBuffer, value, []);
      record = {
        k: 'View', constructor: isView ? 'DataView' : ReflectApply(typedArrayName, value, []), buffer: null,
        byteOffset: ReflectApply(isView ? dataViewOffset : typedArrayOffset, value, []),
        length: ReflectApply(isView ? dataViewLength : typedArrayLength, value, []),
      };
      memory.set(value, record);
      record.buffer = serialize(buffer, memory, prefix);
      return record;
    }
    case 'Map': {
      record = { k: 'Map', entries: [] };
      memory.set(value, record);
      const copied = [];
      const iterator = ReflectApply(mapEntries, value, []);
      for (let step = iterator.next(); !step.done; step = iterator.next()) copied[copied.length] = step.value;
      for (let i = 0; i < copied.length; i++) {
        record.entries[i] = [serialize(copied[i][0], memory, prefix), serialize(copied[i][1], memory, prefix)];
      }
      return record;
    }
    case 'Set': {
      record = { k: 'Set', values: [] };
      memory.set(value, record);
      const copied = [];
      const iterator = ReflectApply(setValues, value, []);
      for (let step = iterator.next(); !step.done; step = iterator.next()) copied[copied.length] = step.value;
      for (let i = 0; i < copied.length; i++) record.values[i] = serialize(copied[i], memory, prefix);
      return record;
    }
    case 'Error': {
      const nameValue = value.name;
      const name = Object.hasOwn(ERROR_CONSTRUCTORS, nameValue) ? nameValue : 'Error';
      const messageDescriptor = ObjectGetOwnPropertyDescriptor(value, 'message');
      const message = messageDescriptor && 'value' in messageDescriptor ? toDOMString(messageDescriptor.value) : undefined;
      record = { k: 'Error', name, message, hasCause: false, cause: undefined };
      memory.set(value, record);
      const causeDescriptor = ObjectGetOwnPropertyDescriptor(value, 'cause');
      if (causeDescriptor && 'value' in causeDescriptor) {
        record.hasCause = true;
        record.cause = serialize(causeDescriptor.value, memory, prefix);
      }
      return record;
    }
    case 'Array':
      record = { k: 'Array', length: value.length, properties: [] };
      break;
    case 'Object':
      record = { k: 'Object', properties: [] };
      break;
    default:
      throw dataCloneError(prefix, `${describeUncloneable(value)} could not be cloned.`);
  }
  memory.set(value, record);
  if (record.properties) {
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (!Object.hasOwn(value, key)) continue;
      const property = value[key];
      record.properties[record.properties.length] = [key, serialize(property, memory, prefix)];
    }
  }
  return record;
}

// StructuredDeserializeWithTransfer: the value and the transferred ports.
function deserializeWithTransfer(result) {
  const memory = new Map();
  const value = deserialize(result.serialized, memory);
  const ports = [];
  for (let i = 0; i < result.ports.length; i++) ports[i] = result.ports[i].value;
  return { value, ports };
}

// StructuredDeserialize.
function deserialize(record, memory) {
  if (record.k === 'primitive') return record.value;
  if (record.k === 'transferred') return record.value;
  if (memory.has(record)) return memory.get(record);
  let value;
  switch (record.k) {
    case 'Boolean':
    case 'Number':
    case 'String':
    case 'BigInt':
      value = Object(record.value);
      break;
    case 'Date':
      value = new Date(record.value);
      break;
    case 'RegExp':
      value = new RegExp(record.source, record.flags);
      break;
    case 'ArrayBuffer':
      if (record.maxByteLength === undefined) {
        value = ReflectApply(bufferSlice, record.bytes, [0]);
      } else {
        value = new ArrayBuffer(record.length, { maxByteLength: record.maxByteLength });
        new Uint8Array(value).set(new Uint8Array(record.bytes));
      }
      break;
    case 'View': {
      const buffer = deserialize(record.buffer, memory);
      const View = record.constructor === 'DataView' ? DataView : TYPED_ARRAYS[record.constructor];
      value = new View(buffer, record.byteOffset, record.length);
      break;
    }
    case 'Map':
      value = new Map();
      memory.set(record, value);
      for (let i = 0; i < record.entries.length; i++) {
        ReflectApply(MapSet, value, [deserialize(record.entries[i][0], memory), deserialize(record.entries[i][1], memory)]);
      }
      return value;
    case 'Set':
      value = new Set();
      memory.set(record, value);
      for (let i = 0; i < record.values.length; i++) ReflectApply(SetAdd, value, [deserialize(record.values[i], memory)]);
      return value;
    case 'Error': {
      const ErrorConstructor = ERROR_CONSTRUCTORS[record.name];
      value = record.message === undefined ? new ErrorConstructor() : new ErrorConstructor(record.message);
      memory.set(record, value);
      if (record.hasCause) {
        ObjectDefineProperty(value, 'cause', {
          value: deserialize(record.cause, memory), writable: true, enumerable: false, configurable: true,
        });
      }
      return value;
    }
    case 'DOMException':
      value = domException(record.message, record.name);
      break;
    case 'Array':
      value = new Array(record.length);
      break;
    default:
      value = {};
      break;
  }
  memory.set(record, value);
  if (record.properties) {
    for (let i = 0; i < record.properties.length; i++) {
      const [key, property] = record.properties[i];
      ObjectDefineProperty(value, key, {
        value: deserialize(property, memory), writable: true, enumerable: true, configurable: true,
      });
    }
  }
  return value;
}

function structuredClone(value, options = undefined) {
  const prefix = "Failed to execute 'structuredClone' on 'WorkerGlobalScope'";
  requireArguments(arguments.length, 1, 'structuredClone', 'WorkerGlobalScope');
  const dict = dictionary(options, 'StructuredSerializeOptions', 'WorkerGlobalScope', 'structuredClone');
  const list = dict === null || dict.transfer === undefined ? [] : sequence(dict.transfer, 'object', 'structuredClone',
    'WorkerGlobalScope');
  return deserializeWithTransfer(serializeWithTransfer(value, list, prefix)).value;
}
