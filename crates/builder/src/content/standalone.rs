//! Standalone pages: `content/pages/*.md` become `/about`, `/privacy`, `/contact`…, each
//! with its own JSON (`pages/<slug>.json`), its own static HTML and a place in the
//! sitemap; the footer lists them.

use std::fs;
use std::path::Path;

use masthead_model::text::slugify;
use masthead_model::url::is_valid_slug;
use masthead_model::{Page, PageLink, Timestamp, CONTRACT_VERSION};

use super::files::markdown_files;
use super::front_matter::{front_matter, split_front_matter};
use crate::content::body::markdown::convert;
use crate::diagnostic::{error, io_error, BuildError};

/// Site paths a page cannot take: the app's own routes and the contract's folder.
const RESERVED: &[&str] = &["archive", "content", "index", "feed", "sitemap", "robots"];

/// Every page of `content/pages/` (none when the folder is absent), in file order, and the
/// problems of the pages that cannot be published (each names its file: the page is held
/// back, the others go on); their warnings go to `warnings`. Fails only when the folder
/// cannot be read.
pub(super) fn load(
    content: &Path,
    warnings: &mut Vec<BuildError>,
) -> Result<(Vec<Page>, Vec<BuildError>), Vec<BuildError>> {
    let files = markdown_files(&content.join("pages"))?;
    let mut pages: Vec<Page> = Vec::new();
    let mut errors = Vec::new();
    let public = super::images::public_dir(content);
    for file in files {
        match fs::read_to_string(&file).map_err(|e| vec![io_error(&file)(e)]).and_then(|t| parse(&file, &t, warnings)) {
            Ok(Some(mut page)) => {
                super::images::size_images(&public, &file, None, &mut page.body, warnings);
                if pages.iter().any(|p| p.slug == page.slug) {
                    errors.push(error(&file, Some(1), format!("page slug {:?} is used twice", page.slug)));
                } else {
                    pages.push(page);
                }
            }
            Ok(None) => {}
            Err(e) => errors.extend(e),
        }
    }
    Ok((pages, errors))
}

/// The site's list of pages, for site.json.
pub(super) fn links(pages: &[Page]) -> Vec<PageLink> {
    pages.iter().map(|p| PageLink { slug: p.slug.clone(), title: p.title.clone(), footer: p.footer }).collect()
}

/// One page file; `None` for a draft.
fn parse(file: &Path, text: &str, warnings: &mut Vec<BuildError>) -> Result<Option<Page>, Vec<BuildError>> {
    let (format, front, body, body_line) = split_front_matter(text).ok_or_else(|| {
        vec![error(file, Some(1), "front matter missing: start the file with +++ or --- and the page's title")]
    })?;
    let fields = front_matter(file, format, front, warnings, &["footer"]).map_err(|e| vec![e])?;
    let at = |message: String| error(file, Some(1), message);
    let mut errors = Vec::new();
    let text = |name: &str| fields.get(name).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty());
    if fields.get("draft").and_then(serde_json::Value::as_bool) == Some(true) {
        return Ok(None);
    }
    let title = text("title").map(str::to_owned);
    if title.is_none() {
        errors.push(at("front matter: `title` is missing".into()));
    }
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let slug = text("slug").map_or_else(|| slugify(stem), str::to_owned);
    if !is_valid_slug(&slug) {
        errors.push(at(format!("page slug {slug:?} must be lowercase letters, digits and single hyphens")));
    } else if RESERVED.contains(&slug.as_str()) {
        errors.push(at(format!("page slug {slug:?} is one of the site's own addresses: choose another")));
    }
    let updated = match text("updated").map(Timestamp::parse).transpose() {
        Ok(u) => u,
        Err(m) => {
            errors.push(at(format!("updated: {m}")));
            None
        }
    };
    let converted = match convert(body) {
        Ok(c) => Some(c),
        Err(problems) => {
            errors.extend(problems.into_iter().map(|e| error(file, Some(body_line + e.line - 1), e.message)));
            None
        }
    };
    let (Some(title), Some(converted), true) = (title, converted, errors.is_empty()) else {
        return Err(errors);
    };
    warnings.extend(converted.warnings.iter().map(|w| error(file, Some(body_line + w.line - 1), w.message.clone())));
    let footer = fields.get("footer").and_then(serde_json::Value::as_bool).unwrap_or(true);
    Ok(Some(Page {
        contract: CONTRACT_VERSION,
        slug,
        title,
        description: text("standfirst").map(str::to_owned),
        updated,
        footer,
        body: converted.blocks,
    }))
}
