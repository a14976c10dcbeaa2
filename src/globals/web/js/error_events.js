// ErrorEvent and PromiseRejectionEvent (HTML §8.1.4), HTML's "report an exception" (the `error` event
// at the global before the console report) and the rejection events the loop fires.

const errorEventSlots = new WeakMap();
const rejectionEventSlots = new WeakMap();

class ErrorEvent extends Event {
  constructor(type, eventInitDict = undefined) {
    requireArguments(arguments.length, 1, null, 'ErrorEvent');
    const typeString = toDOMString(type);
    const init = eventInit(eventInitDict, 'ErrorEventInit', 'ErrorEvent');
    const dict = eventInitDict === undefined || eventInitDict === null ? null : eventInitDict;
    let colno = 0;
    let error;
    let filename = '';
    let lineno = 0;
    let message = '';
    if (dict !== null) {
      const colnoValue = dict.colno;
      colno = colnoValue === undefined ? 0 : toUnsignedLong(colnoValue);
      error = dict.error;
      const filenameValue = dict.filename;
      filename = filenameValue === undefined ? '' : toDOMString(filenameValue);
      const linenoValue = dict.lineno;
      lineno = linenoValue === undefined ? 0 : toUnsignedLong(linenoValue);
      const messageValue = dict.message;
      message = messageValue === undefined ? '' : toDOMString(messageValue);
    }
    super(typeString, new ConvertedInit(init));
    errorEventSlots.set(this, { message, filename, lineno, colno, error });
  }

  get message() {
    return slotsOf(errorEventSlots, this).message;
  }

  get filename() {
    return slotsOf(errorEventSlots, this).filename;
  }

  get lineno() {
    return slotsOf(errorEventSlots, this).lineno;
  }

  get colno() {
    return slotsOf(errorEventSlots, this).colno;
  }

  get error() {
    return slotsOf(errorEventSlots, this).error;
  }
}
finishInterface(ErrorEvent, 'ErrorEvent');

class PromiseRejectionEvent extends Event {
  constructor(type, eventInitDict) {
    requireArguments(arguments.length, 2, null, 'PromiseRejectionEvent');
    const typeString = toDOMString(type);
    const init = eventInit(eventInitDict, 'PromiseRejectionEventInit', 'PromiseRejectionEvent');
    const dict = eventInitDict === undefined || eventInitDict === null ? {} : eventInitDict;
    const promise = dict.promise;
    if (promise === undefined) {
      throw new TypeError("Failed to construct 'PromiseRejectionEvent': Failed to read the 'promise' property from 'PromiseRejectionEventInit': Required member is undefined.");
    }
    if (promise === null || (typeof promise !== 'object' && typeof promise !== 'function')) {
      throw new TypeError("Failed to construct 'PromiseRejectionEvent': Failed to read the 'promise' property from 'PromiseRejectionEventInit': The provided value is not of type 'object'.");
    }
    const reason = dict.reason;
    super(typeString, new ConvertedInit(init));
    rejectionEventSlots.set(this, { promise, reason });
  }

  get promise() {
    return slotsOf(rejectionEventSlots, this).promise;
  }

  get reason() {
    return slotsOf(rejectionEventSlots, this).reason;
  }
}
finishInterface(PromiseRejectionEvent, 'PromiseRejectionEvent');

// Whether the global is in HTML's "error reporting mode": an `error` listener that throws gets no
// `error` event of its own. Chromium reports what such a listener threw on the console after the
// exception being reported (a worker sends it to its Worker object), so it waits here until then.
let reportingError = false;
let reportedMeanwhile = [];

// HTML's "report an exception": an `error` event at the global (cancelable, with the message Chromium
// writes: `Uncaught Error: boom`), then, unless a listener canceled it, the console report, then what
// the listeners threw.
function reportException(error) {
  if (reportingError) {
    reportedMeanwhile[reportedMeanwhile.length] = error;
    return;
  }
  const location = ops.location(error);
  const event = trustedEvent(ErrorEvent, 'error', {
    cancelable: true, message: ops.errorMessage(error), filename: location[0], lineno: location[1],
    colno: location[2], error,
  });
  reportingError = true;
  let notCanceled;
  try {
    notCanceled = dispatch(global, event, false);
  } finally {
    reportingError = false;
  }
  const thrown = reportedMeanwhile;
  reportedMeanwhile = [];
  ops.recordEvent('error', !notCanceled);
  if (notCanceled) ops.printUncaught(error);
  for (let i = 0; i < thrown.length; i++) ops.printUncaught(thrown[i]);
}

// `reportError(e)`: report an exception without throwing it.
function reportError(e) {
  requireArguments(arguments.length, 1, 'reportError', 'WorkerGlobalScope');
  reportException(e);
}

// The `unhandledrejection` event of HTML's "notify about rejected promises" for one promise; true
// when no listener canceled it (so the console report follows).
function notifyRejection(promise, reason) {
  const event = trustedEvent(PromiseRejectionEvent, 'unhandledrejection', { cancelable: true, promise, reason });
  const notCanceled = dispatch(global, event);
  ops.recordEvent('unhandledrejection', !notCanceled);
  return notCanceled;
}

// The `rejectionhandled` event, for a promise reported earlier that has now got a handler.
function rejectionHandled(promise, reason) {
  const event = trustedEvent(PromiseRejectionEvent, 'rejectionhandled', { promise, reason });
  const notCanceled = dispatch(global, event);
  ops.recordEvent('rejectionhandled', !notCanceled);
}
