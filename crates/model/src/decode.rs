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
    contract: Option<serde_json::Value>,
}

fn version_of(text: &str) -> Option<Option<u64>> {
    let head: Head = serde_json::from_str(text).ok()?;
    Some(head.contract.and_then(|v| v.as_u64()))
}

/// Decodes one file of the contract. `file` names it in messages (`posts/abc.json`).
pub fn decode<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, DecodeError> {
    if looks_like_html(text) {
        return Err(DecodeError::NotJson { file: file.to_owned() });
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result = match serde_path_to_error::deserialize(&mut de) {
        Ok(value) => de.end().map(|()| value).map_err(|e| syntax(file, &e)),
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                Err(syntax(file, &inner))
            } else {
                let message = strip_position(&inner.to_string());
                Err(DecodeError::Field { file: file.to_owned(), field: field_name(&path, &message), message })
            }
        }
    };
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
    fn a_bad_date_is_named() {
        let text = r#"{"contract":1,"posts":[{"slug":"a","title":"T","standfirst":"S",
            "published":"yesterday","category":{"slug":"c","name":"C"},
            "authors":[],"reading_minutes":3}]}"#;
        let err = decode::<Latest>("latest.json", text).unwrap_err();
        assert!(matches!(&err, DecodeError::Field { field, .. } if field == "posts[0].published"), "{err:?}");
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
