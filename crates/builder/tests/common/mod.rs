//! Helpers shared by the builder's integration tests.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh, empty folder for one test (`masthead-<name>-<pid>` in the temp folder).
pub fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("masthead-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh content folder (`masthead-<name>-<pid>`) with the sample's site.toml and an
/// empty posts/.
pub fn content_folder(name: &str) -> PathBuf {
    let dir = temp(name);
    fs::create_dir_all(dir.join("posts")).unwrap();
    fs::copy(repo().join("content/site.toml"), dir.join("site.toml")).unwrap();
    dir
}

/// Every one of `needles` is in `text`; a failure names the first missing and shows the text.
pub fn assert_contains(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "{needle}: {text}");
    }
}

/// A post's contract file in a built folder, decoded.
pub fn read_post(dist: &Path, slug: &str) -> masthead_model::Post {
    let text = fs::read_to_string(dist.join(format!("content/posts/{slug}.json"))).unwrap();
    masthead_model::decode("post", &text).unwrap()
}
