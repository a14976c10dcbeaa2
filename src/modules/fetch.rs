//! HTTP from JavaScript: the `fetch` module of the go-go-goja guide, and the standard global
//! `fetch(url, init)` with `Response` and `Headers`.
//!
//! Both hand the request to [`Host::fetch`](crate::host::Host::fetch), which does the work off
//! the engine's thread (a native thread with `ureq`, the worker's own `fetch` in the browser)
//! and answers through a [`Reply`](crate::host::Reply); the loop then runs a named completion
//! task that settles the promise. In the trace:
//!
//! | call | host operation | completion task |
//! | --- | --- | --- |
//! | `require("fetch").get(url)` | `fetch.get` (args: the URL) | `fetch.get.settle` |
//! | `fetch(url, init)` | `fetch` (args: the URL, after the method unless it is `GET`) | `fetch.settle` |
//!
//! `get(url)` fulfils with `{ status, body, ok }` for any status (`ok` for 200–299) and rejects
//! with an `Error` (with Node's `code`, such as `ECONNREFUSED` or `ETIMEDOUT`) whose message
//! names the URL and the reason when the request does not complete. The global `fetch` fulfils
//! with a `Response` and rejects like a browser, with a `TypeError`, whose message again names
//! the URL and the reason.
//!
//! Every request has a timeout for the whole exchange: 30 s unless the caller gives one, a
//! tickscope extension in both APIs: `get(url, { timeout: ms })` and `fetch(url, { timeout: ms })`.
//! The timeout is real time, whatever the loop's clock: the network does not run on virtual time.
//!
//! Both take an `AbortSignal` (`fetch(url, { signal })`, `get(url, { signal })`): when it aborts
//! before the answer's task has run, the promise is rejected with the signal's reason and the host
//! operation ends in the trace as aborted ([`crate::trace::EventKind::HostOpAborted`]); a signal
//! that has already aborted rejects at once and no request is made.

use std::cell::{Cell, RefCell};

use boa_engine::{
    Context, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue,
    NativeFunction,
    class::{Class, ClassBuilder},
    js_string,
    object::{
        ObjectInitializer,
        builtins::{JsArray, JsFunction, JsPromise},
    },
    property::{Attribute, PropertyDescriptor},
};
use boa_gc::{Finalize, Trace};

use super::NativeModule;
use super::support::{
    Abortable, abort_on_signal, caller, host_error_value, pending_promise, signal_option,
};
use crate::globals::timers::event_loop;
use crate::globals::web::Signal;
use crate::host::{FetchRequest, FetchResponse, HostError};

/// How long a request may take when the caller does not say, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;

/// The `fetch` module: `get(url[, { timeout }])`.
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchModule;

impl NativeModule for FetchModule {
    fn name(&self) -> &str {
        "fetch"
    }

    fn exports(&self, context: &mut Context) -> JsResult<JsObject> {
        Ok(ObjectInitializer::new(context)
            .function(NativeFunction::from_fn_ptr(get), js_string!("get"), 1)
            .build())
    }
}

/// Installs the global `fetch` function and the `Headers` and `Response` classes.
pub(crate) fn install_global(context: &mut Context) -> JsResult<()> {
    context.register_global_class::<Headers>()?;
    context.register_global_class::<Response>()?;
    context.register_global_builtin_callable(
        js_string!("fetch"),
        1,
        NativeFunction::from_fn_ptr(global_fetch),
    )
}

/// Which of the two APIs started a request: they differ in names, results and error types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Api {
    /// `require("fetch").get`.
    Module,
    /// The global `fetch`.
    Global,
}

impl Api {
    fn op_name(self) -> &'static str {
        match self {
            Self::Module => "fetch.get",
            Self::Global => "fetch",
        }
    }

    fn completion(self) -> &'static str {
        match self {
            Self::Module => "fetch.get.settle",
            Self::Global => "fetch.settle",
        }
    }
}

/// `get(url[, options])`: fulfils with `{ status, body, ok }`.
fn get(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let url = args.get_or_undefined(0).clone();
    let options = args.get_or_undefined(1).clone();
    let request = module_request(&url, &options, context);
    start(Api::Module, request, &url, context)
}

