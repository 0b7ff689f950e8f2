//! The archive's filters as a typed query that lives in the URL
//! (`/archive?year=2025&category=reviews&q=oled&page=2`), and the pure filtering and
//! counting behind them. Malformed values are ignored or clamped; nothing here panics.

use std::fmt;

use crate::contract::{ArchiveIndex, Facet};
use crate::text::group_digits;
use crate::time::YearMonth;
use crate::url::{percent_decode, percent_encode};

/// Results per page.
pub const PAGE_SIZE: usize = 50;
/// Results per page in order of relevance, each with its excerpt.
pub const RANKED_PAGE_SIZE: usize = 10;
/// The longest text query kept; the rest of a longer one is dropped.
pub const MAX_QUERY_CHARS: usize = 200;
/// Pages beyond this are clamped (100,000 posts at 50 a page need 2,000).
pub const MAX_PAGE: u32 = 100_000;

/// The order of the results. `Best` is the default: the most relevant first when the
/// query has words, the newest first when it has none (then `Newest` is the same and is
/// read as `Best`, so each view has one address).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Best,
    Newest,
    Oldest,
}

impl Sort {
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Best => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }

    pub fn from_param(value: &str) -> Self {
        match value {
            "oldest" => Sort::Oldest,
            "newest" => Sort::Newest,
            _ => Sort::Best,
        }
    }
}

/// Every filter of the archive. `Default` is the unfiltered archive, newest first, page 1.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArchiveQuery {
    pub year: Option<i32>,
    /// Only meaningful with a year.
    pub month: Option<u8>,
    pub category: Option<String>,
    pub tag: Option<String>,
    pub author: Option<String>,
    /// Free text, matched against title, standfirst, tags and author names.
    pub q: String,
    pub sort: Sort,
    /// 1-based.
    pub page: u32,
}

impl ArchiveQuery {
    /// Reads a query string (with or without the leading `?`). Unknown parameters and
    /// malformed values are ignored; out-of-range ones are clamped; the last of repeated
    /// parameters wins.
    pub fn parse(query: &str) -> Self {
        let mut out = ArchiveQuery { page: 1, ..Default::default() };
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            let value = value.trim();
            match percent_decode(key).as_str() {
                "year" => out.year = value.parse::<i32>().ok().filter(|y| (1..=9999).contains(y)),
                "month" => out.month = value.parse::<u8>().ok().filter(|m| (1..=12).contains(m)),
                "category" => out.category = term(value),
                "tag" => out.tag = term(value),
                "author" => out.author = term(value),
                "q" => out.q = value.chars().take(MAX_QUERY_CHARS).collect::<String>().trim().to_owned(),
                "sort" => out.sort = Sort::from_param(value),
                "page" => {
                    out.page = match value.parse::<i64>() {
                        Ok(n) => u32::try_from(n.clamp(1, i64::from(MAX_PAGE))).unwrap_or(1),
                        Err(_) if value.chars().all(|c| c.is_ascii_digit()) && !value.is_empty() => MAX_PAGE,
                        Err(_) => 1,
                    }
                }
                _ => {}
            }
        }
        if out.year.is_none() {
            out.month = None;
        }
        out.normalized()
    }

    /// Without words, newest first is the default order: one address per view.
    pub fn normalized(mut self) -> Self {
        if self.q.is_empty() && self.sort == Sort::Newest {
            self.sort = Sort::Best;
        }
        self
    }

    /// The month filter, when both year and month are set.
    pub fn year_month(&self) -> Option<YearMonth> {
        YearMonth::new(self.year?, self.month?)
    }

    /// True when no filter narrows the archive (sort and page aside).
    pub fn is_unfiltered(&self) -> bool {
        self.year.is_none()
            && self.category.is_none()
            && self.tag.is_none()
            && self.author.is_none()
            && self.q.is_empty()
    }

    /// The address of this view of the archive.
    pub fn href(&self) -> String {
        let query = self.to_string();
        if query.is_empty() {
            "/archive".to_owned()
        } else {
            format!("/archive?{query}")
        }
    }

    /// The same filters on another page.
    pub fn with_page(&self, page: u32) -> Self {
        ArchiveQuery { page: page.clamp(1, MAX_PAGE), ..self.clone() }
    }

    /// A changed filter starts again from page 1.
    pub fn reset_page(&self) -> Self {
        self.with_page(1)
    }
}

