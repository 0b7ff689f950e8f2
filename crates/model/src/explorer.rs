//! The archive explorer's engine: every post's month, category, tags and authors held as
//! small numbers, so that one pass over the whole archive gives the matching posts, the
//! month counts and what each category, tag and author would give, in a few
//! milliseconds at 100,000 posts.
//!
//! Posts are numbered newest first from 0 (ties by slug), the order of the list and
//! search files; a month is therefore a run of numbers.

use std::collections::HashMap;

use crate::archive::{count_by_month, facet_counts};
use crate::bitset::BitSet;
use crate::contract::{ArchiveIndex, CatalogueFile, ListEntry, ListFile, MonthCount, Posting, Summary};
use crate::query::{page, ArchiveQuery, Filter, Sort, PAGE_SIZE, RANKED_PAGE_SIZE};
use crate::search::{
    delta_decode, delta_encode, lookup, rerank, Found, Language, ShardKey, ShardRef, TextQuery, PROXIMITY_DEPTH,
};
use crate::CONTRACT_VERSION;

/// Each post's terms as numbers: `items[start[p]..start[p + 1]]` are post `p`'s.
#[derive(Clone, Debug, Default)]
struct Terms {
    slugs: Vec<String>,
    by_slug: HashMap<String, u32>,
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Terms {
    /// From per-term lists of post numbers (delta-encoded) over `posts` posts.
    fn from_postings(postings: &[Posting], posts: usize, file: &str) -> Result<Self, String> {
        let mut per_post: Vec<u32> = vec![0; posts + 1];
        let mut decoded: Vec<Vec<u32>> = Vec::with_capacity(postings.len());
        for posting in postings {
            let ids: Vec<u32> = delta_decode(&posting.posts).collect();
            for &id in &ids {
                let Some(n) = per_post.get_mut(id as usize + 1).filter(|_| (id as usize) < posts) else {
                    return Err(format!(
                        "{file}: “{}” lists post number {id}, but there are {posts} posts",
                        posting.term
                    ));
                };
                *n += 1;
            }
            decoded.push(ids);
        }
        for i in 1..per_post.len() {
            let before = per_post.get(i - 1).copied().unwrap_or(0);
            if let Some(n) = per_post.get_mut(i) {
                *n += before;
            }
        }
        let mut fill = per_post.clone();
        let mut items = vec![0u32; per_post.last().copied().unwrap_or(0) as usize];
        for (term, ids) in decoded.iter().enumerate() {
            for &id in ids {
                if let Some(at) = fill.get_mut(id as usize) {
                    if let Some(slot) = items.get_mut(*at as usize) {
                        *slot = term as u32;
                    }
                    *at += 1;
                }
            }
        }
        let slugs: Vec<String> = postings.iter().map(|p| p.term.clone()).collect();
        let by_slug = slugs.iter().enumerate().map(|(i, s)| (s.clone(), i as u32)).collect();
        Ok(Terms { slugs, by_slug, start: per_post, items })
    }

    fn of(&self, post: usize) -> &[u32] {
        let from = self.start.get(post).copied().unwrap_or(0) as usize;
        let to = self.start.get(post + 1).copied().unwrap_or(0) as usize;
        self.items.get(from..to).unwrap_or(&[])
    }

    fn to_postings(&self) -> Vec<Posting> {
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); self.slugs.len()];
        for post in 0..self.start.len().saturating_sub(1) {
            for &t in self.of(post) {
                if let Some(list) = lists.get_mut(t as usize) {
                    list.push(post as u32);
                }
            }
        }
        self.slugs.iter().zip(lists).map(|(s, ids)| Posting { term: s.clone(), posts: delta_encode(&ids) }).collect()
    }

    /// `None`: no filter; `Some(None)`: a value no post has.
    fn wanted(&self, slug: &Option<String>) -> Option<Option<u32>> {
        slug.as_ref().map(|s| self.by_slug.get(s).copied())
    }
}

