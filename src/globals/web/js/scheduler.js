// The Prioritized Task Scheduling API: Scheduler (the global `scheduler`), TaskController, TaskSignal
// and TaskPriorityChangeEvent. The loop holds the queues and ranks their tasks against its others
// (src/event_loop/scheduler.rs); this file holds the signals, their priorities and the promises.

const TASK_PRIORITIES = ['user-blocking', 'user-visible', 'background'];
const NativePromise = Promise;
const taskSignalSlots = new WeakMap();
const priorityEventSlots = new WeakMap();
const schedulerSlots = new WeakMap();
const fixedQueues = {};

// WebIDL's conversion to the TaskPriority enum; `where` begins Chromium's message.
function taskPriority(value, where) {
  const name = toDOMString(value);
  if (TASK_PRIORITIES.indexOf(name) < 0) {
    throw new TypeError(`${where}The provided value '${name}' is not a valid enum value of type TaskPriority.`);
  }
  return name;
}

// WebIDL `unsigned long long` without [EnforceRange]: ToNumber, non-finite to 0, truncated, modulo 2^64.
function toUnsignedLongLong(value) {
  const number = +value;
  if (!Number.isFinite(number)) return 0;
  const truncated = Math.trunc(number);
  if (truncated >= 0 && truncated <= Number.MAX_SAFE_INTEGER) return truncated === 0 ? 0 : truncated;
  return Number(BigInt.asUintN(64, BigInt(truncated)));
}

// The loop's queue for tasks of a fixed priority.
function fixedQueue(priority) {
  if (!ObjectHasOwn(fixedQueues, priority)) fixedQueues[priority] = ops.schedulerQueue(priority, true);
  return fixedQueues[priority];
}

// The loop's queue for tasks whose priority is a TaskSignal's, made on first use.
function signalQueue(signal) {
  const state = taskSignalSlots.get(signal);
  if (state.queue < 0) state.queue = ops.schedulerQueue(state.priority, false);
  return state.queue;
}

function newTaskSignal(priority) {
  const signal = new TaskSignal(INTERNAL);
  taskSignalSlots.get(signal).priority = priority;
  return signal;
}

class TaskPriorityChangeEvent extends Event {
  constructor(type, priorityChangeEventInitDict) {
    requireArguments(arguments.length, 2, null, 'TaskPriorityChangeEvent');
    const typeString = toDOMString(type);
    const init = eventInit(priorityChangeEventInitDict, 'TaskPriorityChangeEventInit', 'TaskPriorityChangeEvent');
    const where = "Failed to construct 'TaskPriorityChangeEvent': Failed to read the 'previousPriority' property from 'TaskPriorityChangeEventInit': ";
    const dict = priorityChangeEventInitDict === undefined || priorityChangeEventInitDict === null
      ? {} : priorityChangeEventInitDict;
    const previous = dict.previousPriority;
    if (previous === undefined) throw new TypeError(`${where}Required member is undefined.`);
    const previousPriority = taskPriority(previous, where);
    super(typeString, new ConvertedInit(init));
    priorityEventSlots.set(this, previousPriority);
  }

  get previousPriority() {
    return slotsOf(priorityEventSlots, this);
  }
}
finishInterface(TaskPriorityChangeEvent, 'TaskPriorityChangeEvent');

class TaskSignal extends AbortSignal {
  constructor(token = undefined) {
    if (token !== INTERNAL) throw new TypeError("Failed to construct 'TaskSignal': Illegal constructor");
    super(INTERNAL);
    // `source`: the TaskSignal whose priority this one follows (TaskSignal.any), if any.
    taskSignalSlots.set(this, { priority: 'user-visible', queue: -1, changing: false, source: null, followers: [] });
  }

  static any(signals, init = undefined) {
    requireArguments(arguments.length, 1, 'any', 'TaskSignal');
    const list = sequence(signals, 'AbortSignal', 'any', 'TaskSignal');
    for (let i = 0; i < list.length; i++) {
      if (!isAbortSignal(list[i])) {
        throw new TypeError("Failed to execute 'any' on 'TaskSignal': Failed to convert value to 'AbortSignal'.");
      }
    }
    const dict = dictionary(init, 'TaskSignalAnyInit', 'TaskSignal', 'any');
    let priority = dict === null ? undefined : dict.priority;
    if (priority === undefined) priority = 'user-visible';
    else if (!taskSignalSlots.has(priority)) {
      priority = taskPriority(priority, "Failed to execute 'any' on 'TaskSignal': Failed to read the 'priority' property from 'TaskSignalAnyInit': ");
    }
    const result = dependentSignal(list, new TaskSignal(INTERNAL));
    const resultState = taskSignalSlots.get(result);
    if (typeof priority === 'string') {
      resultState.priority = priority;
    } else {
      // Follow the signal whose priority is set by a controller, not another follower.
      let source = priority;
      resultState.priority = taskSignalSlots.get(source).priority;
      const followed = taskSignalSlots.get(source).source;
      if (followed !== null) source = followed;
      resultState.source = source;
      const sourceState = taskSignalSlots.get(source);
      sourceState.followers[sourceState.followers.length] = result;
    }
    return result;
  }

  get priority() {
    return slotsOf(taskSignalSlots, this).priority;
  }
}
defineEventHandler(TaskSignal.prototype, 'onprioritychange', 'prioritychange');
finishInterface(TaskSignal, 'TaskSignal');

