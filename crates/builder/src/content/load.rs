//! Reading `content/`, as a pipeline: the site's settings; the post files, read again
//! only where they changed; the posts this build includes; the checks across posts,
//! pages and authors (`check`), which return every problem found; then the posts
//! assembled with their related posts and neighbours (`assemble`). Every problem is
//! reported, not just the first.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use masthead_model::url::safe_href;
use masthead_model::{Post, Site, CONTRACT_VERSION};

use rayon::prelude::*;

use super::files::collect_markdown;
use super::front_matter::toml_error;
use super::post::{load_post, Parsed};
use crate::diagnostic::{error, BuildError};
use crate::memo::{Memo, ReadMemo, Source};

/// Everything read from `content/`, checked and ready to write.
#[derive(Debug)]
pub struct Publication {
    pub site: Site,
    /// Newest first.
    pub posts: Vec<Post>,
    /// What was read but not carried, by file and line: warnings, not failures.
    pub warnings: Vec<BuildError>,
    /// Posts left out of this build: drafts (unless drafts are built), scheduled for later
    /// (with their time) and expired.
    pub left_out: Vec<(PathBuf, String)>,
    /// The standalone pages (`content/pages/*.md`), in file order.
    pub pages: Vec<masthead_model::Page>,
    /// Old addresses that move to a post: (old path, the post's title, its address).
    pub moved: Vec<(String, String, String)>,
    /// Author profiles (`content/authors/<slug>.md`) by slug: (name, profile).
    pub authors: std::collections::BTreeMap<String, (String, masthead_model::Profile)>,
    /// The publisher's brand (`[brand]` in site.toml), checked.
    pub brand: crate::content::brand::Brand,
    /// The front page's rows (`[front]` in site.toml), checked.
    pub front: super::front_page::FrontSettings,
}

/// A file's mtime and length, which tell whether it must be read again.
type Stamp = (std::time::SystemTime, u64);

/// One post file read: the post, or every problem it has.
type ParseResult = Result<Parsed, Vec<BuildError>>;

/// Reads and checks the whole publication; every problem found is reported, not just the first.
pub fn load(content: &Path) -> Result<Publication, Vec<BuildError>> {
    load_with(content, &mut Memo::default())
}

/// [`load`], reading again only the post files whose mtime or length changed since the
/// load that filled `memo` (every file, when the site's settings changed).
pub fn load_with(content: &Path, memo: &mut Memo) -> Result<Publication, Vec<BuildError>> {
    let (mut site, brand, front) = read_settings(content)?;
    let files = read_posts(content, &site, &mut memo.read)?;
    let now = memo.options.now.unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    });
    let Included { posts: parsed, left_out, mut errors, mut warnings } =
        included(&files, &memo.read, memo.options.drafts, now);
    errors.extend(super::check::unique_slugs(&parsed));
    errors.extend(super::check::links(&parsed));
    let pages = super::standalone::load(content, &mut warnings).unwrap_or_else(|e| {
        errors.extend(e);
        Vec::new()
    });
    let authors = super::authors::load(content, &mut warnings).unwrap_or_else(|e| {
        errors.extend(e);
        Default::default()
    });
    warnings.extend(super::check::unused_profiles(content, &parsed, &authors));
    site.pages = super::standalone::links(&pages);
    let (moved, problems) = super::check::aliases(&parsed, &site.pages);
    errors.extend(problems);
    let (series, problems) = super::check::series(&parsed);
    warnings.extend(problems);
    if !errors.is_empty() {
        return Err(errors);
    }
    if memo.options.strict && !warnings.is_empty() {
        return Err(warnings
            .into_iter()
            .map(|w| BuildError { message: format!("{} (--strict)", w.message), ..w })
            .collect());
    }
    let posts = super::assemble::posts(parsed, series, &memo.read.dirty, &mut memo.posts);
    Ok(Publication { site, posts, warnings, left_out, pages, moved, authors, brand, front })
}

/// site.toml: the site's settings, its brand and the front page's rows, each checked.
fn read_settings(
    content: &Path,
) -> Result<(Site, crate::content::brand::Brand, super::front_page::FrontSettings), Vec<BuildError>> {
    let site_file = content.join("site.toml");
    let mut site = load_site(&site_file).map_err(|e| vec![e])?;
    let brand = load_brand(&site_file, content)?;
    let front = load_front(&site_file, &site)?;
    site.logo = brand.logo.as_ref().map(|(src, alt)| {
        let mut logo = masthead_model::Image::new(src.clone(), alt.clone());
        super::images::measure_all(&super::images::public_dir(content), Some(&mut logo), &mut []);
        logo
    });
    Ok((site, brand, front))
}

