//! One post file: its front matter, checked, and its body converted to blocks.

use std::fs;
use std::path::{Path, PathBuf};

use masthead_model::text::{reading_minutes, slugify};
use masthead_model::url::{is_valid_slug, safe_image_src};
use masthead_model::{Image, Site, Summary, Term, Timestamp};
use serde::Deserialize;

use super::front_matter::{front_matter, split_front_matter, FIELDS};
use crate::content::body::markdown::convert_with;
use crate::diagnostic::{error, BuildError};

#[derive(Deserialize)]
struct FrontMatter {
    title: String,
    #[serde(default)]
    standfirst: Option<String>,
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
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    expires: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    featured: bool,
    #[serde(default)]
    corrections: Vec<CorrectionField>,
    #[serde(default)]
    series: Option<String>,
    #[serde(default)]
    series_part: Option<u32>,
}

/// `[[corrections]]`: `date` and `text`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorrectionField {
    date: String,
    text: String,
}

/// One post as read from its Markdown file.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub file: PathBuf,
    pub summary: Summary,
    pub body: Vec<masthead_model::Block>,
    /// Site paths the body links to, with their lines (checked once every post is read).
    pub links: Vec<(usize, String)>,
    /// A draft: left out of the build unless drafts are asked for.
    pub draft: bool,
    /// When the post stops being published, if it does.
    pub expires: Option<Timestamp>,
    /// Old addresses of the post (site paths), which send readers on to it.
    pub aliases: Vec<String>,
    /// Corrections to the story, oldest first.
    pub corrections: Vec<masthead_model::Correction>,
    /// The series it is part of, and its part number if given (`series`, `series_part`).
    pub series: Option<(String, Option<u32>)>,
    /// What was read but not carried, each with its line: warnings, not failures.
    pub warnings: Vec<BuildError>,
}

/// A post file that cannot be published as it is: every problem it has, and whether its
/// front matter says it is a draft (a draft's problems never stop a build that leaves
/// drafts out).
#[derive(Clone, Debug)]
pub struct Rejected {
    pub errors: Vec<BuildError>,
    pub draft: bool,
}

/// Reads one post file; its own images (in `public`) without a size get the files' sizes.
pub(super) fn load_post(file: &Path, site: &Site, public: &Path) -> Result<Parsed, Rejected> {
    let text = fs::read_to_string(file)
        .map_err(|e| Rejected { errors: vec![error(file, None, format!("cannot read: {e}"))], draft: false })?;
    let mut post =
        parse_post_all(file, &text, site).map_err(|errors| Rejected { errors, draft: says_draft(file, &text) })?;
    for message in super::images::measure_all(public, post.summary.image.as_mut(), &mut post.body) {
        post.warnings.push(error(file, None, message));
    }
    Ok(post)
}

/// Whether a file's front matter, as far as it can be read, says `draft = true`.
fn says_draft(file: &Path, text: &str) -> bool {
    let Some((format, front, _, _)) = split_front_matter(text) else { return false };
    front_matter(file, format, front, &mut Vec::new(), &[])
        .ok()
        .and_then(|fields| fields.get("draft")?.as_bool())
        .unwrap_or(false)
}

/// Reads one post: the front matter, checked, and the body converted to blocks. `file`
/// names it in messages. Returns the first problem; see [`parse_post_all`] for all.
pub fn parse_post(file: &Path, text: &str, site: &Site) -> Result<Parsed, BuildError> {
    parse_post_all(file, text, site).map_err(|mut e| e.swap_remove(0))
}

