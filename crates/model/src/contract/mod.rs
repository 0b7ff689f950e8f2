//! The static JSON contract: the files under `/content/` on the host.
//!
//! Unknown fields are ignored (a newer builder may add some); a missing or mistyped
//! field is a decode error naming the file and the field. Optional fields say so with
//! `#[serde(default)]`.

use serde::{Deserialize, Serialize};

use crate::time::{Timestamp, YearMonth};

mod provider;
pub use provider::Provider;

/// `site.json`: the publication itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub contract: u32,
    pub name: String,
    pub tagline: String,
    /// Canonical address of the publication, such as `https://example.com`.
    pub base_url: String,
    /// BCP 47 language tag used to format dates and numbers, such as `en-GB`.
    pub locale: String,
    /// IANA time zone the publication dates its stories in, such as `Europe/London`.
    pub time_zone: String,
    #[serde(default)]
    pub nav: Vec<NavLink>,
    #[serde(default)]
    pub categories: Vec<Term>,
    pub newsletter: Newsletter,
    /// Other sites whose frames stories may embed besides the known providers (each an
    /// `https://host` origin, from `[embeds] hosts` in site.toml).
    #[serde(default, skip_serializing_if = "Embeds::is_empty")]
    pub embeds: Embeds,
    /// The standalone pages (`/about`, `/privacy`…), in the order the footer lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PageLink>,
    /// The publisher's logo (`[brand] logo`), shown in the header in place of the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<Image>,
}

/// `[embeds]` in the site settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embeds {
    #[serde(default)]
    pub hosts: Vec<String>,
}

impl Embeds {
    pub fn is_empty(&self) -> bool {
        self.hosts.is_empty()
    }
}

/// A standalone page as the site lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageLink {
    pub slug: String,
    pub title: String,
    /// Listed in the footer.
    #[serde(default)]
    pub footer: bool,
}

impl PageLink {
    /// The page's site path: `/<slug>`.
    pub fn path(&self) -> String {
        format!("/{}", self.slug)
    }
}

/// `pages/<slug>.json`: a standalone page (about, privacy, contact…).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub contract: u32,
    pub slug: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    /// Listed in the footer.
    #[serde(default)]
    pub footer: bool,
    pub body: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NavLink {
    pub label: String,
    pub href: String,
}

/// A category, tag or author: a URL-safe slug and the name readers see.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Term {
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Newsletter {
    /// One sentence that says what the reader gets.
    pub pitch: String,
    #[serde(default)]
    pub topics: Vec<Topic>,
    /// Where the privacy notice lives; the consent checkbox links to it.
    pub privacy_url: String,
    /// The mailing list signups go to. Without one the form explains that signups are not
    /// open yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<Provider>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub default: bool,
    /// The provider's own name for this topic: a Mailchimp interest field
    /// (`group[123][4]`), a Kit tag id, a Buttondown tag. The topic id when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<String>,
}

/// An image with the facts a page needs to lay it out before it loads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The same picture at other widths, for `srcset` (the browser picks one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<ImageSource>,
    /// How the figure sits in the column; absent: the column's width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<Layout>,
    /// Where the picture links to (a larger copy, a page), if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// A figure's place in the article: wider than the text, the page's whole width, or
/// floated beside the text (on wide screens; narrow ones give it the column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    Wide,
    Full,
    Left,
    Right,
    /// A layout from a newer contract: shown at the column's width.
    #[serde(other)]
    Unsupported,
}

impl Layout {
    /// The name the contract and the figure's class use (`figure--wide`).
    pub fn name(self) -> &'static str {
        match self {
            Layout::Wide => "wide",
            Layout::Full => "full",
            Layout::Left => "left",
            Layout::Right => "right",
            Layout::Unsupported => "column",
        }
    }

    /// Reads the names publishers' tools give: Masthead's own, WordPress's `alignwide`,
    /// Ghost's `kg-width-wide`, and `float-left`.
    pub fn from_name(name: &str) -> Option<Layout> {
        let name = name.trim().to_ascii_lowercase();
        let name = name
            .strip_prefix("align")
            .or_else(|| name.strip_prefix("kg-width-"))
            .or_else(|| name.strip_prefix("float-"))
            .or_else(|| name.strip_prefix("figure--"))
            .unwrap_or(&name);
        match name {
            "wide" => Some(Layout::Wide),
            "full" | "fullwidth" | "full-width" => Some(Layout::Full),
            "left" => Some(Layout::Left),
            "right" => Some(Layout::Right),
            _ => None,
        }
    }
}

