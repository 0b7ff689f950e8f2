//! Bringing a publication over from another system (`masthead-build import …`): the
//! source's posts and pages written as Markdown files with Masthead's front matter, its
//! settings as `site.toml`, and `import-report.md` saying what came over and what did not.
//!
//! Every source is hostile input: titles, excerpts and names are written as TOML strings
//! (plain text, never markup); bodies stay HTML inside the Markdown, which the build cleans
//! with its sanitizer and maps onto the contract's blocks like any raw HTML. The result is
//! loaded once as the build would load it, and what the build refuses or leaves out is in
//! the report. The same export imported twice gives the same files.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use masthead_model::text::slugify;
use masthead_model::url::is_valid_slug;

pub mod error;
pub mod ghost;
pub mod static_site;
pub mod uploads;
pub mod wordpress;
mod wordpress_body;

/// A picture as the source describes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    pub src: String,
    pub alt: String,
    pub caption: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// One post or page, in Masthead's terms.
#[derive(Clone, Debug, Default)]
pub struct Item {
    /// The source's own id, for the report.
    pub source_id: String,
    pub title: String,
    pub slug: String,
    /// RFC 3339.
    pub published: String,
    pub updated: Option<String>,
    /// When the post stops being published (RFC 3339).
    pub expires: Option<String>,
    pub standfirst: Option<String>,
    /// A category slug (posts only).
    pub category: String,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub draft: bool,
    pub featured: bool,
    pub aliases: Vec<String>,
    pub image: Option<Picture>,
    /// Markdown, with the source's HTML in it.
    pub body: String,
}

/// A person as the source describes them, for `authors/<slug>.md`.
#[derive(Clone, Debug, Default)]
pub struct Person {
    pub name: String,
    /// Markdown (plain text from the source).
    pub bio: String,
    pub avatar: Option<String>,
    pub website: Option<String>,
    pub location: Option<String>,
}

/// What came in and what went out, by kind; and every thing not carried, with why.
#[derive(Debug, Default)]
pub struct Report {
    /// kind → (in the source, written).
    pub counts: BTreeMap<&'static str, (usize, usize)>,
    /// (kind, source id, title, why) of each item not imported.
    pub left_out: Vec<(String, String, String, String)>,
    /// Constructs the source has that were changed or dropped on the way, by name, with
    /// how many times.
    pub constructs: BTreeMap<String, usize>,
    /// Other things to know, one line each.
    pub notes: Vec<String>,
    /// Each step's time in milliseconds and the process's peak memory after it.
    pub steps: Vec<(&'static str, u128, String)>,
}

impl Report {
    pub fn count(&mut self, kind: &'static str, found: usize, written: usize) {
        let entry = self.counts.entry(kind).or_default();
        entry.0 += found;
        entry.1 += written;
    }

    /// Records the time a step took since `started`, and the peak memory so far.
    pub fn step(&mut self, name: &'static str, started: std::time::Instant) {
        self.steps.push((name, started.elapsed().as_millis(), peak_memory()));
    }

    pub fn construct(&mut self, what: impl Into<String>) {
        *self.constructs.entry(what.into()).or_default() += 1;
    }
}

/// The site's settings as the source has them.
#[derive(Debug, Default)]
pub struct Settings {
    pub name: String,
    pub tagline: String,
    pub base_url: String,
    pub locale: String,
    /// (slug, name), in the source's order.
    pub categories: Vec<(String, String)>,
    /// Where the privacy notice is, if the source has one.
    pub privacy_url: Option<String>,
    /// The source's main menu: (label, address), in its order.
    pub nav: Vec<(String, String)>,
}

/// Writes what an import produced: posts under `posts/YYYY/`, pages under `pages/`, and
/// `site.toml`; then checks the folder as the build would and writes the report. Returns
/// the report's path.
pub struct Writer {
    out: PathBuf,
    slugs: HashSet<String>,
    page_slugs: HashSet<String>,
    pub report: Report,
}

/// Page addresses the site keeps for itself.
const RESERVED_PAGES: &[&str] = &["archive", "content", "index", "feed", "sitemap", "robots"];

impl Writer {
    pub fn new(out: &Path) -> std::io::Result<Writer> {
        std::fs::create_dir_all(out.join("posts"))?;
        Ok(Writer { out: out.to_owned(), slugs: HashSet::new(), page_slugs: HashSet::new(), report: Report::default() })
    }