// "Signal priority change": the signal's event first, then the signals that follow its priority.
function signalPriorityChange(signal, priority, method, iface) {
  const state = taskSignalSlots.get(signal);
  if (state.changing) {
    throw domException(`Failed to execute '${method}' on '${iface}': Cannot change priority when a prioritychange event is in progress.`, 'NotAllowedError');
  }
  if (state.priority === priority) return;
  state.changing = true;
  try {
    const previousPriority = state.priority;
    state.priority = priority;
    if (state.queue >= 0) ops.setQueuePriority(state.queue, priority);
    dispatch(signal, trustedEvent(TaskPriorityChangeEvent, 'prioritychange', { previousPriority }));
    for (let i = 0; i < state.followers.length; i++) {
      signalPriorityChange(state.followers[i], priority, method, iface);
    }
  } finally {
    state.changing = false;
  }
}

class TaskController extends AbortController {
  constructor(init = undefined) {
    const dict = dictionary(init, 'TaskControllerInit', 'TaskController', null);
    let priority = dict === null ? undefined : dict.priority;
    priority = priority === undefined ? 'user-visible' : taskPriority(priority,
      "Failed to construct 'TaskController': Failed to read the 'priority' property from 'TaskControllerInit': ");
    super();
    controllerSlots.set(this, newTaskSignal(priority));
  }

  setPriority(priority) {
    const signal = slotsOf(controllerSlots, this);
    if (!taskSignalSlots.has(signal)) throw new TypeError('Illegal invocation');
    requireArguments(arguments.length, 1, 'setPriority', 'TaskController');
    const name = taskPriority(priority, "Failed to execute 'setPriority' on 'TaskController': ");
    signalPriorityChange(signal, name, 'setPriority', 'TaskController');
  }
}
finishInterface(TaskController, 'TaskController');

// Posts `run` (which settles the task's promise) on the loop; a signal that aborts first takes the task
// out of its queue and rejects the promise with its reason.
function scheduleTask(queue, delay, continuation, signal, state, run, reject) {
  const id = ops.postTask(queue, delay, continuation, run, state);
  if (signal !== null) {
    addAbortAlgorithm(signal, () => {
      reject(signalSlots.get(signal).reason);
      ops.abortTask(id);
    });
  }
}

// A new promise with the functions that settle it (ECMAScript's NewPromiseCapability).
function newCapability() {
  let resolve;
  let reject;
  const result = new NativePromise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { result, resolve, reject };
}

class Scheduler {
  constructor(token = undefined) {
    if (token !== INTERNAL) throw new TypeError("Failed to construct 'Scheduler': Illegal constructor");
    schedulerSlots.set(this, true);
  }

  // A promise-returning operation: what it throws becomes its promise's rejection (WebIDL).
  postTask(callback, options = undefined) {
    const { result, resolve, reject } = newCapability();
    try {
      slotsOf(schedulerSlots, this);
      requireArguments(arguments.length, 1, 'postTask', 'Scheduler');
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'postTask' on 'Scheduler': parameter 1 is not of type 'Function'.");
      }
      const dict = dictionary(options, 'SchedulerPostTaskOptions', 'Scheduler', 'postTask');
      let delay = 0;
      let priority;
      let signal = null;
      if (dict !== null) {
        const where = (member) => `Failed to execute 'postTask' on 'Scheduler': Failed to read the '${member}' property from 'SchedulerPostTaskOptions': `;
        const delayValue = dict.delay;
        if (delayValue !== undefined) delay = toUnsignedLongLong(delayValue);
        const priorityValue = dict.priority;
        if (priorityValue !== undefined) priority = taskPriority(priorityValue, where('priority'));
        const signalValue = dict.signal;
        if (signalValue !== undefined) {
          if (!isAbortSignal(signalValue)) throw new TypeError(`${where('signal')}Failed to convert value to 'AbortSignal'.`);
          signal = signalValue;
        }
      }
      if (signal !== null && signalSlots.get(signal).aborted) {
        reject(signalSlots.get(signal).reason);
        return result;
      }
      let queue;
      if (priority !== undefined) queue = fixedQueue(priority);
      else if (signal !== null && taskSignalSlots.has(signal)) queue = signalQueue(signal);
      else queue = fixedQueue('user-visible');
      // What a scheduler.yield() in the callback inherits: this task's priority and signal.
      const state = { queue, signal };
      const run = () => {
        let value;
        try {
          value = ReflectApply(callback, undefined, []);
        } catch (error) {
          reject(error);
          return;
        }
        resolve(value);
      };
      scheduleTask(queue, delay, false, signal, state, run, reject);
    } catch (error) {
      reject(error);
    }
    return result;
  }

  yield() {
    const { result, resolve, reject } = newCapability();
    try {
      slotsOf(schedulerSlots, this);
      const inherited = ops.schedulingState();
      const state = inherited === undefined ? { queue: fixedQueue('user-visible'), signal: null } : inherited;
      const signal = state.signal;
      if (signal !== null && signalSlots.get(signal).aborted) {
        reject(signalSlots.get(signal).reason);
        return result;
      }
      scheduleTask(state.queue, 0, true, signal, state, () => resolve(undefined), reject);
    } catch (error) {
      reject(error);
    }
    return result;
  }
}
finishInterface(Scheduler, 'Scheduler');

const theScheduler = new Scheduler(INTERNAL);