/// The global `fetch(url[, init])`: fulfils with a `Response`.
fn global_fetch(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let url = args.get_or_undefined(0).clone();
    let init = args.get_or_undefined(1).clone();
    let request = global_request(&url, &init, context);
    start(Api::Global, request, &url, context)
}

/// Starts the host operation for `request`, or, when the arguments were unusable, settles it at
/// once with their error: a promise-returning function rejects, it does not throw.
fn start(
    api: Api,
    request: JsResult<(FetchRequest, Option<Signal>)>,
    url: &JsValue,
    context: &mut Context,
) -> JsResult<JsValue> {
    let event_loop = event_loop(context)?;
    let (promise, settle) = pending_promise(context);
    let shown = match &request {
        Ok((request, _)) if api == Api::Global && request.method != "GET" => {
            format!("{} {}", request.method, request.url)
        }
        Ok((request, _)) => request.url.clone(),
        Err(_) => url
            .as_string()
            .map_or_else(|| url.type_of().to_owned(), |s| s.to_std_string_escaped()),
    };
    let op = event_loop.begin_host_op(api.op_name(), shown, caller(&event_loop, context));
    match request {
        Ok((_, Some(signal))) if signal.reason(context)?.is_some() => {
            // An aborted signal: no request is made, the promise is rejected at once.
            event_loop.note_aborted(op, api.op_name());
            let reason = signal.reason(context)?.unwrap_or_default();
            settle.reject(reason, context)?;
        }
        Ok((request, signal)) => {
            if let Some(signal) = &signal {
                abort_on_signal(
                    signal,
                    op,
                    api.op_name(),
                    Abortable::Reply,
                    &settle,
                    context,
                )?;
            }
            let url = request.url.clone();
            let reply = event_loop.await_reply::<FetchResponse>(
                op,
                api.completion(),
                move |outcome, context| match outcome {
                    Ok(response) => {
                        let value = match api {
                            Api::Module => module_result(&response, context),
                            Api::Global => Response::create(response, url, context)?.into(),
                        };
                        settle.resolve(value, context)
                    }
                    Err(error) => {
                        let reason = failure(api, &url, &error, context)?;
                        settle.reject(reason, context)
                    }
                },
            );
            let host = event_loop.clock().host().clone();
            host.fetch(request, reply);
        }
        Err(error) => {
            let reason = error.into_opaque(context)?;
            event_loop.complete_now(op, api.completion(), false, move |context| {
                settle.reject(reason, context)
            });
        }
    }
    Ok(promise.into())
}

/// `{ status, body, ok }`, what `get` fulfils with.
fn module_result(response: &FetchResponse, context: &mut Context) -> JsValue {
    ObjectInitializer::new(context)
        .property(
            js_string!("status"),
            i32::from(response.status),
            Attribute::all(),
        )
        .property(
            js_string!("body"),
            JsString::from(response.body.as_str()),
            Attribute::all(),
        )
        .property(js_string!("ok"), is_ok(response.status), Attribute::all())
        .build()
        .into()
}

/// Whether a status counts as success (200–299).
fn is_ok(status: u16) -> bool {
    (200..=299).contains(&status)
}

/// The rejection reason for a request that did not complete: an `Error` for `get`, a
/// `TypeError` (as browsers reject) for the global `fetch`; both carry Node's `code` and a
/// message naming the URL and the reason.
fn failure(api: Api, url: &str, error: &HostError, context: &mut Context) -> JsResult<JsValue> {
    let message = if error.message.contains(url) {
        error.message.clone()
    } else {
        format!("fetch {url} failed: {}", error.message)
    };
    if api == Api::Module {
        return host_error_value(&HostError::new(error.code, message), context);
    }
    let object = JsNativeError::typ()
        .with_message(message)
        .into_opaque(context);
    object.set(
        js_string!("code"),
        js_string!(error.code.as_node_code()),
        false,
        context,
    )?;
    Ok(object.into())
}