/// [`parse_post`], with every problem of the file, front matter and body, in line order.
pub fn parse_post_all(file: &Path, text: &str, site: &Site) -> Result<Parsed, Vec<BuildError>> {
    let (format, front, body, body_line) = split_front_matter(text).ok_or_else(|| {
        vec![error(
            file,
            Some(1),
            "front matter missing: start the file with +++ and TOML fields, or --- and YAML fields, closed the same way",
        )]
    })?;
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let fields = front_matter(file, format, front, &mut warnings, &[]).map_err(|e| vec![e])?;
    let at = |message: String| error(file, Some(1), message);

    // The body first: its teaser can stand in for a missing standfirst.
    let converted = match convert_with(body, &site.embeds.hosts) {
        Ok(c) => Some(c),
        Err(problems) => {
            errors.extend(problems.into_iter().map(|e| error(file, Some(body_line + e.line - 1), e.message)));
            None
        }
    };
    if let Some(c) = &converted {
        warnings.extend(c.warnings.iter().map(|w| error(file, Some(body_line + w.line - 1), w.message.clone())));
    }

    // Every required field that is missing is named, with the other names it is read as;
    // then the fields are read (serde names the first of the wrong type).
    for name in ["title", "published", "category", "authors"] {
        if !fields.contains_key(name) {
            let also = FIELDS.iter().find(|f| f[0] == name).map(|f| f[1..].join(", ")).unwrap_or_default();
            errors.push(at(if also.is_empty() {
                format!("front matter: `{name}` is missing")
            } else {
                format!("front matter: `{name}` is missing (also read as {also})")
            }));
        }
    }
    let fm: Option<FrontMatter> = if errors.iter().any(|e| e.message.starts_with("front matter: `")) {
        None
    } else {
        match serde_json::from_value(serde_json::Value::Object(fields.clone())) {
            Ok(fm) => Some(fm),
            Err(e) => {
                errors.push(at(format!("front matter: {e}")));
                None
            }
        }
    };
    let Some(fm) = fm else {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    };
    let published = Timestamp::parse(&fm.published).map_err(|m| at(format!("published: {m}")));
    let updated = fm.updated.as_deref().map(Timestamp::parse).transpose().map_err(|m| at(format!("updated: {m}")));
    let expires = fm.expires.as_deref().map(Timestamp::parse).transpose().map_err(|m| at(format!("expires: {m}")));
    if fm.title.trim().is_empty() {
        errors.push(at("title is empty".into()));
    }
    let slug = fm.slug.clone().unwrap_or_else(|| slugify(&fm.title));
    if !is_valid_slug(&slug) {
        errors.push(at(format!("slug {slug:?} must be lowercase letters, digits and single hyphens")));
    }
    let category = site.categories.iter().find(|c| c.slug == fm.category || c.name == fm.category).cloned();
    if category.is_none() {
        let known: Vec<&str> = site.categories.iter().map(|c| c.slug.as_str()).collect();
        errors.push(at(format!("unknown category {:?}; site.toml defines: {}", fm.category, known.join(", "))));
    }
    let mut aliases = Vec::new();
    for alias in &fm.aliases {
        let path = alias.trim().trim_end_matches('/');
        let path = if path.starts_with('/') { path.to_owned() } else { format!("/{path}") };
        let clean = path.len() > 1
            && path.split('/').skip(1).all(|seg| {
                !seg.is_empty()
                    && seg != "."
                    && seg != ".."
                    && seg.chars().all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
            });
        if clean {
            aliases.push(path);
        } else {
            errors.push(at(format!(
                "alias {alias:?} must be a site path of letters, digits, - _ . ~ between slashes, like /2019/old-address"
            )));
        }
    }
    if fm.series_part == Some(0) {
        errors.push(at("series_part is 0: parts are numbered from 1".into()));
    }
    if fm.series_part.is_some() && fm.series.as_deref().is_none_or(|s| s.trim().is_empty()) {
        warnings.push(at("series_part is given without a series: left out".into()));
    }
    let series = fm.series.clone().filter(|s| !slugify(s).is_empty()).map(|s| (s.trim().to_owned(), fm.series_part));
    if fm.series.as_deref().is_some_and(|s| !s.trim().is_empty() && slugify(s).is_empty()) {
        errors.push(at(format!("series {:?} needs letters or digits in its name", fm.series.as_deref().unwrap_or(""))));
    }
    if fm.authors.iter().all(|a| a.trim().is_empty()) {
        errors.push(at("authors is empty: name at least one".into()));
    }
    if let Some(image) = &fm.image {
        if image.alt.trim().is_empty() {
            errors.push(at(format!("image {:?} has no alt text: add alt = \"what it shows\"", image.src)));
        }
        if safe_image_src(&image.src).is_none() {
            errors.push(at(format!("image {:?} must be http, https or start with /", image.src)));
        }
        for source in &image.sources {
            if safe_image_src(&source.src).is_none() || source.width == 0 {
                errors.push(at(format!(
                    "image source {:?} must be http, https or start with /, with a width above 0",
                    source.src
                )));
            }
        }
    }
    let mut corrections = Vec::new();
    for (i, c) in fm.corrections.iter().enumerate() {
        match Timestamp::parse(&c.date) {
            Ok(date) if !c.text.trim().is_empty() => {
                corrections.push(masthead_model::Correction { date, text: c.text.trim().to_owned() })
            }
            Ok(_) => errors.push(at(format!("correction {} has no text: write text = \"what was wrong\"", i + 1))),
            Err(m) => errors.push(at(format!("correction {}: date: {m}", i + 1))),
        }
    }
    corrections.sort_by(|a, b| a.date.cmp(&b.date));
    let (published, updated, expires) = match (published, updated, expires) {
        (Ok(p), Ok(u), Ok(x)) => (Some(p), u, x),
        (p, u, x) => {
            errors.extend([p.err(), u.err(), x.err()].into_iter().flatten());
            (None, None, None)
        }
    };
    // The standfirst: as written, else the teaser before `<!--more-->`, else the first
    // paragraph's opening words.
    let written = fm.standfirst.as_deref().map(str::trim).filter(|s| !s.is_empty());
    // With a standfirst written, the teaser before `<!--more-->` is what lists show.
    let teaser =
        written.and_then(|s| converted.as_ref()?.teaser.clone().filter(|t| !t.trim().is_empty() && t.trim() != s));
    let standfirst = match written {
        Some(s) => Some(s.to_owned()),
        None => converted.as_ref().and_then(|c| {
            let derived = c.teaser.clone().filter(|t| !t.trim().is_empty()).or_else(|| first_words(&c.blocks))?;
            if c.teaser.is_none() {
                warnings
                    .push(at("no standfirst: the first paragraph's opening is used; write standfirst = \"…\"".into()));
            }
            Some(derived)
        }),
    };
    // A story of a picture, a quote or an embed alone has no words to take: lists show its
    // headline alone, which is not an error.
    let standfirst = match standfirst {
        None if converted.is_some() => {
            warnings.push(at(
                "no standfirst, and the body has no text to take one from: lists show the headline alone; write standfirst = \"…\"".into(),
            ));
            Some(String::new())
        }
        other => other,
    };
    let (Some(converted), Some(published), Some(category), Some(standfirst), true) =
        (converted, published, category, standfirst, errors.is_empty())
    else {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    };
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
    let body = converted.blocks;
    let links = converted.links.into_iter().map(|(line, href)| (body_line + line - 1, href)).collect();
    let summary = Summary {
        slug,
        title: fm.title.trim().to_owned(),
        standfirst,
        published,
        updated,
        category,
        tags: terms(&fm.tags),
        authors: terms(&fm.authors),
        image: fm.image,
        reading_minutes: reading_minutes(&body),
        featured: fm.featured,
        teaser,
        draft: fm.draft,
    };
    Ok(Parsed {
        file: file.to_owned(),
        summary,
        body,
        links,
        draft: fm.draft,
        expires,
        aliases,
        corrections,
        series,
        warnings,
    })
}

/// The opening of the body's first words, at most about 40: its first paragraph with any
/// text, else the first text of a quote, list, heading or picture's caption.
fn first_words(blocks: &[masthead_model::Block]) -> Option<String> {
    use masthead_model::text::plain_text;
    use masthead_model::Block;
    let paragraphs = blocks.iter().filter_map(|b| match b {
        Block::Paragraph { inlines } => Some(plain_text(inlines)),
        _ => None,
    });
    let others = blocks.iter().filter_map(|b| match b {
        Block::Quote { paragraphs, .. } => paragraphs.first().map(|p| plain_text(p)),
        Block::PullQuote { inlines, .. } | Block::Heading { inlines, .. } => Some(plain_text(inlines)),
        Block::List { items, .. } => items.first().map(|i| plain_text(i)),
        Block::Image(image) => image.caption.clone(),
        Block::Gallery { caption, .. } => caption.clone(),
        _ => None,
    });
    let text = paragraphs.chain(others).find(|t| !t.trim().is_empty())?;
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.iter().take(40).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 40 {
        out.push('…');
    }
    Some(out)
}
