//! `require("fs")`: Node's callback API (`readFile`, `writeFile`, `readdir`) and the same three
//! as promises under `fs.promises`, over the host's file space ([`crate::host::Host`]: a folder
//! natively, the playground's files in the browser).
//!
//! Each call is a host operation (`fs.readFile`, `fs.writeFile`, `fs.readdir`) whose outcome
//! reaches JavaScript in a completion task of its own (`fs.readFile.settle`, …), never during
//! the call. Callbacks follow Node's convention: `callback(null, data)` on success,
//! `callback(err)` (one argument) on failure, `err` an `Error` with `code` (`ENOENT`, `EACCES`,
//! `EISDIR`, `ENOTDIR`), `syscall` and `path`, its message naming the path. A missing or
//! non-function callback, a non-string path or an unsupported option throws a `TypeError` at
//! once; the promise versions reject with it instead.
//!
//! Files are text: data is read and written as UTF-8 whether or not an encoding is given (there
//! is no `Buffer`); any other encoding is refused.

use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsResult, JsValue, NativeFunction, js_string,
    object::{ObjectInitializer, builtins::JsArray, builtins::JsFunction},
    property::Attribute,
};

use super::NativeModule;
use super::support::{Settle, caller, host_error_value, pending_promise};
use crate::globals::timers::event_loop;
use crate::host::{ErrorCode, Host, HostError};

/// The `fs` module.
#[derive(Debug, Clone, Copy, Default)]
pub struct FsModule;

impl NativeModule for FsModule {
    fn name(&self) -> &str {
        "fs"
    }

    fn exports(&self, context: &mut Context) -> JsResult<JsObject> {
        let promises = ObjectInitializer::new(context)
            .function(
                NativeFunction::from_fn_ptr(promised_read_file),
                js_string!("readFile"),
                2,
            )
            .function(
                NativeFunction::from_fn_ptr(promised_write_file),
                js_string!("writeFile"),
                3,
            )
            .function(
                NativeFunction::from_fn_ptr(promised_readdir),
                js_string!("readdir"),
                2,
            )
            .build();
        Ok(ObjectInitializer::new(context)
            .function(
                NativeFunction::from_fn_ptr(read_file),
                js_string!("readFile"),
                3,
            )
            .function(
                NativeFunction::from_fn_ptr(write_file),
                js_string!("writeFile"),
                4,
            )
            .function(
                NativeFunction::from_fn_ptr(readdir),
                js_string!("readdir"),
                3,
            )
            .property(
                js_string!("promises"),
                promises,
                Attribute::WRITABLE | Attribute::CONFIGURABLE | Attribute::ENUMERABLE,
            )
            .build())
    }
}

/// The three operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operation {
    ReadFile,
    WriteFile,
    ReadDir,
}

impl Operation {
    /// The host operation's name in the trace.
    fn name(self) -> &'static str {
        match self {
            Self::ReadFile => "fs.readFile",
            Self::WriteFile => "fs.writeFile",
            Self::ReadDir => "fs.readdir",
        }
    }

    /// The completion task's name.
    fn completion(self) -> &'static str {
        match self {
            Self::ReadFile => "fs.readFile.settle",
            Self::WriteFile => "fs.writeFile.settle",
            Self::ReadDir => "fs.readdir.settle",
        }
    }

    /// The system call Node reports the failure against (`err.syscall`).
    fn syscall(self) -> &'static str {
        match self {
            Self::ReadFile | Self::WriteFile => "open",
            Self::ReadDir => "scandir",
        }
    }

    /// Where the path is in the arguments and how many come before the options.
    fn options_index(self) -> usize {
        match self {
            Self::ReadFile | Self::ReadDir => 1,
            Self::WriteFile => 2,
        }
    }

    /// The `flag` option this operation accepts.
    fn flag(self) -> Option<&'static str> {
        match self {
            Self::ReadFile => Some("r"),
            Self::WriteFile => Some("w"),
            Self::ReadDir => None,
        }
    }
}

/// A validated request to the host.
struct Request {
    operation: Operation,
    path: String,
    /// What `writeFile` writes.
    data: String,
}

/// How the outcome reaches JavaScript.
enum Finish {
    /// Node's `callback(err, data)`.
    Callback(JsFunction),
    /// A promise from `fs.promises`.
    Promise(Settle),
}

/// What the host answered.
enum Answer {
    Text(String),
    Written,
    Names(Vec<String>),
}

fn read_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    with_callback(Operation::ReadFile, args, context)
}

fn write_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    with_callback(Operation::WriteFile, args, context)
}

fn readdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    with_callback(Operation::ReadDir, args, context)
}

fn promised_read_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    promised(Operation::ReadFile, args, context)
}

fn promised_write_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    promised(Operation::WriteFile, args, context)
}

fn promised_readdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    promised(Operation::ReadDir, args, context)
}

