//! "You might also like…": choosing related posts when the site is built.

use std::cmp::Reverse;

use crate::contract::Summary;

/// How closely a candidate relates to a post, compared field by field: shared tags
/// first, then the same category, then shared authors, then how recent it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Relatedness {
    pub shared_tags: usize,
    pub same_category: bool,
    pub shared_authors: usize,
    pub published: i64,
}

pub fn relatedness(post: &Summary, candidate: &Summary) -> Relatedness {
    let shared = |a: &[crate::Term], b: &[crate::Term]| a.iter().filter(|t| b.iter().any(|u| u.slug == t.slug)).count();
    Relatedness {
        shared_tags: shared(&post.tags, &candidate.tags),
        same_category: post.category.slug == candidate.category.slug,
        shared_authors: shared(&post.authors, &candidate.authors),
        published: candidate.published.unix(),
    }
}

/// The `n` posts most related to `post`, most related first; never the post itself.
pub fn related<'a>(post: &Summary, candidates: &'a [Summary], n: usize) -> Vec<&'a Summary> {
    let mut scored: Vec<(Relatedness, &Summary)> =
        candidates.iter().filter(|c| c.slug != post.slug).map(|c| (relatedness(post, c), c)).collect();
    scored.sort_by_key(|&(score, c)| (Reverse(score), c.slug.as_str()));
    scored.dedup_by(|a, b| a.1.slug == b.1.slug);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// How many posts of one tag, category or author the index considers: the newest ones.
/// Below this size per list, `related_all` gives exactly what `related` gives.
pub const CANDIDATE_CAP: usize = 1000;

