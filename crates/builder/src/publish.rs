//! Reading `content/` and writing the JSON contract under the served folder.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use erased::Json as _;
use masthead_model::archive::{count_by_month, facet_counts, group_by_month};
use masthead_model::related::related_all;
use masthead_model::text::{reading_minutes, slugify};
use masthead_model::url::{article_slug, is_valid_slug, safe_href, safe_image_src};
use masthead_model::{ArchiveIndex, Image, Latest, MonthShard, Post, Site, Summary, Term, Timestamp, CONTRACT_VERSION};
use serde::Deserialize;

use crate::markdown::convert;
use crate::output::{Changes, Known, LoadChanges, Memo, Source, Writer, Written};

/// How many posts `latest.json` carries (front page and Recent Posts).
pub const LATEST_COUNT: usize = 12;
/// How many related posts each article offers.
pub const RELATED_COUNT: usize = 3;

/// A problem in the content, named by file and, where there is one, line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

pub(crate) fn error(file: &Path, line: Option<usize>, message: impl Into<String>) -> BuildError {
    BuildError { file: file.to_owned(), line, message: message.into() }
}

/// Everything read from `content/`, checked and ready to write.
#[derive(Debug)]
pub struct Publication {
    pub site: Site,
    /// Newest first.
    pub posts: Vec<Post>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    standfirst: String,
    published: String,
    #[serde(default)]
    updated: Option<String>,
    category: String,
    #[serde(default)]
    tags: Vec<String>,
    authors: Vec<String>,
    #[serde(default)]
    image: Option<Image>,
    #[serde(default)]
    slug: Option<String>,
}

/// A file's mtime and length, which tell whether it must be read again.
type Stamp = (std::time::SystemTime, u64);

/// Reads and checks the whole publication; every problem found is reported, not just the first.
pub fn load(content: &Path) -> Result<Publication, Vec<BuildError>> {
    load_with(content, &mut Memo::default())
}