/// The request `get(url, options)` describes.
fn module_request(
    url: &JsValue,
    options: &JsValue,
    context: &mut Context,
) -> JsResult<(FetchRequest, Option<Signal>)> {
    let url = url_argument(url, context)?;
    let options = options_object(options, "fetch.get", "options")?;
    let timeout_ms = match &options {
        Some(options) => timeout_option(options, context)?,
        None => DEFAULT_TIMEOUT_MS,
    };
    let signal = signal_option(options.as_ref(), "options", context)?;
    let request = FetchRequest {
        url,
        method: "GET".to_owned(),
        headers: Vec::new(),
        body: None,
        timeout_ms,
    };
    Ok((request, signal))
}

/// The request `fetch(url, init)` describes: `method`, `headers`, `body` and tickscope's
/// `timeout` are read from `init`; the rest of `RequestInit` is ignored.
fn global_request(
    url: &JsValue,
    init: &JsValue,
    context: &mut Context,
) -> JsResult<(FetchRequest, Option<Signal>)> {
    let url = url_argument(url, context)?;
    let Some(init) = options_object(init, "fetch", "init")? else {
        let request = FetchRequest {
            url,
            method: "GET".to_owned(),
            headers: Vec::new(),
            body: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
        };
        return Ok((request, None));
    };
    let method = init.get(js_string!("method"), context)?;
    let method = if method.is_undefined() {
        "GET".to_owned()
    } else {
        normalize_method(&method.to_string(context)?.to_std_string_escaped())?
    };
    let headers = init.get(js_string!("headers"), context)?;
    let mut headers = header_list(&headers, context)?;
    // As in browsers, headers the client itself owns are dropped without a word.
    headers.retain(|(name, _)| !is_forbidden_request_header(name));
    let body = init.get(js_string!("body"), context)?;
    let body = if body.is_null_or_undefined() {
        None
    } else {
        Some(body.to_string(context)?.to_std_string_escaped())
    };
    if body.is_some() {
        if method == "GET" || method == "HEAD" {
            return Err(JsNativeError::typ()
                .with_message(format!(
                    "fetch {url}: a request with the {method} method cannot have a body"
                ))
                .into());
        }
        if !headers.iter().any(|(name, _)| name == "content-type") {
            headers.push((
                "content-type".to_owned(),
                "text/plain;charset=UTF-8".to_owned(),
            ));
        }
    }
    let timeout_ms = timeout_option(&init, context)?;
    let signal = signal_option(Some(&init), "RequestInit", context)?;
    let request = FetchRequest {
        url,
        method,
        headers,
        body,
        timeout_ms,
    };
    Ok((request, signal))
}

/// The URL argument as a string (a `URL` object or anything else converts as `String(url)`).
fn url_argument(url: &JsValue, context: &mut Context) -> JsResult<String> {
    Ok(url.to_string(context)?.to_std_string_escaped())
}

/// The options object, or `None` when `value` is `undefined` or `null`; anything else that is
/// not an object is a `TypeError`.
fn options_object(value: &JsValue, function: &str, what: &str) -> JsResult<Option<JsObject>> {
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    value.as_object().map(Some).ok_or_else(|| {
        JsNativeError::typ()
            .with_message(format!(
                "{function}: {what} must be an object, got {}",
                value.type_of()
            ))
            .into()
    })
}

/// `options.timeout`: a positive number of milliseconds, [`DEFAULT_TIMEOUT_MS`] when absent.
fn timeout_option(options: &JsObject, context: &mut Context) -> JsResult<u64> {
    let timeout = options.get(js_string!("timeout"), context)?;
    if timeout.is_undefined() {
        return Ok(DEFAULT_TIMEOUT_MS);
    }
    match timeout.as_number() {
        Some(ms) if ms.is_finite() && ms > 0.0 => Ok(ms.ceil() as u64),
        _ => Err(JsNativeError::range()
            .with_message(format!(
                "invalid timeout: expected a positive number of milliseconds, got {}",
                timeout.display()
            ))
            .into()),
    }
}

/// A method as the Fetch standard normalises it: the six standard ones upper case, the
/// forbidden ones refused, anything else kept as written if it is a valid token.
fn normalize_method(method: &str) -> JsResult<String> {
    const STANDARD: [&str; 6] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
    const FORBIDDEN: [&str; 3] = ["CONNECT", "TRACE", "TRACK"];
    if !is_token(method) {
        return Err(JsNativeError::typ()
            .with_message(format!("'{method}' is not a valid HTTP method"))
            .into());
    }
    let upper = method.to_ascii_uppercase();
    if FORBIDDEN.contains(&upper.as_str()) {
        return Err(JsNativeError::typ()
            .with_message(format!("'{method}' HTTP method is unsupported"))
            .into());
    }
    Ok(if STANDARD.contains(&upper.as_str()) {
        upper
    } else {
        method.to_owned()
    })
}