/// Related posts for every post at once, as indices into `posts`, without comparing every
/// pair: candidates come from the lists of the newest posts that share a tag (or, when too
/// few share one, the same category or an author, then the newest posts of all).
pub fn related_all(posts: &[Summary], n: usize) -> Vec<Vec<usize>> {
    use std::collections::HashMap;

    // Interned ids make the comparisons cheap.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut intern = |s: String| -> u32 {
        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        *ids.entry(s).or_insert(next)
    };
    struct Keys {
        slug: u32,
        tags: Vec<u32>,
        category: u32,
        authors: Vec<u32>,
    }
    let keys: Vec<Keys> = posts
        .iter()
        .map(|p| {
            let mut tags: Vec<u32> = p.tags.iter().map(|t| intern(format!("t:{}", t.slug))).collect();
            tags.sort_unstable();
            let mut authors: Vec<u32> = p.authors.iter().map(|a| intern(format!("a:{}", a.slug))).collect();
            authors.sort_unstable();
            Keys {
                slug: intern(format!("s:{}", p.slug)),
                tags,
                category: intern(format!("c:{}", p.category.slug)),
                authors,
            }
        })
        .collect();

    // Every post ordered newest first (ties by slug), and each list in that order.
    let mut order: Vec<usize> = (0..posts.len()).collect();
    order.sort_by(|&a, &b| match (posts.get(a), posts.get(b)) {
        (Some(x), Some(y)) => newer_first(x, y),
        _ => a.cmp(&b),
    });
    let mut lists: HashMap<u32, Vec<usize>> = HashMap::new();
    for &i in &order {
        let Some(k) = keys.get(i) else { continue };
        for id in dedup(&k.tags).chain(std::iter::once(k.category)).chain(dedup(&k.authors)) {
            let list = lists.entry(id).or_default();
            if list.len() < CANDIDATE_CAP {
                list.push(i);
            }
        }
    }

    // Every index below comes from `0..posts.len()`; `get` keeps that a fact the code
    // checks rather than one it assumes.
    let slug = |j: usize| posts.get(j).map(|p| p.slug.as_str());
    let score = |i: usize, j: usize| {
        let (Some(k), Some(c), Some(candidate)) = (keys.get(i), keys.get(j), posts.get(j)) else {
            return Relatedness::default();
        };
        Relatedness {
            shared_tags: k.tags.iter().filter(|t| c.tags.binary_search(t).is_ok()).count(),
            same_category: k.category == c.category,
            shared_authors: k.authors.iter().filter(|a| c.authors.binary_search(a).is_ok()).count(),
            published: candidate.published.unix(),
        }
    };
    let by_rank =
        |a: &(Relatedness, usize), b: &(Relatedness, usize)| b.0.cmp(&a.0).then_with(|| slug(a.1).cmp(&slug(b.1)));

    // Per post: count how many distinct tags each candidate shares, then fully score only
    // the candidates in the best count buckets that can reach the top `n`. Posts are
    // independent of each other, so large publications are split over the cores, each
    // worker with its own counters.
    let choose = |range: std::ops::Range<usize>| -> Vec<Vec<usize>> {
        let mut counts = vec![0u16; posts.len()];
        let mut touched: Vec<usize> = Vec::new();
        let mut result = Vec::with_capacity(range.len());
        for (i, k) in keys.iter().enumerate().skip(range.start).take(range.len()) {
            touched.clear();
            for id in dedup(&k.tags) {
                for &j in lists.get(&id).map(Vec::as_slice).unwrap_or(&[]) {
                    if let Some(count) = counts.get_mut(j) {
                        if *count == 0 {
                            touched.push(j);
                        }
                        *count = count.saturating_add(1);
                    }
                }
            }
            let eligible = |j: usize| keys.get(j).is_some_and(|c| c.slug != k.slug);
            let count_of = |j: usize| counts.get(j).copied().unwrap_or(0);
            let mut histogram = [0usize; 17];
            for &j in &touched {
                if let Some(bucket) = histogram.get_mut(usize::from(count_of(j).min(16))).filter(|_| eligible(j)) {
                    *bucket += 1;
                }
            }
            let mut threshold: u16 = 16;
            let mut enough = histogram.get(16).copied().unwrap_or(0);
            while threshold > 1 && enough < n {
                threshold -= 1;
                enough += histogram.get(usize::from(threshold)).copied().unwrap_or(0);
            }
            let mut scored: Vec<(Relatedness, usize)> = touched
                .iter()
                .filter(|&&j| eligible(j) && count_of(j) >= threshold)
                .map(|&j| (score(i, j), j))
                .collect();
            for &j in &touched {
                if let Some(count) = counts.get_mut(j) {
                    *count = 0;
                }
            }
            if scored.len() < n {
                // Too few share a tag: the same category or an author, then the newest of all.
                let mut extra: Vec<usize> = Vec::new();
                let ids = std::iter::once(k.category).chain(dedup(&k.authors));
                for id in ids {
                    extra.extend(lists.get(&id).map(Vec::as_slice).unwrap_or(&[]).iter().copied());
                }
                extra.extend(order.iter().copied().filter(|&j| eligible(j)).take(n + scored.len() + 1));
                extra.sort_unstable();
                extra.dedup();
                let have: Vec<usize> = scored.iter().map(|&(_, j)| j).collect();
                scored
                    .extend(extra.into_iter().filter(|&j| eligible(j) && !have.contains(&j)).map(|j| (score(i, j), j)));
            }
            if scored.len() > n && n > 0 {
                scored.select_nth_unstable_by(n - 1, by_rank);
                scored.truncate(n);
            }
            scored.sort_by(by_rank);
            scored.truncate(n);
            // Equal slugs count once.
            scored.dedup_by(|a, b| slug(a.1) == slug(b.1));
            result.push(scored.into_iter().map(|(_, j)| j).collect());
        }
        result
    };
    // Spread over the cores (rayon) where the builder asks for it; one thread otherwise
    // (the reader's wasm has none to spawn).
    #[cfg(feature = "parallel")]
    if posts.len() >= 1000 {
        use rayon::prelude::*;
        let chunk = posts.len().div_ceil(rayon::current_num_threads().max(1) * 4).max(1);
        let ranges: Vec<_> =
            (0..posts.len()).step_by(chunk).map(|start| start..(start + chunk).min(posts.len())).collect();
        return ranges.into_par_iter().flat_map_iter(&choose).collect();
    }
    choose(0..posts.len())
}

fn newer_first(a: &Summary, b: &Summary) -> std::cmp::Ordering {
    crate::archive::newest_first_order(a, b)
}

