//! Synthetic publications of any size, deterministic from a seed, for tests and benchmarks:
//! `masthead-build generate --posts 100000 --from 2016-01 --to 2026-06 --seed 42 --out DIR`.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use masthead_model::text::slugify;
use masthead_model::time::days_in_month;
use masthead_model::YearMonth;

/// SplitMix64: small, fast and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }
    /// Skewed towards the start of a list, as real topic use is.
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * n as f64) as usize).min(n.saturating_sub(1))
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

const SUBJECTS: &[&str] = &[
    "Chip makers",
    "Regulators",
    "Researchers",
    "Startups",
    "Mobile carriers",
    "Browser makers",
    "Streaming services",
    "Car makers",
    "Open-source developers",
    "Cloud providers",
    "Game studios",
    "Phone makers",
    "Satellite operators",
    "Battery makers",
    "Hospitals",
    "Universities",
    "Energy firms",
    "Banks",
    "Retailers",
    "City councils",
    "Publishers",
    "Airlines",
    "Schools",
    "Farmers",
];
const VERBS: &[&str] = &[
    "bet on",
    "rethink",
    "race to build",
    "push back on",
    "quietly test",
    "double down on",
    "step away from",
    "embrace",
    "struggle with",
    "promise cheaper",
    "open up",
    "cut prices on",
    "rush to adopt",
    "question",
];
const OBJECTS: &[&str] = &[
    "foldable screens",
    "solid-state batteries",
    "AI assistants",
    "satellite broadband",
    "open standards",
    "repairable laptops",
    "quantum sensors",
    "smart glasses",
    "heat pumps",
    "electric trucks",
    "passkeys",
    "edge computing",
    "small language models",
    "lidar",
    "e-readers",
    "mesh Wi-Fi",
    "reusable rockets",
    "recycled chips",
    "home batteries",
    "lab-grown materials",
    "wearable health monitors",
    "RISC-V chips",
];
const BRANDS: &[&str] =
    &["Fieldbook", "Lumen", "Orbit", "Pulse", "Halo", "Vanta", "Kestrel", "Nimbus", "Arden", "Quill"];
const LINES: &[&str] = &["Tab", "Buds", "Watch", "Phone", "Book", "Cam", "Go", "Air", "Max", "Mini"];
const VERDICTS: &[&str] = &[
    "quietly excellent",
    "great value, with one catch",
    "not quite there yet",
    "the one to beat",
    "better than it needs to be",
    "a solid upgrade",
    "skip this one",
    "pricey but worth it",
];
const TOPICS: &[&str] = &[
    "AI",
    "Smartphones",
    "Laptops",
    "Privacy",
    "Security",
    "Batteries",
    "Electric vehicles",
    "Space",
    "Climate",
    "Energy",
    "Chips",
    "Cloud",
    "Open source",
    "Regulation",
    "Gaming",
    "Audio",
    "Cameras",
    "Wearables",
    "Tablets",
    "Smart home",
    "Biology",
    "Physics",
    "Robotics",
    "Web standards",
    "Networking",
    "Software",
    "Startups",
    "Right to repair",
    "E-readers",
    "Streaming",
    "Health tech",
    "Quantum",
    "Transport",
    "Broadband",
    "Oceans",
    "Agriculture",
    "Astronomy",
    "Materials",
    "Accessibility",
    "Education",
];
const FIRST: &[&str] =
    &["Priya", "Tom", "Elena", "Jonas", "Sofia", "Marcus", "Amara", "Lena", "Kofi", "Mei", "Ravi", "Ines"];
const LAST: &[&str] = &["Raman", "Okafor", "Marsh", "Weber", "Lindqvist", "Hale", "Osei", "Novak", "Mensah", "Chen"];
const CATEGORIES: &[(&str, &str)] =
    &[("news", "News"), ("reviews", "Reviews"), ("opinion", "Opinion"), ("deals", "Deals"), ("science", "Science")];
const SENTENCES: &[&str] = &[
    "The change has been coming for years, but it arrived faster than most analysts expected.",
    "Early tests suggest the gains are real, though they depend heavily on how people use the product.",
    "Critics point out that the same promises were made before, and were not kept.",
    "For most readers, the practical difference will be small at first.",
    "Prices are expected to fall as production moves to larger factories.",
    "Engineers say the hardest part is not the technology but the supply chain behind it.",
    "Several competitors are working on similar ideas and could launch within a year.",
    "Regulators have asked for more information before deciding whether to step in.",
    "The company declined to share sales figures, saying only that demand had exceeded forecasts.",
    "Independent researchers will be able to check the claims once the data is published.",
    "Battery life, as ever, is the figure buyers should watch most closely.",
    "The update will reach older devices over the coming months.",
    "Privacy groups welcomed the move but asked for clearer limits on data collection.",
    "Smaller firms say the rules favour companies that can afford large compliance teams.",
    "Our tests ran for two weeks under everyday conditions.",
    "It is a sensible step, if not a dramatic one.",
];

