//! Reading `content/` and writing the JSON contract under the served folder.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use masthead_model::archive::{count_by_month, facet_counts, group_by_month, sort_newest_first};
use masthead_model::related::related;
use masthead_model::text::{reading_minutes, slugify};
use masthead_model::url::{is_valid_slug, safe_href, safe_image_src};
use masthead_model::{ArchiveIndex, Image, Latest, MonthShard, Post, Site, Summary, Term, Timestamp, CONTRACT_VERSION};
use serde::Deserialize;

use crate::markdown::to_blocks;

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

fn error(file: &Path, line: Option<usize>, message: impl Into<String>) -> BuildError {
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

/// Reads and checks the whole publication; every problem found is reported, not just the first.
pub fn load(content: &Path) -> Result<Publication, Vec<BuildError>> {
    let site_file = content.join("site.toml");
    let site = load_site(&site_file).map_err(|e| vec![e])?;
    let mut files = Vec::new();
    collect_markdown(&content.join("posts"), &mut files).map_err(|e| vec![e])?;
    files.sort();

    let mut errors = Vec::new();
    let mut parsed: Vec<(PathBuf, Summary, Vec<masthead_model::Block>)> = Vec::new();
    for file in files {
        match load_post(&file, &site) {
            Ok((summary, body)) => parsed.push((file, summary, body)),
            Err(e) => errors.push(e),
        }
    }
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for (file, summary, _) in &parsed {
        if let Some(first) = seen.insert(summary.slug.clone(), file.clone()) {
            errors.push(error(file, None, format!("slug {:?} is already used by {}", summary.slug, first.display())));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut summaries: Vec<Summary> = parsed.iter().map(|(_, s, _)| s.clone()).collect();
    sort_newest_first(&mut summaries);
    let mut posts: Vec<Post> = parsed
        .into_iter()
        .map(|(_, summary, body)| {
            let related = related(&summary, &summaries, RELATED_COUNT).into_iter().cloned().collect();
            Post { contract: CONTRACT_VERSION, summary, body, related }
        })
        .collect();
    posts.sort_by(|a, b| {
        b.summary.published.cmp(&a.summary.published).then_with(|| a.summary.slug.cmp(&b.summary.slug))
    });
    Ok(Publication { site, posts })
}

fn load_site(file: &Path) -> Result<Site, BuildError> {
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
    Ok(site)
}

fn toml_error(file: &Path, text: &str, e: &toml::de::Error) -> BuildError {
    let line = e.span().map(|span| text.get(..span.start).map_or(1, |s| s.matches('\n').count() + 1));
    error(file, line, e.message().to_owned())
}

fn collect_markdown(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), BuildError> {
    let entries = fs::read_dir(dir).map_err(|e| error(dir, None, format!("cannot read folder: {e}")))?;
    for entry in entries {
        let path = entry.map_err(|e| error(dir, None, e.to_string()))?.path();
        if path.is_dir() {
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

fn load_post(file: &Path, site: &Site) -> Result<(Summary, Vec<masthead_model::Block>), BuildError> {
    let text = fs::read_to_string(file).map_err(|e| error(file, None, format!("cannot read: {e}")))?;
    let (front, body, body_line) = split_front_matter(&text).ok_or_else(|| {
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
    }
    let terms = |names: &[String]| -> Vec<Term> {
        names.iter().map(|n| Term { slug: slugify(n), name: n.trim().to_owned() }).collect()
    };
    let body = to_blocks(body).map_err(|e| error(file, Some(body_line + e.line - 1), e.message))?;
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
    Ok((summary, body))
}

/// Writes the contract into `out`: built in a sibling folder first and swapped in whole,
/// so a failed build never leaves half-written output.
pub fn write(publication: &Publication, out: &Path) -> Result<usize, BuildError> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| error(parent, None, e.to_string()))?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "content".into());
    let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
    let result = write_all(publication, &staging);
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if out.exists() {
        fs::rename(out, &old).map_err(|e| error(out, None, e.to_string()))?;
    }
    fs::rename(&staging, out).map_err(|e| error(out, None, e.to_string()))?;
    let _ = fs::remove_dir_all(&old);
    result
}

fn write_all(publication: &Publication, dir: &Path) -> Result<usize, BuildError> {
    let mut files = 0;
    let mut put = |rel: &str, value: &dyn erased::Json| -> Result<(), BuildError> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| error(parent, None, e.to_string()))?;
        }
        fs::write(&path, value.to_json()).map_err(|e| error(&path, None, e.to_string()))?;
        files += 1;
        Ok(())
    };
    let summaries: Vec<Summary> = publication.posts.iter().map(|p| p.summary.clone()).collect();
    put("site.json", &publication.site)?;
    let latest = Latest { contract: CONTRACT_VERSION, posts: summaries.iter().take(LATEST_COUNT).cloned().collect() };
    put("latest.json", &latest)?;
    let index = ArchiveIndex {
        contract: CONTRACT_VERSION,
        total: u32::try_from(summaries.len()).unwrap_or(u32::MAX),
        months: count_by_month(&summaries),
        categories: facet_counts(&summaries, |p| vec![&p.category]),
        tags: facet_counts(&summaries, |p| p.tags.iter().collect()),
        authors: facet_counts(&summaries, |p| p.authors.iter().collect()),
    };
    put("archive/index.json", &index)?;
    for (month, posts) in group_by_month(&summaries) {
        put(&format!("archive/{}", month.shard_file()), &MonthShard { contract: CONTRACT_VERSION, month, posts })?;
    }
    for post in &publication.posts {
        put(&format!("posts/{}.json", post.summary.slug), post)?;
    }
    Ok(files)
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