fn term(value: &str) -> Option<String> {
    let ok = !value.is_empty() && value.len() <= 200 && crate::url::is_valid_slug(value);
    ok.then(|| value.to_owned())
}

/// Prints the canonical query string: defaults left out, fixed order, percent-encoded.
impl fmt::Display for ArchiveQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(y) = self.year {
            parts.push(format!("year={y}"));
            if let Some(m) = self.month {
                parts.push(format!("month={m:02}"));
            }
        }
        for (key, value) in [("category", &self.category), ("tag", &self.tag), ("author", &self.author)] {
            if let Some(v) = value {
                parts.push(format!("{key}={}", percent_encode(v)));
            }
        }
        if !self.q.is_empty() {
            parts.push(format!("q={}", percent_encode(&self.q)));
        }
        if self.sort == Sort::Oldest || (self.sort == Sort::Newest && !self.q.is_empty()) {
            parts.push(format!("sort={}", self.sort.as_str()));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        f.write_str(&parts.join("&"))
    }
}

/// One page of results, `size` a page, and the number of pages (at least 1). A page
/// past the end is the last.
pub fn page<T>(results: &[T], page: u32, size: usize) -> (&[T], u32) {
    let size = size.max(1);
    let pages = u32::try_from(results.len().div_ceil(size).max(1)).unwrap_or(u32::MAX);
    let current = page.clamp(1, pages);
    let start = (current as usize - 1) * size;
    let end = (start + size).min(results.len());
    (results.get(start..end).unwrap_or(&[]), pages)
}

/// A filter by one of a post's terms: its category, a tag, an author. Counts per choice
/// are kept for these (a choice shows what it would give with the other filters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    Category,
    Tag,
    Author,
}

impl Filter {
    /// The term filters, in the order the archive's form shows them.
    pub const ALL: [Filter; 3] = [Filter::Category, Filter::Tag, Filter::Author];

    /// The filter's name in the form and on its chip.
    pub fn label(self) -> &'static str {
        match self {
            Filter::Category => "Category",
            Filter::Tag => "Tag",
            Filter::Author => "Author",
        }
    }

    /// The slug this filter is set to in `query`.
    pub fn chosen(self, query: &ArchiveQuery) -> Option<&str> {
        self.slot(query).as_deref()
    }

    /// Sets (or, with `None`, clears) this filter in `query`.
    pub fn set(self, query: &mut ArchiveQuery, slug: Option<String>) {
        *self.slot_mut(query) = slug;
    }

    /// Every value the publication has for this filter, with its overall count.
    pub fn values(self, index: &ArchiveIndex) -> &[Facet] {
        match self {
            Filter::Category => &index.categories,
            Filter::Tag => &index.tags,
            Filter::Author => &index.authors,
        }
    }

    fn slot(self, query: &ArchiveQuery) -> &Option<String> {
        match self {
            Filter::Category => &query.category,
            Filter::Tag => &query.tag,
            Filter::Author => &query.author,
        }
    }

    fn slot_mut(self, query: &mut ArchiveQuery) -> &mut Option<String> {
        match self {
            Filter::Category => &mut query.category,
            Filter::Tag => &mut query.tag,
            Filter::Author => &mut query.author,
        }
    }
}

/// "1 story", "1,234 stories".
pub fn stories(n: usize) -> String {
    match n {
        1 => "1 story".to_owned(),
        n => format!("{} stories", group_digits(n as u64)),
    }
}