    /// A slug that is valid and not yet taken: the source's, else one from the title,
    /// with `-2`, `-3`… after a duplicate (reported).
    fn unique(taken: &mut HashSet<String>, report: &mut Report, item: &Item, fallback: &str) -> String {
        let mut base = if is_valid_slug(&item.slug) { item.slug.clone() } else { slugify(&item.slug) };
        if !is_valid_slug(&base) {
            base = slugify(&item.title);
        }
        if !is_valid_slug(&base) {
            base = fallback.to_owned();
        }
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        if slug != base {
            report
                .notes
                .push(format!("{} {:?}: slug {base:?} was taken, so it is {slug:?}", item.source_id, item.title));
        }
        taken.insert(slug.clone());
        slug
    }

    pub fn post(&mut self, mut item: Item) -> std::io::Result<()> {
        item.slug = Self::unique(&mut self.slugs, &mut self.report, &item, &format!("post-{}", item.source_id));
        // The build refuses a cover at an address that is not http, https or a site path.
        if item.image.as_ref().is_some_and(|i| masthead_model::url::safe_image_src(&i.src).is_none()) {
            item.image = None;
            self.report.construct("featured image at an address that is not http, https or a site path (left out)");
        }
        // The post's own address is not an old one.
        let own = format!(
            "/{}/{}/{}",
            item.published.get(..4).unwrap_or("0000"),
            item.published.get(5..7).unwrap_or("01"),
            item.slug
        );
        item.aliases.retain(|a| a.trim_end_matches('/') != own);
        item.body = drop_unsafe_images(&item.body, &mut self.report);
        let year = item.published.get(..4).filter(|y| y.chars().all(|c| c.is_ascii_digit())).unwrap_or("undated");
        let file = self.out.join("posts").join(year).join(format!("{}.md", item.slug));
        write_text(&file, &(front_matter(&item, false) + &item.body))
    }

    /// `authors/<slug>.md`: the person's name, picture and website in the front matter and
    /// their bio as the body, for author pages (the build does not read this folder yet).
    pub fn author(&mut self, person: &Person) -> std::io::Result<()> {
        use toml::Value;
        let slug = slugify(&person.name);
        if slug.is_empty() {
            return Ok(());
        }
        let mut table = toml::Table::new();
        table.insert("name".into(), Value::String(person.name.clone()));
        for (key, value) in [("avatar", &person.avatar), ("website", &person.website), ("location", &person.location)] {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                let safe = key == "location" || masthead_model::url::safe_href(v).is_some();
                if safe {
                    table.insert(key.into(), Value::String(v.to_owned()));
                }
            }
        }
        let text =
            format!("+++\n{}+++\n\n{}\n", toml::to_string(&table).unwrap_or_default(), escape_markdown(&person.bio));
        write_text(&self.out.join("authors").join(format!("{slug}.md")), &text)
    }

    pub fn page(&mut self, mut item: Item) -> std::io::Result<()> {
        let mut slug = Self::unique(&mut self.page_slugs, &mut self.report, &item, &format!("page-{}", item.source_id));
        if RESERVED_PAGES.contains(&slug.as_str()) {
            let moved = format!("{slug}-page");
            self.report
                .notes
                .push(format!("page {:?}: /{slug} is the site's own address, so it is /{moved}", item.title));
            self.page_slugs.insert(moved.clone());
            slug = moved;
        }
        item.slug = slug;
        item.body = drop_unsafe_images(&item.body, &mut self.report);
        let file = self.out.join("pages").join(format!("{}.md", item.slug));
        write_text(&file, &(front_matter(&item, true) + &item.body))
    }

