use leptos::prelude::*;
use masthead_model::Timestamp;

use crate::app::use_shared;
use crate::intl::format_date;

/// A `<time datetime>` showing the date in the publication's locale and time zone.
#[component]
pub fn DateTime(ts: Timestamp) -> impl IntoView {
    let shared = use_shared();
    let datetime = ts.as_str().to_owned();
    let text = move || {
        let (locale, zone) = shared.locale();
        format_date(&ts, &locale, &zone)
    };
    view! { <time datetime=datetime>{text}</time> }
}