/// The most common words of English news writing, most frequent first.
const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "that",
    "for",
    "it",
    "on",
    "was",
    "with",
    "as",
    "at",
    "by",
    "be",
    "this",
    "from",
    "are",
    "have",
    "has",
    "but",
    "not",
    "or",
    "its",
    "an",
    "they",
    "which",
    "said",
    "will",
    "their",
    "more",
    "one",
    "been",
    "were",
    "about",
    "would",
    "than",
    "new",
    "can",
    "who",
    "when",
    "there",
    "also",
    "after",
    "year",
    "people",
    "into",
    "two",
    "could",
    "some",
    "what",
    "first",
    "other",
    "time",
    "most",
    "over",
    "only",
    "years",
    "many",
    "like",
    "most",
    "before",
    "company",
    "because",
    "where",
    "while",
    "those",
    "still",
    "three",
    "government",
    "market",
    "last",
    "just",
    "through",
    "between",
    "made",
    "under",
    "since",
    "much",
    "each",
    "make",
    "week",
    "month",
    "should",
    "early",
    "world",
    "data",
    "system",
    "users",
    "report",
    "price",
    "plans",
    "country",
    "however",
    "percent",
    "several",
    "already",
    "according",
    "including",
    "expected",
    "without",
    "across",
    "during",
    "million",
    "billion",
    "number",
    "service",
    "public",
    "support",
    "change",
    "later",
];

