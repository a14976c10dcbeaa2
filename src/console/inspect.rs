//! Node-style `util.inspect` of a Boa [`JsValue`].
//!
//! This is a port of Node 20's `lib/internal/util/inspect.js` (`formatValue` and friends) onto
//! Boa's public API, so that `console.log` in tickscope prints what Node prints. The structure
//! follows Node's closely (same function names in snake case, same order of checks) so that the
//! two can be compared side by side.
//!
//! Differences that come from the engine rather than from this code:
//! - Proxies are inspected through the proxy (Boa does not expose a proxy's target), so traps
//!   such as `ownKeys` or `getOwnPropertyDescriptor` run; `get` traps never do.
//! - Map and Set iterators cannot be previewed without advancing them, so they print as
//!   `[Map Iterator] { <items unknown> }`.
//! - Error stacks are Boa's: the first line is `Name: message` like V8's, and the frames are
//!   Boa's (`    at f (file:1:2)`).
//! - `util.inspect.custom` methods and the `getters`, `sorted`, `colors`, `showProxy` and
//!   `numericSeparator` options are not supported.
//!
//! Nothing here panics on user values: every engine error met while formatting turns into a
//! plain text fallback.

use std::collections::HashMap;
use std::fmt::Write as _;

use boa_engine::{
    Context, JsBigInt, JsObject, JsResult, JsString, JsSymbol, JsValue, JsVariant,
    builtins::{
        error::Error as ErrorData, function::OrdinaryFunction, map::ordered_map::OrderedMap,
        object::OrdinaryObject, promise::PromiseState, proxy::Proxy, set::ordered_set::OrderedSet,
    },
    js_string,
    object::builtins::{
        JsArrayBuffer, JsDataView, JsDate, JsMapIterator, JsPromise, JsRegExp, JsSetIterator,
        JsSharedArrayBuffer, JsTypedArray, JsWeakMap, JsWeakSet,
    },
    property::PropertyKey,
};

/// Options for rendering a value, mirroring the subset of Node's util.inspect options we honour.
#[derive(Debug, Clone)]
pub struct InspectOptions {
    /// How many levels of nested objects to expand before printing `[Object]`/`[Array]`
    /// (Node's `depth`, default 2). `usize::MAX` means no limit (Node's `depth: Infinity`).
    pub depth: usize,
    /// The line width under which an object is printed on a single line (Node's `breakLength`,
    /// default 80). `usize::MAX` means never break.
    pub break_length: usize,
    /// How many inner levels may be combined on one line, and how eagerly short array items are
    /// grouped into columns (Node's numeric `compact`, default 3; `0` is Node's `compact: false`).
    pub compact: usize,
    /// The most array, typed array, Set and Map entries to print (Node's `maxArrayLength`,
    /// default 100).
    pub max_array_length: usize,
    /// The most UTF-16 code units of a string to print (Node's `maxStringLength`, default 10000).
    pub max_string_length: usize,
    /// Whether to show non-enumerable properties and internals (Node's `showHidden`).
    pub show_hidden: bool,
}

impl Default for InspectOptions {
    /// Node's defaults, which are also what `console.log` uses (Node's console passes no options
    /// of its own when it does not colour its output).
    fn default() -> Self {
        Self {
            depth: 2,
            break_length: 80,
            compact: 3,
            max_array_length: 100,
            max_string_length: 10_000,
            show_hidden: false,
        }
    }
}

/// Renders `value` the way Node's `util.inspect(value, options)` does.
///
/// Top-level strings are quoted here, as in Node; `console.log` prints them bare
/// (see `format_args`). Never panics: engine errors met on the way degrade to text.
pub fn inspect(value: &JsValue, options: &InspectOptions, context: &mut Context) -> String {
    let mut inspector = Inspector::new(options);
    inspector.format_value(value, 0, false, context)
}

/// Formats a number as Node does (`-0` keeps its sign).
pub(crate) fn format_number(number: f64, context: &mut Context) -> String {
    if number == 0.0 && number.is_sign_negative() {
        return "-0".to_owned();
    }
    number_to_string(number, context)
}

/// Formats a bigint as Node does (`10n`).
pub(crate) fn format_bigint(bigint: &JsBigInt) -> String {
    format!("{bigint}n")
}

/// Whether `value` has a `toString`/`Symbol.toPrimitive` that comes from a built-in prototype
/// (Node's `hasBuiltInToString`, used by `%s`).
pub(crate) fn has_built_in_to_string(object: &JsObject, context: &mut Context) -> bool {
    if object.is::<Proxy>() {
        // Node looks at the target here; Boa hides it, so treat it as built-in (inspect it).
        return true;
    }
    let to_primitive = PropertyKey::from(JsSymbol::to_primitive());
    let to_string_key = PropertyKey::from(js_string!("toString"));
    let mut check_to_string = true;
    let mut check_to_primitive = true;
    if !get(object, to_string_key.clone(), context).is_callable() {
        if !get(object, to_primitive.clone(), context).is_callable() {
            return true;
        } else if has_own(object, &to_primitive, context) {
            return false;
        }
        check_to_string = false;
    } else if has_own(object, &to_string_key, context) {
        return false;
    } else if !get(object, to_primitive.clone(), context).is_callable() {
        check_to_primitive = false;
    } else if has_own(object, &to_primitive, context) {
        return false;
    }
    let mut pointer = object.clone();
    for _ in 0..10_000 {
        let Some(next) = get_prototype(&pointer, context) else {
            return true;
        };
        pointer = next;
        if (check_to_string && has_own(&pointer, &to_string_key, context))
            || (check_to_primitive && has_own(&pointer, &to_primitive, context))
        {
            break;
        }
    }
    match own_descriptor(
        &pointer,
        &PropertyKey::from(js_string!("constructor")),
        context,
    ) {
        Some(desc) => match desc.value.as_object() {
            Some(ctor) if ctor.is_callable() => {
                let name = get(&ctor, js_string!("name").into(), context);
                BUILT_IN_OBJECTS.contains(&lossy(&name, context).as_str())
            }
            _ => false,
        },
        None => false,
    }
}

// ---------------------------------------------------------------------------------------------
// The inspector state (Node's `ctx`).

/// Deepest nesting of objects formatted before giving up with Node's "Maximum call stack size
/// exceeded" text. This bounds native stack use, since wasm32 stacks are small (1 MiB): 200
/// levels take under 256 KiB in a release build and about 1 MiB in a debug build.
/// Only `depth` settings far above Node's default of 2 reach it.
const MAX_NESTING: usize = 200;

/// Node stops expanding once any indentation level has produced this much output.
const OUTPUT_BUDGET: usize = 1 << 27;

/// What a formatted entry belongs to (Node's `kObjectType`, `kArrayType`, `kArrayExtrasType`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Object,
    ArrayItem,
    ArrayExtras,
}

/// Which of Node's entry formatters applies (`formatArray`, `formatSet`, ...).
enum Formatter {
    Empty,
    Array,
    Set,
    Map,
    TypedArray(u64),
    ArrayBuffer,
    Promise,
    WeakCollection,
    IteratorUnknown,
}

/// How `format_raw` prints an object, as worked out by `classify`.
struct Plan {
    base: String,
    formatter: Formatter,
    braces: [String; 2],
    keys: Vec<PropertyKey>,
    extras_type: Kind,
    proto_props: Option<Vec<String>>,
}

/// The state of one inspection (Node's `ctx`).
struct Inspector {
    depth: i64,
    break_length: i64,
    compact: i64,
    max_array_length: usize,
    max_string_length: usize,
    show_hidden: bool,
    indentation_lvl: usize,
    seen: Vec<JsObject>,
    circular: Vec<(JsObject, usize)>,
    current_depth: i64,
    budget: HashMap<usize, usize>,
    nesting: usize,
}

/// An own property descriptor, as read by `Object.getOwnPropertyDescriptor`.
pub(crate) struct Desc {
    value: JsValue,
    pub(crate) get: JsValue,
    pub(crate) set: JsValue,
    enumerable: bool,
}

