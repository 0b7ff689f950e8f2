//! Text helpers: bylines, plain text of inline runs, reading time, slugs, descriptions.

use crate::contract::{Block, Inline};

/// Joins names the way a byline reads: "A", "A and B", "A, B and C".
pub fn join_names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.into_iter().collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The text of inline runs with the markup taken away.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } | Inline::Keyboard { text } => out.push_str(text),
            Inline::Emphasis { children }
            | Inline::Strong { children }
            | Inline::Link { children, .. }
            | Inline::Strikethrough { children }
            | Inline::Superscript { children }
            | Inline::Subscript { children } => push_plain(children, out),
            Inline::LineBreak => out.push(' '),
            Inline::FootnoteRef { .. } | Inline::Unsupported => {}
        }
    }
}

/// Words per minute for alphabetic scripts, and characters per minute for Chinese,
/// Japanese and Korean text, which is not written with spaces between words.
pub const WORDS_PER_MINUTE: usize = 230;
pub const CJK_CHARS_PER_MINUTE: usize = 500;

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Counts (words, CJK characters) in a text.
pub fn count_words(text: &str) -> (usize, usize) {
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    let words =
        text.split(|c: char| c.is_whitespace() || is_cjk(c)).filter(|w| w.chars().any(char::is_alphanumeric)).count();
    (words, cjk)
}

/// Minutes to read a body, at least one.
pub fn reading_minutes(blocks: &[Block]) -> u32 {
    let (mut words, mut cjk) = (0, 0);
    for_each_text(blocks, &mut |text| {
        let (w, c) = count_words(text);
        words += w;
        cjk += c;
    });
    let minutes = words.div_ceil(WORDS_PER_MINUTE) + cjk.div_ceil(CJK_CHARS_PER_MINUTE);
    u32::try_from(minutes.max(1)).unwrap_or(u32::MAX)
}

/// Calls `f` with the plain text of every run of words in a body, in order: paragraphs,
/// headings, quotes and pull quotes, list items (nested ones too), code, table cells,
/// footnotes and captions.
pub fn for_each_text(blocks: &[Block], f: &mut dyn FnMut(&str)) {
    for block in blocks {
        match block {
            Block::Paragraph { inlines } | Block::Heading { inlines, .. } => f(&plain_text(inlines)),
            Block::Quote { paragraphs, cite } => {
                paragraphs.iter().for_each(|p| f(&plain_text(p)));
                if let Some(cite) = cite {
                    f(cite);
                }
            }
            Block::List { items, nested, .. } => {
                items.iter().for_each(|i| f(&plain_text(i)));
                nested.iter().for_each(|n| for_each_text(n, f));
            }
            Block::Code { spans, .. } => {
                f(&spans.iter().map(|s| s.text.as_str()).collect::<String>());
            }
            Block::Table { head, rows, .. } => {
                head.iter().chain(rows.iter().flatten()).for_each(|cell| f(&plain_text(cell)));
            }
            Block::Footnotes { notes } => notes.iter().for_each(|n| f(&plain_text(&n.inlines))),
            Block::Definitions { terms } => {
                for d in terms {
                    f(&plain_text(&d.term));
                    d.details.iter().for_each(|detail| f(&plain_text(detail)));
                }
            }
            Block::Image(image) => {
                if let Some(caption) = &image.caption {
                    f(caption);
                }
            }
            Block::Gallery { images, caption } => {
                images.iter().filter_map(|i| i.caption.as_deref()).for_each(&mut *f);
                if let Some(caption) = caption {
                    f(caption);
                }
            }
            Block::PullQuote { inlines, cite } => {
                f(&plain_text(inlines));
                if let Some(cite) = cite {
                    f(cite);
                }
            }
            Block::Rule | Block::Embed(_) | Block::Unsupported => {}
        }
    }
}

/// The words of one block as one line of plain text (its runs joined by spaces).
pub fn block_text(block: &Block) -> String {
    let mut text = String::new();
    for_each_text(std::slice::from_ref(block), &mut |t| {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(t);
    });
    text
}

/// A URL-safe slug: lowercase ASCII letters and digits joined by single hyphens.
/// Common Latin accents are folded (`Café` -> `cafe`); other characters are dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut pending_hyphen = false;
    for c in text.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            pending_hyphen = true;
        }
    }
    out.truncate(120);
    out.trim_end_matches('-').to_owned()
}

/// Lowercase with common accents removed: "Café" and "cafe" match.
pub fn fold(text: &str) -> String {
    text.chars().flat_map(fold_accent).flat_map(char::to_lowercase).collect()
}

pub(crate) fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => "",
    };
    let own = folded.is_empty().then_some(c);
    folded.chars().chain(own)
}

/// "1,234,567": thousands separated by commas.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Shortens a text to at most `max` characters at a word boundary, adding "…".
pub fn truncate_words(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let keep = max.saturating_sub(1);
    let cut: String = text.chars().take(keep).collect();
    let ends_a_word = text.chars().nth(keep).is_none_or(char::is_whitespace);
    let head = match cut.rfind(char::is_whitespace) {
        _ if ends_a_word => cut.as_str(),
        Some(at) if at > cut.len() / 2 => cut.get(..at).unwrap_or(&cut),
        _ => cut.as_str(),
    };
    format!("{}…", head.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation()))
}

