//! The plain definitions the fast paths are tested against (test-only): a post scanned
//! word by word for a query, and the archive's filters applied post by post. The search
//! index and the archive explorer must give the same answers from their compact files.

use crate::contract::Summary;
use crate::query::{ArchiveQuery, Sort};
use crate::search::{tokens, Language, SearchDoc, TextQuery};

/// The plain definition the index must agree with: every query word finds a word of the
/// post; each phrase's words stand side by side in one paragraph.
pub fn scan(doc: &SearchDoc, query: &TextQuery) -> bool {
    let mut terms: Vec<(String, u32)> = Vec::new();
    let mut at = 0;
    for (_, text) in &doc.parts {
        for t in tokens(text) {
            let term = if t.unspaced { t.word } else { Language::English.stem(&t.word) };
            terms.push((term, at));
            at += 1;
        }
        at += 1;
    }
    let finds = |w: usize, pos: Option<u32>| {
        terms.iter().any(|(term, p)| pos.is_none_or(|want| *p == want) && query.words[w].finds(term).is_some())
    };
    (0..query.words.len()).all(|w| finds(w, None))
        && query.phrases.iter().all(|phrase| {
            terms.iter().any(|(_, p)| phrase.iter().enumerate().all(|(k, &w)| finds(w, Some(p + k as u32))))
        })
}

/// Case- and accent-insensitive matching of every word of a query (see `search` for
/// what a word finds). The definition the search index is tested against; test-only.
#[derive(Clone, Debug, Default)]
pub struct TextMatcher {
    query: crate::search::TextQuery,
}

impl TextMatcher {
    pub fn new(q: &str) -> Self {
        TextMatcher { query: crate::search::TextQuery::parse(q, crate::search::Language::English) }
    }

    /// Every word finds a word of the title, standfirst, tag names or author names.
    pub fn matches(&self, post: &Summary) -> bool {
        self.query.is_empty() || scan(&crate::search::SearchDoc::of_summary(post), &self.query)
    }
}

/// The posts that pass every filter, in the query's order: the plain definition, by
/// scanning (the explorer gives the same answer from its compact files); test-only.
pub fn filter<'a>(posts: &'a [Summary], query: &ArchiveQuery) -> Vec<&'a Summary> {
    let text = TextMatcher::new(&query.q);
    let mut found: Vec<&Summary> =
        crate::explorer::newest_first(posts).into_iter().filter(|p| query.matches(p, &text)).collect();
    if query.sort == Sort::Oldest {
        found.reverse();
    }
    found
}

impl ArchiveQuery {
    /// Whether one post passes every active filter (the test oracle's definition).
    pub fn matches(&self, post: &Summary, text: &TextMatcher) -> bool {
        let date = post.published.year_month();
        self.year.is_none_or(|y| date.year == y)
            && self.month.is_none_or(|m| date.month == m)
            && self.category.as_ref().is_none_or(|c| &post.category.slug == c)
            && self.tag.as_ref().is_none_or(|t| post.tags.iter().any(|x| &x.slug == t))
            && self.author.as_ref().is_none_or(|a| post.authors.iter().any(|x| &x.slug == a))
            && text.matches(post)
    }
}
