//! Results reranked by how close together the query's words stand in each post.

use super::excerpt::ReadyText;
use super::query::TextQuery;

/// How many of the first results of a ranked query of two or more words are ordered again
/// by how closely each post holds the words together (their texts are fetched for it).
pub const PROXIMITY_DEPTH: usize = 20;
/// What a post holding every neighbouring pair of the query's words side by side gains,
/// as a share of its score (a post holding some of the pairs, that share of it).
pub const PROXIMITY_WEIGHT: f32 = 1.0;

/// The share of the query's neighbouring pairs of words, as typed, that stand side by
/// side in that order somewhere in the post (title, standfirst, a subheading or a
/// section's text): 1 for a post that holds the query as a passage. 0 for a query of one
/// word.
pub fn proximity(ready: &ReadyText, query: &TextQuery) -> f32 {
    let mut pairs: Vec<(usize, usize)> = query
        .order
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((*a, *b)),
            _ => None,
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    if pairs.is_empty() {
        return 0.0;
    }
    let mut seen = vec![false; pairs.len()];
    let parts = [&ready.title, &ready.standfirst]
        .into_iter()
        .chain(ready.sections.iter().flat_map(|(heading, text)| [heading, text]));
    for part in parts {
        let mut before: Option<usize> = None;
        for word in part {
            let hit = word.found_by(query);
            if let (Some(a), Some(b)) = (before, hit) {
                if let Ok(k) = pairs.binary_search(&(a, b)) {
                    if let Some(s) = seen.get_mut(k) {
                        *s = true;
                    }
                }
            }
            before = hit;
        }
    }
    seen.iter().filter(|s| **s).count() as f32 / pairs.len() as f32
}

/// Orders `posts` (the first results, best first, with their `scores`) again, by
/// score × (1 + [`PROXIMITY_WEIGHT`] × the post's proximity), ties in their order.
/// `closeness` gives each post's [`proximity`] (0 when its text could not be had).
pub fn rerank(posts: &mut [u32], scores: &[f32], closeness: impl Fn(u32) -> f32) {
    let mut keyed: Vec<(f32, usize, u32)> = posts
        .iter()
        .zip(scores)
        .enumerate()
        .map(|(i, (&id, &score))| (score * (1.0 + PROXIMITY_WEIGHT * closeness(id)), i, id))
        .collect();
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (slot, (_, _, id)) in posts.iter_mut().zip(keyed) {
        *slot = id;
    }
}
