//! Whole-text search: the words of a post (title, standfirst, subheadings, tag and author
//! names, and every word of the body: paragraphs, captions, quotes and their citations,
//! code, table cells), the sharded index the builder writes, and ranked look-up of a
//! query in the shards a browser has fetched.
//!
//! Words are folded (case, common accents) and stemmed for the site's language
//! ("batteries" and "battery" are one word). Languages written without spaces (Chinese,
//! Japanese, Thai…) are indexed as overlapping pairs of characters, which a query's run
//! must find side by side. A query word of one character finds that whole word ("5",
//! "x"); a longer one also finds every word it begins ("ole" finds "oled"). Every word
//! of a query must be found; words in quotes must stand side by side, in order.
//!
//! Ranking is BM25F: each post's weight for a word (its share of the title, standfirst,
//! subheadings, names and body, each field weighted and normalised by its length) is
//! computed by the builder and stored as 1..=15 (`WEIGHT_LEVELS`); the reader's side
//! multiplies by the word's rarity and adds a gentle boost for recent posts. A word in
//! more than half the posts (and in 2,000 or more) stores no weights: each of its posts
//! counts the middle level.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::bitset::BitSet;
use crate::contract::{Block, PositionShard, Post, SearchShard, SearchText, Summary, TextSection, WordPosting};
use crate::text::{fold_accent, for_each_text, plain_text};
use crate::CONTRACT_VERSION;

/// Longer words are cut to this many characters (in the index and in queries alike).
pub const MAX_WORD_CHARS: usize = 32;
/// Words of a query beyond this many are ignored.
pub const MAX_QUERY_WORDS: usize = 8;
/// A shard is closed once its JSON reaches about this size (one word's list may exceed it).
pub const SHARD_TARGET_BYTES: usize = 48_000;
/// What a word found by its beginning counts, against a word found whole.
pub const PREFIX_WEIGHT: f32 = 0.6;
/// How much more the newest post counts than the oldest with the same words.
pub const RECENCY_BOOST: f32 = 0.1;
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

/// The stemmer of a site's language, when there is one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Language {
    #[default]
    None,
    English,
    French,
    German,
    Spanish,
    Italian,
    Portuguese,
    Dutch,
    Swedish,
    Danish,
    Norwegian,
    Russian,
}

const LANGUAGES: [(Language, &str, &[&str]); 11] = [
    (Language::English, "english", &["en"]),
    (Language::French, "french", &["fr"]),
    (Language::German, "german", &["de"]),
    (Language::Spanish, "spanish", &["es"]),
    (Language::Italian, "italian", &["it"]),
    (Language::Portuguese, "portuguese", &["pt"]),
    (Language::Dutch, "dutch", &["nl"]),
    (Language::Swedish, "swedish", &["sv"]),
    (Language::Danish, "danish", &["da"]),
    (Language::Norwegian, "norwegian", &["no", "nb", "nn"]),
    (Language::Russian, "russian", &["ru"]),
];

impl Language {
    /// From a BCP 47 tag (`en-GB`); a language without a stemmer here gives `None`.
    pub fn from_locale(locale: &str) -> Self {
        let primary = locale.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        LANGUAGES.iter().find(|(_, _, tags)| tags.contains(&primary.as_str())).map_or(Language::None, |l| l.0)
    }

    /// From the name the index records (`english`); unknown names give `None`.
    pub fn from_name(name: &str) -> Self {
        LANGUAGES.iter().find(|(_, n, _)| *n == name).map_or(Language::None, |l| l.0)
    }

