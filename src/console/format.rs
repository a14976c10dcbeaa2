//! Node-style `util.format`: the text `console.log(...args)` prints.
//!
//! A port of Node 20's `formatWithOptionsInternal` (lib/internal/util/inspect.js). If the first
//! argument is a string, its `%` specifiers consume the following arguments; whatever is left is
//! appended, separated by spaces, strings as they are and everything else through
//! [`inspect`].

use boa_engine::{Context, JsError, JsObject, JsValue, JsVariant, js_string};

use super::inspect::{
    InspectOptions, format_bigint, format_number, has_built_in_to_string, inspect,
};

/// Node's util.format: `args[0]` may hold %s %d %i %f %o %O %j %c %%; the rest are appended, strings bare, others inspected.
///
/// Never panics and never throws: where Node would throw (a `toString` that throws, `%j` of a
/// BigInt), the affected piece degrades to a bracketed description of the error.
pub fn format_args(args: &[JsValue], context: &mut Context) -> String {
    let defaults = InspectOptions::default();
    let mut str = String::new();
    let mut a = 0;
    let mut join = "";

    if let Some(first) = args.first().and_then(JsValue::as_string) {
        if args.len() == 1 {
            return first.to_std_string_lossy();
        }
        let units = first.to_vec();
        let slice = |from: usize, to: usize| String::from_utf16_lossy(&units[from..to]);
        let mut last_pos = 0;
        let mut i = 0;
        while i + 1 < units.len() {
            if units[i] == u16::from(b'%') {
                i += 1;
                let next = units[i];
                if a + 1 != args.len() {
                    let temp = match u8::try_from(next).unwrap_or(0) {
                        b's' => {
                            a += 1;
                            Some(format_s(&args[a], context))
                        }
                        b'j' => {
                            a += 1;
                            Some(try_stringify(&args[a], context))
                        }
                        b'd' => {
                            a += 1;
                            Some(format_d(&args[a], context))
                        }
                        b'O' => {
                            a += 1;
                            Some(inspect(&args[a], &defaults, context))
                        }
                        b'o' => {
                            a += 1;
                            let options = InspectOptions {
                                show_hidden: true,
                                depth: 4,
                                ..InspectOptions::default()
                            };
                            Some(inspect(&args[a], &options, context))
                        }
                        b'i' => {
                            a += 1;
                            Some(format_parsed(&args[a], false, context))
                        }
                        b'f' => {
                            a += 1;
                            Some(format_parsed(&args[a], true, context))
                        }
                        b'c' => {
                            a += 1;
                            Some(String::new())
                        }
                        b'%' => {
                            str.push_str(&slice(last_pos, i));
                            last_pos = i + 1;
                            None
                        }
                        _ => None,
                    };
                    if let Some(temp) = temp {
                        if last_pos != i - 1 {
                            str.push_str(&slice(last_pos, i - 1));
                        }
                        str.push_str(&temp);
                        last_pos = i + 1;
                    }
                } else if next == u16::from(b'%') {
                    str.push_str(&slice(last_pos, i));
                    last_pos = i + 1;
                }
            }
            i += 1;
        }
        if last_pos != 0 {
            a += 1;
            join = " ";
            if last_pos < units.len() {
                str.push_str(&slice(last_pos, units.len()));
            }
        }
    }

    while a < args.len() {
        let value = &args[a];
        str.push_str(join);
        match value.as_string() {
            Some(s) => str.push_str(&s.to_std_string_lossy()),
            None => str.push_str(&inspect(value, &defaults, context)),
        }
        join = " ";
        a += 1;
    }
    str
}

/// `%s`: numbers, bigints and symbols as Node prints them, objects with a built-in `toString`
/// inspected at depth 0, anything else through `String(value)`.
fn format_s(value: &JsValue, context: &mut Context) -> String {
    match value.variant() {
        JsVariant::Float64(n) => format_number(n, context),
        JsVariant::Integer32(n) => n.to_string(),
        JsVariant::BigInt(b) => format_bigint(&b),
        JsVariant::Symbol(s) => s.descriptive_string().to_std_string_lossy(),
        JsVariant::Object(object) if !object.is_callable() => {
            if has_built_in_to_string(&object, context) {
                let options = InspectOptions {
                    depth: 0,
                    ..InspectOptions::default()
                };
                inspect(value, &options, context)
            } else {
                to_js_string(value, context)
            }
        }
        _ => to_js_string(value, context),
    }
}

