//! Author profiles: `content/authors/<slug>.md` holds a person's name, picture, location
//! and links in its front matter and their bio, in Markdown, as its body. The author's
//! page shows it above their stories (the importers write these files from WordPress and
//! Ghost).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use masthead_model::text::slugify;
use masthead_model::url::{safe_href, safe_image_src};
use masthead_model::{Image, NavLink, Profile};

use super::post::{front_matter, split_front_matter};
use super::{error, io_error, BuildError};
use crate::markdown::convert;

/// The profile fields besides the body: each read as text.
const FIELDS: &[&str] = &["name", "avatar", "location", "website", "mastodon", "bluesky", "email"];

/// Every profile of `content/authors/`, by the author's slug (the file's name, or its
/// `name` made a slug); none when the folder is absent. A link or picture that is not a
/// safe address is left out with a warning; a body that cannot be read is an error.
pub(super) fn load(
    content: &Path,
    warnings: &mut Vec<BuildError>,
) -> Result<BTreeMap<String, (String, Profile)>, Vec<BuildError>> {
    let mut out = BTreeMap::new();
    let files = super::standalone::markdown_files(&content.join("authors"))?;
    let mut errors = Vec::new();
    let public = super::images::public_dir(content);
    for file in files {
        let parsed =
            fs::read_to_string(&file).map_err(|e| vec![io_error(&file)(e)]).and_then(|t| parse(&file, &t, warnings));
        match parsed {
            Ok((slug, name, mut profile)) => {
                super::images::size_images(&public, &file, profile.avatar.as_mut(), &mut profile.bio, warnings);
                if let std::collections::btree_map::Entry::Vacant(place) = out.entry(slug.clone()) {
                    place.insert((name, profile));
                } else {
                    errors.push(error(&file, Some(1), format!("author {slug:?} has two profiles")));
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// One profile file: (slug, name, profile).
fn parse(
    file: &Path,
    text: &str,
    warnings: &mut Vec<BuildError>,
) -> Result<(String, String, Profile), Vec<BuildError>> {
    let (format, front, body, body_line) = split_front_matter(text).ok_or_else(|| {
        vec![error(file, Some(1), "front matter missing: start the file with +++ or --- and the author's name")]
    })?;
    let fields = front_matter(file, format, front, warnings, FIELDS).map_err(|e| vec![e])?;
    let text = |name: &str| fields.get(name).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty());
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let Some(name) = text("name").or_else(|| text("title")).map(str::to_owned) else {
        return Err(vec![error(file, Some(1), "front matter: `name` is missing (the name bylines give)")]);
    };
    let slug = slugify(stem);
    if slug.is_empty() {
        return Err(vec![error(file, Some(1), "the file's name must be the author's slug, such as ada-lovelace.md")]);
    }
    let mut warn = |message: String| warnings.push(error(file, Some(1), message));
    let mut links = Vec::new();
    for (key, label) in [("website", "Website"), ("mastodon", "Mastodon"), ("bluesky", "Bluesky"), ("email", "Email")] {
        let Some(value) = text(key) else { continue };
        let href = match key {
            "email" if !value.starts_with("mailto:") => format!("mailto:{value}"),
            "bluesky" if !value.contains("://") => {
                format!("https://bsky.app/profile/{}", value.trim_start_matches('@'))
            }
            _ => value.to_owned(),
        };
        match safe_href(&href).filter(|h| !h.starts_with('#')) {
            Some(h) => links.push(NavLink { label: label.to_owned(), href: h.to_owned() }),
            None => warn(format!("{key} {value:?} is not a web or mail address: left out")),
        }
    }
    let avatar = match text("avatar") {
        Some(src) if safe_image_src(src).is_some() => {
            Some(Image::new(src.trim().to_owned(), format!("Photo of {name}")))
        }
        Some(src) => {
            warn(format!("avatar {src:?} is not a web address or a site path: left out"));
            None
        }
        None => None,
    };
    let bio = match convert(body) {
        Ok(c) => {
            warnings.extend(c.warnings.iter().map(|w| error(file, Some(body_line + w.line - 1), w.message.clone())));
            c.blocks
        }
        Err(problems) => {
            return Err(problems.into_iter().map(|e| error(file, Some(body_line + e.line - 1), e.message)).collect())
        }
    };
    let location = text("location").map(str::to_owned);
    Ok((slug, name, Profile { location, avatar, links, bio }))
}