/// Whether `text` is an HTTP token (a method or header name).
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

/// Whether the Fetch standard forbids scripts to set the request header `name` (lower case):
/// the client sets these (`host`, `content-length`, …) itself.
fn is_forbidden_request_header(name: &str) -> bool {
    const FORBIDDEN: [&str; 21] = [
        "accept-charset",
        "accept-encoding",
        "access-control-request-headers",
        "access-control-request-method",
        "connection",
        "content-length",
        "cookie",
        "cookie2",
        "date",
        "dnt",
        "expect",
        "host",
        "keep-alive",
        "origin",
        "referer",
        "set-cookie",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "via",
    ];
    FORBIDDEN.contains(&name) || name.starts_with("proxy-") || name.starts_with("sec-")
}

/// A header name, lower case, or a `TypeError` when it is not a valid one.
fn header_name(name: &str) -> JsResult<String> {
    if is_token(name) {
        Ok(name.to_ascii_lowercase())
    } else {
        Err(JsNativeError::typ()
            .with_message(format!("'{name}' is not a valid HTTP header name"))
            .into())
    }
}

/// A header value with surrounding whitespace removed, or a `TypeError` when it holds a line
/// break or NUL.
fn header_value(name: &str, value: &str) -> JsResult<String> {
    let value = value.trim_matches([' ', '\t', '\r', '\n']);
    if value.contains(['\r', '\n', '\0']) {
        return Err(JsNativeError::typ()
            .with_message(format!(
                "'{value}' is not a valid value for the header '{name}'"
            ))
            .into());
    }
    Ok(value.to_owned())
}

/// Headers from what `init.headers` or `new Headers(init)` accepts: a `Headers`, an array of
/// `[name, value]` pairs, or a plain object of names to values.
fn header_list(init: &JsValue, context: &mut Context) -> JsResult<Vec<(String, String)>> {
    if init.is_null_or_undefined() {
        return Ok(Vec::new());
    }
    let Some(object) = init.as_object() else {
        return Err(JsNativeError::typ()
            .with_message("headers must be an object, an array of [name, value] pairs or Headers")
            .into());
    };
    if let Some(headers) = object.downcast_ref::<Headers>() {
        return Ok(headers.list.borrow().clone());
    }
    let pairs = match JsArray::from_object(object.clone()) {
        Ok(array) => array,
        Err(_) => {
            let entries = context
                .intrinsics()
                .constructors()
                .object()
                .constructor()
                .get(js_string!("entries"), context)?;
            let entries = entries
                .as_callable()
                .and_then(JsFunction::from_object)
                .ok_or_else(|| JsNativeError::typ().with_message("Object.entries is missing"))?;
            let result = entries.call(&JsValue::undefined(), &[object.into()], context)?;
            result
                .as_object()
                .map(JsArray::from_object)
                .transpose()?
                .ok_or_else(|| {
                    JsNativeError::typ().with_message("Object.entries returned no array")
                })?
        }
    };
    let mut list = Vec::new();
    for index in 0..pairs.length(context)? {
        let pair = pairs.get(index, context)?;
        let pair = pair
            .as_object()
            .and_then(|pair| JsArray::from_object(pair).ok())
            .ok_or_else(|| {
                JsNativeError::typ().with_message("each header must be a [name, value] pair")
            })?;
        if pair.length(context)? != 2 {
            return Err(JsNativeError::typ()
                .with_message("each header must be a [name, value] pair")
                .into());
        }
        let name = pair.get(0_u32, context)?.to_string(context)?;
        let value = pair.get(1_u32, context)?.to_string(context)?;
        let name = header_name(&name.to_std_string_escaped())?;
        let value = header_value(&name, &value.to_std_string_escaped())?;
        list.push((name, value));
    }
    Ok(list)
}