impl Image {
    /// A picture at `src` described by `alt`, its size not yet known.
    pub fn new(src: String, alt: String) -> Image {
        Image { src, alt, width: None, height: None, caption: None, sources: Vec::new(), layout: None, link: None }
    }
}

/// One more width of an image.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageSource {
    pub src: String,
    /// In pixels, as `srcset`'s `w` descriptor.
    pub width: u32,
}

/// What every list of stories shows of a post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub slug: String,
    pub title: String,
    pub standfirst: String,
    pub published: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    pub category: Term,
    #[serde(default)]
    pub tags: Vec<Term>,
    pub authors: Vec<Term>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    pub reading_minutes: u32,
    /// The editors' pick: the front page leads with the newest featured story.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub featured: bool,
    /// What lists show instead of the standfirst: the text before `<!--more-->`, where
    /// the post has both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teaser: Option<String>,
    /// Not published: only a preview built with drafts has it, and marks it as a draft.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

impl Summary {
    /// The article's address on the site: `/2024/07/<slug>`.
    pub fn permalink(&self) -> String {
        format!("{}/{}", self.published.year_month().path(), self.slug)
    }

    /// What a list of stories shows under the headline: the teaser, else the standfirst.
    pub fn list_text(&self) -> &str {
        self.teaser.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or(&self.standfirst)
    }
}

/// `latest.json`: the newest posts, newest first (front page and Recent Posts).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Latest {
    pub contract: u32,
    pub posts: Vec<Summary>,
    /// The front page's lead when the editors featured one (the newest featured story,
    /// which may be older than every post in `posts`); else the front page leads with
    /// the newest post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<Summary>,
}

/// `archive/index.json`: every month that has posts, newest first, and facet counts.
/// `E` is how the explorer's files are read: a bundle without the explorer reads them as
/// `serde::de::IgnoredAny`, and carries no code to decode them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: Deserialize<'de>"))]
pub struct ArchiveIndex<E = ExplorerFiles> {
    pub contract: u32,
    pub total: u32,
    pub months: Vec<MonthCount>,
    #[serde(default)]
    pub categories: Vec<Facet>,
    #[serde(default)]
    pub tags: Vec<Facet>,
    #[serde(default)]
    pub authors: Vec<Facet>,
    /// Where the archive explorer's files are (absent: the explorer has nothing to load).
    #[serde(default)]
    pub explorer: Option<E>,
}

/// The archive explorer's files, all in one folder named after their content, so a page
/// never mixes files from two builds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplorerFiles {
    /// The folder under `/content/`, for example `archive/x3f9a0c1d`.
    pub dir: String,
    /// Posts per `list-N.json` file.
    pub list_size: u32,
    /// The first word of each `search-N.json` shard, in order.
    pub search: Vec<String>,
    /// The stemmer the index was made with (`english`, …; empty: none), which queries use too.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub language: String,
    /// The folder of the search index (`search-N.json`, `where-N.json`), named after its
    /// content; empty: `dir`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub search_dir: String,
    /// The folder of the posts' texts (`text-N.json`), named after the numbering of the
    /// posts, so a changed body rewrites one file; empty: `dir`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_dir: String,
}

impl ExplorerFiles {
    pub fn catalogue(&self) -> String {
        format!("{}/catalogue.json", self.dir)
    }
    /// The list file that holds the post numbered `id` (newest first from 0).
    pub fn list_file(&self, id: u32) -> (u32, String) {
        let n = id / self.list_size.max(1);
        (n, format!("{}/list-{n}.json", self.dir))
    }
    fn or_dir<'a>(&'a self, dir: &'a str) -> &'a str {
        if dir.is_empty() {
            &self.dir
        } else {
            dir
        }
    }
    pub fn search_file(&self, shard: usize) -> String {
        format!("{}/search-{shard}.json", self.or_dir(&self.search_dir))
    }
    pub fn positions_file(&self, shard: usize) -> String {
        format!("{}/where-{shard}.json", self.or_dir(&self.search_dir))
    }
    /// The text of the post numbered `id`, for its search result's line and excerpt.
    pub fn text_file(&self, id: u32) -> String {
        format!("{}/text-{id}.json", self.or_dir(&self.text_dir))
    }
}

