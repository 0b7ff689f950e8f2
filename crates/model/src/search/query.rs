//! A query as typed, read into words (each found whole or by its beginning) and the
//! phrases in quotes.

use super::tokens::{tokens, Language};

/// What a word found by its beginning counts, against a word found whole.
pub const PREFIX_WEIGHT: f32 = 0.6;
/// Words of a query beyond this many are ignored.
pub const MAX_QUERY_WORDS: usize = 8;

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
