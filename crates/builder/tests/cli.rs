//! `masthead-build site` as a newsroom's CI runs it: its exit status and what it prints
//! when one story is broken.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::content_folder;

fn story(title: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nstandfirst = \"S\"\npublished = 2024-07-01T10:00:00Z\ncategory = \"news\"\nauthors = [\"A\"]\n{extra}+++\n{body}"
    )
}

/// Runs `masthead-build site` on `content` into `dist`: (exit status, stdout, stderr).
fn site(content: &Path, dist: &Path, extra: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_masthead-build"))
        .args(["site", "--content"])
        .arg(content)
        .arg("--dist")
        .arg(dist)
        .args(extra)
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

#[test]
fn one_broken_story_is_held_back_with_status_3_and_the_rest_is_published() {
    let content = content_folder("cli-held-back");
    fs::write(content.join("posts/good.md"), story("Good", "", "Fine.\n")).unwrap();
    fs::write(
        content.join("posts/bad.md"),
        story("Bad", "", "").replace("category = \"news\"", "category = \"gossip\""),
    )
    .unwrap();
    // A draft with errors holds nothing back while drafts are left out.
    fs::write(content.join("posts/draft.md"), "+++\ntitle = \"Half written\"\ndraft = true\n+++\n").unwrap();
    let dist = content.join("dist");
    let (status, stdout, stderr) = site(&content, &dist, &[]);
    assert_eq!(status, 3, "{stdout}\n{stderr}");
    assert!(stderr.contains("bad.md:1: unknown category \"gossip\"; site.toml defines:"), "{stderr}");
    assert!(stderr.contains("held back: ") && stderr.contains("bad.md (not published until it is fixed)"), "{stderr}");
    assert!(stdout.contains("draft.md (draft; ") && stdout.contains("problem(s) to fix before it can be published"));
    assert!(stdout.contains("built 1 posts into") && stdout.ends_with("; 1 story held back by errors\n"), "{stdout}");
    assert!(dist.join("content/posts/good.json").exists());
    assert!(!dist.join("content/posts/bad.json").exists());

    // --strict fails the build and writes nothing.
    let strict = content.join("dist-strict");
    let (status, _, stderr) = site(&content, &strict, &["--strict"]);
    assert_eq!(status, 1, "{stderr}");
    assert!(stderr.contains("bad.md:1: unknown category"), "{stderr}");
    assert!(!strict.exists());

    // With drafts built, the draft's problems hold it back too.
    let (status, _, stderr) = site(&content, &content.join("dist-drafts"), &["--drafts"]);
    assert_eq!(status, 3, "{stderr}");
    assert!(stderr.contains("draft.md (not published until it is fixed)"), "{stderr}");

    // Fixed: status 0.
    fs::remove_file(content.join("posts/bad.md")).unwrap();
    let (status, stdout, stderr) = site(&content, &dist, &[]);
    assert_eq!(status, 0, "{stdout}\n{stderr}");
    let _ = fs::remove_dir_all(&content);
}

#[test]
fn an_error_in_site_toml_fails_the_build_with_status_1() {
    let content = content_folder("cli-site-error");
    fs::write(content.join("posts/good.md"), story("Good", "", "Fine.\n")).unwrap();
    let settings = fs::read_to_string(content.join("site.toml")).unwrap();
    fs::write(content.join("site.toml"), format!("{settings}\n[broken\n")).unwrap();
    let dist = content.join("dist");
    let (status, _, stderr) = site(&content, &dist, &[]);
    assert_eq!(status, 1, "{stderr}");
    assert!(stderr.contains("site.toml:"), "{stderr}");
    assert!(!dist.join("content").exists());
    let _ = fs::remove_dir_all(&content);
}