/// Every post file under `content/posts`, sorted, with `memo` holding what came of each:
/// a file is read again only when its mtime or length changed (every file, when the site's
/// settings changed). The files read are marked dirty.
fn read_posts(content: &Path, site: &Site, memo: &mut ReadMemo) -> Result<Vec<PathBuf>, Vec<BuildError>> {
    let mut files = Vec::new();
    collect_markdown(&content.join("posts"), &mut files).map_err(|e| vec![e])?;
    files.sort();
    if memo.site.as_ref() != Some(site) {
        memo.sources.clear();
        memo.site = Some(site.clone());
    }
    let stamp = |file: &Path| fs::metadata(file).ok().and_then(|m| Some((m.modified().ok()?, m.len())));
    // Which files changed: a stat of each, spread over the cores.
    let sources = &memo.sources;
    let todo: Vec<&PathBuf> = files
        .par_iter()
        .filter(|file| match (sources.get(*file), stamp(file)) {
            (Some(known), Some((modified, len))) => known.modified != modified || known.len != len,
            _ => true,
        })
        .collect();

    // Reading and converting posts is independent work: spread it over the cores. A post
    // the builder fails on (a bug) is reported as that post's error; the others go on.
    let public = super::images::public_dir(content);
    let public = public.as_path();
    let results: Vec<(PathBuf, Option<Stamp>, ParseResult)> = todo
        .par_iter()
        .map(|file| {
            // The stamp before the read: a save during it is read again next time.
            let stamped = stamp(file);
            let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load_post(file, site, public)))
                .unwrap_or_else(|_| Err(vec![error(file, None, "the builder failed while reading this post")]));
            ((*file).clone(), stamped, parsed)
        })
        .collect();
    for (file, stamped, parsed) in results {
        memo.dirty.insert(file.clone());
        match stamped {
            Some((modified, len)) => {
                memo.sources.insert(file, Source { modified, len, parsed });
            }
            None => {
                memo.sources.remove(&file);
                let message = parsed
                    .err()
                    .and_then(|mut e| e.drain(..).next())
                    .map_or_else(|| "the file changed while it was read".to_owned(), |e| e.message);
                return Err(vec![error(&file, None, message)]);
            }
        }
    }
    let listed: HashSet<&PathBuf> = files.iter().collect();
    memo.sources.retain(|file, _| listed.contains(file));
    Ok(files)
}

/// The posts a build includes, in file order, and what it leaves out: drafts (unless
/// `drafts`), posts scheduled after `now` and expired ones; with each post's warnings and
/// the errors of the files that did not parse.
struct Included<'m> {
    posts: Vec<&'m Parsed>,
    left_out: Vec<(PathBuf, String)>,
    errors: Vec<BuildError>,
    warnings: Vec<BuildError>,
}

fn included<'m>(files: &[PathBuf], memo: &'m ReadMemo, drafts: bool, now: i64) -> Included<'m> {
    let mut out = Included {
        posts: Vec::with_capacity(files.len()),
        left_out: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    for file in files {
        match memo.sources.get(file).map(|s| &s.parsed) {
            Some(Ok(post)) => {
                out.warnings.extend(post.warnings.iter().cloned());
                if post.draft && !drafts {
                    out.left_out.push((post.file.clone(), "draft".to_owned()));
                } else if post.summary.published.unix() > now {
                    out.left_out.push((post.file.clone(), format!("scheduled for {}", post.summary.published)));
                } else if post.expires.as_ref().is_some_and(|x| x.unix() <= now) {
                    out.left_out.push((post.file.clone(), "expired".to_owned()));
                } else {
                    out.posts.push(post);
                }
            }
            Some(Err(e)) => out.errors.extend(e.iter().cloned()),
            None => out.errors.push(error(file, None, "the file could not be read")),
        }
    }
    out
}

/// `[brand]` of site.toml, checked (the accent's contrast, the files in public/): every
/// problem is an error naming the file.
fn load_brand(file: &Path, content: &Path) -> Result<crate::content::brand::Brand, Vec<BuildError>> {
    let text = fs::read_to_string(file).map_err(|e| vec![error(file, None, format!("cannot read: {e}"))])?;
    crate::content::brand::parse(&text, &super::images::public_dir(content))
        .map_err(|problems| problems.into_iter().map(|m| error(file, None, m)).collect())
}

/// `[front]` of site.toml, checked against its sections: every problem is an error naming
/// the file.
fn load_front(file: &Path, site: &Site) -> Result<super::front_page::FrontSettings, Vec<BuildError>> {
    let text = fs::read_to_string(file).map_err(|e| vec![error(file, None, format!("cannot read: {e}"))])?;
    super::front_page::parse(&text, &site.categories)
        .map_err(|problems| problems.into_iter().map(|m| error(file, None, m)).collect())
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
