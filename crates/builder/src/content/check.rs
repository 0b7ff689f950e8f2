//! The checks across posts, pages and authors, after every file is read on its own: each
//! returns the problems it finds (errors, or warnings where the build can go on), with
//! the file and, where there is one, the line.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use masthead_model::route::Route;
use masthead_model::url::article_slug;
use masthead_model::{PageLink, Profile, Series};

use super::post::Parsed;
use crate::diagnostic::{error, BuildError};

/// Two posts may not share a slug.
pub fn unique_slugs(parsed: &[&Parsed]) -> Vec<BuildError> {
    let mut errors = Vec::new();
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for post in parsed {
        if let Some(first) = seen.insert(&post.summary.slug, &post.file) {
            let message = format!("slug {:?} is already used by {}", post.summary.slug, first.display());
            errors.push(error(&post.file, None, message));
        }
    }
    errors
}

/// Links to articles must lead to one, at its real address. Returns the errors and, while
/// `some_held_back` (stories held back by their errors, whose addresses are not known),
/// a warning for each link to an address no published story has, as it may be theirs.
pub fn links(parsed: &[&Parsed], some_held_back: bool) -> (Vec<BuildError>, Vec<BuildError>) {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let permalinks: HashMap<&str, String> =
        parsed.iter().map(|p| (p.summary.slug.as_str(), p.summary.permalink())).collect();
    for post in parsed {
        for (line, href) in &post.links {
            let path = href.split(['#', '?']).next().unwrap_or(href);
            let Some(slug) = article_slug(path) else { continue };
            match permalinks.get(slug) {
                Some(real) if real == path.trim_end_matches('/') => {}
                Some(real) => errors.push(error(
                    &post.file,
                    Some(*line),
                    format!("the link to {href} leads nowhere: that story is at {real}; link to that instead"),
                )),
                None if some_held_back => warnings.push(error(
                    &post.file,
                    Some(*line),
                    format!(
                        "the link to {href} leads to no published story; if it is one of the stories held back \
                         by their errors, it works once that story is fixed"
                    ),
                )),
                None => errors.push(error(
                    &post.file,
                    Some(*line),
                    format!("the link to {href} leads nowhere: no story has that address; correct it or link to a full address"),
                )),
            }
        }
    }
    (errors, warnings)
}

/// A profile no story is by is not shown: a warning naming its file.
pub fn unused_profiles(
    content: &Path,
    parsed: &[&Parsed],
    authors: &BTreeMap<String, (String, Profile)>,
) -> Vec<BuildError> {
    let mut warnings = Vec::new();
    for (slug, (name, _)) in authors {
        if !parsed.iter().any(|p| p.summary.authors.iter().any(|a| a.slug == *slug)) {
            let file = content.join("authors").join(format!("{slug}.md"));
            let file = if file.exists() { file } else { content.join("site.toml") };
            warnings.push(error(&file, None, format!("no story is by {name} ({slug}): the profile is not shown")));
        }
    }
    warnings
}

/// Old addresses: each leads to one post, and none is an address the site uses. An
/// article-shaped old address (WordPress's /2019/05/old-slug) is free unless a post is
/// there; any other address the app answers (front page, archive, months, pages) is not.
/// Returns the addresses that move, sorted: (old path, the post's title, its address).
pub fn aliases(parsed: &[&Parsed], page_links: &[PageLink]) -> (Vec<(String, String, String)>, Vec<BuildError>) {
    let mut errors = Vec::new();
    let addresses: HashSet<String> = parsed.iter().map(|p| p.summary.permalink()).collect();
    let mut moved: Vec<(String, String, String)> = Vec::new();
    let mut taken: HashMap<String, &Path> = HashMap::new();
    for post in parsed {
        for alias in &post.aliases {
            let clash = match Route::resolve(alias, page_links) {
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
    (moved, errors)
}

/// Each series in reading order, by the slug of every story in it, with a warning for each
/// story the series cannot place as written.
pub fn series(parsed: &[&Parsed]) -> (HashMap<String, Series>, Vec<BuildError>) {
    let members: Vec<super::series::Member> = parsed
        .iter()
        .filter_map(|p| {
            let (name, part) = p.series.as_ref()?;
            Some(super::series::Member { summary: &p.summary, name, part: *part })
        })
        .collect();
    let (series, problems) = super::series::series_all(&members);
    let mut warnings = Vec::new();
    for (slug, message) in problems {
        if let Some(post) = parsed.iter().find(|p| p.summary.slug == slug) {
            warnings.push(error(&post.file, Some(1), message));
        }
    }
    (series, warnings)
}