const ONSETS: &[&str] = &[
    "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pl", "pr", "qu",
    "r", "s", "sc", "sh", "sl", "sp", "st", "t", "th", "tr", "v", "w", "z", "",
];
const NUCLEI: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ee", "ou", "io", "oa", "y"];
const CODAS: &[&str] = &["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "ng", "rt", "x"];

/// Body text that reads like language to a search engine: the common words of English
/// above a vocabulary of `VOCABULARY` made-up words, both drawn by Zipf's law (the n-th
/// word about 1/n as often as the first), in sentences of 6 to 24 words.
pub struct Prose {
    words: Vec<String>,
    /// Cumulative Zipf weights of `words`.
    cumulative: Vec<f64>,
    common: Vec<f64>,
}

/// How many distinct content words the prose draws on.
pub const VOCABULARY: usize = 40_000;

impl Prose {
    pub fn new(rng: &mut Rng) -> Self {
        let mut seen = HashSet::new();
        let mut words = Vec::with_capacity(VOCABULARY);
        while words.len() < VOCABULARY {
            let syllables = 1 + rng.skewed(3);
            let word: String = (0..syllables)
                .map(|_| format!("{}{}{}", rng.pick(ONSETS), rng.pick(NUCLEI), rng.pick(CODAS)))
                .collect();
            if word.len() >= 3 && seen.insert(word.clone()) {
                words.push(word);
            }
        }
        // Common words are short (Zipf's law of abbreviation).
        words.sort_by_key(String::len);
        let zipf = |n: usize| {
            let mut total = 0.0;
            (1..=n)
                .map(|r| {
                    total += 1.0 / (r as f64).powf(1.05);
                    total
                })
                .collect::<Vec<f64>>()
        };
        Prose { cumulative: zipf(words.len()), words, common: zipf(COMMON.len()) }
    }

    fn draw(rng: &mut Rng, cumulative: &[f64]) -> usize {
        let total = cumulative.last().copied().unwrap_or(1.0);
        let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        cumulative.partition_point(|&c| c < u).min(cumulative.len().saturating_sub(1))
    }

    /// One word: a common word about half the time, else a content word.
    pub fn word(&self, rng: &mut Rng) -> &str {
        if rng.below(100) < 48 {
            COMMON.get(Self::draw(rng, &self.common)).copied().unwrap_or("the")
        } else {
            self.words.get(Self::draw(rng, &self.cumulative)).map_or("the", String::as_str)
        }
    }

    pub fn sentence(&self, rng: &mut Rng) -> String {
        let n = 6 + rng.below(19);
        let mut out = String::new();
        for i in 0..n {
            let w = self.word(rng);
            if i == 0 {
                let mut c = w.chars();
                out.extend(c.next().map(|f| f.to_ascii_uppercase()));
                out.push_str(c.as_str());
            } else {
                out.push(' ');
                out.push_str(w);
                if i + 2 < n && rng.below(12) == 0 {
                    out.push(',');
                }
            }
        }
        out.push('.');
        out
    }

    /// A body of about `words` words: paragraphs of 2 to 6 sentences, a subheading now and then.
    pub fn body(&self, rng: &mut Rng, words: usize) -> String {
        let mut out = String::new();
        let mut count = 0;
        let mut paragraphs = 0;
        while count < words {
            if paragraphs > 0 && paragraphs % 3 == 0 && rng.below(2) == 0 {
                let heading: Vec<&str> = (0..2 + rng.below(3)).map(|_| self.word(rng)).collect();
                let heading = heading.join(" ");
                let mut c = heading.chars();
                let _ = writeln!(out, "## {}{}\n", c.next().map(|f| f.to_ascii_uppercase()).unwrap_or('X'), c.as_str());
            }
            let sentences: Vec<String> = (0..2 + rng.below(5)).map(|_| self.sentence(rng)).collect();
            count += sentences.iter().map(|s| s.split(' ').count()).sum::<usize>();
            let _ = writeln!(out, "{}\n", sentences.join(" "));
            paragraphs += 1;
        }
        out
    }
}

/// Writes a publication of `posts` posts, spread evenly from `from` to `to`, into `out`
/// (`out/site.toml` and `out/posts/YYYY/MM/<slug>.md`).
pub fn generate(out: &Path, posts: usize, from: YearMonth, to: YearMonth, seed: u64) -> std::io::Result<()> {
    generate_with(out, posts, from, to, seed, 24, false)
}

/// [`generate`] with `authors` people writing (24 by default; the first 24 are always the
/// same names, the rest have a third name so that none repeats), and with `prose` bodies
/// of about 600 words of [`Prose`] instead of a few sentences from a short list.
pub fn generate_with(
    out: &Path,
    posts: usize,
    from: YearMonth,
    to: YearMonth,
    seed: u64,
    authors: usize,
    prose: bool,
) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let language = prose.then(|| Prose::new(&mut Rng::new(seed ^ 0x5eed)));
    fs::create_dir_all(out.join("posts"))?;
    fs::write(out.join("site.toml"), site_toml())?;
    let mut months = Vec::new();
    let mut m = to;
    while m >= from {
        months.push(m);
        m = m.prev();
    }
    months.reverse();
    let (f, l) = (FIRST.len(), LAST.len());
    let authors: Vec<String> = (0..authors.max(1))
        .map(|i| match i {
            0..24 => format!("{} {}", FIRST[i % f], LAST[(i * 7 + i / f) % l]),
            _ => format!("{} {} {}", FIRST[i % f], LAST[(i / f) % l], LAST[(i / (f * l)) % l]),
        })
        .collect();
    let mut slugs: HashSet<String> = HashSet::with_capacity(posts);
    let mut created_dirs: HashSet<YearMonth> = HashSet::new();
    for i in 0..posts {
        let month = months.get(i * months.len() / posts.max(1)).copied().unwrap_or(to);
        let day = 1 + rng.below(usize::from(days_in_month(month.year, month.month)));
        let published = format!("{month}-{day:02}T{:02}:{:02}:00Z", 6 + rng.below(14), rng.below(60));
        let (category, category_name) = CATEGORIES[rng.skewed(CATEGORIES.len())];
        let product = format!("{} {} {}", rng.pick(BRANDS), rng.pick(LINES), 2 + rng.below(9));
        let title = match category {
            "reviews" => format!("{product} review: {}", rng.pick(VERDICTS)),
            "deals" => format!("The best {} deals this week", rng.pick(OBJECTS)),
            "opinion" => {
                format!("Why {} should {} {}", rng.pick(SUBJECTS).to_lowercase(), rng.pick(VERBS), rng.pick(OBJECTS))
            }
            _ => format!("{} {} {}", rng.pick(SUBJECTS), rng.pick(VERBS), rng.pick(OBJECTS)),
        };
        let base = slugify(&title);
        let mut slug = base.clone();
        let mut n = 2;
        while !slugs.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        let standfirst = format!("{} {}", rng.pick(SENTENCES), rng.pick(SENTENCES));
        let mut tags: Vec<&str> = (0..2 + rng.below(3)).map(|_| TOPICS[rng.skewed(TOPICS.len())]).collect();
        tags.dedup();
        let author_count = 1 + usize::from(rng.below(5) == 0);
        let names: Vec<&str> = (0..author_count).map(|_| authors[rng.below(authors.len())].as_str()).collect();

        let mut text = String::with_capacity(2048);
        let list = |items: &[&str]| items.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ");
        let _ = write!(
            text,
            "+++\ntitle = {title:?}\nstandfirst = {standfirst:?}\npublished = {published}\ncategory = \"{category}\"\n\
             tags = [{}]\nauthors = [{}]\nslug = \"{slug}\"\n+++\n",
            list(&tags),
            list(&names),
        );
        if let Some(language) = &language {
            let words = 450 + rng.below(300);
            text.push_str(&language.body(&mut rng, words));
        }
        let paragraphs = if language.is_some() { 0 } else { 3 + rng.below(6) };
        for p in 0..paragraphs {
            if p == paragraphs / 2 && rng.below(2) == 0 {
                let _ = writeln!(text, "## What it means for {}\n", rng.pick(OBJECTS));
            }
            if p == 1 && rng.below(3) == 0 {
                let _ = writeln!(
                    text,
                    "> {}\n>\n> — {}, {}\n",
                    rng.pick(SENTENCES),
                    rng.pick(FIRST),
                    category_name.to_lowercase()
                );
                continue;
            }
            if p == 2 && rng.below(4) == 0 {
                for _ in 0..3 {
                    let _ = writeln!(text, "- {}", rng.pick(SENTENCES));
                }
                text.push('\n');
                continue;
            }
            // Distinct sentences: a window of the shuffled pool.
            let start = rng.below(SENTENCES.len());
            let step = 1 + 2 * rng.below(SENTENCES.len() / 2); // odd, so coprime with the pool size
            let words: Vec<&str> =
                (0..2 + rng.below(4)).map(|k| SENTENCES[(start + k * step) % SENTENCES.len()]).collect();
            let _ = writeln!(text, "{}\n", words.join(" "));
        }
        let dir = out.join(format!("posts/{:04}/{:02}", month.year, month.month));
        if created_dirs.insert(month) {
            fs::create_dir_all(&dir)?;
        }
        fs::write(dir.join(format!("{slug}.md")), text)?;
    }
    Ok(())
}