fn clamp_i64(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

impl Inspector {
    fn new(options: &InspectOptions) -> Self {
        Self {
            depth: clamp_i64(options.depth),
            break_length: clamp_i64(options.break_length),
            compact: clamp_i64(options.compact),
            max_array_length: options.max_array_length,
            max_string_length: options.max_string_length,
            show_hidden: options.show_hidden,
            indentation_lvl: 0,
            seen: Vec::new(),
            circular: Vec::new(),
            current_depth: 0,
            budget: HashMap::new(),
            nesting: 0,
        }
    }

    fn too_deep(&self, recurse_times: i64) -> bool {
        recurse_times > self.depth
    }

    // -- formatValue ---------------------------------------------------------------------------

    fn format_value(
        &mut self,
        value: &JsValue,
        recurse_times: i64,
        typed_array: bool,
        cx: &mut Context,
    ) -> String {
        let object = match value.variant() {
            JsVariant::Null => return "null".to_owned(),
            JsVariant::Object(object) => object,
            _ => return self.format_primitive(value, cx),
        };
        if is_revoked_proxy(&object) {
            return "<Revoked Proxy>".to_owned();
        }
        if self.seen.iter().any(|seen| JsObject::equals(seen, &object)) {
            let index = match self
                .circular
                .iter()
                .find(|(o, _)| JsObject::equals(o, &object))
            {
                Some((_, index)) => *index,
                None => {
                    let index = self.circular.len() + 1;
                    self.circular.push((object.clone(), index));
                    index
                }
            };
            return format!("[Circular *{index}]");
        }
        self.nesting += 1;
        let result = self.format_raw(&object, recurse_times, typed_array, cx);
        self.nesting -= 1;
        result
    }

    // -- formatPrimitive -----------------------------------------------------------------------

    fn format_primitive(&self, value: &JsValue, cx: &mut Context) -> String {
        match value.variant() {
            JsVariant::String(string) => {
                let mut units = string.to_vec();
                let mut trailer = String::new();
                if units.len() > self.max_string_length {
                    let remaining = units.len() - self.max_string_length;
                    units.truncate(self.max_string_length);
                    trailer = format!(
                        "... {remaining} more character{}",
                        if remaining > 1 { "s" } else { "" }
                    );
                }
                let len = clamp_i64(units.len());
                if len > 16 && len > self.break_length - clamp_i64(self.indentation_lvl) - 4 {
                    let separator = format!(" +\n{}", " ".repeat(self.indentation_lvl + 2));
                    let lines: Vec<String> = split_after_newlines(&units)
                        .into_iter()
                        .map(str_escape)
                        .collect();
                    return lines.join(&separator) + &trailer;
                }
                str_escape(&units) + &trailer
            }
            JsVariant::Float64(number) => format_number(number, cx),
            JsVariant::Integer32(number) => number.to_string(),
            JsVariant::BigInt(bigint) => format_bigint(&bigint),
            JsVariant::Boolean(boolean) => boolean.to_string(),
            JsVariant::Undefined => "undefined".to_owned(),
            JsVariant::Symbol(symbol) => symbol.descriptive_string().to_std_string_lossy(),
            JsVariant::Null => "null".to_owned(),
            JsVariant::Object(_) => String::new(),
        }
    }

    // -- formatRaw -----------------------------------------------------------------------------

    /// Node's `formatRaw`, in two steps so that the recursion keeps small stack frames: `classify`
    /// (large, not recursive unless `show_hidden` lists prototype properties) works out how the
    /// object is printed, then the entries are formatted here.
    fn format_raw(
        &mut self,
        value: &JsObject,
        recurse_times: i64,
        typed_array: bool,
        cx: &mut Context,
    ) -> String {
        let plan = match self.classify(value, recurse_times, typed_array, cx) {
            Ok(plan) => plan,
            Err(text) => return text,
        };
        let Plan {
            mut base,
            formatter,
            braces,
            keys,
            extras_type,
            proto_props,
        } = *plan;
        let recurse_times = recurse_times + 1;

        self.seen.push(value.clone());
        self.current_depth = recurse_times;
        let mut output = match formatter {
            Formatter::Empty => Vec::new(),
            Formatter::Array => self.format_array(value, recurse_times, cx),
            Formatter::Set => self.format_set(value, recurse_times, cx),
            Formatter::Map => self.format_map(value, recurse_times, cx),
            Formatter::TypedArray(size) => self.format_typed_array(value, size, recurse_times, cx),
            Formatter::ArrayBuffer => self.format_array_buffer(value),
            Formatter::Promise => self.format_promise(value, recurse_times, cx),
            Formatter::WeakCollection | Formatter::IteratorUnknown => {
                vec!["<items unknown>".to_owned()]
            }
        };
        for key in &keys {
            let property = self.format_property(value, recurse_times, key, extras_type, None, cx);
            output.push(property);
        }
        if let Some(props) = proto_props {
            output.extend(props);
        }
        if let Some((_, index)) = self
            .circular
            .iter()
            .find(|(o, _)| JsObject::equals(o, value))
        {
            let reference = format!("<ref *{index}>");
            base = if base.is_empty() {
                reference
            } else {
                format!("{reference} {base}")
            };
        }
        self.seen.pop();

        let array_value = (extras_type == Kind::ArrayExtras).then_some(value);
        let res = self.reduce_to_single_string(
            output,
            &base,
            &braces,
            extras_type,
            recurse_times,
            array_value,
            cx,
        );
        let budget = self.budget.entry(self.indentation_lvl).or_insert(0);
        *budget += res.len();
        if *budget > OUTPUT_BUDGET {
            self.depth = -1;
        }
        res
    }

    /// The first half of Node's `formatRaw`: the prefix, braces, keys and entry formatter of
    /// `value`, or (`Err`) the finished text when no entries need formatting.
    #[allow(clippy::too_many_lines)]
    #[inline(never)]
    fn classify(
        &mut self,
        value: &JsObject,
        recurse_times: i64,
        typed_array: bool,
        cx: &mut Context,
    ) -> Result<Box<Plan>, String> {
        let mut proto_props: Option<Vec<String>> =
            (self.show_hidden && !self.too_deep(recurse_times)).then(Vec::new);
        let constructor = self.get_constructor_name(value, recurse_times, &mut proto_props, cx);
        if proto_props.as_ref().is_some_and(Vec::is_empty) {
            proto_props = None;
        }
        let constructor = constructor.as_deref();
        let tag = self.get_tag(value, cx);

        if self.nesting > MAX_NESTING {
            let name = get_ctx_style(value, constructor, &tag);
            return Err(format!(
                "[{}: Inspection interrupted prematurely. Maximum call stack size exceeded.]",
                name.trim_end()
            ));
        }

        let mut base = String::new();
        let mut formatter = Formatter::Empty;
        let mut braces = [String::from("{"), String::from("}")];
        let mut keys: Vec<PropertyKey> = Vec::new();
        let mut extras_type = Kind::Object;
        let mut no_iterator = true;
        let filter_all = self.show_hidden;

        if constructor.is_none() || has_property(value, JsSymbol::iterator().into(), cx) {
            no_iterator = false;
            if is_array(value, cx) {
                let length = length_of(value, cx);
                let prefix = if constructor != Some("Array") || !tag.is_empty() {
                    get_prefix(constructor, &tag, "Array", &format!("({length})"))
                } else {
                    String::new()
                };
                keys = own_non_index_keys(value, filter_all, cx);
                braces = [format!("{prefix}["), "]".to_owned()];
                if length == 0 && keys.is_empty() && proto_props.is_none() {
                    return Err(format!("{}]", braces[0]));
                }
                extras_type = Kind::ArrayExtras;
                formatter = Formatter::Array;
            } else if let Some(size) = value.downcast_ref::<OrderedSet>().map(|s| s.len()) {
                let prefix = get_prefix(constructor, &tag, "Set", &format!("({size})"));
                keys = get_keys(value, self.show_hidden, cx);
                formatter = Formatter::Set;
                if size == 0 && keys.is_empty() && proto_props.is_none() {
                    return Err(format!("{prefix}{{}}"));
                }
                braces = [format!("{prefix}{{"), "}".to_owned()];
            } else if let Some(size) = value.downcast_ref::<OrderedMap<JsValue>>().map(|m| m.len())
            {
                let prefix = get_prefix(constructor, &tag, "Map", &format!("({size})"));
                keys = get_keys(value, self.show_hidden, cx);
                formatter = Formatter::Map;
                if size == 0 && keys.is_empty() && proto_props.is_none() {
                    return Err(format!("{prefix}{{}}"));
                }
                braces = [format!("{prefix}{{"), "}".to_owned()];
            } else if let Ok(typed) = JsTypedArray::from_object(value.clone()) {
                keys = own_non_index_keys(value, filter_all, cx);
                let size = typed.length(cx).unwrap_or(0) as u64;
                let fallback = if constructor.is_none() {
                    typed_array_name(&typed)
                } else {
                    String::new()
                };
                let prefix = get_prefix(constructor, &tag, &fallback, &format!("({size})"));
                braces = [format!("{prefix}["), "]".to_owned()];
                if size == 0 && keys.is_empty() && !self.show_hidden {
                    return Err(format!("{}]", braces[0]));
                }
                formatter = Formatter::TypedArray(size);
                extras_type = Kind::ArrayExtras;
            } else if JsMapIterator::from_object(value.clone()).is_ok() {
                keys = get_keys(value, self.show_hidden, cx);
                braces = get_iterator_braces("Map", &tag);
                formatter = Formatter::IteratorUnknown;
            } else if JsSetIterator::from_object(value.clone()).is_ok() {
                keys = get_keys(value, self.show_hidden, cx);
                braces = get_iterator_braces("Set", &tag);
                formatter = Formatter::IteratorUnknown;
            } else {
                no_iterator = true;
            }
        }
        if no_iterator {
            keys = get_keys(value, self.show_hidden, cx);
            braces = [String::from("{"), String::from("}")];
            if value.is_callable() {
                base = get_function_base(value, constructor, &tag, cx);
                if keys.is_empty() && proto_props.is_none() {
                    return Err(base);
                }
            } else if constructor == Some("Object") {
                if is_arguments_object(value, cx) {
                    braces[0] = "[Arguments] {".to_owned();
                } else if !tag.is_empty() {
                    braces[0] = format!("{}{{", get_prefix(constructor, &tag, "Object", ""));
                }
                if keys.is_empty() && proto_props.is_none() {
                    return Err(format!("{}}}", braces[0]));
                }
            } else if let Ok(regexp) = JsRegExp::from_object(value.clone()) {
                base = regexp_to_string(&regexp, cx);
                let prefix = get_prefix(constructor, &tag, "RegExp", "");
                if prefix != "RegExp " {
                    base = format!("{prefix}{base}");
                }
                if (keys.is_empty() && proto_props.is_none()) || self.too_deep(recurse_times) {
                    return Err(base);
                }
            } else if let Ok(date) = JsDate::from_object(value.clone()) {
                base = date_to_string(&date, cx);
                let prefix = get_prefix(constructor, &tag, "Date", "");
                if prefix != "Date " {
                    base = format!("{prefix}{base}");
                }
                if keys.is_empty() && proto_props.is_none() {
                    return Err(base);
                }
            } else if is_error(value, cx) {
                base = self.format_error(value, constructor, &tag, &mut keys, cx);
                if keys.is_empty() && proto_props.is_none() {
                    return Err(base);
                }
            } else if JsArrayBuffer::from_object(value.clone()).is_ok()
                || JsSharedArrayBuffer::from_object(value.clone()).is_ok()
            {
                let array_type = if JsArrayBuffer::from_object(value.clone()).is_ok() {
                    "ArrayBuffer"
                } else {
                    "SharedArrayBuffer"
                };
                let prefix = get_prefix(constructor, &tag, array_type, "");
                if !typed_array {
                    formatter = Formatter::ArrayBuffer;
                } else if keys.is_empty() && proto_props.is_none() {
                    let length = get(value, js_string!("byteLength").into(), cx);
                    return Err(format!(
                        "{prefix}{{ byteLength: {} }}",
                        self.format_primitive(&length, cx)
                    ));
                }
                braces[0] = format!("{prefix}{{");
                keys.insert(0, js_string!("byteLength").into());
            } else if JsDataView::from_object(value.clone()).is_ok() {
                braces[0] = format!("{}{{", get_prefix(constructor, &tag, "DataView", ""));
                keys.splice(
                    0..0,
                    [
                        js_string!("byteLength").into(),
                        js_string!("byteOffset").into(),
                        js_string!("buffer").into(),
                    ],
                );
            } else if JsPromise::from_object(value.clone()).is_ok() {
                braces[0] = format!("{}{{", get_prefix(constructor, &tag, "Promise", ""));
                formatter = Formatter::Promise;
            } else if JsWeakSet::from_object(value.clone()).is_ok() {
                braces[0] = format!("{}{{", get_prefix(constructor, &tag, "WeakSet", ""));
                formatter = Formatter::WeakCollection;
            } else if JsWeakMap::from_object(value.clone()).is_ok() {
                braces[0] = format!("{}{{", get_prefix(constructor, &tag, "WeakMap", ""));
                formatter = Formatter::WeakCollection;
            } else if let Some(boxed) = boxed_primitive(value) {
                base = self.get_boxed_base(boxed, &mut keys, constructor, &tag, cx);
                if keys.is_empty() && proto_props.is_none() {
                    return Err(base);
                }
            } else {
                if keys.is_empty() && proto_props.is_none() {
                    return Err(format!("{}{{}}", get_ctx_style(value, constructor, &tag)));
                }
                braces[0] = format!("{}{{", get_ctx_style(value, constructor, &tag));
            }
        }

        if self.too_deep(recurse_times) {
            let style = get_ctx_style(value, constructor, &tag);
            let name = style.strip_suffix(' ').unwrap_or(&style);
            return Err(if constructor.is_some() {
                format!("[{name}]")
            } else {
                name.to_owned()
            });
        }
        Ok(Box::new(Plan {
            base,
            formatter,
            braces,
            keys,
            extras_type,
            proto_props,
        }))
    }

    // -- constructor names and prefixes --------------------------------------------------------

    fn get_constructor_name(
        &mut self,
        obj: &JsObject,
        recurse_times: i64,
        proto_props: &mut Option<Vec<String>>,
        cx: &mut Context,
    ) -> Option<String> {
        let object_prototype = cx.intrinsics().constructors().object().prototype();
        let function_prototype = cx.intrinsics().constructors().function().prototype();
        let object_constructor = cx.intrinsics().constructors().object().constructor();
        let function_constructor = cx.intrinsics().constructors().function().constructor();
        let tmp = obj.clone();
        let tmp_value = JsValue::from(tmp.clone());
        // `None` = not yet set (Node's `undefined`), `Some(None)` = null.
        let mut first_proto: Option<Option<JsObject>> = None;
        let mut current = Some(obj.clone());
        let mut guard = 0;
        while let Some(o) = current {
            guard += 1;
            if guard > 10_000 {
                break;
            }
            let well_known = if JsObject::equals(&o, &object_prototype) {
                Some(("Object", &object_constructor))
            } else if JsObject::equals(&o, &function_prototype) {
                Some(("Function", &function_constructor))
            } else {
                None
            };
            if let Some((name, ctor)) = well_known
                && JsValue::ordinary_has_instance(&ctor.clone().into(), &tmp_value, cx)
                    .unwrap_or(false)
            {
                if let Some(props) = proto_props.as_mut() {
                    let differs = match &first_proto {
                        Some(Some(p)) => !JsObject::equals(p, &o),
                        _ => true,
                    };
                    if differs {
                        let start = first_proto.clone().flatten().unwrap_or_else(|| tmp.clone());
                        self.add_prototype_properties(&tmp, &start, recurse_times, props, cx);
                    }
                }
                return Some(name.to_owned());
            }
            if let Some(desc) = own_descriptor(&o, &js_string!("constructor").into(), cx)
                && let Some(ctor) = desc.value.as_object()
                && ctor.is_callable()
            {
                let name = get(&ctor, js_string!("name").into(), cx);
                let name = lossy(&name, cx);
                if !name.is_empty()
                    && JsValue::ordinary_has_instance(&ctor.clone().into(), &tmp_value, cx)
                        .unwrap_or(false)
                {
                    if let Some(props) = proto_props.as_mut() {
                        let differs = match &first_proto {
                            Some(Some(p)) => !JsObject::equals(p, &o),
                            _ => true,
                        };
                        if differs || !BUILT_IN_OBJECTS.contains(&name.as_str()) {
                            let start =
                                first_proto.clone().flatten().unwrap_or_else(|| tmp.clone());
                            self.add_prototype_properties(&tmp, &start, recurse_times, props, cx);
                        }
                    }
                    return Some(name);
                }
            }
            current = get_prototype(&o, cx);
            if first_proto.is_none() {
                first_proto = Some(current.clone());
            }
        }

        let first_proto = match first_proto {
            Some(Some(p)) => p,
            _ => return None,
        };
        let res = internal_constructor_name(&tmp);
        if self.too_deep(recurse_times) {
            return Some(format!("{res} <Complex prototype>"));
        }
        let proto_constr =
            self.get_constructor_name(&first_proto, recurse_times + 1, proto_props, cx);
        match proto_constr {
            None => {
                let mut nested = Inspector {
                    depth: -1,
                    ..Inspector::new(&InspectOptions::default())
                };
                nested.show_hidden = self.show_hidden;
                nested.nesting = self.nesting;
                let inner = nested.format_value(&first_proto.into(), 0, false, cx);
                Some(format!("{res} <{inner}>"))
            }
            Some(p) => Some(format!("{res} <{p}>")),
        }
    }

    fn add_prototype_properties(
        &mut self,
        main: &JsObject,
        obj: &JsObject,
        recurse_times: i64,
        output: &mut Vec<String>,
        cx: &mut Context,
    ) {
        let mut depth = 0;
        let mut obj = obj.clone();
        let mut keys: Vec<PropertyKey> = Vec::new();
        let mut key_set: Vec<PropertyKey> = Vec::new();
        loop {
            if depth != 0 || JsObject::equals(main, &obj) {
                let Some(next) = get_prototype(&obj, cx) else {
                    return;
                };
                obj = next;
                if let Some(desc) = own_descriptor(&obj, &js_string!("constructor").into(), cx)
                    && let Some(ctor) = desc.value.as_object()
                    && ctor.is_callable()
                {
                    let name = get(&ctor, js_string!("name").into(), cx);
                    if BUILT_IN_OBJECTS.contains(&lossy(&name, cx).as_str()) {
                        return;
                    }
                }
            }
            if depth == 0 {
                key_set.clear();
            } else {
                key_set.append(&mut keys);
            }
            keys = obj.own_property_keys(cx).unwrap_or_default();
            self.seen.push(main.clone());
            for key in &keys {
                if matches!(key, PropertyKey::String(s) if s == &js_string!("constructor"))
                    || has_own(main, key, cx)
                    || (depth != 0 && key_set.contains(key))
                {
                    continue;
                }
                let Some(desc) = own_descriptor(&obj, key, cx) else {
                    continue;
                };
                if desc.value.is_callable() {
                    continue;
                }
                let value =
                    self.format_property(&obj, recurse_times, key, Kind::Object, Some(desc), cx);
                output.push(value);
            }
            self.seen.pop();
            depth += 1;
            if depth == 3 {
                return;
            }
        }
    }

    fn get_tag(&self, value: &JsObject, cx: &mut Context) -> String {
        let key = PropertyKey::from(JsSymbol::to_string_tag());
        let tag = get(value, key.clone(), cx);
        let Some(tag) = tag.as_string() else {
            return String::new();
        };
        let tag = tag.to_std_string_lossy();
        if tag.is_empty() {
            return tag;
        }
        let hide = if self.show_hidden {
            has_own(value, &key, cx)
        } else {
            own_descriptor(value, &key, cx).is_some_and(|d| d.enumerable)
        };
        if hide { String::new() } else { tag }
    }

    // -- boxed primitives ----------------------------------------------------------------------

    fn get_boxed_base(
        &mut self,
        boxed: JsValue,
        keys: &mut Vec<PropertyKey>,
        constructor: Option<&str>,
        tag: &str,
        cx: &mut Context,
    ) -> String {
        let kind = match boxed.variant() {
            JsVariant::Float64(_) | JsVariant::Integer32(_) => "Number",
            JsVariant::String(s) => {
                let n = s.len().min(keys.len());
                keys.drain(0..n);
                "String"
            }
            JsVariant::Boolean(_) => "Boolean",
            JsVariant::BigInt(_) => "BigInt",
            _ => "Symbol",
        };
        let mut base = format!("[{kind}");
        if Some(kind) != constructor {
            match constructor {
                None => base.push_str(" (null prototype)"),
                Some(c) => {
                    let _ = write!(base, " ({c})");
                }
            }
        }
        let primitive = self.format_primitive(&boxed, cx);
        let _ = write!(base, ": {primitive}]");
        if !tag.is_empty() && Some(tag) != constructor {
            let _ = write!(base, " [{tag}]");
        }
        base
    }

    // -- errors --------------------------------------------------------------------------------

    fn format_error(
        &mut self,
        err: &JsObject,
        constructor: Option<&str>,
        tag: &str,
        keys: &mut Vec<PropertyKey>,
        cx: &mut Context,
    ) -> String {
        let name_value = get(err, js_string!("name").into(), cx);
        let name = if name_value.is_null_or_undefined() {
            "Error".to_owned()
        } else {
            lossy(&name_value, cx)
        };
        let mut stack = get_stack_string(err, cx);

        // removeDuplicateErrorKeys
        if !self.show_hidden && !keys.is_empty() {
            for prop in ["name", "message", "stack"] {
                let key = PropertyKey::from(JsString::from(prop));
                if let Some(index) = keys.iter().position(|k| k == &key) {
                    let v = get(err, key, cx);
                    if stack.contains(&lossy(&v, cx)) {
                        keys.remove(index);
                    }
                }
            }
        }
        let cause_key = PropertyKey::from(js_string!("cause"));
        if has_property(err, cause_key.clone(), cx) && !keys.contains(&cause_key) {
            keys.push(cause_key);
        }
        let errors_key = PropertyKey::from(js_string!("errors"));
        let errors = get(err, errors_key.clone(), cx);
        if errors.as_object().is_some_and(|o| is_array(&o, cx)) && !keys.contains(&errors_key) {
            keys.push(errors_key);
        }

        stack = improve_stack(stack, constructor, &name, tag);

        let message = get(err, js_string!("message").into(), cx);
        let message = if message.to_boolean() {
            lossy(&message, cx)
        } else {
            String::new()
        };
        let mut pos = if message.is_empty() {
            None
        } else {
            stack.find(&message).filter(|p| *p != 0)
        };
        if let Some(p) = pos.as_mut() {
            *p += message.len();
        }
        let stack_start = stack[pos.unwrap_or(0)..]
            .find("\n    at")
            .map(|i| i + pos.unwrap_or(0));
        match stack_start {
            None => stack = format!("[{stack}]"),
            Some(start) => {
                let head = stack[..start].to_owned();
                let frames_part = stack[start + 1..].to_owned();
                let lines = self.get_stack_frames(err, &frames_part, cx);
                stack = format!("{head}\n{}", lines.join("\n"));
            }
        }
        if self.indentation_lvl != 0 {
            let indentation = " ".repeat(self.indentation_lvl);
            stack = stack.replace('\n', &format!("\n{indentation}"));
        }
        stack
    }

    fn get_stack_frames(&self, err: &JsObject, stack: &str, cx: &mut Context) -> Vec<String> {
        let mut frames: Vec<String> = stack.split('\n').map(str::to_owned).collect();
        let cause = get(err, js_string!("cause").into(), cx);
        if let Some(cause) = cause.as_object()
            && is_error(&cause, cx)
        {
            let cause_stack = get_stack_string(&cause, cx);
            if let Some(start) = cause_stack.find("\n    at") {
                let cause_frames: Vec<&str> = cause_stack[start + 1..].split('\n').collect();
                let (len, offset) = identical_sequence_range(&frames, &cause_frames);
                if len > 0 {
                    let skipped = len - 2;
                    let msg = format!("    ... {skipped} lines matching cause stack trace ...");
                    frames.splice(offset + 1..offset + 1 + skipped, [msg]);
                }
            }
        }
        frames
    }

    // -- entries of the various kinds ----------------------------------------------------------

    fn format_array(
        &mut self,
        value: &JsObject,
        recurse_times: i64,
        cx: &mut Context,
    ) -> Vec<String> {
        let val_len = length_of(value, cx);
        let len = (self.max_array_length as u64).min(val_len);
        let remaining = val_len - len;
        let mut output = Vec::new();
        for i in 0..len {
            let key = PropertyKey::from(i);
            match own_descriptor(value, &key, cx) {
                None => return self.format_special_array(value, recurse_times, len, output, i, cx),
                Some(desc) => {
                    let s = self.format_property(
                        value,
                        recurse_times,
                        &key,
                        Kind::ArrayItem,
                        Some(desc),
                        cx,
                    );
                    output.push(s);
                }
            }
        }
        if remaining > 0 {
            output.push(remaining_text(remaining));
        }
        output
    }

    fn format_special_array(
        &mut self,
        value: &JsObject,
        recurse_times: i64,
        max_length: u64,
        mut output: Vec<String>,
        start: u64,
        cx: &mut Context,
    ) -> Vec<String> {
        // Node walks `Object.keys(value)` from position `start`; the first `start` keys are the
        // indices 0..start, all present. Enumerability is checked lazily to keep huge arrays cheap.
        let all_keys = value.own_property_keys(cx).unwrap_or_default();
        let mut enumerable_seen: u64 = 0;
        let mut index = start;
        for key in all_keys {
            if output.len() as u64 >= max_length {
                break;
            }
            if matches!(key, PropertyKey::Symbol(_)) {
                continue;
            }
            if !own_descriptor(value, &key, cx).is_some_and(|d| d.enumerable) {
                continue;
            }
            enumerable_seen += 1;
            if enumerable_seen <= start {
                continue;
            }
            let PropertyKey::Index(key_index) = &key else {
                break;
            };
            let tmp = u64::from(key_index.get());
            if tmp != index {
                let empty_items = tmp.saturating_sub(index);
                output.push(format!(
                    "<{empty_items} empty item{}>",
                    if empty_items > 1 { "s" } else { "" }
                ));
                index = tmp;
                if output.len() as u64 == max_length {
                    break;
                }
            }
            let s = self.format_property(value, recurse_times, &key, Kind::ArrayItem, None, cx);
            output.push(s);
            index += 1;
        }
        let remaining = length_of(value, cx).saturating_sub(index);
        if output.len() as u64 != max_length {
            if remaining > 0 {
                output.push(format!(
                    "<{remaining} empty item{}>",
                    if remaining > 1 { "s" } else { "" }
                ));
            }
        } else if remaining > 0 {
            output.push(remaining_text(remaining));
        }
        output
    }

    fn format_set(
        &mut self,
        value: &JsObject,
        recurse_times: i64,
        cx: &mut Context,
    ) -> Vec<String> {
        // Copy the entries out first: formatting may run user code that touches the set.
        let (length, entries): (usize, Vec<JsValue>) = match value.downcast_ref::<OrderedSet>() {
            Some(set) => (
                set.len(),
                set.iter().take(self.max_array_length).cloned().collect(),
            ),
            None => (0, Vec::new()),
        };
        let remaining = length.saturating_sub(entries.len());
        self.indentation_lvl += 2;
        let mut output: Vec<String> = entries
            .iter()
            .map(|v| self.format_value(v, recurse_times, false, cx))
            .collect();
        if remaining > 0 {
            output.push(remaining_text(remaining as u64));
        }
        self.indentation_lvl -= 2;
        output
    }

    fn format_map(
        &mut self,
        value: &JsObject,
        recurse_times: i64,
        cx: &mut Context,
    ) -> Vec<String> {
        let (length, entries): (usize, Vec<(JsValue, JsValue)>) =
            match value.downcast_ref::<OrderedMap<JsValue>>() {
                Some(map) => (
                    map.len(),
                    map.iter()
                        .take(self.max_array_length)
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                ),
                None => (0, Vec::new()),
            };
        let remaining = length.saturating_sub(entries.len());
        self.indentation_lvl += 2;
        let mut output = Vec::with_capacity(entries.len());
        for (k, v) in &entries {
            let k = self.format_value(k, recurse_times, false, cx);
            let v = self.format_value(v, recurse_times, false, cx);
            output.push(format!("{k} => {v}"));
        }
        if remaining > 0 {
            output.push(remaining_text(remaining as u64));
        }
        self.indentation_lvl -= 2;
        output
    }

    fn format_typed_array(
        &mut self,
        value: &JsObject,
        length: u64,
        recurse_times: i64,
        cx: &mut Context,
    ) -> Vec<String> {
        let max_length = (self.max_array_length as u64).min(length);
        let remaining = length - max_length;
        let mut output = Vec::new();
        for i in 0..max_length {
            let element = value.get(i, cx).unwrap_or_default();
            output.push(self.format_primitive(&element, cx));
        }
        if remaining > 0 {
            output.push(remaining_text(remaining));
        }
        if self.show_hidden {
            self.indentation_lvl += 2;
            for key in [
                "BYTES_PER_ELEMENT",
                "length",
                "byteLength",
                "byteOffset",
                "buffer",
            ] {
                let v = get(value, JsString::from(key).into(), cx);
                let s = self.format_value(&v, recurse_times, true, cx);
                output.push(format!("[{key}]: {s}"));
            }
            self.indentation_lvl -= 2;
        }
        output
    }

    fn format_array_buffer(&self, value: &JsObject) -> Vec<String> {
        let bytes = if let Ok(buffer) = JsArrayBuffer::from_object(value.clone()) {
            buffer.data().map(|d| d.to_vec())
        } else if let Ok(buffer) = JsSharedArrayBuffer::from_object(value.clone()) {
            Some(buffer.to_vec())
        } else {
            None
        };
        let Some(bytes) = bytes else {
            return vec!["(detached)".to_owned()];
        };
        let shown = bytes.len().min(self.max_array_length);
        let mut text = bytes[..shown]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(" ");
        let remaining = bytes.len() - shown;
        if remaining > 0 {
            let _ = write!(
                text,
                " ... {remaining} more byte{}",
                if remaining > 1 { "s" } else { "" }
            );
        }
        vec![format!("[Uint8Contents]: <{text}>")]
    }

    fn format_promise(
        &mut self,
        value: &JsObject,
        recurse_times: i64,
        cx: &mut Context,
    ) -> Vec<String> {
        let Ok(promise) = JsPromise::from_object(value.clone()) else {
            return Vec::new();
        };
        match promise.state() {
            PromiseState::Pending => vec!["<pending>".to_owned()],
            PromiseState::Fulfilled(result) => {
                self.indentation_lvl += 2;
                let s = self.format_value(&result, recurse_times, false, cx);
                self.indentation_lvl -= 2;
                vec![s]
            }
            PromiseState::Rejected(result) => {
                self.indentation_lvl += 2;
                let s = self.format_value(&result, recurse_times, false, cx);
                self.indentation_lvl -= 2;
                vec![format!("<rejected> {s}")]
            }
        }
    }

    // -- formatProperty ------------------------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    fn format_property(
        &mut self,
        value: &JsObject,
        recurse_times: i64,
        key: &PropertyKey,
        kind: Kind,
        desc: Option<Desc>,
        cx: &mut Context,
    ) -> String {
        let desc = match desc.or_else(|| own_descriptor(value, key, cx)) {
            Some(desc) => desc,
            None => Desc {
                value: get(value, key.clone(), cx),
                get: JsValue::undefined(),
                set: JsValue::undefined(),
                enumerable: true,
            },
        };
        let str = if !desc.value.is_undefined() {
            self.indentation_lvl += 2;
            let s = self.format_value(&desc.value, recurse_times, false, cx);
            self.indentation_lvl -= 2;
            s
        } else if !desc.get.is_undefined() {
            if desc.set.is_undefined() {
                "[Getter]".to_owned()
            } else {
                "[Getter/Setter]".to_owned()
            }
        } else if !desc.set.is_undefined() {
            "[Setter]".to_owned()
        } else {
            "undefined".to_owned()
        };
        if kind == Kind::ArrayItem {
            return str;
        }
        let name = match key {
            PropertyKey::Symbol(symbol) => {
                let units: Vec<u16> = symbol.descriptive_string().to_vec();
                format!("[{}]", escape_all(&units, true))
            }
            PropertyKey::String(s) if s == &js_string!("__proto__") => "['__proto__']".to_owned(),
            _ => {
                let units = key_units(key);
                if !desc.enumerable {
                    format!("[{}]", escape_all(&units, true))
                } else if is_identifier_key(&units) {
                    String::from_utf16_lossy(&units)
                } else {
                    str_escape(&units)
                }
            }
        };
        format!("{name}: {str}")
    }

    // -- reduceToSingleString and grouping -----------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    fn reduce_to_single_string(
        &mut self,
        mut output: Vec<String>,
        base: &str,
        braces: &[String; 2],
        extras_type: Kind,
        recurse_times: i64,
        value: Option<&JsObject>,
        cx: &mut Context,
    ) -> String {
        if self.compact >= 1 {
            let entries = output.len();
            if extras_type == Kind::ArrayExtras && entries > 6 {
                output = self.group_array_elements(output, value, cx);
            }
            if self.current_depth - recurse_times < self.compact && entries == output.len() {
                let start =
                    output.len() + self.indentation_lvl + js_len(&braces[0]) + js_len(base) + 10;
                if self.is_below_break_length(&output, start, base) {
                    let joined = output.join(", ");
                    if !joined.contains('\n') {
                        let base = if base.is_empty() {
                            String::new()
                        } else {
                            format!("{base} ")
                        };
                        return format!("{base}{} {joined} {}", braces[0], braces[1]);
                    }
                }
            }
        }
        let indentation = format!("\n{}", " ".repeat(self.indentation_lvl));
        let base = if base.is_empty() {
            String::new()
        } else {
            format!("{base} ")
        };
        format!(
            "{base}{}{indentation}  {}{indentation}{}",
            braces[0],
            output.join(&format!(",{indentation}  ")),
            braces[1]
        )
    }

    fn is_below_break_length(&self, output: &[String], start: usize, base: &str) -> bool {
        let mut total_length = clamp_i64(output.len() + start);
        if total_length + clamp_i64(output.len()) > self.break_length {
            return false;
        }
        for entry in output {
            total_length += clamp_i64(js_len(entry));
            if total_length > self.break_length {
                return false;
            }
        }
        base.is_empty() || !base.contains('\n')
    }

    fn group_array_elements(
        &mut self,
        output: Vec<String>,
        value: Option<&JsObject>,
        cx: &mut Context,
    ) -> Vec<String> {
        let mut total_length = 0usize;
        let mut max_length = 0usize;
        let mut output_length = output.len();
        if self.max_array_length < output.len() {
            // The "... n more items" entry does not take part.
            output_length -= 1;
        }
        let separator_space = 2;
        let data_len: Vec<usize> = output[..output_length]
            .iter()
            .map(|s| string_width(s))
            .collect();
        for &len in &data_len {
            total_length += len + separator_space;
            max_length = max_length.max(len);
        }
        let actual_max = max_length + separator_space;
        let break_length = self.break_length as f64;
        if (actual_max * 3 + self.indentation_lvl) as f64 >= break_length
            || !((total_length as f64 / actual_max as f64) > 5.0 || max_length <= 6)
        {
            return output;
        }
        let approx_char_heights = 2.5;
        let average_bias = (actual_max as f64 - total_length as f64 / output.len() as f64).sqrt();
        let biased_max = (actual_max as f64 - 3.0 - average_bias).max(1.0);
        let columns =
            js_round((approx_char_heights * biased_max * output_length as f64).sqrt() / biased_max)
                .min(((break_length - self.indentation_lvl as f64) / actual_max as f64).floor())
                .min(self.compact as f64 * 4.0)
                .min(15.0);
        if columns.is_nan() || columns <= 1.0 {
            return output;
        }
        let columns = columns as usize;
        let mut max_line_length = Vec::with_capacity(columns);
        for i in 0..columns {
            let mut line_max = 0;
            let mut j = i;
            while j < output_length {
                line_max = line_max.max(data_len[j]);
                j += columns;
            }
            max_line_length.push(line_max + separator_space);
        }
        let pad_start = match value {
            Some(object) => {
                let mut all_numbers = true;
                for i in 0..output.len() {
                    let key = PropertyKey::from(i);
                    let v = match own_descriptor(object, &key, cx) {
                        Some(desc) => desc.value,
                        None => {
                            if JsTypedArray::from_object(object.clone()).is_ok() {
                                object.get(i, cx).unwrap_or_default()
                            } else {
                                JsValue::undefined()
                            }
                        }
                    };
                    if !v.is_number() && !v.is_bigint() {
                        all_numbers = false;
                        break;
                    }
                }
                all_numbers
            }
            None => true,
        };
        let mut tmp = Vec::new();
        let mut i = 0;
        while i < output_length {
            let max = (i + columns).min(output_length);
            let mut line = String::new();
            let mut j = i;
            while j < max - 1 {
                let cell = format!("{}, ", output[j]);
                let padding = max_line_length[j - i] + js_len(&output[j]) - data_len[j];
                line.push_str(&pad(&cell, padding, pad_start));
                j += 1;
            }
            if pad_start {
                let padding = (max_line_length[j - i] + js_len(&output[j]))
                    .saturating_sub(data_len[j] + separator_space);
                line.push_str(&pad(&output[j], padding, true));
            } else {
                line.push_str(&output[j]);
            }
            tmp.push(line);
            i += columns;
        }
        if self.max_array_length < output.len() {
            tmp.push(output[output_length].clone());
        }
        tmp
    }
}

