//! The toolbar's Options menu: `Math.random`'s seed, the run's start time as `Date` sees it, and
//! the long-task limit that stops a task busy for too long.

use wasm_bindgen::JsValue;
use web_sys::{Document, HtmlInputElement};

use crate::web::page::dom;

/// Real seconds a task may keep the worker busy before the page stops it, when the limit is on.
pub const LONG_TASK_LIMIT_S: f64 = 10.0;

/// The Options menu's fields.
pub struct RunOptions {
    seed: HtmlInputElement,
    start_time: HtmlInputElement,
    long_task_limit: HtmlInputElement,
}

impl RunOptions {
    /// Finds the menu's fields in the page.
    pub fn find(document: &Document) -> Result<Self, JsValue> {
        Ok(Self {
            seed: dom::by_id(document, "seed")?,
            start_time: dom::by_id(document, "start-time")?,
            long_task_limit: dom::by_id(document, "long-task-limit")?,
        })
    }

    /// The seed typed in, if any; the error says what is wrong with the text.
    pub fn seed(&self) -> Result<Option<u64>, String> {
        let text = self.seed.value();
        let result = parse_seed(&text);
        self.mark(&self.seed, result.is_err());
        result
    }

    /// The start time typed in (ms since the Unix epoch), if any; the error says what is wrong.
    pub fn start_time(&self) -> Result<Option<f64>, String> {
        let text = self.start_time.value();
        let result = parse_start_time(&text);
        self.mark(&self.start_time, result.is_err());
        result
    }

    /// Shows a seed and a start time (from a link or an embed's options).
    pub fn set(&self, seed: Option<u64>, start_time: Option<f64>) {
        self.seed
            .set_value(&seed.map(|seed| seed.to_string()).unwrap_or_default());
        let start = start_time
            .map(|ms| {
                let date = js_sys::Date::new(&JsValue::from_f64(ms));
                String::from(date.to_iso_string())
            })
            .unwrap_or_default();
        self.start_time.set_value(&start);
    }

    /// The fields whose changes are saved (and go into the address bar's link).
    pub fn fields(&self) -> [&HtmlInputElement; 3] {
        [&self.seed, &self.start_time, &self.long_task_limit]
    }

    /// Whether a task busy for more than [`LONG_TASK_LIMIT_S`] is stopped.
    pub fn stops_long_tasks(&self) -> bool {
        self.long_task_limit.checked()
    }

    fn mark(&self, input: &HtmlInputElement, invalid: bool) {
        let marked = if invalid {
            input.set_attribute("aria-invalid", "true")
        } else {
            input.remove_attribute("aria-invalid")
        };
        if let Err(error) = marked {
            dom::log_error("run options", &error);
        }
    }
}

/// A seed: empty for none, else a whole number from 0 to 2^64 − 1.
pub fn parse_seed(text: &str) -> Result<Option<u64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u64>().map(Some).map_err(|_| {
        format!("the seed '{text}' is not a whole number from 0 to 18446744073709551615")
    })
}

/// A start time: empty for none, else what [`parse_start_time`](crate::clock::parse_start_time)
/// reads (an ISO 8601 instant or date, or milliseconds since the Unix epoch).
pub fn parse_start_time(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    crate::clock::parse_start_time(text)
        .map(Some)
        .map_err(|problem| format!("the start time {problem}"))
}