/// The archive as the explorer filters it.
#[derive(Clone, Debug)]
pub struct Explorer {
    months: Vec<MonthCount>,
    month_of: Vec<u32>,
    categories: Terms,
    tags: Terms,
    authors: Terms,
}

/// What one view of the archive shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matches {
    /// Matching post numbers in the query's order.
    pub posts: Vec<u32>,
    /// Posts per month under every filter but the date, newest first (months with no
    /// match keep a zero).
    pub months: Vec<MonthCount>,
    /// What choosing each value would give with the other filters, by slug.
    pub categories: HashMap<String, u32>,
    pub tags: HashMap<String, u32>,
    pub authors: HashMap<String, u32>,
    /// Whether the query has words: then a page holds fewer posts, each shown with an
    /// excerpt from its text file (and in order of relevance unless another is chosen).
    pub excerpts: bool,
    /// In order of relevance with two or more words: the scores of the first posts (up to
    /// [`PROXIMITY_DEPTH`]), which are ordered again, by how closely each holds the words
    /// together, once their texts are here ([`Matches::reordered`]).
    pub scores: Vec<f32>,
}

impl Matches {
    /// One page of post numbers and the number of pages.
    pub fn page(&self, n: u32) -> (&[u32], u32) {
        page(&self.posts, n, if self.excerpts { RANKED_PAGE_SIZE } else { PAGE_SIZE })
    }

    /// The posts whose texts the order of the first results waits for.
    pub fn to_reorder(&self) -> &[u32] {
        self.posts.get(..self.scores.len()).unwrap_or(&[])
    }

    /// The same posts with the first ordered again by how closely each holds the query's
    /// words: `closeness` gives a post's [`crate::search::proximity`].
    pub fn reordered(&self, closeness: impl Fn(u32) -> f32) -> Matches {
        let mut out = self.clone();
        if let Some(head) = out.posts.get_mut(..self.scores.len()) {
            rerank(head, &self.scores, closeness);
        }
        out.scores = Vec::new();
        out
    }

    /// What choosing `slug` for `filter` would give with the other filters.
    pub fn count(&self, filter: Filter, slug: &str) -> u32 {
        let map = match filter {
            Filter::Category => &self.categories,
            Filter::Tag => &self.tags,
            Filter::Author => &self.authors,
        };
        map.get(slug).copied().unwrap_or(0)
    }
}

impl Explorer {
    /// From the posts in any order (the builder, and tests).
    pub fn from_posts(posts: &[Summary]) -> Self {
        let sorted = newest_first(posts);
        let file = CatalogueFile {
            contract: CONTRACT_VERSION,
            months: count_by_month(posts),
            categories: postings(&sorted, |p| vec![&p.category]),
            tags: postings(&sorted, |p| p.tags.iter().collect()),
            authors: postings(&sorted, |p| p.authors.iter().collect()),
        };
        // A file built from posts is consistent by construction.
        Explorer::from_file(&file).unwrap_or_else(|_| Explorer::empty())
    }

    /// From the index's months alone: enough for the date and text filters (every post
    /// is in a month), with no categories, tags or authors to filter or count.
    pub fn from_months(months: &[MonthCount]) -> Result<Self, String> {
        let file = CatalogueFile {
            contract: CONTRACT_VERSION,
            months: months.to_vec(),
            categories: Vec::new(),
            tags: Vec::new(),
            authors: Vec::new(),
        };
        Explorer::from_file(&file)
    }

    fn empty() -> Self {
        Explorer {
            months: Vec::new(),
            month_of: Vec::new(),
            categories: Terms::default(),
            tags: Terms::default(),
            authors: Terms::default(),
        }
    }