    pub fn name(self) -> &'static str {
        LANGUAGES.iter().find(|(l, _, _)| *l == self).map_or("", |l| l.1)
    }

    fn algorithm(self) -> Option<rust_stemmers::Algorithm> {
        use rust_stemmers::Algorithm as A;
        Some(match self {
            Language::None => return None,
            Language::English => A::English,
            Language::French => A::French,
            Language::German => A::German,
            Language::Spanish => A::Spanish,
            Language::Italian => A::Italian,
            Language::Portuguese => A::Portuguese,
            Language::Dutch => A::Dutch,
            Language::Swedish => A::Swedish,
            Language::Danish => A::Danish,
            Language::Norwegian => A::Norwegian,
            Language::Russian => A::Russian,
        })
    }

    /// The stem of a folded word (words with digits, and unspaced scripts, stay whole).
    pub fn stem(self, word: &str) -> String {
        match self.algorithm() {
            Some(algorithm) if word.chars().all(char::is_alphabetic) && !word.chars().any(is_unspaced) => {
                rust_stemmers::Stemmer::create(algorithm).stem(word).into_owned()
            }
            _ => word.to_owned(),
        }
    }
}

/// Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, Japanese
/// kana, CJK ideographs.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x3040..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// A word of a text: folded (not stemmed), where it is (byte offsets, on character
/// boundaries), and whether it is a pair of characters of an unspaced script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub word: String,
    pub start: usize,
    pub end: usize,
    pub unspaced: bool,
}

/// The words of a text in order: runs of letters and digits (apostrophes inside a word
/// dropped: "Don’t" gives "dont"), and in unspaced scripts each pair of neighbouring
/// characters and the run's last character alone.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let (mut start, mut end, mut chars) = (0, 0, 0);
    let mut run: Vec<(usize, char)> = Vec::new();
    let flush_word = |word: &mut String, start: usize, end: usize, out: &mut Vec<Token>| {
        if !word.is_empty() {
            out.push(Token { word: std::mem::take(word), start, end, unspaced: false });
        }
    };
    let flush_run = |run: &mut Vec<(usize, char)>, out: &mut Vec<Token>| {
        for (k, &(at, c)) in run.iter().enumerate() {
            let mut word = c.to_string();
            let mut stop = at + c.len_utf8();
            if let Some(&(next_at, next)) = run.get(k + 1) {
                word.push(next);
                stop = next_at + next.len_utf8();
            }
            out.push(Token { word, start: at, end: stop, unspaced: true });
        }
        run.clear();
    };
    for (i, c) in text.char_indices() {
        if is_unspaced(c) {
            flush_word(&mut word, start, end, &mut out);
            chars = 0;
            run.push((i, c));
            continue;
        }
        if !run.is_empty() {
            flush_run(&mut run, &mut out);
        }
        if c.is_alphanumeric() {
            if word.is_empty() {
                start = i;
            }
            if chars < MAX_WORD_CHARS {
                word.extend(fold_accent(c).flat_map(char::to_lowercase));
                chars += 1;
            }
            end = i + c.len_utf8();
        } else if (c == '\'' || c == '’') && !word.is_empty() {
            // Inside a word: "don't".
        } else {
            flush_word(&mut word, start, end, &mut out);
            chars = 0;
        }
    }
    flush_word(&mut word, start, end, &mut out);
    flush_run(&mut run, &mut out);
    out
}

/// The folded words of a text (not stemmed).
pub fn words(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|t| t.word).collect()
}

/// A word of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWord {
    /// Folded, as typed.
    pub typed: String,
    pub stem: String,
    /// Whether it also finds the words it begins.
    pub prefix: bool,
}

impl QueryWord {
    /// How well this query word finds an index word: 1 whole, less by its beginning.
    pub fn finds(&self, term: &str) -> Option<f32> {
        if term == self.stem || term == self.typed {
            Some(1.0)
        } else if self.prefix && term.starts_with(&self.typed) {
            Some(PREFIX_WEIGHT)
        } else {
            None
        }
    }
}

/// A parsed query: its distinct words, its phrases as lists of word numbers, and the word
/// numbers in the order they were typed (repeats included).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextQuery {
    pub words: Vec<QueryWord>,
    pub phrases: Vec<Vec<usize>>,
    pub order: Vec<usize>,
}

