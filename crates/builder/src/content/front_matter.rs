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

/// A date as Hugo and Jekyll write them (and as Jekyll accepts them), as RFC 3339:
/// `2024-07-03` (midnight UTC), `2024-07-03 09:30:00 +0100`, `2024-07-03T09:30:00` (UTC),
/// `2013-05-06 09:00:00 EDT` (the zones of North America and Europe by their letters),
/// `2016-10-12 (optional)` and `2023-01-29 18:30:22 2023 -0800` (words and numbers that
/// are not a date, time or zone are passed over, as Jekyll does). Anything else is
/// returned as written, for the timestamp check to name.
pub(crate) fn normalise_date(text: &str) -> String {
    let t = text.trim();
    if masthead_model::Timestamp::parse(t).is_ok() {
        return t.to_owned();
    }
    let mut tokens = t.split_whitespace();
    let Some(first) = tokens.next() else { return t.to_owned() };
    let (date, mut time) = match first.split_once('T') {
        Some((date, time)) => (date, Some(time.to_owned())),
        None => (first, None),
    };
    let is_date = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !is_date {
        return t.to_owned();
    }
    let mut zone = None;
    // A time written with its zone (`09:30:00+01:00`, `09:30:00Z`).
    if let Some(tm) = time.take() {
        let cut = tm.find(['+', '-', 'Z']).unwrap_or(tm.len());
        let (clock, z) = tm.split_at(cut);
        time = Some(clock.to_owned());
        if !z.is_empty() {
            zone = numeric_zone(z);
        }
    }
    for token in tokens {
        let is_clock = token.contains(':')
            && token.split(':').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit() || c == '.'));
        if time.is_none() && is_clock {
            time = Some(token.to_owned());
        } else if zone.is_none() {
            zone = numeric_zone(token).or_else(|| named_zone(token).map(str::to_owned));
        }
    }
    let time = match time {
        Some(t) if t.len() == 5 => format!("{t}:00"),
        Some(t) if !t.is_empty() => t,
        _ => "00:00:00".to_owned(),
    };
    format!("{date}T{time}{}", zone.unwrap_or_else(|| "Z".to_owned()))
}

/// `+0100`, `-08:00`, `Z` as RFC 3339 writes a zone.
fn numeric_zone(z: &str) -> Option<String> {
    if z == "Z" {
        return Some("Z".to_owned());
    }
    let sign = z.chars().next().filter(|c| *c == '+' || *c == '-')?;
    let digits: String = z.get(1..)?.chars().filter(|c| *c != ':').collect();
    (digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| format!("{sign}{}:{}", digits.get(..2).unwrap_or("00"), digits.get(2..).unwrap_or("00")))
}

/// The zones Jekyll sites write by their letters.
fn named_zone(z: &str) -> Option<&'static str> {
    Some(match z.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "UT" => "Z",
        "EST" => "-05:00",
        "EDT" | "AST" => "-04:00",
        "CST" => "-06:00",
        "CDT" => "-05:00",
        "MST" => "-07:00",
        "MDT" => "-06:00",
        "PST" => "-08:00",
        "PDT" => "-07:00",
        "BST" | "CET" | "WAT" => "+01:00",
        "CEST" | "EET" | "SAST" => "+02:00",
        "EEST" | "MSK" => "+03:00",
        "IST" => "+05:30",
        "JST" | "KST" => "+09:00",
        _ => return None,
    })
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

#[cfg(test)]
mod date_tests {
    use super::normalise_date;

    #[test]
    fn dates_as_hugo_and_jekyll_accept_them() {
        let cases = [
            ("2024-07-03", "2024-07-03T00:00:00Z"),
            ("2024-07-03 09:30:00 +0100", "2024-07-03T09:30:00+01:00"),
            ("2024-07-03 09:30 -08:00", "2024-07-03T09:30:00-08:00"),
            ("2024-07-03T09:30:00", "2024-07-03T09:30:00Z"),
            ("2024-07-03T09:30:00+02:00", "2024-07-03T09:30:00+02:00"),
            ("2013-05-06 09:00:00 EDT", "2013-05-06T09:00:00-04:00"),
            ("2016-10-12 (optional)", "2016-10-12T00:00:00Z"),
            ("2023-01-29 18:30:22 2023 -0800", "2023-01-29T18:30:22-08:00"),
            ("2024-07-03 09:30:00.123 UTC", "2024-07-03T09:30:00.123Z"),
        ];
        for (written, read) in cases {
            assert_eq!(normalise_date(written), read, "{written}");
            assert!(masthead_model::Timestamp::parse(read).is_ok(), "{read}");
        }
        // Not a date: as written, for the check to name.
        assert_eq!(normalise_date("last Tuesday"), "last Tuesday");
        assert_eq!(normalise_date("2024-13-01"), "2024-13-01T00:00:00Z");
    }
}