/// `catalogue.json`: which month, category, tags and authors each post has, as lists of
/// post numbers (newest first from 0) per term, each list delta-encoded (every number
/// is the gap from the previous one). Small enough to load once for the whole archive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueFile {
    pub contract: u32,
    /// Newest first; the counts add up to the number of posts, in post-number order.
    pub months: Vec<MonthCount>,
    pub categories: Vec<Posting>,
    pub tags: Vec<Posting>,
    pub authors: Vec<Posting>,
}

/// One term and the posts that have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    /// A term's slug, or a search word.
    pub term: String,
    /// Delta-encoded post numbers.
    pub posts: Vec<u32>,
}

/// `list-N.json`: what a result line shows for posts `first..first + posts.len()`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListFile {
    pub contract: u32,
    pub first: u32,
    pub posts: Vec<ListEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    pub slug: String,
    pub title: String,
    pub published: Timestamp,
    /// The category's name.
    pub category: String,
    /// The authors' names.
    #[serde(default)]
    pub authors: Vec<String>,
}

impl ListEntry {
    pub fn permalink(&self) -> String {
        format!("{}/{}", self.published.year_month().path(), self.slug)
    }
}

/// `search-N.json`: the words (stemmed, folded) from one point of the sorted vocabulary
/// to the next shard's first word, each with the posts that contain it and how much.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchShard {
    pub contract: u32,
    pub words: Vec<WordPosting>,
}

/// One word of the search index: the delta-encoded numbers of the posts that contain it,
/// and for each its weight there (1 to 255: the word's share of the post, counting the
/// title above the standfirst above subheadings and names above the body).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordPosting {
    pub term: String,
    pub posts: Vec<u32>,
    #[serde(default)]
    pub weights: Vec<u8>,
    /// The word as posts most often write it, when it is not the stem itself (what a
    /// "Did you mean" offers).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub word: String,
}

/// `where-N.json`: for each word of `search-N.json` and each of its posts (in the same
/// order), the delta-encoded positions of the word in the post. Fetched only for
/// phrases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionShard {
    pub contract: u32,
    pub words: Vec<Vec<Vec<u32>>>,
}

/// `text-N.json`: what a search result shows of a post: its line in the list, its
/// standfirst, and its text by section (the part before the first subheading has no
/// `id`), from which the excerpt around the words found is cut.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchText {
    pub contract: u32,
    pub entry: ListEntry,
    #[serde(default)]
    pub standfirst: String,
    #[serde(default)]
    pub sections: Vec<TextSection>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSection {
    /// The subheading's anchor (empty before the first subheading).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub heading: String,
    /// The section's text, a line per paragraph, caption, cell or listing.
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    pub month: YearMonth,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    pub slug: String,
    pub name: String,
    pub count: u32,
}

/// `archive/YYYY-MM.json`: the first page of one month's summaries, newest first;
/// `archive/YYYY-MM/N.json` the later pages ([`crate::route::TERM_PAGE_SIZE`] to a page).
/// A file without `pages` holds the whole month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthShard {
    pub contract: u32,
    pub month: YearMonth,
    pub posts: Vec<Summary>,
    /// This page's number (from 1), how many pages the month has and how many stories.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub page: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pages: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub total: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// `terms/<kind>/<slug>/<page>.json`: one page of a section's, tag's or author's stories,
/// newest first (see [`crate::route::TermKind`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermShard {
    pub contract: u32,
    /// `category`, `tag` or `author`.
    pub kind: String,
    pub term: Term,
    /// This page, from 1, of `pages`.
    pub page: u32,
    pub pages: u32,
    /// Stories in all the pages.
    pub total: u32,
    pub posts: Vec<Summary>,
    /// An author's profile, on the first page of their stories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// A section's description (`description` of its `[[categories]]` entry), on each page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An author's profile (`content/authors/<slug>.md`): shown above their stories.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Where the person works from, as they put it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<Image>,
    /// Their website, Mastodon, Bluesky and email, each with its label.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<NavLink>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bio: Vec<Block>,
}

