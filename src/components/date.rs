use leptos::prelude::*;
use masthead_model::Timestamp;

use crate::intl::{format_age, format_date};
use crate::state::use_shared;

/// A `<time datetime>` showing the date in the publication's locale and time zone, or for
/// an item less than a day old how long ago it was ("3 hours ago"), with the full date as
/// its tooltip.
#[component]
pub fn DateTime(ts: Timestamp) -> impl IntoView {
    let shared = use_shared();
    let datetime = ts.as_str().to_owned();
    // Whole seconds since the epoch: truncation is intended.
    let now = i64::try_from(crate::clock::now_ms() / 1000).unwrap_or(i64::MAX);
    let texts = Memo::new(move |_| {
        let (locale, zone) = shared.locale();
        let date = format_date(&ts, &locale, &zone);
        match format_age(&ts, now, &locale) {
            Some(age) => (age, Some(date)),
            None => (date, None),
        }
    });
    view! { <time datetime=datetime title=move || texts.get().1>{move || texts.get().0}</time> }
}