/// "Reviews (1,234)", or just the name while the counts are unknown.
pub fn counted(name: &str, count: Option<u32>) -> String {
    match count {
        Some(n) => format!("{name} ({})", group_digits(u64::from(n))),
        None => name.to_owned(),
    }
}

/// The sentence above the results: how many stories match, and which page this is
/// (`page` past the end counts as the last).
pub fn summary(total: usize, page: u32, pages: u32) -> String {
    let page = page.min(pages);
    match (total, pages) {
        (0, _) => "No stories match these filters.".to_owned(),
        (n, 1) => stories(n),
        (n, p) => format!("{} · page {page} of {p}", stories(n)),
    }
}

impl ArchiveQuery {
    /// Each active filter as a chip: its label ("Category: Reviews", with the name the
    /// index gives the slug) and the query without it. `month_name` names a month in the
    /// reader's language.
    pub fn chips(&self, index: &ArchiveIndex, month_name: impl Fn(YearMonth) -> String) -> Vec<(String, ArchiveQuery)> {
        let mut chips = Vec::new();
        if let Some(year) = self.year {
            let label = self.year_month().map_or_else(|| year.to_string(), month_name);
            chips.push((format!("Date: {label}"), ArchiveQuery { year: None, month: None, ..self.clone() }));
        }
        for filter in Filter::ALL {
            if let Some(slug) = filter.chosen(self) {
                let name = filter.values(index).iter().find(|f| f.slug == slug).map_or(slug, |f| f.name.as_str());
                let mut without = self.clone();
                filter.set(&mut without, None);
                chips.push((format!("{}: {name}", filter.label()), without));
            }
        }
        if !self.q.is_empty() {
            chips.push((format!("Words: “{}”", self.q), ArchiveQuery { q: String::new(), ..self.clone() }));
        }
        chips
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::archive::tests::post;
    use crate::contract::Summary;
    use crate::oracle::{filter, TextMatcher};
    use crate::Term;
    use proptest::prelude::*;

    fn term(s: &str) -> Term {
        Term { slug: crate::text::slugify(s), name: s.into() }
    }

    #[test]
    fn parses_what_readers_share() {
        let q = ArchiveQuery::parse("?year=2025&category=reviews&q=oled+tv&page=2&utm_source=x");
        assert_eq!(q.year, Some(2025));
        assert_eq!(q.category.as_deref(), Some("reviews"));
        assert_eq!(q.q, "oled tv");
        assert_eq!(q.page, 2);
        assert_eq!(q.href(), "/archive?year=2025&category=reviews&q=oled%20tv&page=2");
        assert_eq!(ArchiveQuery::parse("").href(), "/archive");
    }

    #[test]
    fn malformed_values_are_ignored_or_clamped() {
        let long = "x".repeat(10_000);
        let q = ArchiveQuery::parse(&format!(
            "year=abc&month=13&page=-1&q={long}&tag=<script>&author=&sort=sideways&category=%ZZ&&=&"
        ));
        assert_eq!(q.year, None);
        assert_eq!(q.month, None);
        assert_eq!(q.page, 1);
        assert_eq!(q.q.chars().count(), MAX_QUERY_CHARS);
        assert_eq!((q.tag, q.author, q.category), (None, None, None));
        assert_eq!(q.sort, Sort::Best);
        assert_eq!(ArchiveQuery::parse("sort=newest").sort, Sort::Best, "without words, newest is the default");
        assert_eq!(ArchiveQuery::parse("q=tv&sort=newest").to_string(), "q=tv&sort=newest");
        assert_eq!(ArchiveQuery::parse("q=tv&sort=relevance").to_string(), "q=tv");
        assert_eq!(ArchiveQuery::parse("page=99999999999999999999999").page, MAX_PAGE);
        // A month without a year means nothing.
        assert_eq!(ArchiveQuery::parse("month=7").month, None);
        assert_eq!(ArchiveQuery::parse("year=2024&month=7").year_month(), YearMonth::new(2024, 7));
    }

    #[test]
    fn text_matches_ignore_case_and_accents_across_fields() {
        let mut p = post("a", "2024-07-01T00:00:00Z");
        p.title = "Le café des CPU".into();
        p.standfirst = "Benchmarks galore".into();
        p.tags = vec![term("Énergie")];
        p.authors = vec![term("Zoë Brontë")];
        for q in ["CAFE", "cpu cafe", "energie", "zoe", "bronte benchmarks"] {
            assert!(TextMatcher::new(q).matches(&p), "{q}");
        }
        assert!(!TextMatcher::new("cafe tea").matches(&p));
    }

    #[test]
    fn pages_hold_at_most_fifty() {
        let items: Vec<u32> = (0..120).collect();
        assert_eq!(page(&items, 1, PAGE_SIZE).0.len(), 50);
        assert_eq!(page(&items, 3, PAGE_SIZE), (&items[100..], 3));
        assert_eq!(page(&items, 99, PAGE_SIZE).0, &items[100..]);
        assert_eq!(page::<u32>(&[], 1, PAGE_SIZE), (&[][..], 1));
        assert_eq!(page(&items, 12, RANKED_PAGE_SIZE), (&items[110..], 12));
    }

    pub(crate) fn arb_posts() -> impl Strategy<Value = Vec<Summary>> {
        prop::collection::vec((0u8..3, 1u8..=4, 0u8..4, 0u8..4, 0u8..3, 0usize..4), 0..60).prop_map(|raw| {
            raw.into_iter()
                .enumerate()
                .map(|(i, (y, m, c, t, a, w))| {
                    let mut p = post(&format!("p{i}"), &format!("202{y}-0{m}-1{}T10:00:00Z", i % 10));
                    p.category = term(["News", "Reviews", "Opinion", "Deals"][c as usize]);
                    p.tags = vec![term(["AI", "Chips", "Space", "Audio"][t as usize])];
                    p.authors = vec![term(["Ada", "Grace", "Alan"][a as usize])];
                    p.title = ["Open models", "Café chips", "Rockets rise", "Quiet buds"][w].into();
                    p
                })
                .collect()
        })
    }

    pub(crate) fn arb_query() -> impl Strategy<Value = ArchiveQuery> {
        (
            prop::option::of(2020i32..2023),
            prop::option::of(1u8..=4),
            prop::option::of(prop::sample::select(vec!["news", "reviews", "opinion", "deals"])),
            prop::option::of(prop::sample::select(vec!["ai", "chips", "space", "audio"])),
            prop::option::of(prop::sample::select(vec!["ada", "grace", "alan"])),
            prop::sample::select(vec!["", "cafe", "open", "rockets rise", "ÉS", "a+b&c=d %"]),
            prop::sample::select(vec![Sort::Best, Sort::Newest, Sort::Oldest]),
            1u32..5,
        )
            .prop_map(|(year, month, c, t, a, q, sort, page)| {
                ArchiveQuery {
                    year,
                    month: year.and(month),
                    category: c.map(str::to_owned),
                    tag: t.map(str::to_owned),
                    author: a.map(str::to_owned),
                    q: q.to_owned(),
                    sort,
                    page,
                }
                .normalized()
            })
    }

    proptest! {
        #[test]
        fn every_result_passes_every_active_filter(posts in arb_posts(), q in arb_query()) {
            for p in filter(&posts, &q) {
                let ym = p.published.year_month();
                prop_assert!(q.year.is_none_or(|y| ym.year == y));
                prop_assert!(q.month.is_none_or(|m| ym.month == m));
                prop_assert!(q.category.as_ref().is_none_or(|c| &p.category.slug == c));
                prop_assert!(q.tag.as_ref().is_none_or(|t| p.tags.iter().any(|x| &x.slug == t)));
                prop_assert!(q.author.as_ref().is_none_or(|a| p.authors.iter().any(|x| &x.slug == a)));
                let words = crate::search::words(&crate::search::SearchDoc::of_summary(p).parts.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" "));
                for w in crate::search::TextQuery::parse(&q.q, crate::search::Language::English).words {
                    prop_assert!(words.iter().any(|o| w.finds(o).is_some() || w.finds(&crate::search::Language::English.stem(o)).is_some()));
                }
            }
        }

        #[test]
        fn adding_a_filter_never_adds_results(posts in arb_posts(), q in arb_query(), extra in arb_query()) {
            let narrower = ArchiveQuery {
                year: q.year.or(extra.year),
                month: if q.year.or(extra.year).is_some() { q.month.or(extra.month) } else { None },
                category: q.category.clone().or(extra.category.clone()),
                tag: q.tag.clone().or(extra.tag.clone()),
                author: q.author.clone().or(extra.author.clone()),
                q: if q.q.is_empty() { extra.q.clone() } else { format!("{} {}", q.q, extra.q) },
                ..q.clone()
            };
            let wide: Vec<&str> = filter(&posts, &q).iter().map(|p| p.slug.as_str()).collect();
            for p in filter(&posts, &narrower) {
                prop_assert!(wide.contains(&p.slug.as_str()));
            }
        }

        #[test]
        fn printing_and_parsing_round_trip(q in arb_query()) {
            prop_assert_eq!(ArchiveQuery::parse(&q.to_string()), q.clone());
            let href = q.href();
            prop_assert_eq!(ArchiveQuery::parse(href.split_once('?').map_or("", |(_, s)| s)), q);
        }

        #[test]
        fn parsing_never_panics(s in ".{0,300}") {
            let q = ArchiveQuery::parse(&s);
            prop_assert!(q.page >= 1 && q.page <= MAX_PAGE);
            prop_assert!(q.q.chars().count() <= MAX_QUERY_CHARS);
        }
    }

