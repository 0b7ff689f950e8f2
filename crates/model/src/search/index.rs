//! The index the builder writes: each post's words with their BM25F weights (stored as
//! 1..=15), in shards of about 48 KB, with the positions phrases need.

use std::collections::{BTreeMap, HashMap};

use super::tokens::{tokens, Language};
use crate::contract::{Block, PositionShard, Post, SearchShard, SearchText, Summary, TextSection, WordPosting};
use crate::text::{for_each_text, plain_text};
use crate::CONTRACT_VERSION;

/// A shard is closed once its JSON reaches about this size (one word's list may exceed it).
pub const SHARD_TARGET_BYTES: usize = 48_000;

/// A post's weight for a word is stored as 1 to this. Finer steps change no order a reader
/// would notice, and cost twice the bytes: at 100,000 posts, a shard's weights were 95% of
/// it (a shard of 20 words: 112.7 KB brotli with 255 levels, 55.9 KB with 15).
pub const WEIGHT_LEVELS: u8 = 15;
/// A word found in more than half the posts, and in at least this many, stores no weights.
pub const UNWEIGHTED_FROM: usize = 2_000;
/// What each post of a word without weights counts (the middle level).
pub const MIDDLE_WEIGHT: u8 = 8;
/// BM25's saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// The parts of a post a search weighs differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Standfirst,
    Heading,
    Names,
    Body,
}

impl Field {
    const ALL: [Field; 5] = [Field::Title, Field::Standfirst, Field::Heading, Field::Names, Field::Body];

