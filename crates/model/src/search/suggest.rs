//! "Did you mean": a word of the index within one edit of a word that found nothing.

use super::lookup::{shards_for, ShardKey, ShardRef};
use super::query::TextQuery;
use super::tokens::{is_unspaced, tokens};
use crate::contract::WordPosting;

/// A word of the query that finds nothing, and the word of the index a small edit away
/// that posts use most, looked for in the shards fetched for it: "Did you mean …?"
pub fn suggestion<'a>(
    query: &TextQuery,
    first_words: &[String],
    file: impl Fn(ShardKey) -> Option<ShardRef<'a>>,
) -> Option<(String, String)> {
    for word in &query.words {
        if word.typed.chars().count() < 3 || word.typed.chars().any(is_unspaced) {
            continue;
        }
        let mut found = false;
        let mut best: Option<(usize, &WordPosting)> = None;
        for shard_no in shards_for(first_words, word) {
            let Some(ShardRef::Words(shard)) = file(ShardKey::Words(shard_no)) else { return None };
            for posting in &shard.words {
                if word.finds(&posting.term).is_some() {
                    found = true;
                }
                let form = if posting.word.is_empty() { &posting.term } else { &posting.word };
                let near = within_one_edit(&word.typed, form) || within_one_edit(&word.stem, &posting.term);
                if near && best.is_none_or(|(n, _)| posting.posts.len() > n) {
                    best = Some((posting.posts.len(), posting));
                }
            }
        }
        if !found {
            if let Some((_, p)) = best {
                let form = if p.word.is_empty() { p.term.clone() } else { p.word.clone() };
                return Some((word.typed.clone(), form));
            }
        }
    }
    None
}

/// The query with every occurrence of a (folded) word replaced: what "Did you mean"
/// links to.
pub fn replace_word(q: &str, typed: &str, with: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for token in tokens(q) {
        if token.word == typed && !token.unspaced {
            out.push_str(q.get(at..token.start).unwrap_or(""));
            out.push_str(with);
            at = token.end;
        }
    }
    out.push_str(q.get(at..).unwrap_or(""));
    out
}

/// Whether two words differ by at most one inserted, deleted, changed or swapped
/// character.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let same_start = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        let rest = |from: usize| short.get(from..) == long.get(from..);
        // One change, or two neighbours swapped.
        rest(same_start + 1)
            || (short.get(same_start) == long.get(same_start + 1)
                && short.get(same_start + 1) == long.get(same_start)
                && rest(same_start + 2))
    } else {
        short.get(same_start..) == long.get(same_start + 1..)
    }
}