/// What a list page reads: a month's file ([`MonthShard`]) or a page of a term's
/// ([`TermShard`]), one type for both so the reader decodes one shape; the fields of the
/// other kind are absent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListShard {
    pub contract: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<YearMonth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
    #[serde(default)]
    pub page: u32,
    #[serde(default)]
    pub pages: u32,
    #[serde(default)]
    pub total: u32,
    pub posts: Vec<Summary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl From<MonthShard> for ListShard {
    fn from(m: MonthShard) -> ListShard {
        let count = u32::try_from(m.posts.len()).unwrap_or(u32::MAX);
        ListShard {
            contract: m.contract,
            month: Some(m.month),
            kind: None,
            term: None,
            page: m.page.max(1),
            pages: m.pages.max(1),
            total: if m.total == 0 { count } else { m.total },
            posts: m.posts,
            profile: None,
            description: None,
        }
    }
}

impl From<TermShard> for ListShard {
    fn from(t: TermShard) -> ListShard {
        ListShard {
            contract: t.contract,
            month: None,
            kind: Some(t.kind),
            term: Some(t.term),
            page: t.page,
            pages: t.pages,
            total: t.total,
            posts: t.posts,
            profile: t.profile,
            description: t.description,
        }
    }
}

/// `posts/<slug>.json`: one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Post {
    pub contract: u32,
    pub summary: Summary,
    pub body: Vec<Block>,
    /// Chosen when the site is built; never the post itself.
    #[serde(default)]
    pub related: Vec<Summary>,
    /// Corrections to the story, oldest first: shown at its foot and in its JSON-LD.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    /// The story before this one in its section, and the one after (none at either end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older: Option<Summary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer: Option<Summary>,
    /// The series the story is part of, with every part in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<Series>,
}

/// A series of stories (`series = "…"` in their front matter): its name, which part this
/// story is (from 1) and every part in reading order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    pub part: u32,
    pub parts: Vec<SeriesPart>,
}

/// One part of a series: its headline and its address on the site.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesPart {
    pub title: String,
    pub path: String,
}

/// One correction: when it was made and what was wrong.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub date: Timestamp,
    pub text: String,
}