/// `String(value)`, degrading to a description of the error if conversion throws.
fn to_js_string(value: &JsValue, context: &mut Context) -> String {
    match value.to_string(context) {
        Ok(s) => s.to_std_string_lossy(),
        Err(err) => describe_error(&err, context),
    }
}

/// `%d`: `Number(value)` (bigints keep their `n`, symbols are `NaN`).
fn format_d(value: &JsValue, context: &mut Context) -> String {
    match value.variant() {
        JsVariant::BigInt(b) => format_bigint(&b),
        JsVariant::Symbol(_) => "NaN".to_owned(),
        _ => match value.to_numeric_number(context) {
            Ok(n) => format_number(n, context),
            Err(_) => "NaN".to_owned(),
        },
    }
}

/// `%i` (`parseInt(value)`) and `%f` (`parseFloat(value)`), with the engine's own functions.
fn format_parsed(value: &JsValue, float: bool, context: &mut Context) -> String {
    if value.is_symbol() {
        return "NaN".to_owned();
    }
    if !float && let JsVariant::BigInt(b) = value.variant() {
        return format_bigint(&b);
    }
    let function = if float {
        context.intrinsics().objects().parse_float()
    } else {
        context.intrinsics().objects().parse_int()
    };
    match function.call(&JsValue::undefined(), std::slice::from_ref(value), context) {
        Ok(result) => match result.as_number() {
            Some(n) => format_number(n, context),
            None => "NaN".to_owned(),
        },
        Err(_) => "NaN".to_owned(),
    }
}

/// `%j`: `JSON.stringify(value)`, with `[Circular]` for cyclic structures as in Node.
fn try_stringify(value: &JsValue, context: &mut Context) -> String {
    let json = context.intrinsics().objects().json();
    let stringify = json
        .get(js_string!("stringify"), context)
        .unwrap_or_default();
    let Some(stringify) = stringify.as_callable() else {
        return "undefined".to_owned();
    };
    match stringify.call(&json.clone().into(), std::slice::from_ref(value), context) {
        Ok(result) => match result.as_string() {
            Some(s) => s.to_std_string_lossy(),
            None => "undefined".to_owned(),
        },
        Err(err) => {
            if is_circular_error(&err, &stringify, &json, context) {
                "[Circular]".to_owned()
            } else {
                describe_error(&err, context)
            }
        }
    }
}

/// Whether `err` is the TypeError `JSON.stringify` throws for cycles (compared by first message
/// line with a known cyclic value, as Node does).
fn is_circular_error(
    err: &JsError,
    stringify: &JsObject,
    json: &JsObject,
    context: &mut Context,
) -> bool {
    let Some((name, message)) = error_parts(err, context) else {
        return false;
    };
    if name != "TypeError" {
        return false;
    }
    let cyclic = JsObject::with_object_proto(context.intrinsics());
    if cyclic
        .set(js_string!("a"), cyclic.clone(), false, context)
        .is_err()
    {
        return false;
    }
    let reference = stringify
        .call(&json.clone().into(), &[cyclic.into()], context)
        .err()
        .and_then(|e| error_parts(&e, context));
    let first_line = |s: &str| s.split('\n').next().unwrap_or("").to_owned();
    reference.is_some_and(|(_, m)| first_line(&m) == first_line(&message))
}

/// The `name` and `message` of a thrown error, if it is an object.
fn error_parts(err: &JsError, context: &mut Context) -> Option<(String, String)> {
    let value = err.clone().into_opaque(context).ok()?;
    let object = value.as_object()?;
    let name = object.get(js_string!("name"), context).ok()?;
    let message = object.get(js_string!("message"), context).ok()?;
    let text = |v: &JsValue, context: &mut Context| {
        v.to_string(context)
            .map(|s| s.to_std_string_lossy())
            .unwrap_or_default()
    };
    Some((text(&name, context), text(&message, context)))
}

/// A thrown error as Node would show one without a stack: `[TypeError: message]`.
fn describe_error(err: &JsError, context: &mut Context) -> String {
    match error_parts(err, context) {
        Some((name, message)) if !message.is_empty() => format!("[{name}: {message}]"),
        Some((name, _)) => format!("[{name}]"),
        None => match err.clone().into_opaque(context) {
            Ok(value) => format!("[{}]", inspect(&value, &InspectOptions::default(), context)),
            Err(_) => "[Error]".to_owned(),
        },
    }
}