// ---------------------------------------------------------------------------------------------
// Free helpers: property access that never panics.

fn lossy(value: &JsValue, cx: &mut Context) -> String {
    match value.variant() {
        JsVariant::String(s) => s.to_std_string_lossy(),
        JsVariant::Symbol(s) => s.descriptive_string().to_std_string_lossy(),
        _ => value
            .to_string(cx)
            .map(|s| s.to_std_string_lossy())
            .unwrap_or_default(),
    }
}

fn number_to_string(number: f64, cx: &mut Context) -> String {
    JsValue::new(number)
        .to_string(cx)
        .map(|s| s.to_std_string_lossy())
        .unwrap_or_else(|_| number.to_string())
}

/// `object[key]`, or `undefined` if that throws.
///
/// Through a proxy, the value is read by walking property descriptors (as if reading the
/// target), so a `get` trap never decides what is printed: Node reads the target directly.
fn get(object: &JsObject, key: PropertyKey, cx: &mut Context) -> JsValue {
    if !object.is::<Proxy>() {
        return object.get(key, cx).unwrap_or_default();
    }
    let mut holder = Some(object.clone());
    let mut guard = 0;
    while let Some(o) = holder {
        guard += 1;
        if guard > 10_000 {
            break;
        }
        if let Some(desc) = own_descriptor(&o, &key, cx) {
            if let Some(getter) = desc.get.as_callable() {
                return getter
                    .call(&object.clone().into(), &[], cx)
                    .unwrap_or_default();
            }
            return desc.value;
        }
        holder = get_prototype(&o, cx);
    }
    JsValue::undefined()
}

