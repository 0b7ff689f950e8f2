//! Decoding the contract's files with errors that name the file and the field.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::CONTRACT_VERSION;

/// Why a file of the contract could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The host answered with an HTML page where a JSON file was expected: most static
    /// hosts do that for a file that does not exist.
    NotJson { file: String },
    /// The text is not JSON at all, or stops half-way.
    Syntax { file: String, line: usize, column: usize, message: String },
    /// The JSON is well formed but a field is missing or has the wrong type.
    Field { file: String, field: String, message: String },
    /// The file was written for another version of the contract.
    Version { file: String, found: Option<u64> },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotJson { file } => {
                write!(f, "{file} is missing: the server answered with a web page instead of JSON")
            }
            DecodeError::Syntax { file, line, column, message } => {
                write!(f, "{file} is not valid JSON (line {line}, column {column}): {message}")
            }
            DecodeError::Field { file, field, message } => {
                write!(f, "{file}: field `{field}`: {message}")
            }
            DecodeError::Version { file, found: Some(v) } => {
                write!(f, "{file} was written for contract version {v}; this site reads version {CONTRACT_VERSION}")
            }
            DecodeError::Version { file, found: None } => {
                write!(f, "{file} has no contract version; this site reads version {CONTRACT_VERSION}")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// True when a body that should be JSON is an HTML page (a host's SPA fallback).
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    head.starts_with('<')
}

#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    contract: Option<u64>,
}

fn version_of(text: &str) -> Option<Option<u64>> {
    // Every file of the contract is an object with its version. serde would also read a
    // struct from an array of its fields in order: such a file names no version. Checked
    // here, not in the generic `decode`, so the reader's wasm holds it once; JSON's
    // whitespace is ASCII, so no Unicode tables are needed to skip it.
    if text.bytes().find(|b| !b.is_ascii_whitespace()) == Some(b'[') {
        return Some(None);
    }
    let head: Head = serde_json::from_str(text).ok()?;
    Some(head.contract)
}

/// Decodes one file of the contract. `file` names it in messages (`posts/abc.json`).
pub fn decode<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, DecodeError> {
    if looks_like_html(text) {
        return Err(DecodeError::NotJson { file: file.to_owned() });
    }
    let result = serde_json::from_str(text).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            syntax(file, &e)
        } else {
            let message = strip_position(&e.to_string());
            let path = path_at(text, e.line(), e.column());
            DecodeError::Field { file: file.to_owned(), field: field_name(&path, &message), message }
        }
    });
    // A file of another contract version is reported as such, whether or not the
    // rest of it happens to decode.
    match version_of(text) {
        Some(found) if found != Some(u64::from(CONTRACT_VERSION)) => {
            Err(DecodeError::Version { file: file.to_owned(), found })
        }
        _ => result,
    }
}