/// One block of an article body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "raw::Block")]
pub enum Block {
    Paragraph {
        inlines: Vec<Inline>,
    },
    /// A subheading; `id` is the anchor that links to it.
    Heading {
        level: u8,
        id: String,
        inlines: Vec<Inline>,
    },
    Quote {
        paragraphs: Vec<Vec<Inline>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
        /// Blocks nested under each item (a list inside a list item), where any item has some.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        nested: Vec<Vec<Block>>,
        /// A task list: each item's box, ticked or not (`None` for an item without one).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        tasks: Vec<Option<bool>>,
    },
    Image(Image),
    /// Several images in a row with one caption (each image may have its own too).
    Gallery {
        images: Vec<Image>,
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
    /// A line from the story set large beside it, with whom it quotes.
    PullQuote {
        inlines: Vec<Inline>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    /// A code listing, highlighted by the builder: each span's `class` names its kind of
    /// token (see [`CodeSpan`]); text without a class is plain.
    Code {
        #[serde(skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        spans: Vec<CodeSpan>,
    },
    /// A table: the header row, then the rows, each cell a run of inlines; `align` per
    /// column; `row_headers` when each row's first cell heads that row.
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        row_headers: bool,
    },
    /// A definition list: terms, each with its definitions (a glossary, specifications).
    Definitions {
        terms: Vec<Definition>,
    },
    /// A section break (a horizontal rule in Markdown).
    Rule,
    /// The notes referenced in the body, numbered in order of first use.
    Footnotes {
        notes: Vec<Footnote>,
    },
    /// A video or post from another site, loaded only when the reader asks (see `embed`).
    Embed(Embed),
    /// A block type from a newer contract: skipped, not an error (`raw::Block` reads any
    /// `type`; serde's own attributes for reading do nothing under `try_from`).
    Unsupported,
}

/// A run of text inside a block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "raw::Inline")]
pub enum Inline {
    Text {
        text: String,
    },
    Emphasis {
        children: Vec<Inline>,
    },
    Strong {
        children: Vec<Inline>,
    },
    Code {
        text: String,
    },
    Link {
        href: String,
        children: Vec<Inline>,
    },
    LineBreak,
    Strikethrough {
        children: Vec<Inline>,
    },
    Superscript {
        children: Vec<Inline>,
    },
    Subscript {
        children: Vec<Inline>,
    },
    /// Keys to press: `<kbd>`.
    Keyboard {
        text: String,
    },
    /// A reference to footnote `number`, whose anchor is `fn-<id>`.
    FootnoteRef {
        id: String,
        number: u32,
    },
    /// An inline type from a newer contract: skipped, not an error (see `raw::Inline`).
    Unsupported,
}

/// A video or post from another site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embed {
    /// `youtube`, `vimeo`, `x`, `mastodon`, `bluesky`, or `iframe` (a host the site allows).
    pub provider: String,
    /// The provider as readers know it: "YouTube", "Mastodon (mastodon.social)".
    pub provider_name: String,
    /// The page on the provider's site: the plain link, which works without the frame.
    pub url: String,
    /// The frame loaded when the reader asks; absent when the provider offers none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    pub title: String,
    /// The frame's proportions, where they are known (16 by 9 for a video).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

/// One highlighted run of a code listing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSpan {
    pub text: String,
    /// The kind of token: `comment`, `keyword`, `string`, `number`, `function`, `type`,
    /// `constant`, `variable`, `operator`, `punctuation`, `tag`, `attribute`, `inserted`,
    /// `deleted`; absent for plain text. A reader shows classes it does not know as plain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
}

/// A table column's alignment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    #[default]
    None,
    Left,
    Center,
    Right,
}

/// One term of a definition list and what defines it (one or more definitions).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    pub term: Vec<Inline>,
    pub details: Vec<Vec<Inline>>,
}

/// One footnote: its anchor (`fn-<id>`, referenced from `fnref-<id>`), number and text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Footnote {
    pub id: String,
    pub number: u32,
    pub inlines: Vec<Inline>,
}

/// Blocks and inlines are read through one flat record per kind of element, not through
/// serde's internally tagged enums, which buffer every element in a generic tree first:
/// that machinery was the largest single part of the reader's wasm that the contract
/// needed. A field name has one type in every block (and in every inline) type, now and in
/// later contracts, so a block of a newer type is still read, then skipped.
mod raw {
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Block {
        #[serde(rename = "type")]
        kind: String,
        inlines: Option<Vec<super::Inline>>,
        level: Option<u8>,
        id: Option<String>,
        paragraphs: Option<Vec<Vec<super::Inline>>>,
        cite: Option<String>,
        ordered: Option<bool>,
        items: Option<Vec<Vec<super::Inline>>>,
        src: Option<String>,
        alt: Option<String>,
        width: Option<u32>,
        height: Option<u32>,
        caption: Option<String>,
        sources: Option<Vec<super::ImageSource>>,
        nested: Option<Vec<Vec<super::Block>>>,
        tasks: Option<Vec<Option<bool>>>,
        language: Option<String>,
        spans: Option<Vec<super::CodeSpan>>,
        align: Option<Vec<super::Align>>,
        head: Option<Vec<Vec<super::Inline>>>,
        rows: Option<Vec<Vec<Vec<super::Inline>>>>,
        row_headers: Option<bool>,
        notes: Option<Vec<super::Footnote>>,
        terms: Option<Vec<super::Definition>>,
        provider: Option<String>,
        provider_name: Option<String>,
        url: Option<String>,
        title: Option<String>,
        layout: Option<super::Layout>,
        link: Option<String>,
        images: Option<Vec<super::Image>>,
    }

    #[derive(Deserialize)]
    pub struct Inline {
        #[serde(rename = "type")]
        kind: String,
        text: Option<String>,
        children: Option<Vec<super::Inline>>,
        href: Option<String>,
        id: Option<String>,
        number: Option<u32>,
    }

