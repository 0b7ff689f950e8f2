//! One post file: its front matter, checked, and its body converted to blocks.

use std::fs;
use std::path::{Path, PathBuf};

use masthead_model::text::{reading_minutes, slugify};
use masthead_model::url::{is_valid_slug, safe_image_src};
use masthead_model::{Image, Site, Summary, Term, Timestamp};
use serde::Deserialize;

use super::load::toml_error;
use super::{error, BuildError};
use crate::markdown::convert;

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

pub(super) fn load_post(file: &Path, site: &Site) -> Result<Parsed, BuildError> {
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