    pub fn weight(self) -> f32 {
        match self {
            Field::Title => 8.0,
            Field::Standfirst => 4.0,
            Field::Heading => 2.5,
            Field::Names => 2.5,
            Field::Body => 1.0,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// What the index reads of one post: its texts in reading order, each in its field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchDoc {
    pub parts: Vec<(Field, String)>,
}

impl SearchDoc {
    /// The searchable text of a summary alone: title, standfirst, tag and author names.
    pub fn of_summary(post: &Summary) -> Self {
        let mut parts = vec![(Field::Title, post.title.clone()), (Field::Standfirst, post.standfirst.clone())];
        parts.extend(post.tags.iter().chain(&post.authors).map(|t| (Field::Names, t.name.clone())));
        SearchDoc { parts }
    }

    /// Everything a reader can read of a post.
    pub fn of_post(post: &Post) -> Self {
        let mut doc = SearchDoc::of_summary(&post.summary);
        for block in &post.body {
            match block {
                Block::Heading { inlines, .. } => doc.parts.push((Field::Heading, plain_text(inlines))),
                other => {
                    for_each_text(std::slice::from_ref(other), &mut |t| doc.parts.push((Field::Body, t.to_owned())))
                }
            }
        }
        doc
    }
}

/// A post's text by section, for the excerpts of its search results.
pub fn search_text(post: &Post) -> SearchText {
    let mut sections = vec![TextSection { id: String::new(), heading: String::new(), text: String::new() }];
    for block in &post.body {
        if let Block::Heading { id, inlines, .. } = block {
            sections.push(TextSection { id: id.clone(), heading: plain_text(inlines), text: String::new() });
            continue;
        }
        if let Some(section) = sections.last_mut() {
            for_each_text(std::slice::from_ref(block), &mut |t| {
                if !section.text.is_empty() {
                    section.text.push('\n');
                }
                section.text.push_str(t.trim());
            });
        }
    }
    sections.retain(|s| !s.text.is_empty() || !s.heading.is_empty());
    let s = &post.summary;
    SearchText {
        contract: CONTRACT_VERSION,
        entry: crate::ListEntry {
            slug: s.slug.clone(),
            title: s.title.clone(),
            published: s.published.clone(),
            category: s.category.name.clone(),
            authors: s.authors.iter().map(|a| a.name.clone()).collect(),
        },
        standfirst: s.standfirst.clone(),
        sections,
    }
}

/// The index of posts numbered newest first from 0 (their position is their number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchIndex {
    /// The first word of each shard.
    pub first_words: Vec<String>,
    pub shards: Vec<SearchShard>,
    /// Positions, shard by shard, word by word, post by post.
    pub positions: Vec<PositionShard>,
}

/// One word's posts while the index is built.
#[derive(Default)]
struct Building {
    posts: Vec<u32>,
    weights: Vec<u8>,
    positions: Vec<Vec<u32>>,
    /// How often each written form gave this word.
    forms: HashMap<String, u32>,
}

/// Builds the index of `docs`, given newest first.
pub fn build_index(docs: &[SearchDoc], language: Language) -> SearchIndex {
    // Each field's average length, for BM25's normalisation.
    let lengths: Vec<[usize; 5]> = docs
        .iter()
        .map(|doc| {
            let mut l = [0; 5];
            for (field, text) in &doc.parts {
                if let Some(n) = l.get_mut(field.index()) {
                    *n += tokens(text).len();
                }
            }
            l
        })
        .collect();
    let mut average = [0f32; 5];
    for field in Field::ALL {
        let total: usize = lengths.iter().filter_map(|l| l.get(field.index())).sum();
        if let Some(a) = average.get_mut(field.index()) {
            *a = (total as f32 / docs.len().max(1) as f32).max(1.0);
        }
    }
    let mut stems: HashMap<String, String> = HashMap::new();
    let mut index: HashMap<String, Building> = HashMap::new();
    for (id, (doc, length)) in docs.iter().zip(&lengths).enumerate() {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        // Per word: count per field, positions, forms.
        let mut mine: HashMap<String, ([f32; 5], Vec<u32>, String)> = HashMap::new();
        let mut position: u32 = 0;
        for (field, text) in &doc.parts {
            for token in tokens(text) {
                let term = if token.unspaced {
                    token.word.clone()
                } else {
                    stems.entry(token.word.clone()).or_insert_with(|| language.stem(&token.word)).clone()
                };
                let entry = mine.entry(term).or_insert_with(|| ([0.0; 5], Vec::new(), token.word.clone()));
                if let Some(n) = entry.0.get_mut(field.index()) {
                    *n += 1.0;
                }
                entry.1.push(position);
                position = position.saturating_add(1);
            }
            // A gap: a phrase never spans two paragraphs or fields.
            position = position.saturating_add(1);
        }
        for (term, (counts, positions, form)) in mine {
            let mut tf = 0.0;
            for field in Field::ALL {
                let i = field.index();
                let (count, len, avg) = (
                    counts.get(i).copied().unwrap_or(0.0),
                    length.get(i).copied().unwrap_or(0) as f32,
                    average.get(i).copied().unwrap_or(1.0),
                );
                tf += field.weight() * count / (1.0 - B + B * len / avg);
            }
            let saturated = tf / (K1 + tf);
            let levels = f32::from(WEIGHT_LEVELS);
            let weight = (saturated * levels).round().clamp(1.0, levels) as u8;
            let building = index.entry(term).or_default();
            building.posts.push(id);
            building.weights.push(weight);
            building.positions.push(positions);
            *building.forms.entry(form).or_default() += 1;
        }
    }
    let sorted: BTreeMap<String, Building> = index.into_iter().collect();
    let mut out = SearchIndex { first_words: Vec::new(), shards: Vec::new(), positions: Vec::new() };
    let mut words: Vec<WordPosting> = Vec::new();
    let mut places: Vec<Vec<Vec<u32>>> = Vec::new();
    let mut bytes = 0;
    for (term, mut building) in sorted {
        let posts = delta_encode(&building.posts);
        // A word in more than half the posts (its rarity, ln(1 + (N - df + 0.5) / (df + 0.5)),
        // is under ln 2, against 5 to 10 for a rare word) orders nothing by its weights,
        // which would be nearly all of its bytes: 94 KB brotli of a 100 KB shard. Where
        // that is a few KB (a smaller site), the weights stay and order its posts.
        if building.posts.len() * 2 > docs.len() && building.posts.len() >= UNWEIGHTED_FROM {
            building.weights = Vec::new();
        }
        // The JSON this word adds: its text, quotes, keys and each number with its comma.
        bytes += term.len() + 40 + posts.iter().map(|d| digits(*d) + 1).sum::<usize>() + building.weights.len() * 3;
        if words.is_empty() {
            out.first_words.push(term.clone());
        }
        let form = building
            .forms
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|(f, _)| f)
            .filter(|f| *f != term)
            .unwrap_or_default();
        places.push(building.positions.iter().map(|p| delta_encode(p)).collect());
        words.push(WordPosting { term, posts, weights: building.weights, word: form });
        if bytes >= SHARD_TARGET_BYTES {
            out.shards.push(SearchShard { contract: CONTRACT_VERSION, words: std::mem::take(&mut words) });
            out.positions.push(PositionShard { contract: CONTRACT_VERSION, words: std::mem::take(&mut places) });
            bytes = 0;
        }
    }
    if !words.is_empty() {
        out.shards.push(SearchShard { contract: CONTRACT_VERSION, words });
        out.positions.push(PositionShard { contract: CONTRACT_VERSION, words: places });
    }
    out
}

fn digits(n: u32) -> usize {
    n.checked_ilog10().unwrap_or(0) as usize + 1
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