/// The `this` of a `Headers` method, or a `TypeError`.
fn this_headers(this: &JsValue) -> JsResult<JsObject> {
    this.as_object()
        .filter(JsObject::is::<Headers>)
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message("'this' is not a Headers object")
                .into()
        })
}

/// A string argument of a `Headers` method.
fn string_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<String> {
    Ok(args
        .get_or_undefined(index)
        .to_string(context)?
        .to_std_string_escaped())
}

/// The standard `Headers`: case-insensitive names, values of a repeated name joined with `, `.
/// A response's headers are immutable.
#[derive(Debug, Trace, Finalize, JsData)]
pub(crate) struct Headers {
    /// Name/value pairs in arrival order, names lower case.
    #[unsafe_ignore_trace]
    list: RefCell<Vec<(String, String)>>,
    /// Whether `set`, `append` and `delete` throw (a response's headers).
    immutable: bool,
}

impl Headers {
    /// The headers' names and combined values, sorted by name, as iteration shows them.
    fn sorted(&self) -> Vec<(String, String)> {
        let list = self.list.borrow();
        let mut names: Vec<&str> = list.iter().map(|(name, _)| name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names
            .into_iter()
            .filter_map(|name| Some((name.to_owned(), combined(&list, name)?)))
            .collect()
    }

    fn check_mutable(&self) -> JsResult<()> {
        if self.immutable {
            Err(JsNativeError::typ()
                .with_message("these Headers are immutable")
                .into())
        } else {
            Ok(())
        }
    }

    fn get(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let object = this_headers(this)?;
        let name = header_name(&string_arg(args, 0, context)?)?;
        let headers = object.downcast_ref::<Self>();
        let value = headers.and_then(|headers| combined(&headers.list.borrow(), &name));
        Ok(value.map_or_else(JsValue::null, |value| JsString::from(value).into()))
    }

    fn has(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let object = this_headers(this)?;
        let name = header_name(&string_arg(args, 0, context)?)?;
        let found = object
            .downcast_ref::<Self>()
            .is_some_and(|headers| headers.list.borrow().iter().any(|(n, _)| *n == name));
        Ok(found.into())
    }

    fn set(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::change(this, args, context, true)
    }

    fn append(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::change(this, args, context, false)
    }

    fn change(
        this: &JsValue,
        args: &[JsValue],
        context: &mut Context,
        replace: bool,
    ) -> JsResult<JsValue> {
        let object = this_headers(this)?;
        let name = header_name(&string_arg(args, 0, context)?)?;
        let value = header_value(&name, &string_arg(args, 1, context)?)?;
        if let Some(headers) = object.downcast_ref::<Self>() {
            headers.check_mutable()?;
            let mut list = headers.list.borrow_mut();
            if replace {
                list.retain(|(n, _)| *n != name);
            }
            list.push((name, value));
        }
        Ok(JsValue::undefined())
    }

    fn delete(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let object = this_headers(this)?;
        let name = header_name(&string_arg(args, 0, context)?)?;
        if let Some(headers) = object.downcast_ref::<Self>() {
            headers.check_mutable()?;
            headers.list.borrow_mut().retain(|(n, _)| *n != name);
        }
        Ok(JsValue::undefined())
    }

    fn for_each(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let object = this_headers(this)?;
        let callback = args
            .get_or_undefined(0)
            .as_callable()
            .and_then(JsFunction::from_object)
            .ok_or_else(|| {
                JsNativeError::typ().with_message("Headers.forEach: the callback is not a function")
            })?;
        let this_arg = args.get_or_undefined(1).clone();
        let entries = object
            .downcast_ref::<Self>()
            .map(|headers| headers.sorted())
            .unwrap_or_default();
        for (name, value) in entries {
            callback.call(
                &this_arg,
                &[
                    JsString::from(value).into(),
                    JsString::from(name).into(),
                    object.clone().into(),
                ],
                context,
            )?;
        }
        Ok(JsValue::undefined())
    }

    fn entries(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::iterate(this, context, |name, value, context| {
            JsArray::from_iter(
                [JsString::from(name).into(), JsString::from(value).into()],
                context,
            )
            .into()
        })
    }

    fn keys(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::iterate(this, context, |name, _, _| JsString::from(name).into())
    }

    fn values(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::iterate(this, context, |_, value, _| JsString::from(value).into())
    }

    /// An iterator over a snapshot of the sorted entries, each mapped by `item`.
    fn iterate(
        this: &JsValue,
        context: &mut Context,
        item: impl Fn(String, String, &mut Context) -> JsValue,
    ) -> JsResult<JsValue> {
        let object = this_headers(this)?;
        let entries = object
            .downcast_ref::<Self>()
            .map(|headers| headers.sorted())
            .unwrap_or_default();
        let items: Vec<JsValue> = entries
            .into_iter()
            .map(|(name, value)| item(name, value, context))
            .collect();
        JsArray::from_iter(items, context).values(context)
    }

    /// A `Headers` object holding `list`.
    fn create(
        list: Vec<(String, String)>,
        immutable: bool,
        context: &mut Context,
    ) -> JsResult<JsObject> {
        Self::from_data(
            Self {
                list: RefCell::new(list),
                immutable,
            },
            context,
        )
    }
}

/// The values of `name` in `list` joined with `, `, or `None` when there are none.
fn combined(list: &[(String, String)], name: &str) -> Option<String> {
    let values: Vec<&str> = list
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, value)| value.as_str())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

