//! Reading `content/`: the site's settings and every post, checked, with every problem
//! reported.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use masthead_model::related::related_all;
use masthead_model::url::{article_slug, safe_href};
use masthead_model::{Post, Site, Summary, CONTRACT_VERSION};

use rayon::prelude::*;

use super::files::collect_markdown;
use super::front_matter::toml_error;
use super::post::{load_post, Parsed};
use crate::diagnostic::{error, BuildError};
use crate::memo::{LoadChanges, Memo, Source};

/// How many related posts each article offers.
pub const RELATED_COUNT: usize = 3;

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
    let site_file = content.join("site.toml");
    let mut site = load_site(&site_file).map_err(|e| vec![e])?;
    let brand = load_brand(&site_file, content)?;
    let front = load_front(&site_file, &site)?;
    site.logo = brand.logo.as_ref().map(|(src, alt)| {
        let mut logo = masthead_model::Image::new(src.clone(), alt.clone());
        super::images::measure_all(&super::images::public_dir(content), Some(&mut logo), &mut []);
        logo
    });
    let mut files = Vec::new();
    collect_markdown(&content.join("posts"), &mut files).map_err(|e| vec![e])?;
    files.sort();
    if memo.sources_site.as_ref() != Some(&site) {
        memo.sources.clear();
        memo.sources_site = Some(site.clone());
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
    let shared_site = &site;
    let results: Vec<(PathBuf, Option<Stamp>, ParseResult)> = todo
        .par_iter()
        .map(|file| {
            // The stamp before the read: a save during it is read again next time.
            let stamped = stamp(file);
            let parsed =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load_post(file, shared_site, public)))
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
    let listed: std::collections::HashSet<&PathBuf> = files.iter().collect();
    memo.sources.retain(|file, _| listed.contains(file));

    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut left_out = Vec::new();
    let now = memo.options.now.unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    });
    let mut parsed: Vec<&Parsed> = Vec::with_capacity(files.len());
    for file in &files {
        match memo.sources.get(file).map(|s| &s.parsed) {
            Some(Ok(post)) => {
                warnings.extend(post.warnings.iter().cloned());
                if post.draft && !memo.options.drafts {
                    left_out.push((post.file.clone(), "draft".to_owned()));
                } else if post.summary.published.unix() > now {
                    left_out.push((post.file.clone(), format!("scheduled for {}", post.summary.published)));
                } else if post.expires.as_ref().is_some_and(|x| x.unix() <= now) {
                    left_out.push((post.file.clone(), "expired".to_owned()));
                } else {
                    parsed.push(post);
                }
            }
            Some(Err(e)) => errors.extend(e.iter().cloned()),
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
    let pages = match super::standalone::load(content, &mut warnings) {
        Ok(pages) => pages,
        Err(e) => {
            errors.extend(e);
            Vec::new()
        }
    };
    let authors = match super::authors::load(content, &mut warnings) {
        Ok(authors) => authors,
        Err(e) => {
            errors.extend(e);
            Default::default()
        }
    };
    for (slug, (name, _)) in &authors {
        if !parsed.iter().any(|p| p.summary.authors.iter().any(|a| a.slug == *slug)) {
            let file = content.join("authors").join(format!("{slug}.md"));
            let file = if file.exists() { file } else { content.join("site.toml") };
            warnings.push(error(&file, None, format!("no story is by {name} ({slug}): the profile is not shown")));
        }
    }
    // Old addresses: each leads to one post, and none is an address the site uses.
    // An article-shaped old address (WordPress's /2019/05/old-slug) is free unless a post
    // is there; any other address the app answers (front page, archive, months, pages) is not.
    use masthead_model::route::Route;
    let page_links = super::standalone::links(&pages);
    let addresses: std::collections::HashSet<&str> = permalinks.values().map(String::as_str).collect();
    let mut moved: Vec<(String, String, String)> = Vec::new();
    let mut taken: HashMap<String, &Path> = HashMap::new();
    for post in &parsed {
        for alias in &post.aliases {
            let clash = match Route::resolve(alias, &page_links) {
                Route::NotFound => false,
                Route::Article { .. } => addresses.contains(alias.as_str()),
                _ => true,
            };
            if clash {
                errors.push(error(&post.file, Some(1), format!("alias {alias} is an address the site already uses")));
            } else if let Some(first) = taken.insert(alias.clone(), &post.file) {
                errors.push(error(
                    &post.file,
                    Some(1),
                    format!("alias {alias} is also an alias of {}", first.display()),
                ));
            } else {
                moved.push((alias.clone(), post.summary.title.clone(), post.summary.permalink()));
            }
        }
    }
    moved.sort();
    let members: Vec<super::series::Member> = parsed
        .iter()
        .filter_map(|p| {
            let (name, part) = p.series.as_ref()?;
            Some(super::series::Member { summary: &p.summary, name, part: *part })
        })
        .collect();
    let (series, problems) = super::series::series_all(&members);
    for (slug, message) in problems {
        if let Some(post) = parsed.iter().find(|p| p.summary.slug == slug) {
            warnings.push(error(&post.file, Some(1), message));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if memo.options.strict && !warnings.is_empty() {
        return Err(warnings
            .into_iter()
            .map(|w| BuildError { message: format!("{} (--strict)", w.message), ..w })
            .collect());
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
    let neighbours = section_neighbours(&summaries);

    // Each post as the last build wrote it, where its file was not read again since and
    // its related posts are the same; else made anew. What differs is noted for the writer.
    memo.loads += 1;
    let mut previous = std::mem::take(&mut memo.previous);
    let mut summaries_same = previous.len() == parsed.len();
    let mut fresh = std::collections::HashSet::new();
    let posts: Vec<Post> = parsed
        .into_iter()
        .zip(related)
        .zip(neighbours)
        .map(|((p, related), (older, newer))| {
            let slug = &p.summary.slug;
            let related_now = || related.iter().filter_map(|&j| summaries.get(j));
            let older = older.and_then(|j| summaries.get(j)).cloned();
            let newer = newer.and_then(|j| summaries.get(j)).cloned();
            let series = series.get(slug).cloned();
            match previous.remove(slug) {
                Some(mut post) if !memo.dirty.contains(&p.file) => {
                    if !post.related.iter().eq(related_now())
                        || post.older != older
                        || post.newer != newer
                        || post.series != series
                    {
                        post.related = related_now().cloned().collect();
                        (post.older, post.newer, post.series) = (older, newer, series);
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
                        corrections: p.corrections.clone(),
                        older,
                        newer,
                        series,
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
    site.pages = super::standalone::links(&pages);
    Ok(Publication { site, posts, warnings, left_out, pages, moved, authors, brand, front })
}

/// For each post of `newest_first` (newest first), the index of the story before it in
/// its section and of the one after it: (older, newer).
pub fn section_neighbours(newest_first: &[Summary]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out = vec![(None, None); newest_first.len()];
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, s) in newest_first.iter().enumerate() {
        if let Some(newer) = last.insert(s.category.slug.as_str(), i) {
            out[i].1 = Some(newer);
            out[newer].0 = Some(i);
        }
    }
    out
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