fn has_property(object: &JsObject, key: PropertyKey, cx: &mut Context) -> bool {
    object.has_property(key, cx).unwrap_or(false)
}

fn has_own(object: &JsObject, key: &PropertyKey, cx: &mut Context) -> bool {
    object.has_own_property(key.clone(), cx).unwrap_or(false)
}

/// `object`'s own property `key` (`Object.getOwnPropertyDescriptor`); `None` when absent.
pub(crate) fn own_descriptor(
    object: &JsObject,
    key: &PropertyKey,
    cx: &mut Context,
) -> Option<Desc> {
    let result = OrdinaryObject::get_own_property_descriptor(
        &JsValue::undefined(),
        &[object.clone().into(), key.into()],
        cx,
    )
    .ok()?;
    let desc = result.as_object()?;
    Some(Desc {
        value: get(&desc, js_string!("value").into(), cx),
        get: get(&desc, js_string!("get").into(), cx),
        set: get(&desc, js_string!("set").into(), cx),
        enumerable: get(&desc, js_string!("enumerable").into(), cx).to_boolean(),
    })
}

fn get_prototype(object: &JsObject, cx: &mut Context) -> Option<JsObject> {
    if object.is::<Proxy>() {
        OrdinaryObject::get_prototype_of(&JsValue::undefined(), &[object.clone().into()], cx)
            .ok()
            .and_then(|v| v.as_object())
    } else {
        object.prototype()
    }
}