impl Class for Headers {
    const NAME: &'static str = "Headers";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        let methods: [(
            &str,
            usize,
            boa_engine::native_function::NativeFunctionPointer,
        ); 9] = [
            ("get", 1, Self::get),
            ("has", 1, Self::has),
            ("set", 2, Self::set),
            ("append", 2, Self::append),
            ("delete", 1, Self::delete),
            ("forEach", 1, Self::for_each),
            ("entries", 0, Self::entries),
            ("keys", 0, Self::keys),
            ("values", 0, Self::values),
        ];
        for (name, length, function) in methods {
            class.method(
                js_string!(name),
                length,
                NativeFunction::from_fn_ptr(function),
            );
        }
        let iterator = boa_engine::object::FunctionObjectBuilder::new(
            class.context().realm(),
            NativeFunction::from_fn_ptr(Self::entries),
        )
        .name(js_string!("entries"))
        .length(0)
        .build();
        class.property(
            boa_engine::JsSymbol::iterator(),
            iterator,
            Attribute::WRITABLE | Attribute::CONFIGURABLE,
        );
        Ok(())
    }

    fn data_constructor(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<Self> {
        Ok(Self {
            list: RefCell::new(header_list(args.get_or_undefined(0), context)?),
            immutable: false,
        })
    }
}

/// The standard `Response`: `status`, `ok`, `statusText`, `url` and `headers` as read-only
/// properties, and the body, readable once, through `text()` and `json()`.
#[derive(Debug, Trace, Finalize, JsData)]
pub(crate) struct Response {
    /// The body as text.
    #[unsafe_ignore_trace]
    body: String,
    /// Whether `text()` or `json()` has read the body.
    #[unsafe_ignore_trace]
    used: Cell<bool>,
}

impl Response {
    /// The `Response` for a host's answer to a request for `url`.
    fn create(response: FetchResponse, url: String, context: &mut Context) -> JsResult<JsObject> {
        let FetchResponse {
            status,
            status_text,
            headers,
            body,
        } = response;
        let object = Self::from_data(
            Self {
                body,
                used: Cell::new(false),
            },
            context,
        )?;
        let headers = Headers::create(headers, true, context)?;
        define_response_fields(&object, status, status_text, url, headers, context)?;
        Ok(object)
    }

    /// The body, marked as read; a `TypeError` if it was read before.
    fn take_body(this: &JsValue, method: &str) -> JsResult<String> {
        let object = this.as_object().ok_or_else(|| not_a_response(method))?;
        let response = object
            .downcast_ref::<Self>()
            .ok_or_else(|| not_a_response(method))?;
        if response.used.replace(true) {
            return Err(JsNativeError::typ()
                .with_message(format!("Response.{method}: body stream already read"))
                .into());
        }
        Ok(response.body.clone())
    }

    fn text(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let promise = match Self::take_body(this, "text") {
            Ok(body) => JsPromise::resolve(JsString::from(body), context)?,
            Err(error) => JsPromise::reject(error, context)?,
        };
        Ok(promise.into())
    }