    fn need<T>(value: Option<T>, kind: &str, field: &str) -> Result<T, String> {
        value.ok_or_else(|| format!("a {kind} needs the field `{field}`"))
    }

    impl TryFrom<Block> for super::Block {
        type Error = String;
        fn try_from(b: Block) -> Result<Self, String> {
            let k = b.kind.as_str();
            Ok(match k {
                "paragraph" => super::Block::Paragraph { inlines: need(b.inlines, k, "inlines")? },
                "heading" => super::Block::Heading {
                    level: need(b.level, k, "level")?,
                    id: need(b.id, k, "id")?,
                    inlines: need(b.inlines, k, "inlines")?,
                },
                "quote" => super::Block::Quote { paragraphs: need(b.paragraphs, k, "paragraphs")?, cite: b.cite },
                "list" => super::Block::List {
                    ordered: need(b.ordered, k, "ordered")?,
                    items: need(b.items, k, "items")?,
                    nested: b.nested.unwrap_or_default(),
                    tasks: b.tasks.unwrap_or_default(),
                },
                "code" => super::Block::Code { language: b.language, spans: need(b.spans, k, "spans")? },
                "table" => super::Block::Table {
                    align: b.align.unwrap_or_default(),
                    head: b.head.unwrap_or_default(),
                    rows: need(b.rows, k, "rows")?,
                    row_headers: b.row_headers.unwrap_or(false),
                },
                "rule" => super::Block::Rule,
                "definitions" => super::Block::Definitions { terms: need(b.terms, k, "terms")? },
                "footnotes" => super::Block::Footnotes { notes: need(b.notes, k, "notes")? },
                "embed" => super::Block::Embed(super::Embed {
                    provider: need(b.provider, k, "provider")?,
                    provider_name: need(b.provider_name, k, "provider_name")?,
                    url: need(b.url, k, "url")?,
                    src: b.src,
                    title: need(b.title, k, "title")?,
                    width: b.width,
                    height: b.height,
                }),
                "image" => super::Block::Image(super::Image {
                    src: need(b.src, k, "src")?,
                    alt: need(b.alt, k, "alt")?,
                    width: b.width,
                    height: b.height,
                    caption: b.caption,
                    sources: b.sources.unwrap_or_default(),
                    layout: b.layout,
                    link: b.link,
                }),
                "gallery" => super::Block::Gallery { images: need(b.images, k, "images")?, caption: b.caption },
                "pull_quote" => super::Block::PullQuote { inlines: need(b.inlines, k, "inlines")?, cite: b.cite },
                _ => super::Block::Unsupported,
            })
        }
    }

    impl TryFrom<Inline> for super::Inline {
        type Error = String;
        fn try_from(i: Inline) -> Result<Self, String> {
            let k = i.kind.as_str();
            Ok(match k {
                "text" => super::Inline::Text { text: need(i.text, k, "text")? },
                "emphasis" => super::Inline::Emphasis { children: need(i.children, k, "children")? },
                "strong" => super::Inline::Strong { children: need(i.children, k, "children")? },
                "code" => super::Inline::Code { text: need(i.text, k, "text")? },
                "link" => {
                    super::Inline::Link { href: need(i.href, k, "href")?, children: need(i.children, k, "children")? }
                }
                "line_break" => super::Inline::LineBreak,
                "strikethrough" => super::Inline::Strikethrough { children: need(i.children, k, "children")? },
                "superscript" => super::Inline::Superscript { children: need(i.children, k, "children")? },
                "subscript" => super::Inline::Subscript { children: need(i.children, k, "children")? },
                "keyboard" => super::Inline::Keyboard { text: need(i.text, k, "text")? },
                "footnote_ref" => {
                    super::Inline::FootnoteRef { id: need(i.id, k, "id")?, number: need(i.number, k, "number")? }
                }
                _ => super::Inline::Unsupported,
            })
        }
    }
}

impl Inline {
    pub fn text(text: impl Into<String>) -> Self {
        Inline::Text { text: text.into() }
    }
}