fn dedup(sorted: &[u32]) -> impl Iterator<Item = u32> + '_ {
    sorted.iter().enumerate().filter(move |&(i, v)| i == 0 || sorted.get(i - 1) != Some(v)).map(|(_, &v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::tests::post;
    use crate::Term;

    fn term(s: &str) -> Term {
        Term { slug: s.into(), name: s.into() }
    }

    #[test]
    fn tags_outrank_category_outrank_authors_outrank_recency() {
        let mut me = post("me", "2024-01-01T00:00:00Z");
        me.tags = vec![term("ai"), term("chips")];
        me.authors = vec![term("ada")];
        let mut by_tags = post("tags", "2020-01-01T00:00:00Z");
        by_tags.tags = vec![term("ai"), term("chips")];
        by_tags.category = term("opinion");
        let mut one_tag = post("one-tag", "2020-01-01T00:00:00Z");
        one_tag.tags = vec![term("ai")];
        one_tag.category = term("opinion");
        let same_category = post("category", "2019-01-01T00:00:00Z");
        let mut by_author = post("author", "2018-01-01T00:00:00Z");
        by_author.category = term("deals");
        by_author.authors = vec![term("ada")];
        let mut newest = post("newest", "2025-01-01T00:00:00Z");
        newest.category = term("deals");
        let all = vec![newest, by_author, same_category, one_tag, by_tags, me.clone()];
        let chosen: Vec<&str> = related(&me, &all, 10).iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(chosen, ["tags", "one-tag", "category", "author", "newest"]);
        assert_eq!(related(&me, &all, 3).len(), 3);
    }

    proptest::proptest! {
        #[test]
        fn the_index_chooses_what_the_definition_chooses(
            raw in proptest::collection::vec(
                (proptest::collection::vec(0u8..6, 0..4), 0u8..3, proptest::collection::vec(0u8..4, 1..3), 0i64..50),
                0..40,
            ),
            n in 0usize..5,
        ) {
            let posts: Vec<crate::Summary> = raw
                .iter()
                .enumerate()
                .map(|(i, (tags, cat, authors, day))| {
                    let mut p = post(&format!("p{i}"), &format!("2024-01-01T00:00:{:02}Z", day % 60));
                    p.tags = tags.iter().map(|t| term(&format!("tag{t}"))).collect();
                    p.category = term(&format!("cat{cat}"));
                    p.authors = authors.iter().map(|a| term(&format!("au{a}"))).collect();
                    p
                })
                .collect();
            let all = related_all(&posts, n);
            for (i, p) in posts.iter().enumerate() {
                let want: Vec<&str> = related(p, &posts, n).iter().map(|r| r.slug.as_str()).collect();
                let got: Vec<&str> = all[i].iter().map(|&j| posts[j].slug.as_str()).collect();
                proptest::prop_assert_eq!(got, want, "post {}", i);
            }
        }
    }

    /// 1,500 posts take the path spread over the cores (with `parallel`, as the builder
    /// builds this crate): each post's choice is still the definition's, in post order.
    #[test]
    fn many_posts_choose_what_the_definition_chooses() {
        let posts: Vec<crate::Summary> = (0..1500)
            .map(|i: usize| {
                let mut p = post(&format!("p{i}"), &format!("2024-01-{:02}T00:00:{:02}Z", 1 + i % 28, i % 60));
                p.tags = (0..i % 4).map(|t| term(&format!("tag{}", (i * 7 + t) % 11))).collect();
                p.category = term(&format!("cat{}", i % 5));
                p.authors = vec![term(&format!("au{}", i % 13))];
                p
            })
            .collect();
        let all = related_all(&posts, 3);
        assert_eq!(all.len(), posts.len());
        for (i, p) in posts.iter().enumerate().step_by(7) {
            let want: Vec<&str> = related(p, &posts, 3).iter().map(|r| r.slug.as_str()).collect();
            let got: Vec<&str> = all[i].iter().map(|&j| posts[j].slug.as_str()).collect();
            assert_eq!(got, want, "post {i}");
        }
    }

    #[test]
    fn never_the_post_itself() {
        let me = post("me", "2024-01-01T00:00:00Z");
        assert!(related(&me, &[me.clone(), me.clone()], 3).is_empty());
    }
}
