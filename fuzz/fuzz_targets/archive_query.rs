//! The archive's query string, as any address bar may carry it: parsed without a panic,
//! and the address it gives back reads as the same query. Its words, read as a search
//! reads them, and an excerpt cut from the same text: marks on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use masthead_model::query::ArchiveQuery;
use masthead_model::search::{excerpt, marked_words, tokens, Language, ReadyText, TextQuery};
use masthead_model::{ListEntry, SearchText, TextSection, Timestamp};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let query = ArchiveQuery::parse(text);
    let href = query.href();
    let again = ArchiveQuery::parse(href.split_once('?').map_or("", |(_, q)| q));
    assert_eq!(again, query, "{href}");
    let language = Language::English;
    let words = TextQuery::parse(text, language);
    for token in tokens(text) {
        assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
    }
    let page = SearchText {
        contract: 1,
        entry: ListEntry {
            slug: "s".into(),
            title: String::new(),
            published: Timestamp::parse("2026-01-01T00:00:00Z").expect("a timestamp"),
            category: String::new(),
            authors: vec![],
        },
        standfirst: text.to_owned(),
        sections: vec![TextSection { id: String::new(), heading: String::new(), text: text.to_owned() }],
    };
    let ready = ReadyText::new(page, language);
    assert!(marked_words(&ready, &words).len() <= masthead_model::search::MARKED_WORDS);
    if let Some(cut) = excerpt(&ready, &words) {
        let shown: String = cut.pieces.iter().map(|(p, _)| p.as_str()).collect();
        assert!(!shown.is_empty());
    }
});