fn is_revoked_proxy(object: &JsObject) -> bool {
    // Boa keeps a revoked proxy's (target, handler) as `None` and exposes it only through Debug.
    object.downcast_ref::<Proxy>().is_some_and(|proxy| {
        let mut probe = BoundedWriter::new(64);
        let _ = write!(probe, "{:?}", &*proxy);
        probe.buf.contains("data: None")
    })
}

fn is_array(object: &JsObject, cx: &mut Context) -> bool {
    if object.is_array() {
        return true;
    }
    if !object.is::<Proxy>() {
        return false;
    }
    let array = cx.intrinsics().constructors().array().constructor();
    let is_array = get(&array, js_string!("isArray").into(), cx);
    is_array
        .as_callable()
        .and_then(|f| f.call(&array.into(), &[object.clone().into()], cx).ok())
        .is_some_and(|v| v.to_boolean())
}

fn length_of(object: &JsObject, cx: &mut Context) -> u64 {
    get(object, js_string!("length").into(), cx)
        .to_length(cx)
        .unwrap_or(0)
}

fn is_error(object: &JsObject, cx: &mut Context) -> bool {
    if object.is::<ErrorData>() {
        return true;
    }
    let error = cx.intrinsics().constructors().error().constructor();
    JsValue::ordinary_has_instance(&error.into(), &object.clone().into(), cx).unwrap_or(false)
}