/// [`load`], reading again only the post files whose mtime or length changed since the
/// load that filled `memo` (every file, when the site's settings changed).
pub fn load_with(content: &Path, memo: &mut Memo) -> Result<Publication, Vec<BuildError>> {
    let site_file = content.join("site.toml");
    let site = load_site(&site_file).map_err(|e| vec![e])?;
    let mut files = Vec::new();
    collect_markdown(&content.join("posts"), &mut files).map_err(|e| vec![e])?;
    files.sort();
    if memo.sources_site.as_ref() != Some(&site) {
        memo.sources.clear();
        memo.sources_site = Some(site.clone());
    }
    let stamp = |file: &Path| fs::metadata(file).ok().and_then(|m| Some((m.modified().ok()?, m.len())));
    // Which files changed: a stat of each, spread over the cores.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let sources = &memo.sources;
    let todo: Vec<&PathBuf> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(files.len().div_ceil(threads).max(1))
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .filter(|file| match (sources.get(*file), stamp(file)) {
                            (Some(known), Some((modified, len))) => known.modified != modified || known.len != len,
                            _ => true,
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });

    // Reading and converting posts is independent work: spread it over the cores.
    let chunk = todo.len().div_ceil(threads).max(1);
    let results: Vec<(PathBuf, Option<Stamp>, Result<Parsed, BuildError>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = todo
            .chunks(chunk)
            .map(|part| {
                let site = &site;
                scope.spawn(move || {
                    part.iter()
                        .map(|file| {
                            // The stamp before the read: a save during it is read again next time.
                            let stamped = stamp(file);
                            ((*file).clone(), stamped, load_post(file, site))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join().unwrap_or_else(|_| {
                    vec![(
                        content.to_owned(),
                        None,
                        Err(error(content, None, "a worker thread failed while reading posts")),
                    )]
                })
            })
            .collect()
    });
    for (file, stamped, parsed) in results {
        memo.dirty.insert(file.clone());
        match stamped {
            Some((modified, len)) => {
                memo.sources.insert(file, Source { modified, len, parsed });
            }
            None => {
                memo.sources.remove(&file);
                let message =
                    parsed.err().map_or_else(|| "the file changed while it was read".to_owned(), |e| e.message);
                return Err(vec![error(&file, None, message)]);
            }
        }
    }
    let listed: std::collections::HashSet<&PathBuf> = files.iter().collect();
    memo.sources.retain(|file, _| listed.contains(file));

    let mut errors = Vec::new();
    let mut parsed: Vec<&Parsed> = Vec::with_capacity(files.len());
    for file in &files {
        match memo.sources.get(file).map(|s| &s.parsed) {
            Some(Ok(post)) => parsed.push(post),
            Some(Err(e)) => errors.push(e.clone()),
            None => errors.push(error(file, None, "the file could not be read")),
        }
    }
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for post in &parsed {
        if let Some(first) = seen.insert(&post.summary.slug, &post.file) {
            let message = format!("slug {:?} is already used by {}", post.summary.slug, first.display());
            errors.push(error(&post.file, None, message));
        }
    }
    // Links to articles must lead to one, at its real address.
    let permalinks: HashMap<&str, String> =
        parsed.iter().map(|p| (p.summary.slug.as_str(), p.summary.permalink())).collect();
    for post in &parsed {
        for (line, href) in &post.links {
            let path = href.split(['#', '?']).next().unwrap_or(href);
            let Some(slug) = article_slug(path) else { continue };
            let problem = match permalinks.get(slug) {
                Some(real) if real == path.trim_end_matches('/') => continue,
                Some(real) => format!("link to {href}: that post is at {real}"),
                None => format!("link to {href}: no post has that address"),
            };
            errors.push(error(&post.file, Some(*line), problem));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    parsed.sort_by(|a, b| masthead_model::archive::newest_first_order(&a.summary, &b.summary));
    let summaries: Vec<Summary> = parsed.iter().map(|p| p.summary.clone()).collect();
    // The choice depends on each post's slug, tags, category and authors, in order: when
    // none of those changed, it is the last one.
    let keys: Vec<u64> = summaries.iter().map(relation_key).collect();
    let related = match memo.related.take() {
        Some((known, related)) if known == keys => related,
        _ => related_all(&summaries, RELATED_COUNT),
    };
    memo.related = Some((keys, related.clone()));

    // Each post as the last build wrote it, where its file was not read again since and
    // its related posts are the same; else made anew. What differs is noted for the writer.
    memo.loads += 1;
    let mut previous = std::mem::take(&mut memo.previous);
    let mut summaries_same = previous.len() == parsed.len();
    let mut fresh = std::collections::HashSet::new();
    let posts: Vec<Post> = parsed
        .into_iter()
        .zip(related)
        .map(|(p, related)| {
            let slug = &p.summary.slug;
            let related_now = || related.iter().filter_map(|&j| summaries.get(j));
            match previous.remove(slug) {
                Some(mut post) if !memo.dirty.contains(&p.file) => {
                    if !post.related.iter().eq(related_now()) {
                        post.related = related_now().cloned().collect();
                        fresh.insert(slug.clone());
                    }
                    post
                }
                old => {
                    let post = Post {
                        contract: CONTRACT_VERSION,
                        summary: p.summary.clone(),
                        body: p.body.clone(),
                        related: related_now().cloned().collect(),
                    };
                    if old.as_ref() != Some(&post) {
                        summaries_same &= old.is_some_and(|old| old.summary == post.summary);
                        fresh.insert(slug.clone());
                    }
                    post
                }
            }
        })
        .collect();
    memo.changes = Some(LoadChanges { load: memo.loads, since: memo.previous_load, fresh, summaries_same });
    // What is left of the last build's posts was removed.
    std::thread::spawn(move || drop(previous));
    Ok(Publication { site, posts })
}

/// What of a post the related-posts choice reads.
fn relation_key(s: &Summary) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    s.slug.hash(&mut h);
    s.category.slug.hash(&mut h);
    for t in &s.tags {
        t.slug.hash(&mut h);
    }
    0xffu8.hash(&mut h);
    for a in &s.authors {
        a.slug.hash(&mut h);
    }
    h.finish()
}

pub(crate) fn load_site(file: &Path) -> Result<Site, BuildError> {
    let text = fs::read_to_string(file).map_err(|e| error(file, None, format!("cannot read: {e}")))?;
    let mut table: toml::Table = toml::from_str(&text).map_err(|e| toml_error(file, &text, &e))?;
    table.insert("contract".into(), toml::Value::Integer(i64::from(CONTRACT_VERSION)));
    let site: Site =
        toml::Value::Table(table).try_into().map_err(|e: toml::de::Error| error(file, None, e.message().to_owned()))?;
    for link in &site.nav {
        if safe_href(&link.href).is_none() {
            return Err(error(
                file,
                None,
                format!("nav link {:?} must be http, https, mailto or start with /", link.href),
            ));
        }
    }
    if safe_href(&site.newsletter.privacy_url).is_none() {
        return Err(error(file, None, "newsletter.privacy_url must be http, https or start with /"));
    }
    if let Some(provider) = &site.newsletter.provider {
        provider.check().map_err(|message| error(file, None, message))?;
    }
    let mut topic_ids: Vec<&str> = site.newsletter.topics.iter().map(|t| t.id.as_str()).collect();
    topic_ids.sort_unstable();
    if let Some(twice) = topic_ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(error(file, None, format!("newsletter topic {:?} is defined twice", twice[0])));
    }
    Ok(site)
}

fn toml_error(file: &Path, text: &str, e: &toml::de::Error) -> BuildError {
    let line = e.span().map(|span| text.get(..span.start).map_or(1, |s| s.matches('\n').count() + 1));
    error(file, line, e.message().to_owned())
}

fn collect_markdown(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), BuildError> {
    let entries = fs::read_dir(dir).map_err(|e| error(dir, None, format!("cannot read folder: {e}")))?;
    for entry in entries {
        let entry = entry.map_err(|e| error(dir, None, e.to_string()))?;
        let path = entry.path();
        // The folder listing says what each entry is (no stat), except for a link.
        let is_dir = match entry.file_type() {
            Ok(kind) if !kind.is_symlink() => kind.is_dir(),
            _ => path.is_dir(),
        };
        if is_dir {
            collect_markdown(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

/// Splits `+++` TOML front matter from the body; returns (front matter, body, body's first line).
fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix("\u{feff}").unwrap_or(text);
    let rest = rest.strip_prefix("+++\n").or_else(|| rest.strip_prefix("+++\r\n"))?;
    let end = rest.find("\n+++")?;
    let front = rest.get(..end)?;
    let after = rest.get(end + 4..)?;
    let body = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n')).unwrap_or(after);
    let body_line = front.matches('\n').count() + 4;
    Some((front, body, body_line))
}

/// One post as read from its Markdown file.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub file: PathBuf,
    pub summary: Summary,
    pub body: Vec<masthead_model::Block>,
    /// Site paths the body links to, with their lines (checked once every post is read).
    pub links: Vec<(usize, String)>,
}

fn load_post(file: &Path, site: &Site) -> Result<Parsed, BuildError> {
    let text = fs::read_to_string(file).map_err(|e| error(file, None, format!("cannot read: {e}")))?;
    parse_post(file, &text, site)
}

/// Reads one post: the front matter, checked, and the body converted to blocks. `file`
/// names it in messages.
pub fn parse_post(file: &Path, text: &str, site: &Site) -> Result<Parsed, BuildError> {
    let (front, body, body_line) = split_front_matter(text).ok_or_else(|| {
        error(file, Some(1), "front matter missing: start the file with +++, the TOML fields, then +++")
    })?;
    let mut table: toml::Table = toml::from_str(front).map_err(|e| {
        let mut err = toml_error(file, front, &e);
        err.line = err.line.map(|l| l + 1);
        err
    })?;
    // TOML dates may be written bare (published = 2024-07-03T09:30:00Z) or quoted.
    for key in ["published", "updated"] {
        if let Some(toml::Value::Datetime(dt)) = table.get(key) {
            let text = dt.to_string();
            table.insert(key.into(), toml::Value::String(text));
        }
    }
    let fm: FrontMatter = toml::Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| error(file, Some(1), format!("front matter: {}", e.message())))?;

    let at = |message: String| error(file, Some(1), message);
    let published = Timestamp::parse(&fm.published).map_err(|m| at(format!("published: {m}")))?;
    let updated = fm.updated.as_deref().map(Timestamp::parse).transpose().map_err(|m| at(format!("updated: {m}")))?;
    if fm.title.trim().is_empty() {
        return Err(at("title is empty".into()));
    }
    if fm.standfirst.trim().is_empty() {
        return Err(at("standfirst is empty".into()));
    }
    let slug = fm.slug.unwrap_or_else(|| slugify(&fm.title));
    if !is_valid_slug(&slug) {
        return Err(at(format!("slug {slug:?} must be lowercase letters, digits and single hyphens")));
    }
    let category =
        site.categories.iter().find(|c| c.slug == fm.category || c.name == fm.category).cloned().ok_or_else(|| {
            let known: Vec<&str> = site.categories.iter().map(|c| c.slug.as_str()).collect();
            at(format!("unknown category {:?}; site.toml defines: {}", fm.category, known.join(", ")))
        })?;
    if fm.authors.is_empty() {
        return Err(at("authors is empty: name at least one".into()));
    }
    if let Some(image) = &fm.image {
        if image.alt.trim().is_empty() {
            return Err(at(format!("image {:?} has no alt text", image.src)));
        }
        if safe_image_src(&image.src).is_none() {
            return Err(at(format!("image {:?} must be http, https or start with /", image.src)));
        }
        for source in &image.sources {
            if safe_image_src(&source.src).is_none() || source.width == 0 {
                return Err(at(format!(
                    "image source {:?} must be http, https or start with /, with a width above 0",
                    source.src
                )));
            }
        }
    }
    // Tags and authors by slug, each once, in the order written.
    let terms = |names: &[String]| -> Vec<Term> {
        let mut terms: Vec<Term> = Vec::with_capacity(names.len());
        for name in names {
            let term = Term { slug: slugify(name), name: name.trim().to_owned() };
            if !term.slug.is_empty() && !terms.iter().any(|t| t.slug == term.slug) {
                terms.push(term);
            }
        }
        terms
    };
    let converted = convert(body).map_err(|e| error(file, Some(body_line + e.line - 1), e.message))?;
    let body = converted.blocks;
    let links = converted.links.into_iter().map(|(line, href)| (body_line + line - 1, href)).collect();
    let summary = Summary {
        slug,
        title: fm.title.trim().to_owned(),
        standfirst: fm.standfirst.trim().to_owned(),
        published,
        updated,
        category,
        tags: terms(&fm.tags),
        authors: terms(&fm.authors),
        image: fm.image,
        reading_minutes: reading_minutes(&body),
    };
    Ok(Parsed { file: file.to_owned(), summary, body, links })
}

/// Writes the contract into `out`, every file only if its bytes changed, and removes the
/// files an earlier build left there that this one does not make. Returns how many files
/// the contract has, besides the archive explorer's.
pub fn write(publication: &Publication, out: &Path) -> Result<usize, BuildError> {
    let memo = &mut Memo::default();
    let before = memo.outputs.remove(out).unwrap_or_default();
    let writer = Writer::new(out, &before);
    write_json(publication, &writer, "", &Known::default())?;
    let (_, files) = writer.finish(&[""]);
    Ok(files.keys().filter(|rel| !in_explorer_folder(rel)).count())
}

/// Whether a file of the contract is one of the archive explorer's (`archive/x<hash>/…`),
/// which the counts of contract files leave out.
fn in_explorer_folder(rel: &str) -> bool {
    rel.trim_start_matches("content/").strip_prefix("archive/x").is_some_and(|rest| rest.contains('/'))
}

/// The JSON contract, under `prefix` in the writer's folder. Returns the files made from
/// the summaries alone (see [`Written::summary_files`]).
fn write_json(publication: &Publication, out: &Writer, prefix: &str, known: &Known) -> Result<Vec<String>, BuildError> {
    let put = |rel: &str, value: &dyn erased::Json| out.put(&format!("{prefix}{rel}"), &value.to_json());
    put("site.json", &publication.site)?;
    let before = out.before();
    let mine = || before.summary_files.iter().filter(|rel| rel.starts_with(prefix));
    let kept = known.summaries_same && mine().next().is_some() && mine().all(|rel| out.keep(rel));
    let mut summary_files = Vec::new();
    if kept {
        summary_files.extend(mine().cloned());
    } else {
        let mut put_listed = |rel: String, value: &dyn erased::Json| {
            let rel = format!("{prefix}{rel}");
            out.put(&rel, &value.to_json())?;
            summary_files.push(rel);
            Ok::<(), BuildError>(())
        };
        let summaries: Vec<Summary> = publication.posts.iter().map(|p| p.summary.clone()).collect();
        let latest =
            Latest { contract: CONTRACT_VERSION, posts: summaries.iter().take(LATEST_COUNT).cloned().collect() };
        put_listed("latest.json".into(), &latest)?;
        let (explorer, explorer_files) = write_explorer(&summaries, out, prefix)?;
        let index = ArchiveIndex {
            contract: CONTRACT_VERSION,
            total: u32::try_from(summaries.len()).unwrap_or(u32::MAX),
            months: count_by_month(&summaries),
            categories: facet_counts(&summaries, |p| vec![&p.category]),
            tags: facet_counts(&summaries, |p| p.tags.iter().collect()),
            authors: facet_counts(&summaries, |p| p.authors.iter().collect()),
            explorer: Some(explorer),
        };
        put_listed("archive/index.json".into(), &index)?;
        for (month, posts) in group_by_month(&summaries) {
            let shard = MonthShard { contract: CONTRACT_VERSION, month, posts };
            put_listed(format!("archive/{}", month.shard_file()), &shard)?;
        }
        summary_files.extend(explorer_files);
    }
    in_parallel(&publication.posts, |post| {
        let rel = format!("{prefix}posts/{}.json", post.summary.slug);
        if known.post_unchanged(&post.summary.slug) && out.keep(&rel) {
            return Ok(());
        }
        out.put(&rel, &post.to_json())
    })?;
    Ok(summary_files)
}

/// The archive explorer's files and their names, as written.
type ExplorerOut = (masthead_model::ExplorerFiles, Vec<String>);

/// Posts per archive list file: one unfiltered page of the archive is one file.
pub const LIST_SIZE: usize = masthead_model::query::PAGE_SIZE;

/// The archive explorer's files (catalogue, list files, search shards), in a folder named
/// after their content so a reader never mixes two builds; returns the index that points
/// at them.
fn write_explorer(summaries: &[Summary], out: &Writer, prefix: &str) -> Result<ExplorerOut, BuildError> {
    use masthead_model::explorer::{list_files, newest_first, Explorer};
    let sorted = newest_first(summaries);
    let search = masthead_model::search::build_index(sorted.iter().copied());
    let mut files: Vec<(String, Vec<u8>)> =
        vec![("catalogue.json".into(), Explorer::from_posts(summaries).to_file().to_json())];
    files.extend(
        list_files(&sorted, LIST_SIZE).iter().enumerate().map(|(i, f)| (format!("list-{i}.json"), f.to_json())),
    );
    files.extend(search.shards.iter().enumerate().map(|(i, s)| (format!("search-{i}.json"), s.to_json())));
    // FNV-1a over every file: the folder's name changes whenever any of them does.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in files.iter().flat_map(|(name, bytes)| name.as_bytes().iter().chain(bytes)) {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let folder = format!("archive/x{hash:016x}");
    in_parallel(&files, |(name, bytes)| out.put(&format!("{prefix}{folder}/{name}"), bytes))?;
    let written = files.iter().map(|(name, _)| format!("{prefix}{folder}/{name}")).collect();
    Ok((
        masthead_model::ExplorerFiles { dir: folder, list_size: LIST_SIZE as u32, search: search.first_words },
        written,
    ))
}

/// Runs `work` on every item, spread over the machine's cores; the first error wins.
pub(crate) fn in_parallel<T: Sync>(
    items: &[T],
    work: impl Fn(&T) -> Result<(), BuildError> + Sync,
) -> Result<(), BuildError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items.chunks(chunk).map(|part| scope.spawn(|| part.iter().try_for_each(&work))).collect();
        workers.into_iter().try_for_each(|w| {
            w.join().unwrap_or_else(|_| Err(error(Path::new("."), None, "a worker thread failed while writing")))
        })
    })
}

/// Serialising any contract file through one closure.
mod erased {
    pub trait Json {
        fn to_json(&self) -> Vec<u8>;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> Vec<u8> {
            serde_json::to_vec(self).unwrap_or_default()
        }
    }
}

/// Loads `content` and writes the contract into `out`; returns how many files were written.
pub fn build(content: &Path, out: &Path) -> Result<(Publication, usize), Vec<BuildError>> {
    let publication = load(content)?;
    let files = write(&publication, out).map_err(|e| vec![e])?;
    Ok((publication, files))
}

/// What `write_site` made.
#[derive(Debug, Default)]
pub struct SiteReport {
    /// Posts in the publication.
    pub posts: usize,
    pub json_files: usize,
    pub pages: usize,
    pub other_files: usize,
    /// What happened on disk: files written, left as they were, removed.
    pub changes: Changes,
    /// Milliseconds spent reading the content and writing the site.
    pub read_ms: u128,
    pub total_ms: u128,
}

impl SiteReport {
    /// One line for the terminal.
    pub fn summary(&self, dist: &Path) -> String {
        format!(
            "built {} posts into {}: {} JSON files, {} article pages, {} feeds and sitemap files; \
             {} written, {} unchanged, {} removed in {} ms (read {} ms)",
            self.posts,
            dist.display(),
            self.json_files,
            self.pages,
            self.other_files,
            self.changes.written,
            self.changes.unchanged,
            self.changes.removed,
            self.total_ms,
            self.read_ms
        )
    }
}

/// Reads `content` and writes the site into `dist` ([`load_with`], [`write_site_with`]):
/// with a memo from an earlier build of the same folders, only what changed is read and
/// made again.
pub fn build_site(
    content: &Path,
    dist: &Path,
    explorer: Option<&Path>,
    memo: &mut Memo,
) -> Result<SiteReport, Vec<BuildError>> {
    let started = std::time::Instant::now();
    let publication = load_with(content, memo)?;
    let read_ms = started.elapsed().as_millis();
    let mut report = write_site_owned(publication, dist, explorer, memo).map_err(|e| vec![e])?;
    report.read_ms = read_ms;
    report.total_ms = started.elapsed().as_millis();
    Ok(report)
}

/// [`write_site_with`] with nothing remembered: files already in `dist` are compared
/// before they are replaced.
pub fn write_site(publication: &Publication, dist: &Path, explorer: Option<&Path>) -> Result<SiteReport, BuildError> {
    write_site_with(publication, dist, explorer, &mut Memo::default())
}

/// Everything the site serves, into `dist`: the JSON contract under `content/`, the RSS,
/// Atom and JSON feeds, the sitemap and robots.txt, and, when `dist/index.html` is there
/// (after the release build), one page per article at its permalink and the deploy files.
/// `explorer` is the build of the archive page's bundle (see [`explorer_template`]).
/// Files are written only when their bytes change; what the memo's last build of `dist`
/// wrote and this one does not is removed, as is anything in `dist/content/` no build made.
pub fn write_site_with(
    publication: &Publication,
    dist: &Path,
    explorer: Option<&Path>,
    memo: &mut Memo,
) -> Result<SiteReport, BuildError> {
    // Nothing says this publication is the memo's last load: every file is made, and
    // compared with what was written.
    let (report, written) = write_site_inner(publication, dist, explorer, memo, false)?;
    memo.previous.clear();
    memo.previous_load = 0;
    memo.outputs.insert(dist.to_owned(), written);
    Ok(report)
}

/// [`write_site_with`] for the publication of the memo's last load: the posts that load
/// found unchanged keep their files without being made again, and the publication is
/// kept in the memo for the next load.
fn write_site_owned(
    publication: Publication,
    dist: &Path,
    explorer: Option<&Path>,
    memo: &mut Memo,
) -> Result<SiteReport, BuildError> {
    let (report, written) = write_site_inner(&publication, dist, explorer, memo, true)?;
    memo.outputs.insert(dist.to_owned(), written);
    memo.previous = publication.posts.into_iter().map(|p| (p.summary.slug.clone(), p)).collect();
    memo.previous_load = memo.loads;
    memo.dirty.clear();
    Ok(report)
}

/// Writes the site; returns the report and the record of what was written. With
/// `from_last_load`, what the memo's last load found unchanged since the build that wrote
/// `dist` is taken as known. After a failed write the memo holds nothing for `dist`, so
/// the next build compares every file with the disk.
fn write_site_inner(
    publication: &Publication,
    dist: &Path,
    explorer: Option<&Path>,
    memo: &mut Memo,
    from_last_load: bool,
) -> Result<(SiteReport, Written), BuildError> {
    let before = memo.outputs.remove(dist).unwrap_or_default();
    let changes = memo
        .changes
        .as_ref()
        .filter(|c| from_last_load && c.load == memo.loads && before.load != 0 && before.load == c.since);
    let known = Known {
        fresh: changes.map(|c| &c.fresh),
        summaries_same: changes.is_some_and(|c| c.summaries_same) && before.site.as_ref() == Some(&publication.site),
    };
    let out = Writer::new(dist, &before);
    let (mut report, template, summary_files) = write_site_files(publication, dist, explorer, &out, &known)?;
    let (changes, files) = out.finish(&["content"]);
    report.changes = changes;
    report.posts = publication.posts.len();
    report.json_files = files.keys().filter(|rel| rel.starts_with("content/") && !in_explorer_folder(rel)).count();
    let written = Written {
        files,
        site: Some(publication.site.clone()),
        template,
        summary_files,
        load: if from_last_load { memo.loads } else { 0 },
    };
    // The last build's record can be large: freed beside the next step.
    std::thread::spawn(move || drop(before));
    Ok((report, written))
}

fn write_site_files(
    publication: &Publication,
    dist: &Path,
    explorer: Option<&Path>,
    out: &Writer,
    known: &Known,
) -> Result<(SiteReport, Option<String>, Vec<String>), BuildError> {
    use crate::feeds;
    let mut summary_files = write_json(publication, out, "content/", known)?;
    let mut report = SiteReport::default();
    let put = |rel: &str, text: &str| out.put(rel, text.as_bytes());
    let (site, posts) = (&publication.site, &publication.posts);
    put(feeds::RSS_PATH, &feeds::rss(site, posts))?;
    put(feeds::ATOM_PATH, &feeds::atom(site, posts))?;
    put(feeds::JSON_FEED_PATH, &feeds::json_feed(site, posts))?;
    // The sitemap lists every post: made again only when a summary changed.
    let before = out.before();
    let sitemap_files: Vec<&String> = before.summary_files.iter().filter(|rel| !rel.starts_with("content/")).collect();
    if known.summaries_same && !sitemap_files.is_empty() && sitemap_files.iter().all(|rel| out.keep(rel)) {
        summary_files.extend(sitemap_files.into_iter().cloned());
    } else {
        let months: Vec<String> = count_by_month(&posts.iter().map(|p| p.summary.clone()).collect::<Vec<_>>())
            .iter()
            .map(|m| m.month.path())
            .collect();
        for (name, text) in &feeds::sitemaps(site, posts, &months) {
            put(name, text)?;
            summary_files.push(name.trim_start_matches('/').to_owned());
        }
    }
    put("robots.txt", &feeds::robots(site))?;
    report.other_files = 4 + summary_files.iter().filter(|rel| !rel.starts_with("content/")).count();

    let index = dist.join("index.html");
    if !index.exists() {
        return Ok((report, None, summary_files));
    }
    let template = fs::read_to_string(&index).map_err(|e| error(&index, None, e.to_string()))?;
    crate::pages::check_template(&template).map_err(|m| error(&index, None, m))?;
    let archive = explorer_template(dist, explorer)?;
    let template = write_deploy_files(site, posts, dist, &template, archive.as_deref(), out)?;
    // A post unchanged since the last build, on the same site and template, has the same page.
    let same_frame = before.site.as_ref() == Some(site) && before.template.as_ref() == Some(&template);
    in_parallel(posts, |post| {
        let rel = format!("{}/index.html", post.summary.permalink().trim_start_matches('/'));
        if same_frame && known.post_unchanged(&post.summary.slug) && out.keep(&rel) {
            return Ok(());
        }
        out.put(&rel, crate::pages::article_page(&template, site, post).as_bytes())
    })?;
    report.pages = posts.len();
    Ok((report, Some(template), summary_files))
}

/// The archive page's bundle leaves the reader's smaller: the release build makes it
/// separately (`trunk build --features explorer`, see the Makefile) and `explorer` names
/// that build's folder, whose index.html becomes the archive page and whose hashed files
/// are copied beside the reader's. Without it, the archive page of an earlier run in
/// `dist` (or copied there) is used again; with neither, the site has no archive page.
fn explorer_template(dist: &Path, explorer: Option<&Path>) -> Result<Option<String>, BuildError> {
    let read = |path: &Path| fs::read_to_string(path).map_err(|e| error(path, None, e.to_string()));
    let Some(dir) = explorer else {
        let page = dist.join(ARCHIVE_PAGE);
        return if page.exists() { read(&page).map(Some) } else { Ok(None) };
    };
    let index = dir.join("index.html");
    let html = read(&index)?;
    crate::pages::check_template(&html).map_err(|m| error(&index, None, m))?;
    for entry in fs::read_dir(dir).map_err(|e| error(dir, None, e.to_string()))? {
        let Some(name) = entry.ok().and_then(|e| e.file_name().into_string().ok()) else { continue };
        let target = dist.join(&name);
        if crate::deploy::is_hashed_asset(&name) && !target.exists() {
            fs::copy(dir.join(&name), &target).map_err(|e| error(&target, None, e.to_string()))?;
        }
    }
    Ok(Some(html))
}

/// Where the archive page goes in the served folder.
const ARCHIVE_PAGE: &str = "archive/index.html";

/// The policy in index.html (for hosts without custom headers), `404.html`, the archive
/// page, `_headers` and `_redirects`. Returns index.html as rewritten, the template of the
/// article pages.
fn write_deploy_files(
    site: &Site,
    posts: &[Post],
    dist: &Path,
    index_html: &str,
    archive_html: Option<&str>,
    out: &Writer,
) -> Result<String, BuildError> {
    use crate::deploy::{self, PolicyFor};
    let put = |name: &str, text: &str| out.put(name, text.as_bytes());
    let base = masthead_model::url::base_path(&site.base_url);
    let index_html = deploy::with_base(index_html, &base);
    let archive_html = archive_html.map(|html| deploy::with_base(&crate::pages::archive_page(html, site), &base));
    // One policy for every page: it allows the loader of either bundle.
    let mut hashes = deploy::inline_script_hashes(&index_html);
    for hash in archive_html.as_deref().map(deploy::inline_script_hashes).unwrap_or_default() {
        if !hashes.contains(&hash) {
            hashes.push(hash);
        }
    }
    let meta_policy = deploy::content_security_policy(site, &hashes, PolicyFor::Meta);
    let html = deploy::with_csp_meta(&index_html, &meta_policy);
    put("index.html", &html)?;
    put("404.html", &html)?;
    if let Some(archive_html) = &archive_html {
        put(ARCHIVE_PAGE, &deploy::with_csp_meta(archive_html, &meta_policy))?;
    }
    let mut assets: Vec<String> = fs::read_dir(dist)
        .map_err(|e| error(dist, None, e.to_string()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| deploy::is_hashed_asset(name))
        .collect();
    assets.sort();
    let mut years: Vec<String> = posts.iter().map(|p| p.summary.published.year().to_string()).collect();
    years.sort();
    years.dedup();
    let policy = deploy::content_security_policy(site, &hashes, PolicyFor::Header);
    let mut page_roots = years;
    if archive_html.is_some() {
        page_roots.push("archive".to_owned());
    }
    put("_headers", &deploy::headers_file(&policy, &assets, &page_roots, &base))?;
    put("_redirects", &deploy::redirects_file(&base))?;
    Ok(html)
}
