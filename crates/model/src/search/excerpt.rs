//! The excerpt under a result: the window of the post's text where the query's words
//! stand closest, with them marked.

use std::ops::Range;

use super::query::TextQuery;
use super::tokens::{is_unspaced, tokens, Language, Token};
use crate::contract::{SearchText, TextSection};

/// What a result shows of where the words were found: the section (its anchor and
/// subheading, when it has one) and a stretch of its text, with the query's words marked.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Excerpt {
    pub anchor: Option<String>,
    pub heading: String,
    /// The text in pieces, each marked or not.
    pub pieces: Vec<(String, bool)>,
}

/// About how many words an excerpt shows.
pub const EXCERPT_WORDS: usize = 28;

/// A post's text with its words found, folded and stemmed once, when it arrives: each
/// keystroke then only compares them with the query's words (stemming ten bodies again
/// at every key was most of a keystroke's time at 100,000 posts).
#[derive(Clone, Debug, PartialEq)]
pub struct ReadyText {
    pub text: SearchText,
    pub(super) title: Vec<Stemmed>,
    pub(super) standfirst: Vec<Stemmed>,
    /// Each section's heading and text.
    pub(super) sections: Vec<(Vec<Stemmed>, Vec<Stemmed>)>,
}

/// A word of a text and its stem (for an unspaced script, the pair itself).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Stemmed {
    pub(super) token: Token,
    stem: String,
}

impl Stemmed {
    pub(super) fn all(text: &str, language: Language) -> Vec<Stemmed> {
        tokens(text)
            .into_iter()
            // `stem` keeps an unspaced pair whole.
            .map(|token| Stemmed { stem: language.stem(&token.word), token })
            .collect()
    }

    /// Which query word finds this word, by its stem or as written.
    pub(super) fn found_by(&self, query: &TextQuery) -> Option<usize> {
        // Most words are their own stem: those are compared once.
        query.word_finding(&self.stem).or_else(|| {
            if self.token.word == self.stem {
                None
            } else {
                query.word_finding(&self.token.word)
            }
        })
    }
}

impl ReadyText {
    pub fn new(text: SearchText, language: Language) -> Self {
        ReadyText {
            title: Stemmed::all(&text.entry.title, language),
            standfirst: Stemmed::all(&text.standfirst, language),
            sections: text
                .sections
                .iter()
                .map(|s| (Stemmed::all(&s.heading, language), Stemmed::all(&s.text, language)))
                .collect(),
            text,
        }
    }
}

/// The stretch of a post's text with the most of the query's words, marked; the
/// standfirst when the body has none of them; `None` when neither has.
pub fn excerpt(ready: &ReadyText, query: &TextQuery) -> Option<Excerpt> {
    if query.is_empty() {
        return None;
    }
    let text = &ready.text;
    let mut best: Option<(usize, &TextSection, Window)> = None;
    for (section, (_, words)) in text.sections.iter().zip(&ready.sections) {
        if let Some((score, window)) = best_window(&section.text, words, query) {
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, section, window));
            }
        }
    }
    if let Some((_, section, (window, marks))) = best {
        return Some(Excerpt {
            anchor: (!section.id.is_empty()).then(|| section.id.clone()),
            heading: section.heading.clone(),
            pieces: pieces(&section.text, window, &marks),
        });
    }
    let (_, (window, marks)) = best_window(&text.standfirst, &ready.standfirst, query)?;
    Some(Excerpt { anchor: None, heading: String::new(), pieces: pieces(&text.standfirst, window, &marks) })
}

/// A stretch of text (byte range) and the marked ranges in it.
type Window = (Range<usize>, Vec<Range<usize>>);

