// Shared helpers of the web prelude: WebIDL's shapes (interfaces, attributes, constants, argument
// conversions) and the errors browsers throw for misuse. Every file of the prelude runs inside one
// function, `(function (ops, global, scope) { … })`, so nothing here is a global a snippet can see.
// The engine's built-ins are read once, when the prelude runs (on a snippet's first use of a web API).

const ReflectApply = Reflect.apply;
const ReflectOwnKeys = Reflect.ownKeys;
const ObjectDefineProperty = Object.defineProperty;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectFreeze = Object.freeze;
const ObjectCreate = Object.create;
const ObjectSetPrototypeOf = Object.setPrototypeOf;
const ObjectHasOwn = Object.hasOwn;
const SymbolIterator = Symbol.iterator;
const SymbolToStringTag = Symbol.toStringTag;

// A token only the prelude has: constructors of interfaces a snippet may not construct (AbortSignal,
// MessagePort) accept it and refuse anything else ("Illegal constructor").
const INTERNAL = Symbol('tickscope internal');

// The internal state of platform objects, by object. A method whose receiver has no state here was
// called on the wrong object: WebIDL's "Illegal invocation" TypeError.
function slotsOf(map, object) {
  const state = object !== null && (typeof object === 'object' || typeof object === 'function')
    ? map.get(object) : undefined;
  if (state === undefined) throw new TypeError('Illegal invocation');
  return state;
}

// WebIDL's shape for a class written here: operations and attributes on the prototype (and static
// operations on the interface object) are enumerable; constants are read-only on both; the prototype's
// Symbol.toStringTag is the interface's name.
function finishInterface(Interface, name, constants) {
  const prototype = Interface.prototype;
  for (const target of [prototype, Interface]) {
    const keys = ReflectOwnKeys(target);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === 'constructor' || key === 'prototype' || key === 'length' || key === 'name') continue;
      const descriptor = ObjectGetOwnPropertyDescriptor(target, key);
      descriptor.enumerable = true;
      ObjectDefineProperty(target, key, descriptor);
    }
  }
  if (constants) {
    const names = ReflectOwnKeys(constants);
    for (let i = 0; i < names.length; i++) {
      const descriptor = { value: constants[names[i]], writable: false, enumerable: true, configurable: false };
      ObjectDefineProperty(Interface, names[i], descriptor);
      ObjectDefineProperty(prototype, names[i], descriptor);
    }
  }
  ObjectDefineProperty(prototype, SymbolToStringTag, { value: name, configurable: true });
}

// "Failed to execute 'method' on 'Interface': N argument(s) required, but only M present."
function requireArguments(count, needed, method, iface) {
  if (count >= needed) return;
  const what = method === null ? `Failed to construct '${iface}'` : `Failed to execute '${method}' on '${iface}'`;
  throw new TypeError(`${what}: ${needed} argument${needed === 1 ? '' : 's'} required, but only ${count} present.`);
}

// WebIDL DOMString: ToString, so a Symbol throws a TypeError.
function toDOMString(value) {
  return `${value}`;
}

// WebIDL's conversion of a dictionary argument: undefined and null are the empty dictionary; any other
// non-object is a TypeError.
function dictionary(value, what, iface, method) {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' && typeof value !== 'function') {
    const where = method === null ? `Failed to construct '${iface}'` : `Failed to execute '${method}' on '${iface}'`;
    throw new TypeError(`${where}: The provided value is not of type '${what}'.`);
  }
  return value;
}

// WebIDL `unsigned long` (lineno, colno): ToNumber, non-finite to 0, truncated, modulo 2^32.
function toUnsignedLong(value) {
  const number = +value;
  if (!Number.isFinite(number)) return 0;
  const truncated = Math.trunc(number);
  return ((truncated % 4294967296) + 4294967296) % 4294967296;
}

// WebIDL `[EnforceRange] unsigned long long`: a TypeError for NaN, infinities and values outside
// 0 … 2^53 − 1.
function enforceUnsignedLongLong(value, method, iface) {
  const number = +value;
  const truncated = Math.trunc(number);
  if (!Number.isFinite(number) || truncated < 0 || truncated > Number.MAX_SAFE_INTEGER) {
    throw new TypeError(`Failed to execute '${method}' on '${iface}': Value is outside the 'unsigned long long' value range.`);
  }
  return truncated === 0 ? 0 : truncated;
}

// A WebIDL sequence<T> from an iterable: a TypeError when the value is not an object with @@iterator.
function sequence(value, what, method, iface) {
  const where = `Failed to execute '${method}' on '${iface}'`;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    throw new TypeError(`${where}: The provided value cannot be converted to a sequence.`);
  }
  const iteratorMethod = value[SymbolIterator];
  if (typeof iteratorMethod !== 'function') {
    throw new TypeError(`${where}: The object must have a callable @@iterator property.`);
  }
  const items = [];
  const iterator = ReflectApply(iteratorMethod, value, []);
  for (;;) {
    const step = iterator.next();
    if (step.done) break;
    items[items.length] = step.value;
  }
  return items;
}

// An accessor property's getter with the name browsers give it (`get name`).
function getterOf(object, name) {
  return ObjectGetOwnPropertyDescriptor(object, name).get;
}
