//! The sample publication's pages as the builder writes them, one of each route, held as
//! reviewed snapshots (`tests/snapshots/`): any change of markup shows as a diff of the
//! snapshot. After a change that is meant, review and accept the new snapshots with
//! `cargo insta review` (or run with `INSTA_UPDATE=always` and read `git diff`).
//!
//! The pages are written from the repository's `index.html` (not a release build's, whose
//! asset names change with every build), at a fixed "now", and shown one tag to a line.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use masthead_builder::{build_site, Memo};

use common::{repo, temp};

/// 2026-12-01T00:00:00Z: after every sample story, so none is scheduled.
const NOW: i64 = 1_796_083_200;

/// The sample, built once for every test of this file.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dist = temp("snapshots");
        // The archive page's bundle, from the same template.
        let explorer = temp("snapshots-explorer");
        fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
        fs::copy(repo().join("index.html"), explorer.join("index.html")).unwrap();
        let mut memo = Memo::default();
        memo.options.now = Some(NOW);
        build_site(&repo().join("content"), &dist, Some(&explorer), &mut memo).expect("the sample builds");
        dist
    })
}

/// The first folder (by name) under `dir` that holds an index.html, as a site path.
fn first_page_under(dir: &str) -> String {
    let mut names: Vec<String> = fs::read_dir(site().join(dir))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    format!("{dir}/{}", names.first().unwrap_or_else(|| panic!("no page under {dir}")))
}

/// A written page, one tag to a line, so a change reads as a diff of the lines it touched.
fn page(rel: &str) -> String {
    let file = if rel.ends_with(".html") { site().join(rel) } else { site().join(rel).join("index.html") };
    let html = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    html.replace("><", ">\n<")
}

#[test]
fn the_front_page() {
    insta::assert_snapshot!("home", page("index.html"));
}

#[test]
fn an_article() {
    let month = first_page_under("2025");
    insta::assert_snapshot!("article", page(&first_page_under(&month)));
}

#[test]
fn a_month() {
    insta::assert_snapshot!("month", page(&first_page_under("2025")));
}

#[test]
fn a_year() {
    insta::assert_snapshot!("year", page("2025"));
}

#[test]
fn a_section() {
    insta::assert_snapshot!("category", page(&first_page_under("category")));
}

#[test]
fn a_tag() {
    insta::assert_snapshot!("tag", page(&first_page_under("tag")));
}

#[test]
fn an_author() {
    insta::assert_snapshot!("author", page(&first_page_under("author")));
}

#[test]
fn a_standalone_page() {
    insta::assert_snapshot!("page", page("about"));
}

#[test]
fn the_archive() {
    insta::assert_snapshot!("archive", page("archive"));
}

#[test]
fn the_not_found_page() {
    insta::assert_snapshot!("not_found", page("404.html"));
}