    /// From `catalogue.json`, checking that every number is in range.
    pub fn from_file(file: &CatalogueFile) -> Result<Self, String> {
        let name = "catalogue.json";
        let mut month_of = Vec::new();
        for (i, m) in file.months.iter().enumerate() {
            if month_of.len() + m.count as usize > 10_000_000 {
                return Err(format!("{name}: more posts than an archive can hold"));
            }
            month_of.extend(std::iter::repeat_n(i as u32, m.count as usize));
        }
        if file.months.windows(2).any(|w| matches!(w, [a, b] if a.month <= b.month)) {
            return Err(format!("{name}: the months are not listed newest first"));
        }
        let n = month_of.len();
        Ok(Explorer {
            months: file.months.clone(),
            month_of,
            categories: Terms::from_postings(&file.categories, n, name)?,
            tags: Terms::from_postings(&file.tags, n, name)?,
            authors: Terms::from_postings(&file.authors, n, name)?,
        })
    }

    pub fn to_file(&self) -> CatalogueFile {
        CatalogueFile {
            contract: CONTRACT_VERSION,
            months: self.months.clone(),
            categories: self.categories.to_postings(),
            tags: self.tags.to_postings(),
            authors: self.authors.to_postings(),
        }
    }

    pub fn len(&self) -> usize {
        self.month_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.month_of.is_empty()
    }

    /// Filters the whole archive and counts what each choice would give. `text` holds
    /// the posts the text query finds (`None`: no text query).
    pub fn run(&self, query: &ArchiveQuery, text: Option<&Found>) -> Matches {
        self.scan(query, text, true)
    }

    /// The matching posts alone (the outcome's counts left empty): what a keystroke needs.
    pub fn matching(&self, query: &ArchiveQuery, text: Option<&Found>) -> Matches {
        self.scan(query, text, false)
    }

    fn scan(&self, query: &ArchiveQuery, found: Option<&Found>, count: bool) -> Matches {
        let text: Option<&BitSet> = found.map(|f| &f.set);
        // Best first when there are words, newest first when not.
        let order = |mut posts: Vec<u32>| -> (Vec<u32>, bool) {
            match (query.sort, found) {
                (Sort::Best, Some(found)) => posts = best_first(&posts, found),
                (Sort::Oldest, _) => posts.reverse(),
                _ => {}
            }
            (posts, found.is_some())
        };
        // Words alone, nothing to count: the posts are the words' posts (the common
        // keystroke, so it skips the per-post checks).
        let words_only =
            query.year.is_none() && query.category.is_none() && query.tag.is_none() && query.author.is_none();
        if let (false, true, Some(text)) = (count, words_only, text) {
            let posts: Vec<u32> = text.iter().take_while(|&id| id < self.len()).map(|id| id as u32).collect();
            let (posts, excerpts) = order(posts);
            return Matches { posts, excerpts, ..Default::default() };
        }
        let month_ok: Vec<bool> = self
            .months
            .iter()
            .map(|m| query.year.is_none_or(|y| m.month.year == y) && query.month.is_none_or(|mm| m.month.month == mm))
            .collect();
        let category = self.categories.wanted(&query.category);
        let tag = self.tags.wanted(&query.tag);
        let author = self.authors.wanted(&query.author);
        let has = |wanted: Option<Option<u32>>, terms: &[u32]| match wanted {
            None => true,
            Some(Some(t)) => terms.contains(&t),
            Some(None) => false,
        };
        let mut posts = Vec::new();
        let mut months = vec![0u32; self.months.len()];
        let mut counts = [
            vec![0u32; self.categories.slugs.len()],
            vec![0u32; self.tags.slugs.len()],
            vec![0u32; self.authors.slugs.len()],
        ];
        let kinds = [&self.categories, &self.tags, &self.authors];
        // With a text query, only the posts it found are visited.
        let visit: Box<dyn Iterator<Item = usize>> = match text {
            Some(t) => Box::new(t.iter().take_while(|&id| id < self.month_of.len())),
            None => Box::new(0..self.month_of.len()),
        };
        for id in visit {
            let Some(&m) = self.month_of.get(id) else { continue };
            let ok_month = month_ok.get(m as usize).copied().unwrap_or(false);
            let oks =
                [has(category, self.categories.of(id)), has(tag, self.tags.of(id)), has(author, self.authors.of(id))];
            let failing = oks.iter().filter(|ok| !**ok).count() + usize::from(!ok_month);
            // A post counts for a choice when it fails no filter but that choice's own.
            if failing == 0 {
                posts.push(id as u32);
            }
            if !count {
                continue;
            }
            if failing == 0 || (failing == 1 && !ok_month) {
                if let Some(c) = months.get_mut(m as usize) {
                    *c += 1;
                }
            }
            for (k, terms) in kinds.iter().enumerate() {
                let ok = oks.get(k).copied().unwrap_or(false);
                if failing == 0 || (failing == 1 && !ok) {
                    for &t in terms.of(id) {
                        if let Some(c) = counts.get_mut(k).and_then(|c| c.get_mut(t as usize)) {
                            *c += 1;
                        }
                    }
                }
            }
        }
        let (posts, excerpts) = order(posts);
        if !count {
            return Matches { posts, excerpts, ..Default::default() };
        }
        let [c, t, a] = counts;
        let named = |terms: &Terms, counts: Vec<u32>| terms.slugs.iter().cloned().zip(counts).collect();
        Matches {
            posts,
            months: self.months.iter().zip(months).map(|(m, count)| MonthCount { month: m.month, count }).collect(),
            categories: named(&self.categories, c),
            tags: named(&self.tags, t),
            authors: named(&self.authors, a),
            excerpts,
            scores: Vec::new(),
        }
    }
}

