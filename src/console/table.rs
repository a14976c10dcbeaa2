//! `console.table`, laid out as Node 20 lays it out (centred cells, box-drawing borders).

use boa_engine::{Context, JsObject, JsResult, JsValue, js_string, object::builtins::JsArray};

use super::inspect::{InspectOptions, inspect};

const INDEX: &str = "(index)";
const ITERATION_INDEX: &str = "(iteration index)";
const KEY: &str = "Key";
const VALUES: &str = "Values";

/// Renders `console.table(data, columns)`; `None` when `data` is not an object, in which case
/// the caller logs it as `console.log` would.
pub(super) fn render(args: &[JsValue], context: &mut Context) -> JsResult<Option<String>> {
    let Some(data) = args.first().and_then(JsValue::as_object) else {
        return Ok(None);
    };
    let columns = match args.get(1).and_then(JsValue::as_object) {
        Some(list) if list.is_array() => Some(string_list(&list, context)?),
        _ => None,
    };
    if data.is::<boa_engine::builtins::map::ordered_map::OrderedMap<JsValue>>() {
        return Ok(Some(map_table(&data, context)?));
    }
    if let Some(set) = set_values(&data, context)? {
        let indices = (0..set.len()).map(|i| i.to_string()).collect();
        let values = set.iter().map(|v| cell(v, context)).collect();
        return Ok(Some(layout(
            &[ITERATION_INDEX.to_owned(), VALUES.to_owned()],
            &[indices, values],
        )));
    }
    Ok(Some(object_table(&data, columns, context)?))
}

/// One cell: Node inspects with depth 0 (or shows `[Object]` for objects of more than two
/// keys), at most three array items, on one line.
fn cell(value: &JsValue, context: &mut Context) -> String {
    let options = InspectOptions {
        depth: 0,
        max_array_length: 3,
        break_length: usize::MAX,
        ..InspectOptions::default()
    };
    if let Some(object) = value.as_object()
        && !object.is_array()
        && !object.is_callable()
        && own_keys(&object, context)
            .map(|keys| keys.len() > 2)
            .unwrap_or(false)
    {
        return "[Object]".to_owned();
    }
    inspect(value, &options, context)
}

fn object_table(
    data: &JsObject,
    columns: Option<Vec<String>>,
    context: &mut Context,
) -> JsResult<String> {
    let index_keys = own_keys(data, context)?;
    let rows = index_keys.len();
    let mut column_names: Vec<String> = Vec::new();
    let mut column_cells: Vec<Vec<Option<String>>> = Vec::new();
    let mut primitive_cells: Vec<Option<String>> = vec![None; rows];
    let mut has_primitives = false;
    for (row, key) in index_keys.iter().enumerate() {
        let item = data.get(js_string!(key.as_str()), context)?;
        let primitive = !item.is_object();
        if columns.is_none() && primitive {
            has_primitives = true;
            primitive_cells[row] = Some(cell(&item, context));
            continue;
        }
        let keys = match (&columns, item.as_object()) {
            (Some(columns), _) => columns.clone(),
            (None, Some(object)) => own_keys(&object, context)?,
            (None, None) => Vec::new(),
        };
        for key in keys {
            let column = match column_names.iter().position(|name| *name == key) {
                Some(column) => column,
                None => {
                    column_names.push(key.clone());
                    column_cells.push(vec![None; rows]);
                    column_names.len() - 1
                }
            };
            let text = match item.as_object() {
                Some(object) if !primitive && has_own(&object, &key, context)? => {
                    let value = object.get(js_string!(key.as_str()), context)?;
                    cell(&value, context)
                }
                _ => String::new(),
            };
            column_cells[column][row] = Some(text);
        }
    }
    let mut head = vec![INDEX.to_owned()];
    let mut body = vec![index_keys.clone()];
    for (name, cells) in column_names.into_iter().zip(column_cells) {
        head.push(name);
        body.push(cells.into_iter().map(Option::unwrap_or_default).collect());
    }
    if has_primitives {
        head.push(VALUES.to_owned());
        body.push(
            primitive_cells
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect(),
        );
    }
    Ok(layout(&head, &body))
}

