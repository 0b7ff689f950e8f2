//! Words as search reads them: folded (case, common accents), cut to a length, and
//! stemmed for the site's language; languages written without spaces as overlapping
//! pairs of characters.

use crate::text::fold_accent;

/// Longer words are cut to this many characters (in the index and in queries alike).
pub const MAX_WORD_CHARS: usize = 32;

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