    /// site.toml, the check of the whole folder, and the report.
    pub fn finish(mut self, source: &str, mut settings: Settings) -> std::io::Result<(PathBuf, Report)> {
        if settings.privacy_url.is_none() {
            if let Some(slug) =
                ["privacy", "privacy-policy", "privacy-notice"].iter().find(|s| self.page_slugs.contains(**s))
            {
                settings.privacy_url = Some(format!("/{slug}"));
            }
        }
        if settings.privacy_url.is_none() {
            self.report.notes.push(
                "no privacy page came over: the newsletter's consent links to /privacy; write content/pages/privacy.md"
                    .into(),
            );
        }
        if settings.base_url.trim().is_empty() {
            settings.base_url = "https://example.com".into();
            self.report.notes.push("the export does not say the site's address: set base_url in site.toml".into());
        }
        write_text(&self.out.join("site.toml"), &site_toml(&settings))?;
        let started = std::time::Instant::now();
        let checked = crate::content::load(&self.out);
        self.report.step("the build's check of the folder", started);
        let mut text = format!("# Import report\n\nFrom {source}, into {}.\n\n", self.out.display());
        text.push_str("| kind | in the source | imported |\n| --- | --- | --- |\n");
        for (kind, (found, written)) in &self.report.counts {
            let _ = writeln!(text, "| {kind} | {found} | {written} |");
        }
        if !self.report.left_out.is_empty() {
            let _ = writeln!(text, "\n## Not imported ({})\n", self.report.left_out.len());
            for (kind, id, title, why) in &self.report.left_out {
                let _ = writeln!(text, "- {kind} {id} {}: {why}", quoted(title));
            }
        }
        if !self.report.constructs.is_empty() {
            text.push_str("\n## Changed or left out on the way\n\n");
            for (what, n) in &self.report.constructs {
                let _ = writeln!(text, "- {what}: {n}");
            }
        }
        if !self.report.notes.is_empty() {
            text.push_str("\n## Notes\n\n");
            for note in &self.report.notes {
                let _ = writeln!(text, "- {}", one_line(note));
            }
        }
        match &checked {
            Ok(publication) => {
                let _ = writeln!(
                    text,
                    "\n## The build\n\nThe folder builds: {} posts, {} pages.",
                    publication.posts.len(),
                    publication.pages.len()
                );
                if !publication.held_back.is_empty() {
                    let _ = writeln!(
                        text,
                        "\nHeld back by their errors ({}; the rest builds): fix these and build again:\n",
                        publication.held_back.len()
                    );
                    for problem in publication.held_back.iter().flat_map(|h| &h.problems) {
                        let _ = writeln!(text, "- {}", one_line(&problem.to_string()));
                    }
                }
                if !publication.warnings.is_empty() {
                    let _ = writeln!(
                        text,
                        "\nWhat the build leaves out of the imported HTML and front matter ({}):\n",
                        publication.warnings.len()
                    );
                    for w in &publication.warnings {
                        let _ = writeln!(text, "- {}", one_line(&w.to_string()));
                    }
                }
            }
            Err(errors) => {
                let _ =
                    writeln!(text, "\n## The build\n\nThe folder does not build yet; fix these ({}):\n", errors.len());
                for e in errors {
                    let _ = writeln!(text, "- {}", one_line(&e.to_string()));
                }
            }
        }
        let path = self.out.join("import-report.md");
        write_text(&path, &text)?;
        Ok((path, self.report))
    }
}

fn quoted(text: &str) -> String {
    format!("{:?}", one_line(text))
}

/// Text on one line, for a Markdown list item.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write_text(file: &Path, text: &str) -> std::io::Result<()> {
    crate::site::output::write_file(file, text.as_bytes()).map(|_| ()).map_err(|e| std::io::Error::other(e.to_string()))
}

/// The front matter, TOML between `+++` lines, then a blank line.
fn front_matter(item: &Item, page: bool) -> String {
    use toml::Value;
    let mut table = toml::Table::new();
    let text = |s: &str| Value::String(s.to_owned());
    let list = |v: &[String]| Value::Array(v.iter().map(|s| text(s)).collect());
    table.insert("title".into(), text(&item.title));
    if let Some(s) = item.standfirst.as_deref().filter(|s| !s.trim().is_empty()) {
        table.insert("standfirst".into(), text(s));
    }
    table.insert("slug".into(), text(&item.slug));
    if !page {
        table.insert("published".into(), text(&item.published));
    }
    if let Some(updated) = &item.updated {
        table.insert("updated".into(), text(updated));
    }
    if let (false, Some(expires)) = (page, &item.expires) {
        table.insert("expires".into(), text(expires));
    }
    if !page {
        table.insert("category".into(), text(&item.category));
        if !item.tags.is_empty() {
            table.insert("tags".into(), list(&item.tags));
        }
        table.insert("authors".into(), list(&item.authors));
        if item.featured {
            table.insert("featured".into(), Value::Boolean(true));
        }
        if !item.aliases.is_empty() {
            table.insert("aliases".into(), list(&item.aliases));
        }
    }
    if item.draft {
        table.insert("draft".into(), Value::Boolean(true));
    }
    if let (false, Some(image)) = (page, &item.image) {
        let mut t = toml::Table::new();
        t.insert("src".into(), text(&image.src));
        t.insert("alt".into(), text(&image.alt));
        if let Some(c) = &image.caption {
            t.insert("caption".into(), text(c));
        }
        if let (Some(w), Some(h)) = (image.width, image.height) {
            t.insert("width".into(), Value::Integer(w.into()));
            t.insert("height".into(), Value::Integer(h.into()));
        }
        table.insert("image".into(), Value::Table(t));
    }
    format!("+++\n{}+++\n\n", toml::to_string(&table).unwrap_or_default())
}