fn is_arguments_object(object: &JsObject, cx: &mut Context) -> bool {
    // Boa's arguments objects are crate-private; Object.prototype.toString still reports them.
    if get(object, JsSymbol::to_string_tag().into(), cx).is_string() {
        return false;
    }
    OrdinaryObject::to_string(&object.clone().into(), &[], cx)
        .ok()
        .and_then(|v| v.as_string())
        .is_some_and(|s| s == js_string!("[object Arguments]"))
}

fn boxed_primitive(object: &JsObject) -> Option<JsValue> {
    if let Some(n) = object.downcast_ref::<f64>() {
        return Some(JsValue::new(*n));
    }
    if let Some(s) = object.downcast_ref::<JsString>() {
        return Some(JsValue::from(s.clone()));
    }
    if let Some(b) = object.downcast_ref::<bool>() {
        return Some(JsValue::new(*b));
    }
    if let Some(b) = object.downcast_ref::<JsBigInt>() {
        return Some(JsValue::from(b.clone()));
    }
    if let Some(s) = object.downcast_ref::<JsSymbol>() {
        return Some(JsValue::from(s.clone()));
    }
    None
}

fn typed_array_name(typed: &JsTypedArray) -> String {
    typed
        .kind()
        .map(|kind| format!("{kind:?}"))
        .unwrap_or_default()
}

/// `RegExp.prototype.toString` with V8's escaping of the source.
///
/// Boa 0.22's `source` puts a backslash before every `/`, even one already escaped (`/x\/y/`
/// comes back as `x\\/y`). Those inserted backslashes are removed and the pattern is escaped
/// again the way V8 does: `/` only when unescaped and outside a character class.
fn regexp_to_string(regexp: &JsRegExp, cx: &mut Context) -> String {
    let boa_source = regexp.source(cx).unwrap_or_default();
    // Read each flag from the internal slot (a null-prototype RegExp has no `flags` getter).
    let spec_flags = regexp.flags(cx).unwrap_or_default();
    let mut flags = String::new();
    let checks: [(char, JsResult<bool>); 8] = [
        ('d', regexp.has_indices(cx)),
        ('g', regexp.global(cx)),
        ('i', regexp.ignore_case(cx)),
        ('m', regexp.multiline(cx)),
        ('s', regexp.dot_all(cx)),
        ('u', regexp.unicode(cx)),
        ('v', Ok(spec_flags.contains('v'))),
        ('y', regexp.sticky(cx)),
    ];
    for (flag, on) in checks {
        if on.unwrap_or(false) {
            flags.push(flag);
        }
    }
    let original: Vec<char> = {
        let chars: Vec<char> = boa_source.chars().collect();
        let mut out = Vec::with_capacity(chars.len());
        for (i, c) in chars.iter().enumerate() {
            if *c == '\\' && chars.get(i + 1) == Some(&'/') {
                continue;
            }
            out.push(*c);
        }
        out
    };
    let mut source = String::with_capacity(original.len() + 2);
    let mut in_class = false;
    let mut i = 0;
    while i < original.len() {
        let c = original[i];
        match c {
            '\\' => {
                source.push(c);
                if let Some(next) = original.get(i + 1) {
                    source.push(*next);
                    i += 1;
                }
            }
            '/' if !in_class => source.push_str("\\/"),
            '[' => {
                in_class = true;
                source.push(c);
            }
            ']' => {
                in_class = false;
                source.push(c);
            }
            _ => source.push(c),
        }
        i += 1;
    }
    format!("/{source}/{flags}")
}

fn date_to_string(date: &JsDate, cx: &mut Context) -> String {
    let time = date.get_time(cx).ok().and_then(|t| t.as_number());
    match time {
        Some(t) if !t.is_nan() => date
            .to_iso_string(cx)
            .map(|v| lossy(&v, cx))
            .unwrap_or_else(|_| "Invalid Date".to_owned()),
        _ => "Invalid Date".to_owned(),
    }
}

/// Node's `internalGetConstructorName` (V8's class name of the object), approximated.
fn internal_constructor_name(object: &JsObject) -> &'static str {
    if object.is_callable() {
        "Function"
    } else if object.is_array() {
        "Array"
    } else if object.is::<ErrorData>() {
        "Error"
    } else {
        "Object"
    }
}

/// `ErrorPrototypeToString` on `err`, without calling a user-replaced `toString`.
fn error_to_string(err: &JsObject, cx: &mut Context) -> String {
    let name = get(err, js_string!("name").into(), cx);
    let name = if name.is_undefined() {
        "Error".to_owned()
    } else {
        lossy(&name, cx)
    };
    let message = get(err, js_string!("message").into(), cx);
    let message = if message.is_undefined() {
        String::new()
    } else {
        lossy(&message, cx)
    };
    if name.is_empty() {
        message
    } else if message.is_empty() {
        name
    } else {
        format!("{name}: {message}")
    }
}

/// A stack as V8 writes it: `err`'s `Name: message` line, then `frames` (Boa's `    at …` lines)
/// without a trailing newline; `frames` that already start with that line are kept as they are.
pub(crate) fn v8_stack(err: &JsObject, frames: &str, cx: &mut Context) -> String {
    let header = error_to_string(err, cx);
    let frames = frames.trim_end_matches('\n');
    if frames.is_empty() {
        header
    } else if frames.starts_with(&header) {
        frames.to_owned()
    } else {
        format!("{header}\n{frames}")
    }
}

