//! Text search: the words of a text, the sharded word index the builder writes, and
//! looking query words up in the shards a browser has fetched.
//!
//! A query word of one character finds that whole word ("5", "x"); a longer one finds
//! every word it begins ("ole" finds "oled"). Case and common accents are ignored.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::bitset::BitSet;
use crate::contract::{Posting, SearchShard, Summary};
use crate::text::fold;
use crate::CONTRACT_VERSION;

/// Longer words are cut to this many characters (in the index and in queries alike).
pub const MAX_WORD_CHARS: usize = 32;
/// Words of a query beyond this many are ignored.
pub const MAX_QUERY_WORDS: usize = 8;
/// A shard is closed once its JSON reaches about this size (one word's list may exceed it).
pub const SHARD_TARGET_BYTES: usize = 48_000;

/// The folded words of a text, in order: runs of letters and digits, apostrophes dropped
/// ("Don’t" gives "dont").
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = 0;
    for c in fold(text).chars() {
        if c.is_alphanumeric() {
            if chars < MAX_WORD_CHARS {
                word.push(c);
                chars += 1;
            }
        } else if c != '\'' && c != '’' && !word.is_empty() {
            out.push(std::mem::take(&mut word));
            chars = 0;
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The words of a query, at most `MAX_QUERY_WORDS`, without repeats.
pub fn query_words(q: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words(q) {
        if !out.contains(&w) && out.len() < MAX_QUERY_WORDS {
            out.push(w);
        }
    }
    out
}

/// Whether a query word finds a word of a post.
pub fn finds(query_word: &str, word: &str) -> bool {
    if query_word.chars().nth(1).is_none() {
        word == query_word
    } else {
        word.starts_with(query_word)
    }
}

/// The distinct words a search looks at in a post: title, standfirst, tag and author names.
pub fn post_words(post: &Summary) -> Vec<String> {
    let mut all = words(&post.title);
    all.extend(words(&post.standfirst));
    for term in post.tags.iter().chain(&post.authors) {
        all.extend(words(&term.name));
    }
    all.sort_unstable();
    all.dedup();
    all
}

/// The word index of an archive whose posts are numbered newest first from 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchIndex {
    /// The first word of each shard.
    pub first_words: Vec<String>,
    pub shards: Vec<SearchShard>,
}

/// Builds the index of `posts`, given newest first (their position is their number).
pub fn build_index<'a>(posts: impl IntoIterator<Item = &'a Summary>) -> SearchIndex {
    let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, post) in posts.into_iter().enumerate() {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        for word in post_words(post) {
            postings.entry(word).or_default().push(id);
        }
    }
    let mut index = SearchIndex { first_words: Vec::new(), shards: Vec::new() };
    let mut shard: Vec<Posting> = Vec::new();
    let mut bytes = 0;
    for (word, ids) in postings {
        let posts = delta_encode(&ids);
        // The JSON this word adds: its text, quotes, keys and each number with its comma.
        bytes += word.len() + 24 + posts.iter().map(|d| d.checked_ilog10().unwrap_or(0) as usize + 2).sum::<usize>();
        if shard.is_empty() {
            index.first_words.push(word.clone());
        }
        shard.push(Posting { term: word, posts });
        if bytes >= SHARD_TARGET_BYTES {
            index.shards.push(SearchShard { contract: CONTRACT_VERSION, words: std::mem::take(&mut shard) });
            bytes = 0;
        }
    }
    if !shard.is_empty() {
        index.shards.push(SearchShard { contract: CONTRACT_VERSION, words: shard });
    }
    index
}

/// The shards that can hold the words `query_word` finds, given each shard's first word.
pub fn shards_for(first_words: &[String], query_word: &str) -> Range<usize> {
    let start = first_words.partition_point(|w| w.as_str() <= query_word).saturating_sub(1);
    if first_words.is_empty() {
        return 0..0;
    }
    let mut end = start + 1;
    if query_word.chars().nth(1).is_some() {
        while first_words.get(end).is_some_and(|w| w.starts_with(query_word)) {
            end += 1;
        }
    }
    start..end
}

