//! The app's components rendered natively (`masthead::render`), as the builder writes
//! every page: dates as the browser's Intl writes them, the whole article, and the same
//! page for the same files.

use masthead::intl::{format_date, format_month};
use masthead_model::{Timestamp, YearMonth};

fn ts(text: &str) -> Timestamp {
    masthead_model::decode::<Timestamp>("t", &format!("{text:?}")).unwrap()
}

#[test]
fn dates_read_as_the_browser_writes_them() {
    // As Chromium's Intl.DateTimeFormat writes them (tests/e2e/reader.spec.mjs checks the
    // same date in the browser).
    let published = ts("2026-06-24T08:00:00+01:00");
    assert_eq!(format_date(&published, "en-GB", "Europe/London"), "24 June 2026");
    assert_eq!(format_date(&published, "en-US", "America/New_York"), "June 24, 2026");
    assert_eq!(format_date(&published, "de-DE", "Europe/Berlin"), "24. Juni 2026");
    // Late in the evening in New York is the next day in Tokyo.
    let late = ts("2026-06-24T23:30:00-04:00");
    assert_eq!(format_date(&late, "en-GB", "America/New_York"), "24 June 2026");
    assert_eq!(format_date(&late, "en-GB", "Asia/Tokyo"), "25 June 2026");
    // An unknown zone: English in UTC, as the browser falls back.
    assert_eq!(format_date(&late, "en-GB", "Mars/Olympus"), "June 25, 2026");
    assert_eq!(format_month(YearMonth { year: 2026, month: 6 }, "en-GB"), "June 2026");
    assert_eq!(format_month(YearMonth { year: 2026, month: 6 }, "fr-FR"), "juin 2026");
}
