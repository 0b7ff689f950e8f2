//! Front matter, as every file of `content/` begins: `+++` TOML or `---` YAML, split
//! from the body, and read under Masthead's names whatever system wrote it (Hugo's,
//! Jekyll's, Zola's and WordPress's names for the same fields are taken too).

use std::path::Path;

use crate::diagnostic::{error, BuildError};

/// The front matter fields Masthead reads, each with the names Hugo, Jekyll, Zola and
/// WordPress exports give it. The first name is Masthead's own.
pub(crate) const FIELDS: &[&[&str]] = &[
    &["title"],
    &["standfirst", "description", "summary", "excerpt", "subtitle"],
    &["published", "date", "publishDate", "publishdate", "pubDate"],
    &["updated", "lastmod", "last_modified_at", "modified", "updated_at"],
    &["category", "categories", "section"],
    &["tags", "tag", "keywords"],
    &["authors", "author"],
    &["image", "cover", "images", "featured_image", "feature_image"],
    &["slug"],
    &["draft"],
    &["expires", "expiryDate", "expirydate", "expiry_date"],
    &["aliases", "redirect_from"],
    &["featured", "sticky"],
    &["corrections", "correction", "errata"],
    &["series"],
    &["series_part", "series_order", "series_weight"],
];

/// Fields that are read and accepted but not yet carried into the site.
const ACCEPTED: &[&str] = &["weight", "layout", "permalink", "url", "toc", "comments", "type", "id"];

/// How the front matter is written.
pub enum Format {
    Toml,
    Yaml,
}

/// Splits the front matter (`+++` TOML or `---` YAML) from the body; returns (format,
/// front matter, body, body's first line).
pub fn split_front_matter(text: &str) -> Option<(Format, &str, &str, usize)> {
    let rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (format, fence) = if rest.starts_with("+++") { (Format::Toml, "+++") } else { (Format::Yaml, "---") };
    let rest = rest.strip_prefix(fence)?;
    let rest = rest.strip_prefix('\n').or_else(|| rest.strip_prefix("\r\n"))?;
    // The closing fence: a line of its own (an empty front matter closes at once).
    let end = if rest.starts_with(fence) { 0 } else { rest.find(&format!("\n{fence}"))? + 1 };
    let front = rest.get(..end)?;
    let after = rest.get(end + fence.len()..)?;
    let after = after.trim_start_matches([' ', '\t']);
    let body = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n')).unwrap_or(after);
    let body_line = front.matches('\n').count() + 3;
    Some((format, front, body, body_line))
}

/// A date as Hugo and Jekyll write them, as RFC 3339: `2024-07-03` (midnight UTC),
/// `2024-07-03 09:30:00 +0100`, `2024-07-03T09:30:00` (UTC).
fn normalise_date(text: &str) -> String {
    let t = text.trim();
    if t.len() == 10 && t.as_bytes().get(4) == Some(&b'-') {
        return format!("{t}T00:00:00Z");
    }
    let mut parts = t.split_whitespace();
    if let (Some(date), Some(time)) = (parts.next(), parts.next()) {
        let zone = match parts.next() {
            Some(z) if z.len() == 5 && (z.starts_with('+') || z.starts_with('-')) => {
                format!("{}:{}", z.get(..3).unwrap_or("+00"), z.get(3..).unwrap_or("00"))
            }
            Some("UTC" | "Z") | None => "Z".to_owned(),
            Some(other) => other.to_owned(),
        };
        let time = if time.len() == 5 { format!("{time}:00") } else { time.to_owned() };
        return format!("{date}T{time}{zone}");
    }
    if t.len() == 19 && t.as_bytes().get(10) == Some(&b'T') {
        return format!("{t}Z");
    }
    t.to_owned()
}