    fn json(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let parsed = Self::take_body(this, "json").and_then(|body| parse_json(&body, context));
        let promise = match parsed {
            Ok(value) => JsPromise::resolve(value, context)?,
            Err(error) => JsPromise::reject(error, context)?,
        };
        Ok(promise.into())
    }

    fn body_used(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let object = this.as_object().ok_or_else(|| not_a_response("bodyUsed"))?;
        let response = object
            .downcast_ref::<Self>()
            .ok_or_else(|| not_a_response("bodyUsed"))?;
        Ok(response.used.get().into())
    }
}

fn not_a_response(method: &str) -> JsError {
    JsNativeError::typ()
        .with_message(format!("Response.{method}: 'this' is not a Response"))
        .into()
}

/// Parses `text` with the realm's own `JSON.parse`; bad JSON is its `SyntaxError`.
fn parse_json(text: &str, context: &mut Context) -> JsResult<JsValue> {
    let json = context.intrinsics().objects().json();
    let parse = json.get(js_string!("parse"), context)?;
    let parse = parse
        .as_callable()
        .and_then(JsFunction::from_object)
        .ok_or_else(|| JsNativeError::typ().with_message("JSON.parse is missing"))?;
    parse.call(&json.into(), &[JsString::from(text).into()], context)
}

/// Defines a response's read-only data properties.
fn define_response_fields(
    object: &JsObject,
    status: u16,
    status_text: String,
    url: String,
    headers: JsObject,
    context: &mut Context,
) -> JsResult<()> {
    let fields: [(JsString, JsValue); 5] = [
        (js_string!("status"), i32::from(status).into()),
        (js_string!("ok"), is_ok(status).into()),
        (js_string!("statusText"), JsString::from(status_text).into()),
        (js_string!("url"), JsString::from(url).into()),
        (js_string!("headers"), headers.into()),
    ];
    for (name, value) in fields {
        object.define_property_or_throw(
            name,
            PropertyDescriptor::builder()
                .value(value)
                .writable(false)
                .enumerable(true)
                .configurable(true),
            context,
        )?;
    }
    Ok(())
}

impl Class for Response {
    const NAME: &'static str = "Response";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        class.method(
            js_string!("text"),
            0,
            NativeFunction::from_fn_ptr(Self::text),
        );
        class.method(
            js_string!("json"),
            0,
            NativeFunction::from_fn_ptr(Self::json),
        );
        let getter = boa_engine::object::FunctionObjectBuilder::new(
            class.context().realm(),
            NativeFunction::from_fn_ptr(Self::body_used),
        )
        .name(js_string!("get bodyUsed"))
        .length(0)
        .build();
        class.accessor(
            js_string!("bodyUsed"),
            Some(getter),
            None,
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }

    /// `new Response(body, { status, statusText, headers })`.
    fn data_constructor(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<Self> {
        let body = args.get_or_undefined(0);
        let body = if body.is_null_or_undefined() {
            String::new()
        } else {
            body.to_string(context)?.to_std_string_escaped()
        };
        Ok(Self {
            body,
            used: Cell::new(false),
        })
    }

    fn object_constructor(
        instance: &JsObject<Self>,
        args: &[JsValue],
        context: &mut Context,
    ) -> JsResult<()> {
        let init = options_object(args.get_or_undefined(1), "Response", "init")?;
        let (mut status, mut status_text, mut headers) = (200, String::new(), Vec::new());
        if let Some(init) = init {
            let given = init.get(js_string!("status"), context)?;
            if !given.is_undefined() {
                let number = given.to_number(context)?;
                if !(200.0..=599.0).contains(&number) || number.fract() != 0.0 {
                    return Err(JsNativeError::range()
                        .with_message(format!(
                            "Response: status {number} is outside the range [200, 599]"
                        ))
                        .into());
                }
                status = number as u16;
            }
            let given = init.get(js_string!("statusText"), context)?;
            if !given.is_undefined() {
                status_text = given.to_string(context)?.to_std_string_escaped();
            }
            headers = header_list(&init.get(js_string!("headers"), context)?, context)?;
        }
        let headers = Headers::create(headers, false, context)?;
        define_response_fields(
            &instance.clone().upcast(),
            status,
            status_text,
            String::new(),
            headers,
            context,
        )
    }
}