/// Writes a WordPress export (WXR) of `posts` posts to `file`, as WordPress writes one:
/// classic-editor bodies (paragraphs between blank lines, a `[caption]` now and then),
/// block-editor bodies, categories, tags, authors, a sticky post in fifty, a draft in
/// twenty. For the importer's benchmark (`make bench-import`).
pub fn generate_wxr(file: &Path, posts: usize, seed: u64) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut rng = Rng::new(seed);
    if let Some(dir) = file.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut out = std::io::BufWriter::new(fs::File::create(file)?);
    writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" \
         xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n\
         <title>The Generated Gazette</title>\n<link>https://gazette.example</link>\n\
         <description>A synthetic publication</description>\n<language>en-GB</language>\n\
         <pubDate>Mon, 01 Jun 2026 00:00:00 +0000</pubDate>\n<wp:wxr_version>1.2</wp:wxr_version>"
    )?;
    for i in 0..24 {
        let name = format!("{} {}", FIRST[i % FIRST.len()], LAST[(i * 7 + i / FIRST.len()) % LAST.len()]);
        writeln!(
            out,
            "<wp:author><wp:author_login><![CDATA[author{i}]]></wp:author_login>\
             <wp:author_display_name><![CDATA[{name}]]></wp:author_display_name></wp:author>"
        )?;
    }
    for (slug, name) in CATEGORIES {
        writeln!(
            out,
            "<wp:category><wp:category_nicename><![CDATA[{slug}]]></wp:category_nicename>\
             <wp:cat_name><![CDATA[{name}]]></wp:cat_name></wp:category>"
        )?;
    }
    let years = 2016..=2026;
    let span = years.clone().count();
    for i in 0..posts {
        let year = 2016 + i * span / posts.max(1);
        let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
        let date = format!("{year}-{month:02}-{day:02} {:02}:{:02}:00", 6 + rng.below(14), rng.below(60));
        let (category, category_name) = CATEGORIES[rng.skewed(CATEGORIES.len())];
        let title = format!("{} {} {}", rng.pick(SUBJECTS), rng.pick(VERBS), rng.pick(OBJECTS));
        let slug = format!("{}-{i}", slugify(&title));
        let block_editor = rng.below(3) == 0;
        let mut body = String::with_capacity(3000);
        for p in 0..4 + rng.below(6) {
            let start = rng.below(SENTENCES.len());
            let text: Vec<&str> = (0..3 + rng.below(4)).map(|k| SENTENCES[(start + k * 7) % SENTENCES.len()]).collect();
            let text = text.join(" ");
            if block_editor {
                let _ = write!(body, "<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->\n\n");
            } else if p == 2 && rng.below(4) == 0 {
                let _ = write!(
                    body,
                    "[caption id=\"attachment_{i}\" width=\"600\"]<img src=\"https://gazette.example/wp-content/uploads/{i}.jpg\" \
                     alt=\"{}\" width=\"600\" height=\"400\" /> {}[/caption]\n\n",
                    rng.pick(OBJECTS),
                    rng.pick(SENTENCES)
                );
            } else {
                let _ = write!(body, "{text}\n\n");
            }
        }
        let status = if rng.below(20) == 0 { "draft" } else { "publish" };
        let tags: String = (0..1 + rng.below(3))
            .map(|_| {
                let tag = TOPICS[rng.skewed(TOPICS.len())];
                format!("<category domain=\"post_tag\" nicename=\"{}\"><![CDATA[{tag}]]></category>", slugify(tag))
            })
            .collect();
        writeln!(
            out,
            "<item><title><![CDATA[{title}]]></title><link>https://gazette.example/{}/{slug}/</link>\
             <dc:creator><![CDATA[author{}]]></dc:creator><content:encoded><![CDATA[{body}]]></content:encoded>\
             <excerpt:encoded><![CDATA[{}]]></excerpt:encoded><wp:post_id>{}</wp:post_id>\
             <wp:post_date><![CDATA[{date}]]></wp:post_date><wp:post_date_gmt><![CDATA[{date}]]></wp:post_date_gmt>\
             <wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[{status}]]></wp:status>\
             <wp:post_type><![CDATA[post]]></wp:post_type><wp:is_sticky>{}</wp:is_sticky>\
             <category domain=\"category\" nicename=\"{category}\"><![CDATA[{category_name}]]></category>{tags}</item>",
            &date[..10].replace('-', "/"),
            rng.below(24),
            rng.pick(SENTENCES),
            i + 1,
            u8::from(rng.below(50) == 0),
        )?;
    }
    writeln!(out, "</channel>\n</rss>")?;
    out.flush()
}

