//! The archive's query string, as any address bar may carry it: parsed without a panic,
//! and the address it gives back reads as the same query.
#![no_main]

use libfuzzer_sys::fuzz_target;
use masthead_model::query::ArchiveQuery;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let query = ArchiveQuery::parse(text);
    let href = query.href();
    let again = ArchiveQuery::parse(href.split_once('?').map_or("", |(_, q)| q));
    assert_eq!(again, query, "{href}");
});
