//! Scheduled stories as a scheduler publishes them: `masthead-build site` run on a timer
//! (a CI schedule) publishes a story at the first build at or after its time, not a second
//! before, and takes an expired one down at its expiry; what the build changed is in its
//! list for the deploy.

mod common;

use std::fs;

use common::content_folder;
use masthead_builder::{build_site, Memo, Options};

fn story(title: &str, published: &str, extra: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nstandfirst = \"S\"\npublished = {published}\ncategory = \"news\"\nauthors = [\"A\"]\n{extra}+++\nText.\n"
    )
}

/// 2026-07-01T09:00:00Z.
const NINE: i64 = 1_782_896_400;

#[test]
fn a_story_goes_live_at_its_time_and_an_expired_one_comes_down_at_its_expiry() {
    let content = content_folder("schedule");
    fs::write(content.join("posts/old.md"), story("Old", "2026-06-01T08:00:00Z", "")).unwrap();
    fs::write(content.join("posts/embargo.md"), story("Embargo", "2026-07-01T09:00:00Z", "")).unwrap();
    fs::write(
        content.join("posts/offer.md"),
        story("Offer", "2026-06-02T08:00:00Z", "expires = 2026-07-01T09:00:00Z\n"),
    )
    .unwrap();
    let dist = content.join("dist");
    let build = |now: i64| {
        let mut memo = Memo::default();
        memo.options = Options { now: Some(now), ..Options::default() };
        build_site(&content, &dist, None, &mut memo).unwrap()
    };

    // A second before: the embargoed story is not out, the offer still is.
    let before = build(NINE - 1);
    assert_eq!(before.posts, 2);
    assert!(before.left_out.iter().any(|(f, why)| f.ends_with("embargo.md") && why.contains("scheduled for")));
    assert!(!dist.join("content/posts/embargo.json").exists());
    assert!(dist.join("content/posts/offer.json").exists());

    // At its time exactly: out, and the offer down; the deploy's list says so.
    let at = build(NINE);
    assert_eq!(at.posts, 2, "{:?}", at.left_out);
    assert!(dist.join("content/posts/embargo.json").exists());
    assert!(!dist.join("content/posts/offer.json").exists());
    assert!(at.manifest.added.contains(&"content/posts/embargo.json".to_owned()), "{:?}", at.manifest);
    assert!(at.manifest.removed.contains(&"content/posts/offer.json".to_owned()), "{:?}", at.manifest);

    // The next run of the schedule finds nothing come due: nothing to upload.
    let next = build(NINE + 600);
    assert!(next.manifest.added.is_empty() && next.manifest.changed.is_empty(), "{:?}", next.manifest);
    assert!(next.manifest.removed.is_empty());
    let _ = fs::remove_dir_all(&content);
}