fn syntax(file: &str, e: &serde_json::Error) -> DecodeError {
    DecodeError::Syntax {
        file: file.to_owned(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    }
}

/// The path of the failing field. serde reports a missing field at its parent's path,
/// so its own name is taken from the message ("missing field `tagline`").
fn field_name(path: &str, message: &str) -> String {
    let missing = message.strip_prefix("missing field `").and_then(|rest| rest.split_once('`')).map(|(name, _)| name);
    match (path, missing) {
        (".", Some(name)) => name.to_owned(),
        (".", None) => "(top level)".to_owned(),
        (parent, Some(name)) => format!("{parent}.{name}"),
        (path, None) => path.to_owned(),
    }
}

/// Where the decoder stopped, as a path such as `posts[0].reading_minutes` (`.` for the
/// top level). serde_json reports the line and column of the last byte it read: the end
/// of a mistyped value, or the `}` of an object that lacks a field (so a missing field is
/// reported at its parent's path, like a mistyped one at its own). The text up to there is
/// scanned once, keeping the stack of object keys and array indices.
fn path_at(text: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object { key: Option<String>, want_key: bool },
        Array { index: usize },
    }
    let line_start =
        if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1) };
    let end = line_start.saturating_add(column).min(text.len());
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes.get(i).copied().unwrap_or(b' ') {
            b'{' => stack.push(Frame::Object { key: None, want_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes.get(i) != Some(&b'"') {
                    i += if bytes.get(i) == Some(&b'\\') { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, want_key: want_key @ true }) = stack.last_mut() {
                    let raw = text.get(start..=i.min(text.len().saturating_sub(1))).unwrap_or_default();
                    *key =
                        Some(serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.trim_matches('"').to_owned()));
                    *want_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
            Frame::Object { key: None, .. } => {}
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// serde_json appends " at line L column C"; the message says that on its own.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message.get(..at).unwrap_or(message).to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Latest, Site};

    const SITE: &str = r#"{"contract":1,"name":"N","tagline":"T","base_url":"https://x.test",
        "locale":"en-GB","time_zone":"Europe/London",
        "newsletter":{"pitch":"P","privacy_url":"/privacy"},"something_new":[1,2]}"#;

    #[test]
    fn unknown_fields_are_tolerated() {
        let site: Site = decode("site.json", SITE).unwrap();
        assert_eq!(site.name, "N");
    }

    #[test]
    fn a_missing_field_is_named() {
        let text = SITE.replace(r#""tagline":"T","#, "");
        let err = decode::<Site>("site.json", &text).unwrap_err();
        assert_eq!(err.to_string(), "site.json: field `tagline`: missing field `tagline`");
        let text = SITE.replace(r#""pitch":"P","#, "");
        let err = decode::<Site>("site.json", &text).unwrap_err();
        assert!(matches!(&err, DecodeError::Field { field, .. } if field == "newsletter.pitch"), "{err:?}");
    }

    #[test]
    fn a_mistyped_nested_field_is_named_by_its_path() {
        let text = r#"{"contract":1,"posts":[{"slug":"a","title":"T","standfirst":"S",
            "published":"2024-07-01T00:00:00Z","category":{"slug":"c","name":"C"},
            "authors":[],"reading_minutes":"three"}]}"#;
        let err = decode::<Latest>("latest.json", text).unwrap_err();
        assert_eq!(
            err,
            DecodeError::Field {
                file: "latest.json".into(),
                field: "posts[0].reading_minutes".into(),
                message: "invalid type: string \"three\", expected u32".into(),
            }
        );
        assert_eq!(
            err.to_string(),
            "latest.json: field `posts[0].reading_minutes`: invalid type: string \"three\", expected u32"
        );
    }

    #[test]
    fn extreme_but_valid_files_decode() {
        let mut post: crate::Post = decode("post.json", include_str!("../../../docs/contract/post.json")).unwrap();
        post.summary.title = "x".repeat(1 << 20);
        post.summary.tags =
            (0..100_000).map(|i| crate::Term { slug: format!("t{i}"), name: format!("Tag {i}") }).collect();
        let text = serde_json::to_string(&post).unwrap();
        let back: crate::Post = decode("post.json", &text).unwrap();
        assert_eq!(back.summary.title.len(), 1 << 20);
        assert_eq!(back.summary.tags.len(), 100_000);
        // An empty publication is a publication.
        let latest: Latest = decode("latest.json", r#"{"contract":1,"posts":[]}"#).unwrap();
        assert!(latest.posts.is_empty());
    }

    #[test]
    fn a_file_written_as_an_array_is_refused() {
        // Found by the contract_json fuzz target: `[40, []]` decoded as a Latest of
        // contract 40, which then could not be read back.
        for text in ["[40, []]", " [1, []]"] {
            let err = decode::<Latest>("latest.json", text).unwrap_err();
            assert!(matches!(&err, DecodeError::Version { found: None, .. }), "{err:?}");
        }
    }

    #[test]
    fn a_bad_date_is_named() {
        let text = r#"{"contract":1,"posts":[{"slug":"a","title":"T","standfirst":"S",
            "published":"yesterday","category":{"slug":"c","name":"C"},
            "authors":[],"reading_minutes":3}]}"#;
        let err = decode::<Latest>("latest.json", text).unwrap_err();
        assert!(matches!(&err, DecodeError::Field { field, .. } if field == "posts[0].published"), "{err:?}");
    }

    #[test]
    fn paths_follow_keys_indices_and_escapes() {
        let text = "{\"a\": [1, {\"b\\\"q\": {\"c\": [true, \"x\"]}}],\n \"d\": 2}";
        let at = |needle: &str| {
            let end = text.find(needle).unwrap() + needle.len();
            let line = text[..end].matches('\n').count() + 1;
            let column = end - text[..end].rfind('\n').map_or(0, |i| i + 1);
            path_at(text, line, column)
        };
        assert_eq!(at("\"x\""), "a[1].b\"q.c[1]");
        assert_eq!(at("true"), "a[1].b\"q.c[0]");
        assert_eq!(at("\"x\"]}"), "a[1].b\"q");
        assert_eq!(at("\"x\"]}}"), "a[1]");
        assert_eq!(at("2"), "d");
        assert_eq!(path_at(text, 1, 0), ".");
        assert_eq!(path_at(text, 99, 99), ".");
    }

    proptest::proptest! {
        #[test]
        fn finding_a_path_never_panics(text in "[\\[\\]{}\",:\\\\a-z0-9 \n]{0,80}", line in 0usize..6, column in 0usize..100) {
            let _ = path_at(&text, line, column);
        }
    }

    #[test]
    fn truncated_json_is_a_syntax_error() {
        let err = decode::<Site>("site.json", &SITE[..40]).unwrap_err();
        assert!(matches!(err, DecodeError::Syntax { .. }), "{err:?}");
        assert!(err.to_string().starts_with("site.json is not valid JSON"));
    }

    #[test]
    fn html_in_place_of_json_is_recognised() {
        let err = decode::<Site>("site.json", "\n <!DOCTYPE html><html></html>").unwrap_err();
        assert_eq!(err, DecodeError::NotJson { file: "site.json".into() });
    }

    #[test]
    fn another_contract_version_is_refused() {
        let text = SITE.replace(r#""contract":1"#, r#""contract":7"#);
        let err = decode::<Site>("site.json", &text).unwrap_err();
        assert_eq!(err, DecodeError::Version { file: "site.json".into(), found: Some(7) });
        let text = SITE.replace(r#""contract":1,"#, "");
        let err = decode::<Site>("site.json", &text).unwrap_err();
        assert_eq!(err, DecodeError::Version { file: "site.json".into(), found: None });
    }

    #[test]
    fn trailing_garbage_is_a_syntax_error() {
        let err = decode::<Site>("site.json", &format!("{SITE} x")).unwrap_err();
        assert!(matches!(err, DecodeError::Syntax { .. }), "{err:?}");
    }
}
