//! The posts assembled from what was read and checked: newest first, each with its related
//! posts, its neighbours in its section and its series. A post whose file was not read
//! again since the last build, with the same related posts and neighbours, is taken as the
//! last build wrote it; what differs is noted for the writer (`LoadChanges`).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use masthead_model::related::related_all;
use masthead_model::{Post, Series, Summary, CONTRACT_VERSION};

use super::post::Parsed;
use crate::memo::{LoadChanges, PostsMemo};

/// How many related posts each article offers.
pub const RELATED_COUNT: usize = 3;

/// The posts of this build, newest first.
pub(crate) fn posts(
    mut parsed: Vec<&Parsed>,
    series: HashMap<String, Series>,
    dirty: &HashSet<PathBuf>,
    memo: &mut PostsMemo,
) -> Vec<Post> {
    parsed.sort_by(|a, b| masthead_model::archive::newest_first_order(&a.summary, &b.summary));
    let summaries: Vec<Summary> = parsed.iter().map(|p| p.summary.clone()).collect();
    // The choice depends on each post's slug, tags, category and authors, in order: when
    // none of those changed, it is the last one.
    let keys: Vec<u64> = summaries.iter().map(relation_key).collect();
    let related = match memo.related.take() {
        Some((known, related)) if known == keys => related,
        _ => related_all(&summaries, RELATED_COUNT),
    };
    memo.related = Some((keys, related.clone()));
    let neighbours = section_neighbours(&summaries);

    // Each post as the last build wrote it, where its file was not read again since and
    // its related posts are the same; else made anew. What differs is noted for the writer.
    memo.loads += 1;
    let mut previous = std::mem::take(&mut memo.previous);
    let mut summaries_same = previous.len() == parsed.len();
    let mut fresh = HashSet::new();
    let posts: Vec<Post> = parsed
        .into_iter()
        .zip(related)
        .zip(neighbours)
        .map(|((p, related), (older, newer))| {
            let slug = &p.summary.slug;
            let related_now = || related.iter().filter_map(|&j| summaries.get(j));
            let older = older.and_then(|j| summaries.get(j)).cloned();
            let newer = newer.and_then(|j| summaries.get(j)).cloned();
            let series = series.get(slug).cloned();
            match previous.remove(slug) {
                Some(mut post) if !dirty.contains(&p.file) => {
                    if !post.related.iter().eq(related_now())
                        || post.older != older
                        || post.newer != newer
                        || post.series != series
                    {
                        post.related = related_now().cloned().collect();
                        (post.older, post.newer, post.series) = (older, newer, series);
                        fresh.insert(slug.clone());
                    }
                    post
                }
                old => {
                    let post = Post {
                        contract: CONTRACT_VERSION,
                        summary: p.summary.clone(),
                        body: p.body.clone(),
                        related: related_now().cloned().collect(),
                        corrections: p.corrections.clone(),
                        older,
                        newer,
                        series,
                    };
                    if old.as_ref() != Some(&post) {
                        summaries_same &= old.is_some_and(|old| old.summary == post.summary);
                        fresh.insert(slug.clone());
                    }
                    post
                }
            }
        })
        .collect();
    memo.changes = Some(LoadChanges { load: memo.loads, since: memo.previous_load, fresh, summaries_same });
    // What is left of the last build's posts was removed.
    std::thread::spawn(move || drop(previous));
    posts
}

/// For each post of `newest_first` (newest first), the index of the story before it in
/// its section and of the one after it: (older, newer).
pub fn section_neighbours(newest_first: &[Summary]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out = vec![(None, None); newest_first.len()];
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, s) in newest_first.iter().enumerate() {
        if let Some(newer) = last.insert(s.category.slug.as_str(), i) {
            out[i].1 = Some(newer);
            out[newer].0 = Some(i);
        }
    }
    out
}

/// What of a post the related-posts choice reads.
fn relation_key(s: &Summary) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    s.slug.hash(&mut h);
    s.category.slug.hash(&mut h);
    for t in &s.tags {
        t.slug.hash(&mut h);
    }
    0xffu8.hash(&mut h);
    for a in &s.authors {
        a.slug.hash(&mut h);
    }
    h.finish()
}
