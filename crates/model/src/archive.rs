//! Grouping posts by month and choosing what the sidebar lists.

use std::collections::BTreeMap;

use crate::contract::{Facet, MonthCount, Summary, Term};
use crate::time::YearMonth;

/// Months from the newest to the oldest in `months`, newest first, with no gaps: a month
/// without posts is listed with a count of zero so the run stays continuous.
pub fn month_run(months: &[MonthCount]) -> Vec<MonthCount> {
    let counts: BTreeMap<YearMonth, u32> = months.iter().fold(BTreeMap::new(), |mut map, m| {
        *map.entry(m.month).or_insert(0) += m.count;
        map
    });
    let (Some((&oldest, _)), Some((&newest, _))) = (counts.first_key_value(), counts.last_key_value()) else {
        return Vec::new();
    };
    let mut run = Vec::new();
    let mut month = newest;
    loop {
        run.push(MonthCount { month, count: counts.get(&month).copied().unwrap_or(0) });
        if month <= oldest {
            break;
        }
        month = month.prev();
    }
    run
}

/// Counts posts per month, newest first (what `archive/index.json` lists).
pub fn count_by_month(posts: &[Summary]) -> Vec<MonthCount> {
    let mut counts: BTreeMap<YearMonth, u32> = BTreeMap::new();
    for post in posts {
        *counts.entry(post.published.year_month()).or_insert(0) += 1;
    }
    counts.into_iter().rev().map(|(month, count)| MonthCount { month, count }).collect()
}

/// Groups posts into months, newest month first, each month's posts newest first.
pub fn group_by_month(posts: &[Summary]) -> Vec<(YearMonth, Vec<Summary>)> {
    let mut months: BTreeMap<YearMonth, Vec<Summary>> = BTreeMap::new();
    for post in posts {
        months.entry(post.published.year_month()).or_default().push(post.clone());
    }
    months
        .into_iter()
        .rev()
        .map(|(month, mut posts)| {
            sort_newest_first(&mut posts);
            (month, posts)
        })
        .collect()
}

/// The one order of posts everywhere: newest first; equal times fall back to the slug so
/// the order never depends on input order.
pub fn newest_first_order(a: &Summary, b: &Summary) -> std::cmp::Ordering {
    b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug))
}

/// Sorts by [`newest_first_order`].
pub fn sort_newest_first(posts: &mut [Summary]) {
    posts.sort_by(newest_first_order);
}

/// The `n` newest posts, leaving out the one being read.
pub fn recent_posts<'a>(posts: &'a [Summary], exclude: Option<&str>, n: usize) -> Vec<&'a Summary> {
    let mut recent: Vec<&Summary> = posts.iter().filter(|p| Some(p.slug.as_str()) != exclude).collect();
    recent.sort_by(|a, b| newest_first_order(a, b));
    recent.dedup_by(|a, b| a.slug == b.slug);
    recent.truncate(n);
    recent
}

/// Facet counts for the terms `terms_of` yields per post, most used first, then by name.
pub fn facet_counts<'a>(
    posts: impl IntoIterator<Item = &'a Summary>,
    terms_of: impl Fn(&'a Summary) -> Vec<&'a Term>,
) -> Vec<Facet> {
    let mut counts: BTreeMap<&str, (&str, u32)> = BTreeMap::new();
    for post in posts {
        let mut seen: Vec<&str> = Vec::new();
        for term in terms_of(post) {
            if !seen.contains(&term.slug.as_str()) {
                seen.push(&term.slug);
                counts.entry(&term.slug).or_insert((&term.name, 0)).1 += 1;
            }
        }
    }
    let mut facets: Vec<Facet> = counts
        .into_iter()
        .map(|(slug, (name, count))| Facet { slug: slug.to_owned(), name: name.to_owned(), count })
        .collect();
    facets.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    facets
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::time::Timestamp;
    use proptest::prelude::*;

    pub fn post(slug: &str, published: &str) -> Summary {
        Summary {
            slug: slug.into(),
            title: slug.to_uppercase(),
            standfirst: String::new(),
            published: Timestamp::parse(published).unwrap(),
            updated: None,
            category: Term { slug: "news".into(), name: "News".into() },
            tags: vec![],
            authors: vec![],
            image: None,
            reading_minutes: 1,
            featured: false,
            teaser: None,
            draft: false,
        }
    }

    fn ym(y: i32, m: u8) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn the_run_of_months_has_no_gaps() {
        let months = [MonthCount { month: ym(2024, 2), count: 3 }, MonthCount { month: ym(2023, 11), count: 1 }];
        let run = month_run(&months);
        let listed: Vec<(String, u32)> = run.iter().map(|m| (m.month.to_string(), m.count)).collect();
        assert_eq!(
            listed,
            [("2024-02", 3), ("2024-01", 0), ("2023-12", 0), ("2023-11", 1)].map(|(m, c)| (m.to_string(), c))
        );
        assert!(month_run(&[]).is_empty());
    }

    #[test]
    fn the_sample_span_is_37_months() {
        let months = [MonthCount { month: ym(2023, 6), count: 1 }, MonthCount { month: ym(2026, 6), count: 1 }];
        let run = month_run(&months);
        assert_eq!(run.len(), 37);
        assert_eq!(run.first().map(|m| m.month), Some(ym(2026, 6)));
        assert_eq!(run.last().map(|m| m.month), Some(ym(2023, 6)));
    }

    #[test]
    fn recent_posts_leave_out_the_article_being_read() {
        let posts: Vec<Summary> = (1..=9).map(|d| post(&format!("p{d}"), &format!("2024-07-0{d}T10:00:00Z"))).collect();
        let recent = recent_posts(&posts, Some("p9"), 5);
        let slugs: Vec<&str> = recent.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["p8", "p7", "p6", "p5", "p4"]);
        assert_eq!(recent_posts(&posts, None, 5).len(), 5);
        assert_eq!(recent_posts(&posts[..2], Some("p1"), 5).len(), 1);
    }

    #[test]
    fn grouping_by_month_sorts_both_levels() {
        let posts = [
            post("a", "2024-06-30T23:00:00-02:00"),
            post("b", "2024-07-02T00:00:00Z"),
            post("c", "2024-07-20T00:00:00Z"),
        ];
        let groups = group_by_month(&posts);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].0, ym(2024, 7));
        assert_eq!(groups[0].1.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), ["c", "b"]);
        // The month is the one written in the timestamp, even though it is July in UTC.
        assert_eq!(groups[1].0, ym(2024, 6));
        assert_eq!(
            count_by_month(&posts),
            vec![MonthCount { month: ym(2024, 7), count: 2 }, MonthCount { month: ym(2024, 6), count: 1 },]
        );
    }

    proptest! {
        #[test]
        fn a_run_is_continuous_and_keeps_every_count(
            raw in prop::collection::vec((2000i32..2030, 1u8..=12, 0u32..50), 0..40)
        ) {
            let months: Vec<MonthCount> = raw.iter().map(|&(y, m, c)| MonthCount { month: ym(y, m), count: c }).collect();
            let run = month_run(&months);
            let total: u32 = months.iter().map(|m| m.count).sum();
            prop_assert_eq!(run.iter().map(|m| m.count).sum::<u32>(), total);
            for pair in run.windows(2) {
                prop_assert_eq!(pair[0].month.prev(), pair[1].month);
            }
            if let (Some(max), Some(min)) = (months.iter().map(|m| m.month).max(), months.iter().map(|m| m.month).min()) {
                prop_assert_eq!(run.first().map(|m| m.month), Some(max));
                prop_assert_eq!(run.last().map(|m| m.month), Some(min));
            }
        }
    }
}