/// The front matter as one JSON object under Masthead's names, with what was not read
/// named in warnings; `extra` names are read as they are (a page's `footer`).
pub fn front_matter(
    file: &Path,
    format: Format,
    front: &str,
    warnings: &mut Vec<BuildError>,
    extra: &[&str],
) -> Result<serde_json::Map<String, serde_json::Value>, BuildError> {
    use serde_json::Value;
    let raw: Value = match format {
        Format::Toml => {
            let mut table: toml::Table = toml::from_str(front).map_err(|e| {
                let mut err = toml_error(file, front, &e);
                err.line = err.line.map(|l| l + 1);
                err
            })?;
            // TOML dates may be written bare (published = 2024-07-03T09:30:00Z) or quoted,
            // at the top or inside a table (`[[corrections]] date = 2024-07-04`).
            fn datetimes_as_text(value: &mut toml::Value) {
                match value {
                    toml::Value::Datetime(dt) => *value = toml::Value::String(dt.to_string()),
                    toml::Value::Array(list) => list.iter_mut().for_each(datetimes_as_text),
                    toml::Value::Table(table) => table.iter_mut().for_each(|(_, v)| datetimes_as_text(v)),
                    _ => {}
                }
            }
            table.iter_mut().for_each(|(_, value)| datetimes_as_text(value));
            serde_json::to_value(table).map_err(|e| error(file, Some(1), format!("front matter: {e}")))?
        }
        Format::Yaml => serde_yaml_ng::from_str(front).map_err(|e| {
            let line = e.location().map(|l| l.line() + 1);
            error(file, line.or(Some(1)), format!("front matter (YAML): {e}"))
        })?,
    };
    let Value::Object(raw) = raw else {
        return Err(error(file, Some(1), "front matter: expected `name: value` fields"));
    };
    let mut out = serde_json::Map::new();
    let mut names: Vec<&String> = raw.keys().collect();
    // Masthead's own name first, then the others in the order FIELDS gives them, so which
    // of two names for one field wins does not depend on the file.
    let rank = |name: &str| FIELDS.iter().find_map(|f| f.iter().position(|n| *n == name)).unwrap_or(usize::MAX);
    names.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    for name in names {
        let Some(value) = raw.get(name) else { continue };
        if value.is_null() {
            continue;
        }
        if extra.contains(&name.as_str()) {
            out.insert(name.clone(), value.clone());
            continue;
        }
        let Some(field) = FIELDS.iter().find(|f| f.contains(&name.as_str())) else {
            if !ACCEPTED.contains(&name.as_str()) {
                warnings.push(error(
                    file,
                    Some(1),
                    format!("unknown front matter field `{name}`: left out (Masthead reads {})", known_fields()),
                ));
            }
            continue;
        };
        let key = field[0];
        if out.contains_key(key) {
            warnings.push(error(
                file,
                Some(1),
                format!("`{name}` is another name for `{key}`, which is already given: left out"),
            ));
            continue;
        }
        let value = match (key, value) {
            ("published" | "updated" | "expires", Value::String(s)) => Value::String(normalise_date(s)),
            ("aliases", Value::String(s)) => Value::Array(vec![Value::String(s.clone())]),
            ("corrections", Value::Object(_) | Value::Array(_)) => {
                let list = if let Value::Array(list) = value { list.clone() } else { vec![value.clone()] };
                let list = list
                    .into_iter()
                    .map(|mut item| {
                        if let Some(Value::String(date)) = item.get_mut("date") {
                            *date = normalise_date(date);
                        }
                        item
                    })
                    .collect();
                Value::Array(list)
            }
            ("authors" | "tags", Value::String(s)) => {
                let split: Vec<Value> = if key == "tags" && !s.contains(',') {
                    s.split_whitespace().map(|t| Value::String(t.to_owned())).collect()
                } else if key == "tags" {
                    s.split(',').map(|t| Value::String(t.trim().to_owned())).filter(|v| v != "").collect()
                } else {
                    vec![Value::String(s.clone())]
                };
                Value::Array(split)
            }
            // Hugo's `series` taxonomy is a list: a story is part of one series.
            ("series", Value::Array(list)) => match list.first() {
                Some(first) => first.clone(),
                None => continue,
            },
            ("category", Value::Array(list)) => {
                let mut names = list.iter().filter_map(Value::as_str);
                let first = names.next().unwrap_or_default().to_owned();
                let rest: Vec<&str> = names.collect();
                if !rest.is_empty() {
                    warnings.push(error(
                        file,
                        Some(1),
                        format!("a post has one category: {first:?} is kept, {} left out", rest.join(", ")),
                    ));
                }
                Value::String(first)
            }
            ("image", Value::String(src)) => serde_json::json!({ "src": src, "alt": "" }),
            ("image", Value::Array(list)) => match list.first() {
                Some(Value::String(src)) => serde_json::json!({ "src": src, "alt": "" }),
                Some(other) => other.clone(),
                None => continue,
            },
            ("image", Value::Object(map)) if !map.contains_key("src") => {
                // Hugo themes' `cover = { image, alt, caption }`.
                let mut image = map.clone();
                if let Some(src) = image.remove("image") {
                    image.insert("src".into(), src);
                }
                image.retain(|k, _| matches!(k.as_str(), "src" | "alt" | "caption" | "width" | "height"));
                image.entry("alt").or_insert(Value::String(String::new()));
                Value::Object(image)
            }
            _ => value.clone(),
        };
        out.insert(key.to_owned(), value);
    }
    Ok(out)
}

fn known_fields() -> String {
    FIELDS.iter().map(|f| f[0]).collect::<Vec<_>>().join(", ")
}

/// A TOML error at its line.
pub fn toml_error(file: &Path, text: &str, e: &toml::de::Error) -> BuildError {
    let line = e.span().map(|span| text.get(..span.start).map_or(1, |s| s.matches('\n').count() + 1));
    error(file, line, e.message().to_owned())
}