/// One line of an article's table of contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Fewer subheadings than this, and an article needs no table of contents.
pub const TOC_MIN_HEADINGS: usize = 3;

/// The article's subheadings with their anchors, when there are at least
/// [`TOC_MIN_HEADINGS`]; empty otherwise. Headings without an anchor or text are left out.
pub fn table_of_contents(blocks: &[Block]) -> Vec<TocEntry> {
    let entries: Vec<TocEntry> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, id, inlines } if !id.is_empty() => {
                let text = plain_text(inlines);
                (!text.trim().is_empty()).then(|| TocEntry {
                    level: *level,
                    id: id.clone(),
                    text: text.trim().to_owned(),
                })
            }
            _ => None,
        })
        .collect();
    if entries.len() >= TOC_MIN_HEADINGS {
        entries
    } else {
        Vec::new()
    }
}

impl crate::contract::Summary {
    /// The authors' names as a byline reads: "Ada Lovelace and Grace Hopper"; "Ada, Grace
    /// and Alan".
    pub fn byline(&self) -> String {
        join_names(self.authors.iter().map(|a| a.name.as_str()))
    }
}

/// Of `n` names (a post's tags or authors), how many a page lists and how many it counts
/// as "and N more" instead, so that a list never passes `max` entries.
pub fn listed(n: usize, max: usize) -> (usize, usize) {
    (n.min(max), n.saturating_sub(max))
}

/// What goes before each of `n` names when they are listed as a byline reads: nothing
/// before the first, " and " before the last, ", " before the others.
pub fn name_separators(n: usize) -> impl Iterator<Item = &'static str> {
    (0..n).map(move |i| match i {
        0 => "",
        i if i + 1 == n => " and ",
        _ => ", ",
    })
}

/// A provider's message as plain text: tags dropped, the common entities decoded,
/// whitespace collapsed, at most 300 characters.
pub fn clean_message(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    let mut in_tag = false;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.chars().take(300).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped_in_threes() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(1234567), "1,234,567");
    }

    #[test]
    fn a_long_list_is_cut_to_its_limit_and_counts_the_rest() {
        assert_eq!(listed(0, 30), (0, 0));
        assert_eq!(listed(30, 30), (30, 0));
        assert_eq!(listed(31, 30), (30, 1));
        assert_eq!(listed(100_000, 30), (30, 99_970));
    }

    #[test]
    fn separators_read_as_a_byline() {
        let read = |names: &[&str]| {
            names.iter().zip(name_separators(names.len())).map(|(n, sep)| format!("{sep}{n}")).collect::<String>()
        };
        for names in [&[][..], &["Ada"], &["Ada", "Grace"], &["Ada", "Grace", "Alan"]] {
            assert_eq!(read(names), join_names(names.iter().copied()));
        }
    }

    #[test]
    fn bylines() {
        assert_eq!(join_names([]), "");
        assert_eq!(join_names(["Ada"]), "Ada");
        assert_eq!(join_names(["Ada", "Grace"]), "Ada and Grace");
        assert_eq!(join_names(["Ada", "Grace", "Alan"]), "Ada, Grace and Alan");
    }

    #[test]
    fn reading_time_counts_words_and_cjk() {
        let para = |t: &str| Block::Paragraph { inlines: vec![Inline::text(t)] };
        assert_eq!(reading_minutes(&[]), 1);
        let long = "word ".repeat(WORDS_PER_MINUTE * 2 + 1);
        assert_eq!(reading_minutes(&[para(&long)]), 3);
        let cjk = "字".repeat(CJK_CHARS_PER_MINUTE * 2);
        assert_eq!(reading_minutes(&[para(&cjk)]), 2);
        assert_eq!(count_words("Hello — world, 2024!"), (3, 0));
    }

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slugify("Open vs. closed: who’s winning the AI race?"), "open-vs-closed-whos-winning-the-ai-race");
        assert_eq!(slugify("Café crème — ÆON 2"), "cafe-creme-aeon-2");
        assert_eq!(slugify("  --  "), "");
        assert!(crate::url::is_valid_slug(&slugify("A  B__C")));
    }

    #[test]
    fn truncation_keeps_words() {
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(truncate_words("the quick brown fox jumps", 16), "the quick brown…");
        assert!(truncate_words(&"é".repeat(500), 160).chars().count() <= 160);
    }

    proptest::proptest! {
        #[test]
        fn slugs_are_valid_or_empty_and_truncation_keeps_its_limit(text in "\\PC{0,300}", max in 1usize..200) {
            let slug = slugify(&text);
            proptest::prop_assert!(slug.is_empty() || crate::url::is_valid_slug(&slug), "{text:?} -> {slug:?}");
            proptest::prop_assert!(truncate_words(&text, max).chars().count() <= max);
        }
    }

    #[test]
    fn a_table_of_contents_needs_three_subheadings() {
        let h = |id: &str, text: &str| Block::Heading { level: 2, id: id.into(), inlines: vec![Inline::text(text)] };
        let p = Block::Paragraph { inlines: vec![Inline::text("p")] };
        assert!(table_of_contents(&[h("a", "A"), p.clone(), h("b", "B")]).is_empty());
        let toc =
            table_of_contents(&[h("a", "A"), p.clone(), h("b", " B "), h("", "no anchor"), h("c", "  "), h("d", "D")]);
        let ids: Vec<&str> = toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "d"]);
        assert_eq!(toc[1].text, "B");
    }
}
