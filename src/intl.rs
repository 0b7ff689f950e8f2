//! Dates and months in the publication's locale and time zone: in the browser by its Intl,
//! so the wasm carries no date library; natively (the builder's prerendered pages) by ICU4X,
//! which formats from the same CLDR data, so a page reads the same before and after the app
//! takes it over.

#[cfg(target_arch = "wasm32")]
pub use browser::{format_age, format_date, format_month};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{format_age, format_date, format_month};

#[cfg(target_arch = "wasm32")]
mod browser {
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
        format(
            ts.as_str(),
            locale,
            &[("year", "numeric"), ("month", "long"), ("day", "numeric"), ("timeZone", time_zone)],
        )
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
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use icu_datetime::fieldsets::{YM, YMD};
    use icu_datetime::input::Date;
    use icu_datetime::DateTimeFormatter;
    use icu_locale_core::{locale, Locale};
    use masthead_model::{Timestamp, YearMonth};

    /// The locale, or English where ICU does not know it (as the browser falls back).
    fn locale(tag: &str) -> Locale {
        tag.parse().unwrap_or(locale!("en"))
    }

    /// The civil date of `ts` in `time_zone`; an unknown zone falls back to English in UTC,
    /// as in the browser.
    fn civil(ts: &Timestamp, time_zone: &str) -> Option<(jiff::civil::Date, bool)> {
        let instant = jiff::Timestamp::from_second(ts.unix()).ok()?;
        match jiff::tz::TimeZone::get(time_zone) {
            Ok(zone) => Some((instant.to_zoned(zone).date(), true)),
            Err(_) => Some((instant.to_zoned(jiff::tz::TimeZone::UTC).date(), false)),
        }
    }

    /// "3 July 2024" (in the site's locale and time zone).
    pub fn format_date(ts: &Timestamp, locale_tag: &str, time_zone: &str) -> String {
        let made = civil(ts, time_zone).and_then(|(date, zone_known)| {
            let locale = if zone_known { locale(locale_tag) } else { locale!("en") };
            let formatter = DateTimeFormatter::try_new(locale.into(), YMD::long()).ok()?;
            let date =
                Date::try_new_iso(i32::from(date.year()), date.month().try_into().ok()?, date.day().try_into().ok()?)
                    .ok()?;
            Some(formatter.format(&date).to_string())
        });
        made.unwrap_or_else(|| ts.date_text().to_owned())
    }

    /// "July 2024".
    pub fn format_month(month: YearMonth, locale_tag: &str) -> String {
        let made = (|| {
            let formatter = DateTimeFormatter::try_new(locale(locale_tag).into(), YM::long()).ok()?;
            let date = Date::try_new_iso(month.year, month.month, 15).ok()?;
            Some(formatter.format(&date).to_string())
        })();
        made.unwrap_or_else(|| month.to_string())
    }

    /// Natively, never: a page written at build time would say "3 hours ago" for days. The
    /// date stands until the app takes the page over and says how long ago it was.
    pub fn format_age(_ts: &Timestamp, _now: i64, _locale: &str) -> Option<String> {
        None
    }
}