fn site_toml() -> String {
    let mut s = String::from(
        "name = \"The Generated Gazette\"\ntagline = \"A synthetic publication for tests and benchmarks\"\n\
         base_url = \"https://gazette.example\"\nlocale = \"en-GB\"\ntime_zone = \"Europe/London\"\n\n\
         [[nav]]\nlabel = \"Home\"\nhref = \"/\"\n\n[[nav]]\nlabel = \"Archive\"\nhref = \"/archive\"\n\n",
    );
    for (slug, name) in CATEGORIES {
        let _ = write!(s, "[[categories]]\nslug = \"{slug}\"\nname = \"{name}\"\n\n");
    }
    s.push_str(
        "[newsletter]\npitch = \"Get breaking news, reviews, opinion, top tech deals, and more.\"\n\
         privacy_url = \"/privacy\"\n\n[[newsletter.topics]]\nid = \"breaking\"\nname = \"Breaking news\"\ndefault = true\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn prose_has_the_length_vocabulary_and_word_frequencies_of_language() {
        let mut rng = Rng::new(7);
        let prose = Prose::new(&mut Rng::new(1));
        let bodies: Vec<String> = (0..300).map(|_| prose.body(&mut rng, 600)).collect();
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut total = 0;
        for body in &bodies {
            let words = masthead_model::search::words(body);
            assert!((550..900).contains(&words.len()), "{} words", words.len());
            total += words.len();
            for w in words {
                *counts.entry(w).or_default() += 1;
            }
        }
        let mut by_use: Vec<usize> = counts.values().copied().collect();
        by_use.sort_unstable_by(|a, b| b.cmp(a));
        // About 190,000 words: thousands of distinct ones, a long tail of rare ones.
        assert!(counts.len() > 8_000, "{} distinct words", counts.len());
        assert!(by_use.iter().filter(|&&n| n == 1).count() > 2_000);
        // Zipf: the most common word is a few percent of all, and use falls about tenfold
        // from the 10th word to the 100th.
        let top = by_use[0] as f64 / total as f64;
        assert!((0.02..0.15).contains(&top), "{top}");
        let ratio = by_use[9] as f64 / by_use[99] as f64;
        assert!((3.0..30.0).contains(&ratio), "{ratio}");
    }
}
