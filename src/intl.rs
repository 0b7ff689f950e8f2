//! Dates and months formatted by the browser's Intl, in the publication's locale and
//! time zone, so the wasm carries no date library.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Date, Object, Reflect};
use masthead_model::time::relative_age;
use masthead_model::{Timestamp, YearMonth};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    #[derive(Clone)]
    type DateTimeFormat;

    /// Throws a RangeError for an unknown locale or time zone: caught, not a panic.
    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new(locale: &str, options: &Object) -> Result<DateTimeFormat, JsValue>;

    /// Throws a RangeError for an invalid date.
    #[wasm_bindgen(method, catch)]
    fn format(this: &DateTimeFormat, date: &Date) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
    type RelativeTimeFormat;

    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "RelativeTimeFormat")]
    fn new(locale: &str, options: &Object) -> Result<RelativeTimeFormat, JsValue>;

    #[wasm_bindgen(method, catch, js_name = format)]
    fn format_relative(this: &RelativeTimeFormat, value: f64, unit: &str) -> Result<String, JsValue>;
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

thread_local! {
    /// Building an Intl.DateTimeFormat is slow (a list of 50 dates would build 50): one
    /// per locale and set of options, kept for the visit.
    static FORMATTERS: RefCell<HashMap<String, Option<DateTimeFormat>>> = RefCell::new(HashMap::new());
}

fn formatter(locale: &str, pairs: &[(&str, &str)]) -> Option<DateTimeFormat> {
    let mut key = locale.to_owned();
    for (k, v) in pairs {
        key.push('|');
        key.push_str(k);
        key.push('=');
        key.push_str(v);
    }
    if let Some(found) = FORMATTERS.with(|f| f.borrow().get(&key).cloned()) {
        return found;
    }
    let made = DateTimeFormat::new(locale, &options(pairs))
        .or_else(|_| {
            // An unknown locale or time zone falls back to the browser's own, in UTC.
            let without_zone: Vec<(&str, &str)> = pairs.iter().copied().filter(|(k, _)| *k != "timeZone").collect();
            DateTimeFormat::new("en", &options(&without_zone))
        })
        .ok();
    FORMATTERS.with(|f| f.borrow_mut().insert(key, made.clone()));
    made
}

fn format(text: &str, locale: &str, pairs: &[(&str, &str)]) -> Option<String> {
    let date = Date::new(&JsValue::from_str(text));
    formatter(locale, pairs)?.format(&date).ok()
}

/// "3 July 2024" (in the site's locale and time zone).
pub fn format_date(ts: &Timestamp, locale: &str, time_zone: &str) -> String {
    format(ts.as_str(), locale, &[("year", "numeric"), ("month", "long"), ("day", "numeric"), ("timeZone", time_zone)])
        .unwrap_or_else(|| ts.date_text().to_owned())
}

/// "July 2024".
pub fn format_month(month: YearMonth, locale: &str) -> String {
    format(&format!("{month}-15T12:00:00Z"), locale, &[("year", "numeric"), ("month", "long"), ("timeZone", "UTC")])
        .unwrap_or_else(|| month.to_string())
}

/// "3 hours ago", "now" (in the site's locale) for a time less than a day before `now`
/// (Unix seconds); `None` otherwise, or if the browser cannot say it.
pub fn format_age(ts: &Timestamp, now: i64, locale: &str) -> Option<String> {
    let (amount, unit) = relative_age(now, ts.unix())?;
    let formatter = RelativeTimeFormat::new(locale, &options(&[("numeric", "auto")]))
        .or_else(|_| RelativeTimeFormat::new("en", &options(&[("numeric", "auto")])))
        .ok()?;
    // Whole amounts well inside f64's exact range.
    formatter.format_relative(amount as f64, unit.as_str()).ok()
}