/// `posts` (ascending, each found by `found`) by score, best first, ties by number.
/// Scores are read in one walk beside the posts (both are by number) and each post
/// sorts as one integer, its score's bits above its number: a word being typed can
/// find most of 100,000 posts at every key.
fn best_first(posts: &[u32], found: &Found) -> Vec<u32> {
    let mut scores = found.scores.iter().peekable();
    let mut keys: Vec<u64> = posts
        .iter()
        .map(|&id| {
            while scores.next_if(|s| s.0 < id).is_some() {}
            let score = scores.peek().filter(|s| s.0 == id).map_or(0.0, |s| s.1);
            // A positive float's bits rise with it; nothing found (or not a number) is 0.
            let bits = if score > 0.0 { score.to_bits() } else { 0 };
            (u64::from(!bits) << 32) | u64::from(id)
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|k| k as u32).collect()
}

/// The unfiltered archive needs no catalogue: every post, in order, from the index alone.
pub fn unfiltered(total: u32, months: &[MonthCount], sort: Sort) -> Matches {
    let mut posts: Vec<u32> = (0..total).collect();
    if sort == Sort::Oldest {
        posts.reverse();
    }
    Matches { posts, months: months.to_vec(), ..Default::default() }
}

/// One view of the archive: what it waits for, fails on, or shows. (Made once per view
/// and moved straight on, so its size does not matter.)
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Answer<E> {
    /// A file it needs is still coming.
    Waiting,
    /// A file it needs could not be fetched or read.
    Failed(E),
    /// The index names no explorer files, so the archive cannot be filtered.
    NoFiles,
    Ready(Matches),
}

/// A file of the search index, as far as it has arrived.
pub type ShardLookup<'a, E> = dyn Fn(ShardKey) -> Option<Result<ShardRef<'a>, &'a E>> + 'a;

/// The explorer's files as far as they have arrived, for [`answer`]: `None` while one
/// loads, `Some(Err(_))` when it failed. Each is asked for only when the query needs it
/// (the app's implementation reads signals, and so follows only what it asked).
pub trait Arrived<E> {
    /// Runs `f` with a look-up of the search shards by number.
    fn with_shards<R>(&self, f: impl for<'a> FnOnce(&'a ShardLookup<'a, E>) -> R) -> R;
    /// The catalogue (every post's terms).
    fn catalogue(&self) -> Option<Result<std::sync::Arc<Explorer>, E>>;
    /// An explorer made from the index's months alone: enough for dates and words.
    fn by_months(&self) -> Option<std::sync::Arc<Explorer>>;
}

/// The matching posts of `query` and, with `count`, what each choice would give: from
/// the index alone when nothing is filtered, else from the files that have arrived.
pub fn answer<E: Clone>(query: &ArchiveQuery, index: &ArchiveIndex, files: &impl Arrived<E>, count: bool) -> Answer<E> {
    if query.is_unfiltered() {
        return Answer::Ready(unfiltered(index.total, &index.months, query.sort));
    }
    let Some(explorer_files) = index.explorer.as_ref() else { return Answer::NoFiles };
    let words = TextQuery::parse(&query.q, Language::from_name(&explorer_files.language));
    let text = if words.is_empty() {
        None
    } else {
        let found = files.with_shards(|shard| {
            let ready = |k: ShardKey| shard(k).and_then(Result::ok);
            lookup(&words, &explorer_files.search, index.total as usize, ready)
                .map_err(|missing| missing.iter().find_map(|&k| shard(k).and_then(Result::err).cloned()))
        });
        match found {
            Ok(set) => Some(set),
            Err(Some(error)) => return Answer::Failed(error),
            Err(None) => return Answer::Waiting,
        }
    };
    let needs_terms = query.category.is_some() || query.tag.is_some() || query.author.is_some();
    let explorer = match files.catalogue() {
        Some(Ok(explorer)) => explorer,
        Some(Err(e)) if needs_terms => return Answer::Failed(e),
        _ if needs_terms => return Answer::Waiting,
        _ => match files.by_months() {
            Some(e) => e,
            None => return Answer::Waiting,
        },
    };
    let mut matches = if count { explorer.run(query, text.as_ref()) } else { explorer.matching(query, text.as_ref()) };
    if let (Sort::Best, Some(found), true) = (query.sort, &text, words.order.len() > 1) {
        matches.scores = matches.posts.iter().take(PROXIMITY_DEPTH).map(|&id| found.score(id)).collect();
    }
    Answer::Ready(matches)
}

/// Posts newest first, ties by slug: the numbering of every explorer file.
pub fn newest_first(posts: &[Summary]) -> Vec<&Summary> {
    let mut sorted: Vec<&Summary> = posts.iter().collect();
    sorted.sort_by(|a, b| crate::archive::newest_first_order(a, b));
    sorted
}

/// Per-term post numbers, terms in the order of the index's facets (most used first).
fn postings<'a>(sorted: &[&'a Summary], terms_of: impl Fn(&'a Summary) -> Vec<&'a crate::Term>) -> Vec<Posting> {
    let order = facet_counts(sorted.iter().copied(), &terms_of);
    let position: HashMap<&str, usize> = order.iter().enumerate().map(|(i, f)| (f.slug.as_str(), i)).collect();
    let mut lists: Vec<Vec<u32>> = vec![Vec::new(); order.len()];
    for (id, post) in sorted.iter().enumerate() {
        let mut mine: Vec<usize> =
            terms_of(post).iter().filter_map(|t| position.get(t.slug.as_str()).copied()).collect();
        mine.sort_unstable();
        mine.dedup();
        for t in mine {
            if let Some(list) = lists.get_mut(t) {
                list.push(id as u32);
            }
        }
    }
    order.into_iter().zip(lists).map(|(f, ids)| Posting { term: f.slug, posts: delta_encode(&ids) }).collect()
}

/// The list files: `size` posts each, newest first.
pub fn list_files(sorted: &[&Summary], size: usize) -> Vec<ListFile> {
    sorted
        .chunks(size.max(1))
        .enumerate()
        .map(|(i, chunk)| ListFile {
            contract: CONTRACT_VERSION,
            first: (i * size.max(1)) as u32,
            posts: chunk
                .iter()
                .map(|p| ListEntry {
                    slug: p.slug.clone(),
                    title: p.title.clone(),
                    published: p.published.clone(),
                    category: p.category.name.clone(),
                    authors: p.authors.iter().map(|a| a.name.clone()).collect(),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::tests::post;
    use crate::oracle::{filter, TextMatcher};
    use crate::query::tests::{arb_posts, arb_query};
    use crate::search::{build_index, SearchDoc, SearchIndex};
    use proptest::prelude::*;

    fn index_of(sorted: &[Summary]) -> SearchIndex {
        let docs: Vec<SearchDoc> = sorted.iter().map(SearchDoc::of_summary).collect();
        build_index(&docs, Language::English)
    }

    fn find(index: &SearchIndex, posts: usize, q: &str) -> Found {
        let query = TextQuery::parse(q, Language::English);
        lookup(&query, &index.first_words, posts, |k| match k {
            ShardKey::Words(i) => index.shards.get(i).map(ShardRef::Words),
            ShardKey::Positions(i) => index.positions.get(i).map(ShardRef::Positions),
        })
        .unwrap()
    }

    fn run_indexed(posts: &[Summary], q: &ArchiveQuery) -> Matches {
        let explorer = Explorer::from_file(&Explorer::from_posts(posts).to_file()).unwrap();
        let sorted: Vec<Summary> = newest_first(posts).into_iter().cloned().collect();
        let index = index_of(&sorted);
        let words = TextQuery::parse(&q.q, Language::English);
        let text = (!words.is_empty()).then(|| find(&index, sorted.len(), &q.q));
        if let (Sort::Best, Some(found)) = (q.sort, &text) {
            // Best first: scores never rise down the list.
            let outcome = explorer.matching(q, text.as_ref());
            assert!(outcome.excerpts);
            assert!(outcome.posts.windows(2).all(|w| found.score(w[0]) >= found.score(w[1])));
        }
        let outcome = explorer.run(q, text.as_ref());
        // The keystroke path finds the same posts without counting.
        assert_eq!(explorer.matching(q, text.as_ref()).posts, outcome.posts);
        // Post numbers back to slugs would need the list files; check they line up too.
        let lists = list_files(&newest_first(posts), 7);
        for (i, file) in lists.iter().enumerate() {
            assert_eq!(file.first as usize, i * 7);
        }
        outcome
    }

    fn slugs(posts: &[Summary], outcome: &Matches) -> Vec<String> {
        let sorted = newest_first(posts);
        outcome.posts.iter().map(|&id| sorted[id as usize].slug.clone()).collect()
    }

    #[test]
    fn a_broken_catalogue_is_refused_with_a_reason() {
        let posts = vec![post("a", "2024-01-01T00:00:00Z"), post("b", "2024-02-01T00:00:00Z")];
        let mut file = Explorer::from_posts(&posts).to_file();
        file.tags.push(Posting { term: "x".into(), posts: vec![5] });
        assert!(Explorer::from_file(&file).unwrap_err().contains("post number 5, but there are 2 posts"));
        let mut file = Explorer::from_posts(&posts).to_file();
        file.months.reverse();
        assert!(Explorer::from_file(&file).unwrap_err().contains("newest first"));
        let mut file = Explorer::from_posts(&posts).to_file();
        file.months[0].count = u32::MAX;
        assert!(Explorer::from_file(&file).is_err());
    }

    proptest! {
        #[test]
        fn the_explorer_agrees_with_the_definition(posts in arb_posts(), q in arb_query()) {
            let outcome = run_indexed(&posts, &q);
            let mut expected: Vec<String> = filter(&posts, &q).iter().map(|p| p.slug.clone()).collect();
            let mut got = slugs(&posts, &outcome);
            if outcome.excerpts && q.sort == Sort::Best {
                // In order of relevance (checked in run_indexed): the same posts.
                expected.sort();
                got.sort();
            }
            prop_assert_eq!(got, expected);

            // Month counts: every filter but the date.
            let undated = ArchiveQuery { year: None, month: None, ..q.clone() };
            let text = TextMatcher::new(&q.q);
            for m in &outcome.months {
                let n = posts.iter().filter(|p| p.published.year_month() == m.month && undated.matches(p, &text)).count();
                prop_assert_eq!(m.count as usize, n);
            }
            // Facet counts: what choosing each would give.
            for (slug, &count) in &outcome.tags {
                let chosen = ArchiveQuery { tag: Some(slug.clone()), ..q.clone() };
                prop_assert_eq!(count as usize, filter(&posts, &chosen).len());
            }
            for (slug, &count) in &outcome.categories {
                let chosen = ArchiveQuery { category: Some(slug.clone()), ..q.clone() };
                prop_assert_eq!(count as usize, filter(&posts, &chosen).len());
            }
            for (slug, &count) in &outcome.authors {
                let chosen = ArchiveQuery { author: Some(slug.clone()), ..q.clone() };
                prop_assert_eq!(count as usize, filter(&posts, &chosen).len());
            }
        }
    }

    #[test]
    fn the_months_alone_answer_date_and_text_queries() {
        let posts: Vec<Summary> = (0..30)
            .map(|i| {
                let mut p = post(&format!("p{i}"), &format!("2024-0{}-0{}T00:00:00Z", 1 + i % 3, 1 + i % 9));
                p.title = if i % 2 == 0 { "Open models".into() } else { "Closed".into() };
                p
            })
            .collect();
        let months = Explorer::from_months(&count_by_month(&posts)).unwrap();
        let full = Explorer::from_posts(&posts);
        let sorted: Vec<Summary> = newest_first(&posts).into_iter().cloned().collect();
        let index = index_of(&sorted);
        let text = find(&index, 30, "open");
        let q = ArchiveQuery::parse("year=2024&month=2&q=open");
        let (a, b) = (months.run(&q, Some(&text)), full.run(&q, Some(&text)));
        assert_eq!((a.posts, a.months), (b.posts, b.months));
    }

    #[test]
    fn the_unfiltered_archive_is_every_post() {
        let months = [MonthCount { month: crate::YearMonth::new(2024, 1).unwrap(), count: 3 }];
        assert_eq!(unfiltered(3, &months, Sort::Oldest).posts, [2, 1, 0]);
    }

    /// The files of a build of `posts`, arriving as the test says.
    struct Arrival {
        shards: Vec<Option<Result<crate::SearchShard, String>>>,
        catalogue: Option<Result<std::sync::Arc<Explorer>, String>>,
        by_months: Option<std::sync::Arc<Explorer>>,
    }

    impl Arrived<String> for Arrival {
        fn with_shards<R>(&self, f: impl for<'a> FnOnce(&'a ShardLookup<'a, String>) -> R) -> R {
            f(&|k| match k {
                ShardKey::Words(i) => self.shards.get(i)?.as_ref().map(|r| r.as_ref().map(ShardRef::Words)),
                ShardKey::Positions(_) => None,
            })
        }
        fn catalogue(&self) -> Option<Result<std::sync::Arc<Explorer>, String>> {
            self.catalogue.clone()
        }
        fn by_months(&self) -> Option<std::sync::Arc<Explorer>> {
            self.by_months.clone()
        }
    }

    /// The archive index of `posts`, naming the explorer files of `search`.
    fn index_naming(posts: &[Summary], search: &SearchIndex) -> ArchiveIndex {
        ArchiveIndex {
            contract: CONTRACT_VERSION,
            total: posts.len() as u32,
            months: crate::archive::count_by_month(posts),
            categories: vec![],
            tags: vec![],
            authors: vec![],
            explorer: Some(crate::ExplorerFiles {
                dir: "archive/x1".into(),
                list_size: 50,
                search: search.first_words.clone(),
                language: "english".into(),
                search_dir: String::new(),
                text_dir: String::new(),
            }),
        }
    }

    #[test]
    fn the_first_results_of_two_ranked_words_wait_for_their_texts_to_be_ordered_again() {
        let mut posts = vec![post("apart", "2026-02-05T09:00:00Z"), post("together", "2026-01-05T09:00:00Z")];
        posts[0].title = "Battery news and life".into();
        posts[1].title = "Battery life news and".into();
        let sorted: Vec<Summary> = newest_first(&posts).into_iter().cloned().collect();
        let search = index_of(&sorted);
        let months = crate::archive::count_by_month(&posts);
        let index = index_naming(&posts, &search);
        let files = Arrival {
            shards: search.shards.iter().cloned().map(|s| Some(Ok(s))).collect(),
            catalogue: None,
            by_months: Some(std::sync::Arc::new(Explorer::from_months(&months).unwrap())),
        };
        let ready = |q: &str| match answer(&ArchiveQuery::parse(q), &index, &files, false) {
            Answer::Ready(m) => m,
            other => panic!("{other:?}"),
        };
        let two = ready("q=battery+life");
        // Same words, the newer first; both wait for their texts.
        assert_eq!(slugs(&posts, &two), ["apart", "together"]);
        assert_eq!(two.to_reorder(), [0, 1]);
        let again = two.reordered(|id| if id == 1 { 1.0 } else { 0.0 });
        assert_eq!(slugs(&posts, &again), ["together", "apart"]);
        assert!(again.to_reorder().is_empty());
        // One word, or another order than relevance: nothing to wait for.
        assert!(ready("q=battery").to_reorder().is_empty());
        assert!(ready("q=battery+life&sort=newest").to_reorder().is_empty());
    }

    #[test]
    fn an_answer_waits_for_what_the_query_needs_and_names_what_failed() {
        let mut posts = vec![post("alpha-launch", "2026-01-05T09:00:00Z"), post("beta-review", "2026-02-05T09:00:00Z")];
        posts[1].category = crate::Term { slug: "reviews".into(), name: "Reviews".into() };
        let sorted: Vec<Summary> = newest_first(&posts).into_iter().cloned().collect();
        let search = index_of(&sorted);
        let explorer = std::sync::Arc::new(Explorer::from_posts(&posts));
        let months = crate::archive::count_by_month(&posts);
        let index = index_naming(&posts, &search);
        let nothing = Arrival { shards: vec![None; search.shards.len()], catalogue: None, by_months: None };
        let q = |s: &str| ArchiveQuery::parse(s);
        // Unfiltered: the index alone.
        assert_eq!(answer(&q(""), &index, &nothing, true), Answer::Ready(unfiltered(2, &months, Sort::Newest)));
        // Words wait for their shard; a failed shard is named.
        assert_eq!(answer(&q("q=beta"), &index, &nothing, false), Answer::Waiting);
        let failed = Arrival { shards: vec![Some(Err("gone".into())); search.shards.len()], ..nothing };
        assert_eq!(answer(&q("q=beta"), &index, &failed, false), Answer::Failed("gone".to_owned()));
        // Words and dates need only the months; a category needs the catalogue.
        let months_only = Arrival {
            shards: search.shards.iter().cloned().map(|s| Some(Ok(s))).collect(),
            catalogue: None,
            by_months: Some(std::sync::Arc::new(Explorer::from_months(&months).unwrap())),
        };
        let Answer::Ready(found) = answer(&q("q=beta"), &index, &months_only, false) else { panic!() };
        assert_eq!(slugs(&posts, &found), ["beta-review"]);
        assert_eq!(answer(&q("category=reviews"), &index, &months_only, true), Answer::Waiting);
        let refused = Arrival { catalogue: Some(Err("bad".into())), ..months_only };
        assert_eq!(answer(&q("category=reviews"), &index, &refused, true), Answer::Failed("bad".to_owned()));
        let all = Arrival { catalogue: Some(Ok(explorer)), ..refused };
        let Answer::Ready(found) = answer(&q("category=reviews"), &index, &all, true) else { panic!() };
        assert_eq!(slugs(&posts, &found), ["beta-review"]);
        assert_eq!(found.count(Filter::Category, "reviews"), 1);
        // An index without explorer files cannot be filtered.
        let bare = ArchiveIndex { explorer: None, ..index };
        assert_eq!(answer(&q("year=2026"), &bare, &all, true), Answer::NoFiles);
    }
}
