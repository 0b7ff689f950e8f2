//! Ranked look-up of a query in the shards a browser has fetched: which shards it needs,
//! and each post's score.

use std::collections::HashMap;
use std::ops::Range;

use super::index::{delta_decode, MIDDLE_WEIGHT, WEIGHT_LEVELS};
use super::query::{QueryWord, TextQuery};
use crate::bitset::BitSet;
use crate::contract::{PositionShard, SearchShard};

/// How much more the newest post counts than the oldest with the same words.
pub const RECENCY_BOOST: f32 = 0.1;

/// The shards that can hold the words a query word finds, given each shard's first word.
pub fn shards_for(first_words: &[String], word: &QueryWord) -> Vec<usize> {
    let mut out: Vec<usize> = range_for(first_words, &word.stem, false).collect();
    out.extend(range_for(first_words, &word.typed, word.prefix));
    out.sort_unstable();
    out.dedup();
    out
}

fn range_for(first_words: &[String], word: &str, prefix: bool) -> Range<usize> {
    if first_words.is_empty() {
        return 0..0;
    }
    let start = first_words.partition_point(|w| w.as_str() <= word).saturating_sub(1);
    let mut end = start + 1;
    if prefix {
        while first_words.get(end).is_some_and(|w| w.starts_with(word)) {
            end += 1;
        }
    }
    start..end
}

/// A file of the index, by kind and number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ShardKey {
    Words(usize),
    Positions(usize),
}

/// Every file the query needs, in order, without repeats: the words' shards, and for a
/// phrase the positions of its words.
pub fn shards_needed(first_words: &[String], query: &TextQuery) -> Vec<ShardKey> {
    let mut out: Vec<ShardKey> = Vec::new();
    for (i, word) in query.words.iter().enumerate() {
        let shards = shards_for(first_words, word);
        out.extend(shards.iter().map(|&s| ShardKey::Words(s)));
        if query.phrases.iter().any(|p| p.contains(&i)) {
            out.extend(shards.iter().map(|&s| ShardKey::Positions(s)));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A fetched file of the index.
#[derive(Clone, Copy, Debug)]
pub enum ShardRef<'a> {
    Words(&'a SearchShard),
    Positions(&'a PositionShard),
}

/// The posts a query finds, with their scores.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub set: BitSet,
    /// (post, score), by post number.
    pub scores: Vec<(u32, f32)>,
}

impl Found {
    pub fn score(&self, post: u32) -> f32 {
        match self.scores.binary_search_by_key(&post, |s| s.0) {
            Ok(i) => self.scores.get(i).map_or(0.0, |s| s.1),
            Err(_) => 0.0,
        }
    }
}

/// The posts (of `posts` in all) that the query finds, scored, from the files `file`
/// returns. `Err` lists the files still missing.
pub fn lookup<'a>(
    query: &TextQuery,
    first_words: &[String],
    posts: usize,
    file: impl Fn(ShardKey) -> Option<ShardRef<'a>>,
) -> Result<Found, Vec<ShardKey>> {
    let needed = shards_needed(first_words, query);
    let missing: Vec<ShardKey> = needed.iter().copied().filter(|&k| file(k).is_none()).collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let n = posts as f32;
    // Per query word: the posts that have it, each one's best score, and (for a word of a
    // phrase) where its positions are. Dense, by post number: a word the reader is typing
    // can find tens of thousands of posts at every key.
    let mut per_word: Vec<WordHits> = Vec::new();
    for (i, word) in query.words.iter().enumerate() {
        let placed = query.phrases.iter().any(|p| p.contains(&i));
        let mut hits = WordHits { found: BitSet::new(posts), score: vec![0.0; posts], places: HashMap::new() };
        for shard_no in shards_for(first_words, word) {
            let Some(ShardRef::Words(shard)) = file(ShardKey::Words(shard_no)) else { continue };
            for (w, posting) in shard.words.iter().enumerate() {
                let Some(how) = word.finds(&posting.term) else { continue };
                let df = posting.posts.len() as f32;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for (r, id) in delta_decode(&posting.posts).enumerate() {
                    let Some(best) = hits.score.get_mut(id as usize) else { break };
                    let stored = posting.weights.get(r).copied().unwrap_or(MIDDLE_WEIGHT);
                    let weight = f32::from(stored.min(WEIGHT_LEVELS)) / f32::from(WEIGHT_LEVELS);
                    *best = best.max(idf * weight * how);
                    hits.found.insert(id as usize);
                    if placed {
                        hits.places.entry(id).or_default().push((shard_no, w, r));
                    }
                }
            }
        }
        per_word.push(hits);
    }
    // Every word must be found.
    let mut found = per_word.first().map_or_else(|| BitSet::new(posts), |h| h.found.clone());
    for hits in per_word.iter().skip(1) {
        found.intersect(&hits.found);
    }
    let mut candidates: Vec<u32> = found.iter().filter_map(|id| u32::try_from(id).ok()).collect();
    let positions_of = |word: usize, id: u32| -> Vec<u32> {
        let mut all: Vec<u32> = Vec::new();
        if let Some(places) = per_word.get(word).and_then(|h| h.places.get(&id)) {
            for &(shard_no, w, r) in places {
                if let Some(ShardRef::Positions(p)) = file(ShardKey::Positions(shard_no)) {
                    if let Some(list) = p.words.get(w).and_then(|per_post| per_post.get(r)) {
                        all.extend(delta_decode(list));
                    }
                }
            }
        }
        all.sort_unstable();
        all
    };
    if !query.phrases.is_empty() {
        candidates.retain(|&id| {
            query.phrases.iter().all(|phrase| {
                let lists: Vec<Vec<u32>> = phrase.iter().map(|&w| positions_of(w, id)).collect();
                let Some((first, rest)) = lists.split_first() else { return true };
                first.iter().any(|&p| {
                    rest.iter().enumerate().all(|(k, list)| {
                        p.checked_add(k as u32 + 1).is_some_and(|want| list.binary_search(&want).is_ok())
                    })
                })
            })
        });
    }
    let mut set = BitSet::new(posts);
    let mut scores = Vec::with_capacity(candidates.len());
    for id in candidates {
        set.insert(id as usize);
        let words: f32 = per_word.iter().filter_map(|h| h.score.get(id as usize)).sum();
        let recency = 1.0 + RECENCY_BOOST * (1.0 - id as f32 / n.max(1.0));
        scores.push((id, words * recency));
    }
    Ok(Found { set, scores })
}

/// One query word's posts: which have it, each one's best score (by post number), and for
/// a word of a phrase, where its positions are (shard, word in the shard, post in the
/// word's list).
struct WordHits {
    found: BitSet,
    score: Vec<f32>,
    places: HashMap<u32, Vec<(usize, usize, usize)>>,
}