/// The best stretch of `text` (whose words are `words`), with its score.
pub(super) fn best_window(text: &str, words: &[Stemmed], query: &TextQuery) -> Option<(usize, Window)> {
    let hits: Vec<Option<usize>> = words.iter().map(|w| w.found_by(query)).collect();
    // Where a mark ends: a pair of characters found by its first alone marks that one.
    let mark_end = |t: &Token, hit: usize| -> usize {
        match query.words.get(hit) {
            Some(w) if t.unspaced && w.typed != t.word => {
                let chars = w.typed.chars().count();
                t.start + text.get(t.start..t.end).unwrap_or("").chars().take(chars).map(char::len_utf8).sum::<usize>()
            }
            _ => t.end,
        }
    };
    if hits.iter().all(Option::is_none) {
        return None;
    }
    // The window of EXCERPT_WORDS words from each word found, scored by the distinct
    // query words in it, then by how many: kept as counts while the window slides.
    let mut best = (0, 0);
    let mut in_window = vec![0usize; query.words.len()];
    let (mut distinct, mut count, mut end) = (0usize, 0usize, 0usize);
    for start in 0..words.len() {
        while end < (start + EXCERPT_WORDS).min(hits.len()) {
            if let Some(n) = hits.get(end).copied().flatten().and_then(|w| in_window.get_mut(w)) {
                distinct += usize::from(*n == 0);
                count += 1;
                *n += 1;
            }
            end += 1;
        }
        let Some(first) = hits.get(start).copied().flatten() else { continue };
        let score = distinct * 100 + count;
        if score > best.0 {
            best = (score, start);
        }
        // The first word leaves the window.
        if let Some(n) = in_window.get_mut(first) {
            *n -= 1;
            distinct -= usize::from(*n == 0);
            count -= 1;
        }
    }
    // Some words of context before the first match.
    let from = best.1.saturating_sub(EXCERPT_WORDS / 4);
    let to = (from + EXCERPT_WORDS).min(words.len());
    let start = if from == 0 { 0 } else { words.get(from)?.token.start };
    let end = if to == words.len() { text.len() } else { words.get(to - 1)?.token.end };
    let mut marks: Vec<Range<usize>> = Vec::new();
    for (w, hit) in words.iter().zip(&hits).take(to).skip(from) {
        let t = &w.token;
        if let Some(hit) = *hit {
            let end = mark_end(t, hit);
            match marks.last_mut() {
                // Pairs of an unspaced script overlap: one mark.
                Some(last) if t.start <= last.end => last.end = last.end.max(end),
                _ => marks.push(t.start..end),
            }
        }
    }
    Some((best.0, (start..end, marks)))
}

fn pieces(text: &str, window: Range<usize>, marks: &[Range<usize>]) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut push = |s: &str, marked: bool| {
        let s = s.replace('\n', " ");
        if !s.is_empty() {
            out.push((s, marked));
        }
    };
    if window.start > 0 {
        push("…", false);
    }
    let mut at = window.start;
    for mark in marks {
        push(text.get(at..mark.start).unwrap_or(""), false);
        push(text.get(mark.clone()).unwrap_or(""), true);
        at = mark.end;
    }
    push(text.get(at..window.end).unwrap_or(""), false);
    if window.end < text.len() {
        push("…", false);
    }
    // Neighbouring unmarked pieces (the ellipses) as one.
    let mut merged: Vec<(String, bool)> = Vec::new();
    for (s, m) in out {
        match merged.last_mut() {
            Some(last) if !last.1 && !m => last.0.push_str(&s),
            _ => merged.push((s, m)),
        }
    }
    merged
}

/// At most how many distinct words a search marks on the article it opens.
pub const MARKED_WORDS: usize = 16;

/// The words of a post the query finds, for marking on its article: folded, each once
/// (for an unspaced script, the characters typed), in the order the text first has them.
pub fn marked_words(ready: &ReadyText, query: &TextQuery) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let parts = [&ready.title, &ready.standfirst]
        .into_iter()
        .chain(ready.sections.iter().flat_map(|(heading, text)| [heading, text]));
    for part in parts {
        for w in part {
            let Some(hit) = w.found_by(query) else { continue };
            let word = match query.words.get(hit) {
                Some(q) if w.token.unspaced => &q.typed,
                _ => &w.token.word,
            };
            if !out.contains(word) {
                out.push(word.clone());
            }
        }
    }
    // A query's unspaced run is looked up as pairs and its last character alone: that
    // character is marked as part of the run only.
    let all = out.clone();
    out.retain(|w| !w.chars().any(is_unspaced) || !all.iter().any(|o| o != w && o.contains(w.as_str())));
    out.truncate(MARKED_WORDS);
    out
}

/// Where `words` (from [`marked_words`]) are in `text`, as byte ranges in order: whole
/// words, folded as the index folds them; the characters of an unspaced script wherever
/// they stand.
pub fn mark_ranges(text: &str, words: &[String]) -> Vec<Range<usize>> {
    let (unspaced, spaced): (Vec<&String>, Vec<&String>) =
        words.iter().filter(|w| !w.is_empty()).partition(|w| w.chars().any(is_unspaced));
    let mut out: Vec<Range<usize>> = Vec::new();
    if !spaced.is_empty() {
        out.extend(
            tokens(text).into_iter().filter(|t| !t.unspaced && spaced.contains(&&t.word)).map(|t| t.start..t.end),
        );
    }
    for word in unspaced {
        out.extend(text.match_indices(word.as_str()).map(|(at, w)| at..at + w.len()));
    }
    out.sort_by_key(|r| (r.start, r.end));
    // Overlapping marks as one.
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}
