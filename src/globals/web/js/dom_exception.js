// DOMException (WebIDL §2.8): a name, a message and the legacy code of the name, an Error by its
// prototype chain (DOMException.prototype inherits from Error.prototype, as WebIDL says and browsers do).

// WebIDL's table of error names with a legacy code; every other name has code 0.
const DOM_EXCEPTION_CODES = {
  IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
  NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
  InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
  InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
  URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
};

const DOM_EXCEPTION_CONSTANTS = {
  INDEX_SIZE_ERR: 1, DOMSTRING_SIZE_ERR: 2, HIERARCHY_REQUEST_ERR: 3, WRONG_DOCUMENT_ERR: 4,
  INVALID_CHARACTER_ERR: 5, NO_DATA_ALLOWED_ERR: 6, NO_MODIFICATION_ALLOWED_ERR: 7, NOT_FOUND_ERR: 8,
  NOT_SUPPORTED_ERR: 9, INUSE_ATTRIBUTE_ERR: 10, INVALID_STATE_ERR: 11, SYNTAX_ERR: 12,
  INVALID_MODIFICATION_ERR: 13, NAMESPACE_ERR: 14, INVALID_ACCESS_ERR: 15, VALIDATION_ERR: 16,
  TYPE_MISMATCH_ERR: 17, SECURITY_ERR: 18, NETWORK_ERR: 19, ABORT_ERR: 20, URL_MISMATCH_ERR: 21,
  QUOTA_EXCEEDED_ERR: 22, TIMEOUT_ERR: 23, INVALID_NODE_TYPE_ERR: 24, DATA_CLONE_ERR: 25,
};

const domExceptionSlots = new WeakMap();

class DOMException extends Error {
  constructor(message = undefined, name = undefined) {
    // No message for Error itself: a DOMException's message is an accessor of its prototype.
    super();
    domExceptionSlots.set(this, {
      message: message === undefined ? '' : toDOMString(message),
      name: name === undefined ? 'Error' : toDOMString(name),
    });
  }

  get name() {
    return slotsOf(domExceptionSlots, this).name;
  }

  get message() {
    return slotsOf(domExceptionSlots, this).message;
  }

  get code() {
    const name = slotsOf(domExceptionSlots, this).name;
    return Object.hasOwn(DOM_EXCEPTION_CODES, name) ? DOM_EXCEPTION_CODES[name] : 0;
  }
}
finishInterface(DOMException, 'DOMException', DOM_EXCEPTION_CONSTANTS);

// A DOMException made by the platform (the prelude), never through a snippet's own `DOMException`.
function domException(message, name) {
  return new DOMException(message, name);
}
