//! Author profiles: `content/authors/<slug>.md` holds a person's name, picture, location
//! and links in its front matter and their bio, in Markdown, as its body; or site.toml
//! holds them as `[authors.<slug>]` tables (the same fields, the bio as `bio`). The
//! author's page shows it above their stories (the importers write the files from
//! WordPress and Ghost).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use masthead_model::text::slugify;
use masthead_model::url::{safe_href, safe_image_src};
use masthead_model::{Image, NavLink, Profile};

use super::files::markdown_files;
use super::front_matter::{front_matter, split_front_matter};
use crate::content::body::markdown::convert;
use crate::diagnostic::{error, io_error, BuildError};

/// The profile fields besides the body: each read as text.
const FIELDS: &[&str] = &["name", "avatar", "location", "website", "mastodon", "bluesky", "email"];

/// Every profile of `content/authors/` and of site.toml's `[authors]`, by the author's
/// slug (the file's name, or the table's key); none when neither has any. A link or picture
/// that is not a safe address is left out with a warning; a body that cannot be read, or
/// one author with two profiles, is an error.
pub(super) fn load(
    content: &Path,
    warnings: &mut Vec<BuildError>,
) -> Result<BTreeMap<String, (String, Profile)>, Vec<BuildError>> {
    let mut out = BTreeMap::new();
    let files = markdown_files(&content.join("authors"))?;
    let mut errors = Vec::new();
    let public = super::images::public_dir(content);
    for file in files {
        let parsed =
            fs::read_to_string(&file).map_err(|e| vec![io_error(&file)(e)]).and_then(|t| parse(&file, &t, warnings));
        match parsed {
            Ok(found) => place(found, &file, &public, &mut out, &mut errors, warnings),
            Err(e) => errors.extend(e),
        }
    }
    let site_file = content.join("site.toml");
    // The site's settings are read (and a failure to read them reported) before this.
    if let Ok(text) = fs::read_to_string(&site_file) {
        match from_site_toml(&site_file, &text, warnings) {
            Ok(found) => {
                for one in found {
                    place(one, &site_file, &public, &mut out, &mut errors, warnings);
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

/// Adds one profile to `out`, its pictures sized; a second profile of one author is an error.
fn place(
    (slug, name, mut profile): (String, String, Profile),
    file: &Path,
    public: &Path,
    out: &mut BTreeMap<String, (String, Profile)>,
    errors: &mut Vec<BuildError>,
    warnings: &mut Vec<BuildError>,
) {
    super::images::size_images(public, file, profile.avatar.as_mut(), &mut profile.bio, warnings);
    if let std::collections::btree_map::Entry::Vacant(place) = out.entry(slug.clone()) {
        place.insert((name, profile));
    } else {
        errors.push(error(
            file,
            Some(1),
            format!("author {slug:?} has two profiles (in content/authors/ and site.toml, or twice): keep one"),
        ));
    }
}

/// `[authors.<slug>]` tables of site.toml: the fields of a profile file, the bio (Markdown)
/// as `bio`. An unknown field is a warning; a table without a name is an error.
fn from_site_toml(
    file: &Path,
    text: &str,
    warnings: &mut Vec<BuildError>,
) -> Result<Vec<(String, String, Profile)>, Vec<BuildError>> {
    // A site.toml that does not parse is reported where the settings are read.
    let Ok(table) = toml::from_str::<toml::Table>(text) else { return Ok(Vec::new()) };
    let Some(authors) = table.get("authors") else { return Ok(Vec::new()) };
    let Some(authors) = authors.as_table() else {
        return Err(vec![error(file, None, "`authors` must be tables: [authors.ada-lovelace] with name = \"…\"")]);
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (key, value) in authors {
        let Some(fields) = value.as_table() else {
            errors.push(error(file, None, format!("authors.{key} must be a table: [authors.{key}] with name = \"…\"")));
            continue;
        };
        for (field, value) in fields {
            if !FIELDS.contains(&field.as_str()) && field != "bio" {
                warnings.push(error(
                    file,
                    None,
                    format!(
                        "authors.{key}: unknown field `{field}`: left out (Masthead reads {}, bio)",
                        FIELDS.join(", ")
                    ),
                ));
            } else if !value.is_str() {
                warnings.push(error(file, None, format!("authors.{key}.{field} must be text: left out")));
            }
        }
        let text = |name: &str| fields.get(name).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty());
        let Some(name) = text("name").map(str::to_owned) else {
            errors.push(error(file, None, format!("authors.{key}: `name` is missing (the name bylines give)")));
            continue;
        };
        let slug = slugify(key);
        if slug != *key {
            errors.push(error(file, None, format!("authors.{key}: the key must be the author's slug, such as {slug}")));
            continue;
        }
        match profile(file, None, &name, text, text("bio").unwrap_or_default(), warnings) {
            Ok(profile) => out.push((slug, name, profile)),
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
    let profile = profile(file, Some(body_line), &name, text, body, warnings)?;
    Ok((slug, name, profile))
}

/// A profile from its fields (`text` gives each, trimmed, when it is not empty) and its bio
/// in Markdown, which starts at `body_line` of `file` when it is known.
fn profile<'a>(
    file: &Path,
    body_line: Option<usize>,
    name: &str,
    text: impl Fn(&str) -> Option<&'a str>,
    body: &str,
    warnings: &mut Vec<BuildError>,
) -> Result<Profile, Vec<BuildError>> {
    let line = |l: usize| body_line.map(|b| b + l - 1);
    let mut warn = |message: String| warnings.push(error(file, body_line.map(|_| 1), message));
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
            warnings.extend(c.warnings.iter().map(|w| error(file, line(w.line), w.message.clone())));
            c.blocks
        }
        Err(problems) => return Err(problems.into_iter().map(|e| error(file, line(e.line), e.message)).collect()),
    };
    let location = text("location").map(str::to_owned);
    Ok(Profile { location, avatar, links, bio })
}