/// Every shard the query needs, in order, without repeats.
pub fn shards_needed(first_words: &[String], words: &[String]) -> Vec<usize> {
    let mut out: Vec<usize> = words.iter().flat_map(|w| shards_for(first_words, w)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The posts (of `posts` in all) that every query word finds, looked up in the shards
/// `shard` returns. `Err` lists the shards still missing.
pub fn lookup<'a>(
    words: &[String],
    first_words: &[String],
    posts: usize,
    shard: impl Fn(usize) -> Option<&'a SearchShard>,
) -> Result<BitSet, Vec<usize>> {
    let missing: Vec<usize> = shards_needed(first_words, words).into_iter().filter(|&i| shard(i).is_none()).collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut all: Option<BitSet> = None;
    for word in words {
        let mut found = BitSet::new(posts);
        for i in shards_for(first_words, word) {
            let Some(shard) = shard(i) else { continue };
            let from = shard.words.partition_point(|p| p.term.as_str() < word.as_str());
            for posting in shard.words.iter().skip(from).take_while(|p| finds(word, &p.term)) {
                for id in delta_decode(&posting.posts) {
                    found.insert(id as usize);
                }
            }
        }
        all = Some(match all {
            Some(mut so_far) => {
                so_far.intersect(&found);
                so_far
            }
            None => found,
        });
    }
    Ok(all.unwrap_or_else(|| BitSet::full(posts)))
}

/// Gaps between sorted numbers (the first from 0).
pub fn delta_encode(sorted: &[u32]) -> Vec<u32> {
    let mut last = 0;
    sorted
        .iter()
        .map(|&n| {
            let gap = n.saturating_sub(last);
            last = n;
            gap
        })
        .collect()
}

/// The numbers back from their gaps (saturating, so hostile input cannot overflow).
pub fn delta_decode(gaps: &[u32]) -> impl Iterator<Item = u32> + '_ {
    gaps.iter().scan(0u32, |sum, &gap| {
        *sum = sum.saturating_add(gap);
        Some(*sum)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::tests::post;
    use crate::Term;
    use proptest::prelude::*;

    #[test]
    fn words_are_folded_and_split() {
        assert_eq!(words("Don’t panic: Café-CPU 5, naïve!"), ["dont", "panic", "cafe", "cpu", "5", "naive"]);
        assert_eq!(words(&"x".repeat(100)), ["x".repeat(MAX_WORD_CHARS)]);
        assert!(words("  ,.;  ").is_empty());
        assert_eq!(query_words("a b a c d e f g h i j").len(), MAX_QUERY_WORDS);
    }

    #[test]
    fn one_letter_finds_a_whole_word_longer_finds_a_start() {
        assert!(finds("5", "5") && !finds("5", "50"));
        assert!(finds("ole", "oled") && finds("oled", "oled") && !finds("oled", "ole"));
    }

    #[test]
    fn shard_choice_covers_every_word_a_prefix_finds() {
        let first: Vec<String> = ["a", "co", "com", "comp", "d"].iter().map(|s| s.to_string()).collect();
        assert_eq!(shards_for(&first, "co"), 1..4);
        assert_eq!(shards_for(&first, "com"), 2..4);
        assert_eq!(shards_for(&first, "c"), 0..1);
        assert_eq!(shards_for(&first, "zz"), 4..5);
        assert_eq!(shards_for(&first, "0"), 0..1);
        assert_eq!(shards_for(&[], "a"), 0..0);
    }

    #[test]
    fn deltas_round_trip() {
        let ids = [0, 3, 4, 100, 101];
        assert_eq!(delta_encode(&ids), [0, 3, 1, 96, 1]);
        assert_eq!(delta_decode(&delta_encode(&ids)).collect::<Vec<_>>(), ids);
        assert_eq!(delta_decode(&[u32::MAX, 5]).collect::<Vec<_>>(), [u32::MAX, u32::MAX]);
    }

    const VOCAB: &[&str] = &["open", "opera", "oled", "o", "5", "café", "cafeteria", "rocket", "zoë", "x"];

    fn arb_posts() -> impl Strategy<Value = Vec<Summary>> {
        prop::collection::vec(prop::collection::vec(0..VOCAB.len(), 1..6), 0..80).prop_map(|raw| {
            raw.into_iter()
                .enumerate()
                .map(|(i, picks)| {
                    let mut p = post(&format!("p{i}"), "2024-01-01T00:00:00Z");
                    p.title = picks.iter().map(|&k| VOCAB[k]).collect::<Vec<_>>().join(" ");
                    p.authors = vec![Term { slug: "a".into(), name: VOCAB[picks[0]].into() }];
                    p
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn the_index_finds_what_scanning_finds(posts in arb_posts(), q in "(op|o|5|caf|cafe|x|zoe|ro|q| ){0,12}") {
            let index = build_index(&posts);
            let words = query_words(&q);
            let hits = lookup(&words, &index.first_words, posts.len(), |i| index.shards.get(i)).unwrap();
            for (id, p) in posts.iter().enumerate() {
                let own = post_words(p);
                let expected = words.iter().all(|w| own.iter().any(|o| finds(w, o)));
                prop_assert_eq!(hits.contains(id), expected, "post {} {:?} query {:?}", id, p.title, q);
            }
        }

        #[test]
        fn tiny_shards_give_the_same_answers(posts in arb_posts()) {
            // Split the whole vocabulary one word per shard: prefixes must span shards.
            let whole = build_index(&posts);
            let mut split = SearchIndex { first_words: vec![], shards: vec![] };
            for shard in &whole.shards {
                for w in &shard.words {
                    split.first_words.push(w.term.clone());
                    split.shards.push(SearchShard { contract: 1, words: vec![w.clone()] });
                }
            }
            for q in ["o", "op", "ope", "caf", "5", "zz", "cafe op"] {
                let words = query_words(q);
                let a = lookup(&words, &whole.first_words, posts.len(), |i| whole.shards.get(i)).unwrap();
                let b = lookup(&words, &split.first_words, posts.len(), |i| split.shards.get(i)).unwrap();
                prop_assert_eq!(a, b, "{}", q);
            }
        }
    }

    #[test]
    fn missing_shards_are_named() {
        let posts: Vec<Summary> = (0..3000)
            .map(|i| {
                let mut p = post(&format!("p{i}"), "2024-01-01T00:00:00Z");
                p.title = format!("word{i} common");
                p
            })
            .collect();
        let index = build_index(&posts);
        assert!(index.shards.len() > 1, "3,000 distinct words fill more than one shard");
        let words = query_words("word2999");
        let missing = lookup(&words, &index.first_words, posts.len(), |_| None).unwrap_err();
        assert_eq!(missing.len(), 1);
        let found = lookup(&words, &index.first_words, posts.len(), |i| index.shards.get(i)).unwrap();
        assert_eq!(found.iter().collect::<Vec<_>>(), [2999]);
    }
}