/// The callback form: validates synchronously (throwing a `TypeError`), then starts the
/// operation; returns `undefined`.
fn with_callback(
    operation: Operation,
    args: &[JsValue],
    context: &mut Context,
) -> JsResult<JsValue> {
    let index = operation.options_index();
    let given = args.get(index).cloned().unwrap_or_default();
    let (options, callback) = if given.is_callable() {
        (JsValue::undefined(), given)
    } else {
        (given, args.get(index + 1).cloned().unwrap_or_default())
    };
    let Some(callback) = callback.as_callable().and_then(JsFunction::from_object) else {
        return Err(invalid_type("cb", "of type function", &callback, context));
    };
    let request = validate(operation, args, &options, context)?;
    start(request, Finish::Callback(callback), context)?;
    Ok(JsValue::undefined())
}

/// The promise form: invalid arguments reject (in the completion task) rather than throw.
fn promised(operation: Operation, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let options = args
        .get(operation.options_index())
        .cloned()
        .unwrap_or_default();
    let (promise, settle) = pending_promise(context);
    match validate(operation, args, &options, context) {
        Ok(request) => start(request, Finish::Promise(settle), context)?,
        Err(error) => {
            let reason = error.into_opaque(context)?;
            let event_loop = event_loop(context)?;
            let shown = shown_path(args.first(), context);
            let op =
                event_loop.begin_host_op(operation.name(), shown, caller(&event_loop, context));
            event_loop.complete_now(op, operation.completion(), false, move |context| {
                settle.reject(reason, context)
            });
        }
    }
    Ok(promise.into())
}

/// Checks the path, the data and the options, in Node's order.
fn validate(
    operation: Operation,
    args: &[JsValue],
    options: &JsValue,
    context: &mut Context,
) -> JsResult<Request> {
    check_options(operation, options, context)?;
    let path_value = args.first().cloned().unwrap_or_default();
    let Some(path) = path_value.as_string() else {
        return Err(invalid_type("path", "of type string", &path_value, context));
    };
    let path = path.to_std_string_escaped();
    if path.contains('\0') {
        return Err(coded(
            JsNativeError::typ().with_message(format!(
                "The argument 'path' must be a string without null bytes. Received {:?}",
                path
            )),
            "ERR_INVALID_ARG_VALUE",
            context,
        ));
    }
    let data = if operation == Operation::WriteFile {
        let data_value = args.get(1).cloned().unwrap_or_default();
        match data_value.as_string() {
            Some(text) => text.to_std_string_escaped(),
            None => return Err(invalid_type("data", "of type string", &data_value, context)),
        }
    } else {
        String::new()
    };
    Ok(Request {
        operation,
        path,
        data,
    })
}

/// Accepts `undefined`, `null`, `"utf8"` or an options object with such an `encoding` (and the
/// operation's own `flag`); refuses what tickscope cannot honour.
fn check_options(operation: Operation, options: &JsValue, context: &mut Context) -> JsResult<()> {
    if options.is_null_or_undefined() || options.is_string() {
        return check_encoding(options, context);
    }
    let Some(object) = options.as_object() else {
        return Err(invalid_type(
            "options",
            "one of type string or an instance of Object",
            options,
            context,
        ));
    };
    let encoding = object.get(js_string!("encoding"), context)?;
    check_encoding(&encoding, context)?;
    let flag = object.get(js_string!("flag"), context)?;
    if !flag.is_undefined() {
        let accepted = operation.flag().is_some_and(|accepted| {
            flag.as_string()
                .is_some_and(|flag| flag.to_std_string_escaped() == accepted)
        });
        if !accepted {
            return Err(unsupported(
                format!(
                    "{}: the flag {} is not supported",
                    operation.name(),
                    received(&flag, context)
                ),
                context,
            ));
        }
    }
    for option in ["withFileTypes", "recursive"] {
        if object.get(js_string!(option), context)?.to_boolean() {
            return Err(unsupported(
                format!("{}: the option {option} is not supported", operation.name()),
                context,
            ));
        }
    }
    Ok(())
}

/// Node's encodings; only UTF-8 is supported, the others are refused by name.
fn check_encoding(encoding: &JsValue, context: &mut Context) -> JsResult<()> {
    if encoding.is_null_or_undefined() {
        return Ok(());
    }
    let name = encoding
        .as_string()
        .map(|name| name.to_std_string_escaped().to_ascii_lowercase());
    match name.as_deref() {
        Some("utf8" | "utf-8") => Ok(()),
        Some(
            "ascii" | "latin1" | "binary" | "base64" | "base64url" | "hex" | "ucs2" | "ucs-2"
            | "utf16le" | "utf-16le",
        ) => Err(unsupported(
            format!(
                "the encoding {} is not supported: tickscope's fs reads and writes UTF-8 text",
                received(encoding, context)
            ),
            context,
        )),
        _ => Err(coded(
            JsNativeError::typ().with_message(format!(
                "The argument 'encoding' is invalid encoding. Received {}",
                received(encoding, context)
            )),
            "ERR_INVALID_ARG_VALUE",
            context,
        )),
    }
}

