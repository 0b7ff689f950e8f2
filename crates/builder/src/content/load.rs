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
use super::post::{load_post, Parsed, Rejected};
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
    /// Stories with errors, not published as written (see [`HeldBack`]).
    pub held_back: Vec<HeldBack>,
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

/// A story file this build does not publish as written, because of its errors: every
/// problem, by line, and whether its last good version (read earlier by the same
/// process: the live preview) is published in its place.
#[derive(Debug, Clone)]
pub struct HeldBack {
    pub file: PathBuf,
    pub problems: Vec<BuildError>,
    pub last_good_kept: bool,
}

/// A file's mtime and length, which tell whether it must be read again.
type Stamp = (std::time::SystemTime, u64);

/// One post file read: the post, or every problem it has.
type ParseResult = Result<Parsed, Rejected>;

/// Reads and checks the whole publication; every problem found is reported, not just the
/// first. A story or page with errors is held back ([`Publication::held_back`]) and the rest
/// are published; problems of the site itself (site.toml, author profiles) fail the load.
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
    let Included { posts: mut parsed, left_out, mut held_back, mut warnings } =
        included(&files, &memo.read, memo.options.drafts, now);
    let mut errors = Vec::new();
    // A page with errors is held back as a story is.
    let pages = match super::standalone::load(content, &mut warnings) {
        Ok((pages, problems)) => {
            hold_back(&mut Vec::new(), &mut held_back, problems);
            pages
        }
        Err(e) => {
            errors.extend(e);
            Vec::new()
        }
    };
    let authors = super::authors::load(content, &mut warnings).unwrap_or_else(|e| {
        errors.extend(e);
        Default::default()
    });
    site.pages = super::standalone::links(&pages);
    // The checks across stories: a story with a problem is held back, the others go on.
    let problems = super::check::unique_slugs(&parsed);
    hold_back(&mut parsed, &mut held_back, problems);
    let (_, problems) = super::check::aliases(&parsed, &site.pages);
    hold_back(&mut parsed, &mut held_back, problems);
    let (problems, _) = super::check::links(&parsed, !held_back.is_empty());
    hold_back(&mut parsed, &mut held_back, problems);
    // Again over the stories left, whose links may lead to one just held back: those are
    // warnings (a wrong address found here was found above).
    let (problems, unsure) = super::check::links(&parsed, !held_back.is_empty());
    hold_back(&mut parsed, &mut held_back, problems);
    warnings.extend(unsure);
    // Taking stories out frees addresses, never takes one: this finds no new problem.
    let (moved, _) = super::check::aliases(&parsed, &site.pages);
    warnings.extend(super::check::unused_profiles(content, &parsed, &authors));
    let (series, problems) = super::check::series(&parsed);
    warnings.extend(problems);
    if !errors.is_empty() {
        return Err(errors);
    }
    held_back.sort_by(|a, b| a.file.cmp(&b.file));
    if memo.options.strict && (!warnings.is_empty() || !held_back.is_empty()) {
        let held = held_back.into_iter().flat_map(|h| h.problems);
        let warned = warnings.into_iter().map(|w| BuildError { message: format!("{} (--strict)", w.message), ..w });
        return Err(held.chain(warned).collect());
    }
    let posts = super::assemble::posts(parsed, series, &memo.read.dirty, &mut memo.posts);
    Ok(Publication { site, posts, warnings, left_out, held_back, pages, moved, authors, brand, front })
}

/// Takes the story of each problem's file out of `parsed` and names it in `held_back`,
/// with its problems.
fn hold_back(parsed: &mut Vec<&Parsed>, held_back: &mut Vec<HeldBack>, problems: Vec<BuildError>) {
    for problem in problems {
        parsed.retain(|p| p.file != problem.file);
        match held_back.iter_mut().find(|h| h.file == problem.file) {
            Some(held) => {
                held.problems.push(problem);
                held.last_good_kept = false;
            }
            None => {
                held_back.push(HeldBack { file: problem.file.clone(), problems: vec![problem], last_good_kept: false })
            }
        }
    }
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
                .unwrap_or_else(|_| {
                    Err(Rejected {
                        errors: vec![error(
                            file,
                            None,
                            "the builder failed while reading this post (a fault of the builder's: please report it with the file)",
                        )],
                        draft: false,
                    })
                });
            ((*file).clone(), stamped, parsed)
        })
        .collect();
    for (file, stamped, parsed) in results {
        memo.dirty.insert(file.clone());
        match stamped {
            Some((modified, len)) => {
                // A file that stops reading keeps its last good version.
                let last_good = match (&parsed, memo.sources.remove(&file)) {
                    (Ok(_), _) | (_, None) => None,
                    (Err(_), Some(Source { parsed: Ok(good), .. })) => Some(good),
                    (Err(_), Some(Source { last_good, .. })) => last_good,
                };
                memo.sources.insert(file, Source { modified, len, parsed, last_good });
            }
            None => {
                memo.sources.remove(&file);
                let message = parsed
                    .err()
                    .and_then(|mut e| e.errors.drain(..).next())
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
/// the stories held back by their errors (a draft's errors hold nothing back when drafts
/// are left out).
struct Included<'m> {
    posts: Vec<&'m Parsed>,
    left_out: Vec<(PathBuf, String)>,
    held_back: Vec<HeldBack>,
    warnings: Vec<BuildError>,
}

fn included<'m>(files: &[PathBuf], memo: &'m ReadMemo, drafts: bool, now: i64) -> Included<'m> {
    let mut out = Included {
        posts: Vec::with_capacity(files.len()),
        left_out: Vec::new(),
        held_back: Vec::new(),
        warnings: Vec::new(),
    };
    // Why a post that read cleanly is not in this build, if it is not.
    let not_now = |post: &Parsed| {
        if post.draft && !drafts {
            Some("draft".to_owned())
        } else if post.summary.published.unix() > now {
            Some(format!("scheduled for {}", post.summary.published))
        } else if post.expires.as_ref().is_some_and(|x| x.unix() <= now) {
            Some("expired".to_owned())
        } else {
            None
        }
    };
    for file in files {
        let Some(source) = memo.sources.get(file) else {
            out.held_back.push(HeldBack {
                file: file.clone(),
                problems: vec![error(file, None, "the file could not be read")],
                last_good_kept: false,
            });
            continue;
        };
        match &source.parsed {
            Ok(post) => {
                out.warnings.extend(post.warnings.iter().cloned());
                match not_now(post) {
                    Some(why) => out.left_out.push((post.file.clone(), why)),
                    None => out.posts.push(post),
                }
            }
            Err(rejected) if rejected.draft && !drafts => {
                let first = rejected.errors.first().map_or_else(String::new, |e| format!(", first: {e}"));
                out.left_out.push((
                    file.clone(),
                    format!("draft; {} problem(s) to fix before it can be published{first}", rejected.errors.len()),
                ));
            }
            Err(rejected) => {
                let good = source.last_good.as_ref().filter(|good| not_now(good).is_none());
                if let Some(good) = good {
                    out.posts.push(good);
                }
                out.held_back.push(HeldBack {
                    file: file.clone(),
                    problems: rejected.errors.clone(),
                    last_good_kept: good.is_some(),
                });
            }
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