fn site_toml(s: &Settings) -> String {
    use toml::Value;
    let mut table = toml::Table::new();
    let text = |s: &str| Value::String(s.to_owned());
    table.insert("name".into(), text(if s.name.trim().is_empty() { "My publication" } else { &s.name }));
    table.insert("tagline".into(), text(&s.tagline));
    table.insert("base_url".into(), text(&s.base_url));
    table.insert("locale".into(), text(if s.locale.is_empty() { "en-US" } else { &s.locale }));
    table.insert("time_zone".into(), text("UTC"));
    let link = |label: &str, href: &str| {
        let mut t = toml::Table::new();
        t.insert("label".into(), text(label));
        t.insert("href".into(), text(href));
        Value::Table(t)
    };
    let mut nav = vec![("Home".to_owned(), "/".to_owned())];
    for (label, href) in &s.nav {
        // Only addresses the build accepts, each once; the site's own address is a path.
        let href = href.strip_prefix(s.base_url.trim_end_matches('/')).filter(|h| h.starts_with('/')).unwrap_or(href);
        let href = if href.len() > 1 { href.trim_end_matches('/') } else { href };
        if masthead_model::url::safe_href(href).is_some()
            && !label.trim().is_empty()
            && !nav.iter().any(|(_, h)| h == href)
        {
            nav.push((label.trim().to_owned(), href.to_owned()));
        }
    }
    if !nav.iter().any(|(_, h)| h == "/archive") {
        nav.push(("Archive".to_owned(), "/archive".to_owned()));
    }
    table.insert("nav".into(), Value::Array(nav.iter().map(|(l, h)| link(l, h)).collect()));
    let categories = s
        .categories
        .iter()
        .map(|(slug, name)| {
            let mut t = toml::Table::new();
            t.insert("slug".into(), text(slug));
            t.insert("name".into(), text(name));
            Value::Table(t)
        })
        .collect();
    table.insert("categories".into(), Value::Array(categories));
    let mut newsletter = toml::Table::new();
    newsletter.insert("pitch".into(), text("Get our newest stories by email."));
    newsletter.insert("privacy_url".into(), text(s.privacy_url.as_deref().unwrap_or("/privacy")));
    table.insert("newsletter".into(), Value::Table(newsletter));
    format!(
        "# Imported: check the name, the locale and the time zone; the newsletter has no provider yet\n\
         # (see the README's \"Newsletter signup\").\n{}",
        toml::to_string(&table).unwrap_or_default()
    )
}

/// The process's peak resident memory as Linux reports it (VmHWM), for the benchmarks.
pub fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().to_owned())))
        .unwrap_or_else(|| "not known here".into())
}

/// Text that shows as itself in Markdown: its punctuation escaped.
fn escape_markdown(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escape = c.is_ascii_punctuation() && c != '.' && c != ',' && c != '\'' && c != '-';
            escape.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect()
}

/// `text` with `prose` applied to each run of lines outside code (a fenced block with its
/// fences; with `indented`, also lines indented as code), the code left as written.
pub(crate) fn outside_code(text: &str, indented: bool, mut prose: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let mut fenced = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
        let code = fence || fenced || (indented && (line.starts_with("    ") || line.starts_with('\t')));
        if fence {
            fenced = !fenced;
        }
        if code {
            out.push_str(&prose(&std::mem::take(&mut run)));
            out.push_str(line);
        } else {
            run.push_str(line);
        }
    }
    out.push_str(&prose(&run));
    out
}

/// The body without `<img>` tags whose address the build refuses (anything but http, https
/// or a site path): a source's hostile or broken image is left out, and counted, so that
/// the imported folder builds. Fenced code is left as written (a code sample may show an
/// `<img>`; the build shows it as text).
fn drop_unsafe_images(body: &str, report: &mut Report) -> String {
    outside_code(body, false, |prose| drop_unsafe_images_in(prose, report))
}

fn drop_unsafe_images_in(body: &str, report: &mut Report) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.to_ascii_lowercase().find("<img") {
        out.push_str(&rest[..at]);
        // The tag's end: the first `>` outside quotes.
        let mut quote = None;
        let end = rest[at..]
            .char_indices()
            .find(|&(_, c)| match (quote, c) {
                (None, '"' | '\'') => {
                    quote = Some(c);
                    false
                }
                (Some(q), c) if c == q => {
                    quote = None;
                    false
                }
                (None, '>') => true,
                _ => false,
            })
            .map(|(i, _)| at + i + 1)
            // A quote that never closes: the tag ends at its first `>`, else at its line's end,
            // so broken HTML cannot take the rest of the post with it.
            .or_else(|| rest[at..].find('>').map(|i| at + i + 1))
            .unwrap_or_else(|| rest[at..].find('\n').map_or(rest.len(), |i| at + i));
        let tag = &rest[at..end];
        rest = &rest[end..];
        let fragment = scraper::Html::parse_fragment(tag);
        let src = fragment
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
            .find(|e| e.value().name() == "img")
            .and_then(|e| e.value().attr("src").map(str::to_owned));
        match src {
            Some(src) if masthead_model::url::safe_image_src(&src).is_none() => {
                report.construct("image at an address that is not http, https or a site path (left out)");
            }
            _ => out.push_str(tag),
        }
    }
    out.push_str(rest);
    out
}