    #[test]
    fn filters_chips_and_the_summary_sentence() {
        let facet = |slug: &str, name: &str| Facet { slug: slug.into(), name: name.into(), count: 3 };
        let index = ArchiveIndex {
            contract: crate::CONTRACT_VERSION,
            total: 9,
            months: vec![],
            categories: vec![facet("reviews", "Reviews")],
            tags: vec![facet("oled", "OLED")],
            authors: vec![facet("ada", "Ada Lovelace")],
            explorer: None,
        };
        let mut q = ArchiveQuery::parse("year=2026&month=3&category=reviews&tag=oled&author=ghost&q=tv&page=2");
        assert_eq!(
            Filter::ALL.map(|f| f.chosen(&q).map(str::to_owned)),
            [Some("reviews".into()), Some("oled".into()), Some("ghost".into())]
        );
        assert_eq!(Filter::Tag.values(&index), &index.tags[..]);
        let chips = q.chips(&index, |m| format!("month {}", m.month));
        let labels: Vec<&str> = chips.iter().map(|(l, _)| l.as_str()).collect();
        // A slug the index does not know is shown as it is.
        assert_eq!(labels, ["Date: month 3", "Category: Reviews", "Tag: OLED", "Author: ghost", "Words: “tv”"]);
        assert_eq!(chips[0].1.to_string(), "category=reviews&tag=oled&author=ghost&q=tv&page=2");
        assert_eq!(chips[2].1.to_string(), "year=2026&month=03&category=reviews&author=ghost&q=tv&page=2");
        Filter::Author.set(&mut q, None);
        assert_eq!(q.author, None);
        let year_only = ArchiveQuery::parse("year=2025");
        assert_eq!(year_only.chips(&index, |_| unreachable!())[0].0, "Date: 2025");
        assert_eq!(summary(0, 1, 1), "No stories match these filters.");
        assert_eq!(summary(1, 1, 1), "1 story");
        assert_eq!(summary(1234, 9, 25), "1,234 stories · page 9 of 25");
        assert_eq!(summary(120, 7, 3), "120 stories · page 3 of 3");
        assert_eq!(counted("Reviews", Some(1234)), "Reviews (1,234)");
        assert_eq!(counted("Reviews", None), "Reviews");
    }
}