/// Node's `getStackString`: `err.stack` if truthy, else `Error.prototype.toString`.
///
/// Boa's own `stack` accessor yields only the frames; when the intrinsic accessor is the one in
/// use and its result lacks it (a context without tickscope's globals, whose accessor adds it:
/// `crate::globals`), the V8-style header line `Name: message` is added so the result reads like
/// a V8 stack.
fn get_stack_string(err: &JsObject, cx: &mut Context) -> String {
    let stack_key = PropertyKey::from(js_string!("stack"));
    let native_getter = {
        let proto = cx.intrinsics().constructors().error().prototype();
        own_descriptor(&proto, &stack_key, cx).and_then(|d| d.get.as_object())
    };
    // Find where `stack` is defined along the prototype chain.
    let mut holder = Some(err.clone());
    let mut found = None;
    let mut guard = 0;
    while let Some(o) = holder {
        guard += 1;
        if guard > 10_000 {
            break;
        }
        if let Some(desc) = own_descriptor(&o, &stack_key, cx) {
            found = Some(desc);
            break;
        }
        holder = get_prototype(&o, cx);
    }
    let uses_native = match (&found, &native_getter) {
        (Some(desc), Some(native)) => desc
            .get
            .as_object()
            .is_some_and(|g| JsObject::equals(&g, native)),
        _ => false,
    };
    let stack = get(err, stack_key, cx);
    if uses_native && err.is::<ErrorData>() {
        let frames = stack
            .as_string()
            .map(|s| s.to_std_string_lossy())
            .unwrap_or_default();
        return v8_stack(err, &frames, cx);
    }
    if stack.to_boolean() {
        lossy(&stack, cx)
    } else {
        error_to_string(err, cx)
    }
}

fn improve_stack(stack: String, constructor: Option<&str>, name: &str, tag: &str) -> String {
    let mut len = name.len();
    let looks_normal = name.ends_with("Error")
        && stack.starts_with(name)
        && (stack.len() == len || matches!(stack.as_bytes()[len], b':' | b'\n'));
    if constructor.is_none() || looks_normal {
        let mut fallback = "Error".to_owned();
        if constructor.is_none() {
            let start = null_proto_error_name(&stack);
            len = start.len();
            fallback = if start.is_empty() {
                "Error".to_owned()
            } else {
                start
            };
        }
        let prefix = get_prefix(constructor, tag, &fallback, "");
        let prefix = prefix.strip_suffix(' ').unwrap_or(&prefix).to_owned();
        if name != prefix {
            let rest = stack.get(len..).unwrap_or("");
            if prefix.contains(name) {
                if len == 0 {
                    return format!("{prefix}: {stack}");
                }
                return format!("{prefix}{rest}");
            }
            return format!("{prefix} [{name}]{rest}");
        }
    }
    stack
}

/// The `^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)` / `^([a-z_A-Z0-9-]*Error)$` match of
/// Node's `improveStack`, for errors whose prototype chain ends in null.
fn null_proto_error_name(stack: &str) -> String {
    let bytes = stack.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_uppercase) {
        let mut end = 1;
        while end < bytes.len()
            && (bytes[end].is_ascii_alphanumeric() || b"_ []()-".contains(&bytes[end]))
        {
            end += 1;
        }
        // The regexp is greedy but may backtrack: take the longest prefix followed by the marker.
        let mut candidate = end;
        while candidate > 1 {
            let rest = &stack[candidate..];
            if rest.starts_with(':') || rest.starts_with("\n    at") {
                return stack[..candidate].to_owned();
            }
            candidate -= 1;
        }
    }
    if stack.ends_with("Error")
        && stack
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return stack.to_owned();
    }
    String::new()
}

fn identical_sequence_range(a: &[String], b: &[&str]) -> (usize, usize) {
    if a.len() < 4 {
        return (0, 0);
    }
    for i in 0..a.len() - 3 {
        if let Some(pos) = b.iter().position(|x| *x == a[i]) {
            let rest = b.len() - pos;
            if rest > 3 {
                let mut len = 1;
                let max_len = (a.len() - i).min(rest);
                while max_len > len && a[i + len] == b[pos + len] {
                    len += 1;
                }
                if len > 3 {
                    return (len, i);
                }
            }
        }
    }
    (0, 0)
}

fn get_prefix(constructor: Option<&str>, tag: &str, fallback: &str, size: &str) -> String {
    match constructor {
        None => {
            if !tag.is_empty() && fallback != tag {
                format!("[{fallback}{size}: null prototype] [{tag}] ")
            } else {
                format!("[{fallback}{size}: null prototype] ")
            }
        }
        Some(constructor) => {
            if !tag.is_empty() && constructor != tag {
                format!("{constructor}{size} [{tag}] ")
            } else {
                format!("{constructor}{size} ")
            }
        }
    }
}

fn get_ctx_style(value: &JsObject, constructor: Option<&str>, tag: &str) -> String {
    let mut fallback = "";
    if constructor.is_none() {
        fallback = internal_constructor_name(value);
        if fallback == tag {
            fallback = "Object";
        }
    }
    get_prefix(constructor, tag, fallback, "")
}

fn get_iterator_braces(kind: &str, tag: &str) -> [String; 2] {
    let mut tag = tag.to_owned();
    let wanted = format!("{kind} Iterator");
    if tag != wanted {
        if !tag.is_empty() {
            tag.push_str("] [");
        }
        tag.push_str(&wanted);
    }
    [format!("[{tag}] {{"), "}".to_owned()]
}

/// The flags of an ordinary (bytecode) function: (class constructor, async, generator).
///
/// Boa keeps these crate-private; its `Debug` output of the code block starts with them, so a
/// bounded prefix of that output is read (never the whole, potentially large, dump).
fn function_flags(object: &JsObject) -> (bool, bool, bool) {
    let Some(function) = object.downcast_ref::<OrdinaryFunction>() else {
        return (false, false, false);
    };
    let mut probe = BoundedWriter::new(200);
    let _ = write!(probe, "{:?}", function.codeblock());
    let flags = probe
        .buf
        .split_once("CodeBlockFlags(")
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(flags, _)| flags.to_owned())
        .unwrap_or_default();
    let has = |name: &str| flags.split(" | ").any(|f| f.trim() == name);
    (
        has("IS_CLASS_CONSTRUCTOR"),
        has("IS_ASYNC"),
        has("IS_GENERATOR"),
    )
}

fn get_function_base(
    value: &JsObject,
    constructor: Option<&str>,
    tag: &str,
    cx: &mut Context,
) -> String {
    let (is_class, is_async, is_generator) = function_flags(value);
    if is_class {
        return get_class_base(value, constructor, tag, cx);
    }
    let mut kind = String::from("Function");
    if is_generator {
        kind = format!("Generator{kind}");
    }
    if is_async {
        kind = format!("Async{kind}");
    }
    let mut base = format!("[{kind}");
    if constructor.is_none() {
        base.push_str(" (null prototype)");
    }
    let name = get(value, js_string!("name").into(), cx);
    if name.as_string().is_some_and(|s| s.is_empty()) {
        base.push_str(" (anonymous)");
    } else {
        let _ = write!(base, ": {}", lossy(&name, cx));
    }
    base.push(']');
    if let Some(c) = constructor
        && c != kind
    {
        let _ = write!(base, " {c}");
    }
    if !tag.is_empty() && constructor != Some(tag) {
        let _ = write!(base, " [{tag}]");
    }
    base
}

fn get_class_base(
    value: &JsObject,
    constructor: Option<&str>,
    tag: &str,
    cx: &mut Context,
) -> String {
    let name_key = PropertyKey::from(js_string!("name"));
    let name = if has_own(value, &name_key, cx) {
        let n = get(value, name_key.clone(), cx);
        if n.to_boolean() {
            lossy(&n, cx)
        } else {
            String::new()
        }
    } else {
        String::new()
    };
    let name = if name.is_empty() {
        "(anonymous)".to_owned()
    } else {
        name
    };
    let mut base = format!("class {name}");
    if let Some(c) = constructor
        && c != "Function"
    {
        let _ = write!(base, " [{c}]");
    }
    if !tag.is_empty() && constructor != Some(tag) {
        let _ = write!(base, " [{tag}]");
    }
    if constructor.is_some() {
        if let Some(proto) = get_prototype(value, cx) {
            let super_name = get(&proto, name_key, cx);
            if super_name.to_boolean() {
                let _ = write!(base, " extends {}", lossy(&super_name, cx));
            }
        }
    } else {
        base.push_str(" extends [null prototype]");
    }
    format!("[{base}]")
}

/// Node's `getKeys`: own enumerable string keys then enumerable symbols (all of them with
/// `show_hidden`).
fn get_keys(value: &JsObject, show_hidden: bool, cx: &mut Context) -> Vec<PropertyKey> {
    let all = value.own_property_keys(cx).unwrap_or_default();
    let mut strings = Vec::new();
    let mut symbols = Vec::new();
    for key in all {
        let keep = show_hidden || own_descriptor(value, &key, cx).is_some_and(|d| d.enumerable);
        if !keep {
            continue;
        }
        if matches!(key, PropertyKey::Symbol(_)) {
            symbols.push(key);
        } else {
            strings.push(key);
        }
    }
    strings.extend(symbols);
    strings
}

/// V8's `GetOwnNonIndexProperties`: own keys that are not array indices (strings, then symbols).
fn own_non_index_keys(value: &JsObject, show_hidden: bool, cx: &mut Context) -> Vec<PropertyKey> {
    let all = value.own_property_keys(cx).unwrap_or_default();
    let mut strings = Vec::new();
    let mut symbols = Vec::new();
    for key in all {
        if matches!(key, PropertyKey::Index(_)) {
            continue;
        }
        let keep = show_hidden || own_descriptor(value, &key, cx).is_some_and(|d| d.enumerable);
        if !keep {
            continue;
        }
        if matches!(key, PropertyKey::Symbol(_)) {
            symbols.push(key);
        } else {
            strings.push(key);
        }
    }
    strings.extend(symbols);
    strings
}