/// An HTML fragment's text, as one line: titles, excerpts and captions are plain text in
/// Masthead, whatever markup the source stored in them.
pub fn plain_text(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    one_line(&fragment.root_element().text().collect::<String>())
}

/// The path of an old address on the source's own site, when the build can keep it as an
/// alias (letters, digits, `- _ . ~` between slashes).
pub fn old_path(url: &str, base: &str) -> Option<String> {
    let rest = url.strip_prefix(base.trim_end_matches('/')).or_else(|| {
        let after_scheme = url.split_once("://")?.1;
        after_scheme.find('/').map(|i| &after_scheme[i..])
    })?;
    let path = rest.split('#').next()?;
    if path.contains('?') {
        return None;
    }
    let path = path.trim_end_matches('/');
    let clean = path.len() > 1
        && path.starts_with('/')
        && path.split('/').skip(1).all(|seg| {
            !seg.is_empty()
                && seg != "."
                && seg != ".."
                && seg.chars().all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
        });
    clean.then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_become_clean_paths_or_nothing() {
        let base = "https://old.example";
        assert_eq!(
            old_path("https://old.example/2019/05/03/hello-world/", base).as_deref(),
            Some("/2019/05/03/hello-world")
        );
        assert_eq!(old_path("http://www.old.example/a/b", base).as_deref(), Some("/a/b"));
        assert_eq!(old_path("https://old.example/?p=12", base), None);
        assert_eq!(old_path("https://old.example/caf%C3%A9/", base), None);
        assert_eq!(old_path("https://old.example/", base), None);
    }

    #[test]
    fn images_the_build_would_refuse_are_left_out() {
        let mut report = Report::default();
        let body = "<figure><img src=\"javascript:alert(1)\" alt=\"a>b\"><figcaption>C</figcaption></figure>\n\
                    <p><IMG SRC='/ok.png' alt='ok'> and <img src=\" JaVaScRiPt:x\"></p>";
        let out = drop_unsafe_images(body, &mut report);
        assert_eq!(out, "<figure><figcaption>C</figcaption></figure>\n<p><IMG SRC='/ok.png' alt='ok'> and </p>");
        assert_eq!(report.constructs.values().sum::<usize>(), 2);
        let broken = drop_unsafe_images("<p>A <img src=\"x</p>\n\n<p>B</p>\n\n<p>C <img src='y\n\nD</p>", &mut report);
        assert!(broken.contains("<p>B</p>") && broken.ends_with("D</p>"), "the rest of the post stays: {broken}");
        // A code sample showing an <img> is left as written.
        let sample = "Before <img src=\"kitten.jpg\">.\n\n```html\n<img src=\"kitten.jpg\">\n```\n";
        assert_eq!(drop_unsafe_images(sample, &mut report), "Before .\n\n```html\n<img src=\"kitten.jpg\">\n```\n");
    }

    #[test]
    fn plain_text_is_text_whatever_the_markup() {
        assert_eq!(plain_text("Fish &amp; <em>chips</em><script>alert(1)</script>"), "Fish & chipsalert(1)");
        assert_eq!(plain_text("  a\n\n b "), "a b");
    }

    #[test]
    fn front_matter_is_toml_that_keeps_every_string_as_text() {
        let item = Item {
            source_id: "1".into(),
            title: "\"Quotes\" and \\ and +++\n<script>".into(),
            slug: "a".into(),
            published: "2024-01-02T03:04:05Z".into(),
            category: "news".into(),
            authors: vec!["A".into()],
            ..Item::default()
        };
        let text = front_matter(&item, false);
        let inner = text.strip_prefix("+++\n").and_then(|t| t.strip_suffix("+++\n\n")).unwrap();
        let back: toml::Table = toml::from_str(inner).unwrap();
        assert_eq!(back["title"].as_str(), Some(item.title.as_str()));
        assert!(!inner.lines().any(|l| l == "+++"));
    }
}