fn map_table(map: &JsObject, context: &mut Context) -> JsResult<String> {
    let entries = iterate(map, context)?;
    let mut keys = Vec::new();
    let mut values = Vec::new();
    for entry in entries {
        let pair = entry.as_object();
        let key = match &pair {
            Some(pair) => pair.get(0, context)?,
            None => JsValue::undefined(),
        };
        let value = match &pair {
            Some(pair) => pair.get(1, context)?,
            None => JsValue::undefined(),
        };
        keys.push(cell(&key, context));
        values.push(cell(&value, context));
    }
    let indices = (0..keys.len()).map(|i| i.to_string()).collect();
    Ok(layout(
        &[
            ITERATION_INDEX.to_owned(),
            KEY.to_owned(),
            VALUES.to_owned(),
        ],
        &[indices, keys, values],
    ))
}

fn set_values(data: &JsObject, context: &mut Context) -> JsResult<Option<Vec<JsValue>>> {
    if data.is::<boa_engine::builtins::set::ordered_set::OrderedSet>() {
        return Ok(Some(iterate(data, context)?));
    }
    Ok(None)
}

/// Collects `Array.from(iterable)`.
fn iterate(iterable: &JsObject, context: &mut Context) -> JsResult<Vec<JsValue>> {
    let array_ctor = context.intrinsics().constructors().array().constructor();
    let from = array_ctor.get(js_string!("from"), context)?;
    let Some(from) = from.as_callable() else {
        return Ok(Vec::new());
    };
    let array = from.call(&array_ctor.into(), &[iterable.clone().into()], context)?;
    let Some(array) = array.as_object() else {
        return Ok(Vec::new());
    };
    let array = JsArray::from_object(array)?;
    let length = array.length(context)?;
    (0..length).map(|i| array.get(i, context)).collect()
}

/// `Object.keys(object)`: own enumerable string keys, in property order.
fn own_keys(object: &JsObject, context: &mut Context) -> JsResult<Vec<String>> {
    let object_ctor = context.intrinsics().constructors().object().constructor();
    let keys = object_ctor.get(js_string!("keys"), context)?;
    let Some(keys) = keys.as_callable() else {
        return Ok(Vec::new());
    };
    let list = keys.call(&object_ctor.into(), &[object.clone().into()], context)?;
    match list.as_object() {
        Some(list) => string_list(&list, context),
        None => Ok(Vec::new()),
    }
}

fn has_own(object: &JsObject, key: &str, context: &mut Context) -> JsResult<bool> {
    object.has_own_property(js_string!(key), context)
}

fn string_list(list: &JsObject, context: &mut Context) -> JsResult<Vec<String>> {
    let array = JsArray::from_object(list.clone())?;
    let length = array.length(context)?;
    let mut names = Vec::new();
    for i in 0..length {
        names.push(
            array
                .get(i, context)?
                .to_string(context)?
                .to_std_string_escaped(),
        );
    }
    Ok(names)
}

/// Node's `cli_table`: columns as wide as their widest cell, cells centred (extra space on the
/// right).
fn layout(head: &[String], columns: &[Vec<String>]) -> String {
    let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = head
        .iter()
        .zip(columns)
        .map(|(name, cells)| {
            cells
                .iter()
                .map(|cell| width(cell))
                .chain(std::iter::once(width(name)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let divider: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
    let render_row = |cells: Vec<&str>| {
        let inner: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| {
                let needed = w - width(cell);
                format!(
                    "{}{cell}{}",
                    " ".repeat(needed / 2),
                    " ".repeat(needed.div_ceil(2))
                )
            })
            .collect();
        format!("│ {} │", inner.join(" │ "))
    };
    let mut out = format!("┌{}┐\n", divider.join("┬"));
    out.push_str(&render_row(head.iter().map(String::as_str).collect()));
    out.push_str(&format!("\n├{}┤\n", divider.join("┼")));
    for row in 0..rows {
        let cells = columns
            .iter()
            .map(|column| column.get(row).map_or("", String::as_str))
            .collect();
        out.push_str(&render_row(cells));
        out.push('\n');
    }
    out.push_str(&format!("└{}┘", divider.join("┴")));
    out
}

/// Display width in terminal columns: one per character, which holds for the ASCII and Latin
/// text tables usually hold.
fn width(text: &str) -> usize {
    text.chars().count()
}