fn remaining_text(remaining: u64) -> String {
    format!(
        "... {remaining} more item{}",
        if remaining > 1 { "s" } else { "" }
    )
}

// ---------------------------------------------------------------------------------------------
// Strings.

/// The length of `s` in UTF-16 code units, as JavaScript's `.length`.
fn js_len(s: &str) -> usize {
    s.encode_utf16().count()
}

fn key_units(key: &PropertyKey) -> Vec<u16> {
    match key {
        PropertyKey::String(s) => s.to_vec(),
        PropertyKey::Index(i) => i.get().to_string().encode_utf16().collect(),
        PropertyKey::Symbol(s) => s.descriptive_string().to_vec(),
    }
}

/// `/^[a-zA-Z_][a-zA-Z_0-9]*$/`
fn is_identifier_key(units: &[u16]) -> bool {
    let is_start = |u: u16| u == u16::from(b'_') || (u < 128 && (u as u8).is_ascii_alphabetic());
    let is_part = |u: u16| is_start(u) || (u < 128 && (u as u8).is_ascii_digit());
    match units.split_first() {
        Some((first, rest)) => is_start(*first) && rest.iter().all(|u| is_part(*u)),
        None => false,
    }
}

fn split_after_newlines(units: &[u16]) -> Vec<&[u16]> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, unit) in units.iter().enumerate() {
        if *unit == u16::from(b'\n') {
            parts.push(&units[start..=i]);
            start = i + 1;
        }
    }
    if start < units.len() || parts.is_empty() {
        parts.push(&units[start..]);
    }
    parts
}

/// Node's `meta` table: the escape for a code unit below 0xa0, or `None` if it needs none.
fn meta(unit: u16) -> Option<String> {
    let named = match unit {
        0x08 => Some("\\b"),
        0x09 => Some("\\t"),
        0x0a => Some("\\n"),
        0x0c => Some("\\f"),
        0x0d => Some("\\r"),
        0x27 => Some("\\'"),
        0x5c => Some("\\\\"),
        _ => None,
    };
    if let Some(named) = named {
        return Some(named.to_owned());
    }
    if unit < 0x20 || (0x7f..0xa0).contains(&unit) {
        return Some(format!("\\x{unit:02X}"));
    }
    None
}

fn is_lone_surrogate(units: &[u16], i: usize) -> bool {
    let unit = units[i];
    if (0xd800..=0xdbff).contains(&unit) {
        !units
            .get(i + 1)
            .is_some_and(|n| (0xdc00..=0xdfff).contains(n))
    } else if (0xdc00..=0xdfff).contains(&unit) {
        !(i > 0 && (0xd800..=0xdbff).contains(&units[i - 1]))
    } else {
        false
    }
}

/// Node's `strEscapeSequencesReplacer` with `escapeFn`: escapes control characters, the single
/// quote (when `quote` is set), the backslash and lone surrogates.
fn escape_all(units: &[u16], quote: bool) -> String {
    let mut out: Vec<u16> = Vec::with_capacity(units.len());
    for i in 0..units.len() {
        let unit = units[i];
        let escaped = if unit == 0x27 && !quote {
            None
        } else if let Some(m) = meta(unit) {
            Some(m)
        } else if is_lone_surrogate(units, i) {
            Some(format!("\\u{unit:x}"))
        } else {
            None
        };
        match escaped {
            Some(e) => out.extend(e.encode_utf16()),
            None => out.push(unit),
        }
    }
    String::from_utf16_lossy(&out)
}

/// Node's `strEscape`: quotes a string with `'`, `"` or `` ` `` and escapes what needs it.
fn str_escape(units: &[u16]) -> String {
    let contains = |c: u8| units.contains(&u16::from(c));
    let mut quote = '\'';
    if contains(b'\'') {
        if !contains(b'"') {
            quote = '"';
        } else if !contains(b'`') && !units.windows(2).any(|w| w == [0x24, 0x7b]) {
            quote = '`';
        }
    }
    let escaped = escape_all(units, quote == '\'');
    format!("{quote}{escaped}{quote}")
}

fn pad(s: &str, width: usize, start: bool) -> String {
    let len = js_len(s);
    if len >= width {
        return s.to_owned();
    }
    let fill = " ".repeat(width - len);
    if start {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

fn js_round(x: f64) -> f64 {
    (x + 0.5).floor()
}

/// The display width of `s` in columns (Node's `getStringWidth` without stripping colours):
/// control characters and combining marks take none, wide East Asian characters and emoji two.
fn string_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let code = c as u32;
            if code < 0x20 || (0x7f..=0x9f).contains(&code) || is_zero_width(code) {
                0
            } else if is_full_width(code) {
                2
            } else {
                1
            }
        })
        .sum()
}

fn is_zero_width(code: u32) -> bool {
    (0x300..=0x36f).contains(&code)
        || (0x200b..=0x200f).contains(&code)
        || (0x20d0..=0x20ff).contains(&code)
        || (0xfe00..=0xfe0f).contains(&code)
        || (0xfe20..=0xfe2f).contains(&code)
        || (0xe0100..=0xe01ef).contains(&code)
}

fn is_full_width(code: u32) -> bool {
    code >= 0x1100
        && (code <= 0x115f
            || code == 0x2329
            || code == 0x232a
            || ((0x2e80..=0x3247).contains(&code) && code != 0x303f)
            || (0x3250..=0x4dbf).contains(&code)
            || (0x4e00..=0xa4c6).contains(&code)
            || (0xa960..=0xa97c).contains(&code)
            || (0xac00..=0xd7a3).contains(&code)
            || (0xf900..=0xfaff).contains(&code)
            || (0xfe10..=0xfe19).contains(&code)
            || (0xfe30..=0xfe6b).contains(&code)
            || (0xff01..=0xff60).contains(&code)
            || (0xffe0..=0xffe6).contains(&code)
            || (0x1b000..=0x1b001).contains(&code)
            || (0x1f200..=0x1f251).contains(&code)
            || (0x1f300..=0x1f64f).contains(&code)
            || (0x1f900..=0x1f9ff).contains(&code)
            || (0x20000..=0x3fffd).contains(&code))
}

/// A `fmt::Write` sink that keeps the first `limit` bytes and then fails, stopping the writer.
struct BoundedWriter {
    buf: String,
    limit: usize,
}

impl BoundedWriter {
    fn new(limit: usize) -> Self {
        Self {
            buf: String::new(),
            limit,
        }
    }
}

impl std::fmt::Write for BoundedWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.buf.len() >= self.limit {
            return Err(std::fmt::Error);
        }
        self.buf.push_str(s);
        Ok(())
    }
}

/// Node's `builtInObjects`: the global constructor-like names of Node 20 (standard built-ins
/// plus Node's web-platform globals).
const BUILT_IN_OBJECTS: &[&str] = &[
    "Object",
    "Function",
    "Array",
    "Number",
    "Infinity",
    "NaN",
    "Boolean",
    "String",
    "Symbol",
    "Date",
    "Promise",
    "RegExp",
    "Error",
    "AggregateError",
    "EvalError",
    "RangeError",
    "ReferenceError",
    "SyntaxError",
    "TypeError",
    "URIError",
    "JSON",
    "Math",
    "Intl",
    "ArrayBuffer",
    "Uint8Array",
    "Int8Array",
    "Uint16Array",
    "Int16Array",
    "Uint32Array",
    "Int32Array",
    "Float32Array",
    "Float64Array",
    "Uint8ClampedArray",
    "BigUint64Array",
    "BigInt64Array",
    "DataView",
    "Map",
    "BigInt",
    "Set",
    "WeakMap",
    "WeakSet",
    "Proxy",
    "Reflect",
    "FinalizationRegistry",
    "WeakRef",
    "Buffer",
    "URL",
    "URLSearchParams",
    "DOMException",
    "AbortController",
    "AbortSignal",
    "Event",
    "EventTarget",
    "TextEncoder",
    "TextDecoder",
    "TransformStream",
    "TransformStreamDefaultController",
    "WritableStream",
    "WritableStreamDefaultController",
    "WritableStreamDefaultWriter",
    "ReadableStream",
    "ReadableStreamDefaultReader",
    "ReadableStreamBYOBReader",
    "ReadableStreamBYOBRequest",
    "ReadableByteStreamController",
    "ReadableStreamDefaultController",
    "ByteLengthQueuingStrategy",
    "CountQueuingStrategy",
    "TextEncoderStream",
    "TextDecoderStream",
    "CompressionStream",
    "DecompressionStream",
    "BroadcastChannel",
    "MessageChannel",
    "MessagePort",
    "MessageEvent",
    "Blob",
    "File",
    "Performance",
    "PerformanceEntry",
    "PerformanceMark",
    "PerformanceMeasure",
    "PerformanceObserver",
    "PerformanceObserverEntryList",
    "PerformanceResourceTiming",
    "FormData",
    "Headers",
    "Request",
    "Response",
    "SharedArrayBuffer",
    "Atomics",
    "WebAssembly",
    "Crypto",
    "CryptoKey",
    "SubtleCrypto",
    "CustomEvent",
];