impl Post {
    /// The related posts to show, never the post itself, at most `n`.
    pub fn related_posts(&self, n: usize) -> impl Iterator<Item = &Summary> {
        self.related.iter().filter(move |r| r.slug != self.summary.slug).take(n)
    }
}

/// Where the newsletter call to action goes in a body: after the paragraph that ends the
/// first half, so it interrupts no argument mid-flow. `None` for bodies too short to split
/// (the call to action then follows the body).
pub fn newsletter_slot(body: &[Block]) -> Option<usize> {
    if body.len() < 3 {
        return None;
    }
    let half = body.len() / 2;
    body.iter()
        .enumerate()
        .skip(half.saturating_sub(1))
        .find(|(i, b)| matches!(b, Block::Paragraph { .. }) && i + 1 < body.len())
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para() -> Block {
        Block::Paragraph { inlines: vec![Inline::text("p")] }
    }
    fn heading() -> Block {
        Block::Heading { level: 2, id: "h".into(), inlines: vec![] }
    }

    #[test]
    fn blocks_and_inlines_round_trip_and_name_what_is_missing() {
        let body = vec![
            para(),
            heading(),
            Block::Quote { paragraphs: vec![vec![Inline::text("q")]], cite: Some("c".into()) },
            Block::List {
                ordered: true,
                items: vec![vec![Inline::Code { text: "x".into() }]],
                nested: vec![],
                tasks: vec![],
            },
            Block::Image(Image {
                src: "/a.png".into(),
                alt: "a".into(),
                width: Some(1),
                height: None,
                caption: None,
                sources: vec![ImageSource { src: "/a-640.png".into(), width: 640 }],
                layout: Some(Layout::Wide),
                link: None,
            }),
            Block::Gallery {
                images: vec![
                    Image {
                        src: "/b.png".into(),
                        alt: "b".into(),
                        width: Some(2),
                        height: Some(1),
                        caption: Some("own".into()),
                        sources: vec![],
                        layout: None,
                        link: None,
                    },
                    Image {
                        src: "/c.png".into(),
                        alt: "c".into(),
                        width: None,
                        height: None,
                        caption: None,
                        sources: vec![],
                        layout: None,
                        link: None,
                    },
                ],
                caption: Some("Both".into()),
            },
            Block::PullQuote { inlines: vec![Inline::text("Said")], cite: Some("Ada".into()) },
            Block::Paragraph {
                inlines: vec![
                    Inline::Emphasis { children: vec![Inline::text("e")] },
                    Inline::Strong { children: vec![] },
                    Inline::Link { href: "/x".into(), children: vec![Inline::text("l")] },
                    Inline::LineBreak,
                ],
            },
        ];
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(serde_json::from_str::<Vec<Block>>(&json).unwrap(), body);
        let message = |json: &str| serde_json::from_str::<Vec<Block>>(json).unwrap_err().to_string();
        assert!(message(r#"[{"type":"heading","level":2,"inlines":[]}]"#).starts_with("a heading needs the field `id`"));
        assert!(message(r#"[{"type":"paragraph","inlines":[{"type":"link","children":[]}]}]"#)
            .starts_with("a link needs the field `href`"));
        assert!(message(r#"[{"type":"paragraph","inlines":"text"}]"#).starts_with("invalid type: string"));
        // Types from a newer contract are read and skipped, with whatever fields they have.
        let newer = r#"[{"type":"chart","points":[[1,2]],"caption":"c"},{"type":"paragraph","inlines":[{"type":"math","tex":"x^2"}]}]"#;
        assert_eq!(
            serde_json::from_str::<Vec<Block>>(newer).unwrap(),
            vec![Block::Unsupported, Block::Paragraph { inlines: vec![Inline::Unsupported] }]
        );
    }

    #[test]
    fn the_call_to_action_sits_after_a_paragraph_mid_body() {
        assert_eq!(newsletter_slot(&[para(), para()]), None);
        assert_eq!(newsletter_slot(&[para(), para(), para(), para()]), Some(2));
        // Never straight after a heading, never at the very end.
        assert_eq!(newsletter_slot(&[para(), heading(), heading(), para(), para()]), Some(4));
        assert_eq!(newsletter_slot(&[heading(), heading(), heading(), para()]), None);
    }
}