impl TextQuery {
    /// Words in "quotes" make a phrase; so does a run of an unspaced script. Only the last
    /// word, while it is being typed (nothing after it), also finds the words it begins:
    /// the words before it are whole, and a common word's beginnings would fetch and match
    /// much of the index.
    pub fn parse(q: &str, language: Language) -> Self {
        let mut query = TextQuery::default();
        let count = tokens(q).len();
        let typing = q.chars().last().is_some_and(char::is_alphanumeric);
        let mut seen = 0;
        for (i, part) in q.split(['"', '“', '”', '„']).enumerate() {
            let quoted = i % 2 == 1;
            let mut phrase: Vec<usize> = Vec::new();
            let mut last_unspaced_end: Option<usize> = None;
            for token in tokens(part) {
                let run_goes_on = token.unspaced && last_unspaced_end.is_some_and(|e| token.start < e);
                if !quoted && !run_goes_on {
                    query.close(&mut phrase);
                }
                last_unspaced_end = token.unspaced.then_some(token.end);
                seen += 1;
                let prefix = token.unspaced || (seen == count && typing && token.word.chars().nth(1).is_some());
                let stem = if token.unspaced { token.word.clone() } else { language.stem(&token.word) };
                let at = match query.words.iter().position(|w| w.typed == token.word) {
                    Some(at) => {
                        if let Some(word) = query.words.get_mut(at) {
                            word.prefix |= prefix;
                        }
                        at
                    }
                    None if query.words.len() < MAX_QUERY_WORDS => {
                        query.words.push(QueryWord { typed: token.word, stem, prefix });
                        query.words.len() - 1
                    }
                    None => break,
                };
                phrase.push(at);
                query.order.push(at);
            }
            query.close(&mut phrase);
        }
        query
    }

    fn close(&mut self, phrase: &mut Vec<usize>) {
        if phrase.len() > 1 {
            self.phrases.push(std::mem::take(phrase));
        }
        phrase.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Which query word, if any, finds `term` (the first that does).
    pub fn word_finding(&self, term: &str) -> Option<usize> {
        self.words.iter().position(|w| w.finds(term).is_some())
    }
}

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
    title: Vec<Stemmed>,
    standfirst: Vec<Stemmed>,
    /// Each section's heading and text.
    sections: Vec<(Vec<Stemmed>, Vec<Stemmed>)>,
}

/// A word of a text and its stem (for an unspaced script, the pair itself).
#[derive(Clone, Debug, PartialEq)]
struct Stemmed {
    token: Token,
    stem: String,
}

impl Stemmed {
    fn all(text: &str, language: Language) -> Vec<Stemmed> {
        tokens(text)
            .into_iter()
            // `stem` keeps an unspaced pair whole.
            .map(|token| Stemmed { stem: language.stem(&token.word), token })
            .collect()
    }

    /// Which query word finds this word, by its stem or as written.
    fn found_by(&self, query: &TextQuery) -> Option<usize> {
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

/// One query word's posts: which have it, each one's best score (by post number), and for
/// a word of a phrase, where its positions are (shard, word in the shard, post in the
/// word's list).
struct WordHits {
    found: BitSet,
    score: Vec<f32>,
    places: HashMap<u32, Vec<(usize, usize, usize)>>,
}

/// The best stretch of `text` (whose words are `words`), with its score.
fn best_window(text: &str, words: &[Stemmed], query: &TextQuery) -> Option<(usize, Window)> {
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
/// The plain definition the index must agree with: every query word finds a word of the
/// post; each phrase's words stand side by side in one paragraph.
pub(crate) fn scan(doc: &SearchDoc, query: &TextQuery) -> bool {
    let mut terms: Vec<(String, u32)> = Vec::new();
    let mut at = 0;
    for (_, text) in &doc.parts {
        for t in tokens(text) {
            let term = if t.unspaced { t.word } else { Language::English.stem(&t.word) };
            terms.push((term, at));
            at += 1;
        }
        at += 1;
    }
    let finds = |w: usize, pos: Option<u32>| {
        terms.iter().any(|(term, p)| pos.is_none_or(|want| *p == want) && query.words[w].finds(term).is_some())
    };
    (0..query.words.len()).all(|w| finds(w, None))
        && query.phrases.iter().all(|phrase| {
            terms.iter().any(|(_, p)| phrase.iter().enumerate().all(|(k, &w)| finds(w, Some(p + k as u32))))
        })
}

#[cfg(test)]
mod tests;