/// Starts the host operation and queues its completion.
fn start(request: Request, finish: Finish, context: &mut Context) -> JsResult<()> {
    let event_loop = event_loop(context)?;
    let operation = request.operation;
    let op = event_loop.begin_host_op(
        operation.name(),
        request.path.clone(),
        caller(&event_loop, context),
    );
    let outcome = perform(event_loop.clock().host().as_ref(), &request);
    let path = request.path;
    event_loop.complete_now(
        op,
        operation.completion(),
        outcome.is_ok(),
        move |context| match outcome {
            Ok(answer) => {
                let value = match answer {
                    Answer::Text(text) => js_string!(text).into(),
                    Answer::Written => JsValue::undefined(),
                    Answer::Names(names) => JsArray::from_iter(
                        names.into_iter().map(|name| js_string!(name).into()),
                        context,
                    )
                    .into(),
                };
                match finish {
                    Finish::Callback(callback) => {
                        let args = if operation == Operation::WriteFile {
                            vec![JsValue::null()]
                        } else {
                            vec![JsValue::null(), value]
                        };
                        callback
                            .call(&JsValue::undefined(), &args, context)
                            .map(drop)
                    }
                    Finish::Promise(settle) => settle.resolve(value, context),
                }
            }
            Err(error) => {
                let error = fs_error(&error, operation, &path, context)?;
                match finish {
                    Finish::Callback(callback) => callback
                        .call(&JsValue::undefined(), &[error], context)
                        .map(drop),
                    Finish::Promise(settle) => settle.reject(error, context),
                }
            }
        },
    );
    Ok(())
}

/// Asks the host.
fn perform(host: &dyn Host, request: &Request) -> Result<Answer, HostError> {
    match request.operation {
        Operation::ReadFile => host.read_file(&request.path).map(Answer::Text),
        Operation::WriteFile => host
            .write_file(&request.path, &request.data)
            .map(|()| Answer::Written),
        Operation::ReadDir => host.read_dir(&request.path).map(Answer::Names),
    }
}

/// The `Error` for a failed operation: `code` and message from the host, plus Node's `syscall`
/// and `path`.
fn fs_error(
    error: &HostError,
    operation: Operation,
    path: &str,
    context: &mut Context,
) -> JsResult<JsValue> {
    let value = host_error_value(error, context)?;
    if let Some(object) = value.as_object() {
        // Node opens a file and then fails to read a folder: `EISDIR: …, read`.
        let syscall = if error.code == ErrorCode::IsDirectory && operation == Operation::ReadFile {
            "read"
        } else {
            operation.syscall()
        };
        object.set(js_string!("syscall"), js_string!(syscall), false, context)?;
        object.set(js_string!("path"), js_string!(path), false, context)?;
    }
    Ok(value)
}

/// Node's `ERR_INVALID_ARG_TYPE`: `The "cb" argument must be of type function. Received …`.
fn invalid_type(name: &str, expected: &str, value: &JsValue, context: &mut Context) -> JsError {
    let message = format!(
        "The \"{name}\" argument must be {expected}. Received {}",
        received(value, context)
    );
    coded(
        JsNativeError::typ().with_message(message),
        "ERR_INVALID_ARG_TYPE",
        context,
    )
}

/// A `TypeError` for something Node offers and tickscope does not.
fn unsupported(message: String, context: &mut Context) -> JsError {
    coded(
        JsNativeError::typ().with_message(message),
        "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
        context,
    )
}

/// An error carrying Node's `code`.
fn coded(error: JsNativeError, code: &str, context: &mut Context) -> JsError {
    let object = error.into_opaque(context);
    // Setting a data property on a fresh error object cannot fail; if it somehow did, the error
    // is still thrown, only without its code.
    let _ = object.set(js_string!("code"), js_string!(code), false, context);
    JsError::from_opaque(object.into())
}

/// How Node describes a bad argument: `undefined`, `type number (1)`, `an instance of Object`.
fn received(value: &JsValue, context: &mut Context) -> String {
    if value.is_undefined() {
        return "undefined".to_owned();
    }
    if value.is_null() {
        return "null".to_owned();
    }
    if let Some(text) = value.as_string() {
        return format!("type string ('{}')", text.to_std_string_escaped());
    }
    if value.is_callable() {
        return "function".to_owned();
    }
    if let Some(object) = value.as_object() {
        let name = if object.is_array() { "Array" } else { "Object" };
        return format!("an instance of {name}");
    }
    if let Some(symbol) = value.as_symbol() {
        return format!(
            "type symbol ({})",
            symbol.descriptive_string().to_std_string_escaped()
        );
    }
    let shown = value
        .to_string(context)
        .map_or_else(|_| String::new(), |text| text.to_std_string_escaped());
    format!("type {} ({shown})", value.type_of())
}

/// The path argument as the trace shows it.
fn shown_path(value: Option<&JsValue>, context: &mut Context) -> String {
    match value.and_then(JsValue::as_string) {
        Some(text) => text.to_std_string_escaped(),
        None => received(&value.cloned().unwrap_or_default(), context),
    }
}
