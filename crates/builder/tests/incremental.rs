//! Incremental builds: after one post changes, a build with the memo of the last one
//! writes only the files that change (every other file keeps its mtime), and its output is
//! byte for byte the output of a full build of the same content.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use masthead_builder::generate::generate;
use masthead_builder::{build_site, Memo};
use masthead_model::YearMonth;

use common::repo;

/// A fresh folder for one test.
fn temp(name: &str) -> PathBuf {
    common::temp(&format!("incremental-{name}"))
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir`: its bytes and mtime, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, (Vec<u8>, SystemTime)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                let modified = fs::metadata(&path).unwrap().modified().unwrap();
                out.insert(rel, (fs::read(&path).unwrap(), modified));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A copy of the sample publication to edit, in a work folder of its own.
fn sample_copy(name: &str) -> (PathBuf, PathBuf) {
    let work = temp(name);
    let content = work.join("content");
    copy_dir(&repo().join("content"), &content);
    (work, content)
}

fn dist_with_template(dir: &Path) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    fs::copy(repo().join("index.html"), dir.join("index.html")).unwrap();
    dir.to_owned()
}

/// Builds `content` into `incremental` (a full build, then `edit`, then a build with the
/// memo) and into a fresh folder after the edit; checks both agree byte for byte and that
/// the incremental build left every file it did not change untouched. Returns the files
/// the edit changed.
fn check(content: &Path, work: &Path, edit: impl FnOnce()) -> Vec<String> {
    let incremental = dist_with_template(&work.join("incremental"));
    let mut memo = Memo::default();
    build_site(content, &incremental, None, &mut memo).unwrap();
    let before = tree(&incremental);
    // mtimes must be able to differ.
    std::thread::sleep(std::time::Duration::from_millis(20));
    edit();
    let report = build_site(content, &incremental, None, &mut memo).unwrap();
    let after = tree(&incremental);

    let full = dist_with_template(&work.join("full"));
    build_site(content, &full, None, &mut Memo::default()).unwrap();
    // The full build was made in one pass from trunk's index.html; the incremental
    // folder's index.html was rewritten by its first build. Both must end the same.
    assert_same_bytes(&incremental, &full);
    let mut changed = Vec::new();
    for (rel, (bytes, modified)) in &after {
        match before.get(rel) {
            Some((old, old_modified)) if old == bytes => {
                assert_eq!(modified, old_modified, "{rel} is unchanged and must not be written again");
            }
            _ => changed.push(rel.clone()),
        }
    }
    assert_eq!(report.changes.written, changed.len(), "the report counts what was written: {changed:?}");
    changed
}

/// The changed files split into the search index's (the archive index that names its
/// folder, the folder's shards, the posts' texts) and the rest. A changed body changes
/// the whole-text index: a new `archive/s…` folder, and the one post's `text-N.json`.
fn search_files(changed: &[String]) -> (Vec<String>, Vec<String>) {
    let (search, rest): (Vec<String>, Vec<String>) = changed.iter().cloned().partition(|f| {
        f == "content/archive/index.json" || f.starts_with("content/archive/s") || f.starts_with("content/archive/t")
    });
    assert!(search.iter().any(|f| f.starts_with("content/archive/s")), "the index changes: {changed:?}");
    let texts: Vec<&String> = search.iter().filter(|f| f.starts_with("content/archive/t")).collect();
    assert_eq!(texts.len(), 1, "one post's text: {texts:?}");
    (search, rest)
}

/// The changed files split into the term feeds (`tag/x/feed.xml`…) and the rest.
fn term_feeds(changed: &[String]) -> (Vec<String>, Vec<String>) {
    changed.iter().cloned().partition(|f| {
        ["category/", "tag/", "author/"].iter().any(|k| f.starts_with(k))
            && ["/feed.xml", "/atom.xml", "/feed.json"].iter().any(|e| f.ends_with(e))
    })
}

#[test]
fn one_edited_post_rewrites_only_what_shows_it_and_matches_a_full_build() {
    let (work, content) = sample_copy("sample");
    // An older post (not in the feeds or on the front page), edited in its body.
    let file = content.join("posts/2024/01-electric-car-sales-slow-as-buyers-wait-for-cheaper-batteries.md");
    let changed = check(&content, &work, || {
        replace_in(&file, "+++\nSales", "+++\nA new first paragraph, added in an edit.\n\nSales");
    });
    let slug = "electric-car-sales-slow-as-buyers-wait-for-cheaper-batteries";
    assert!(changed.contains(&format!("content/posts/{slug}.json")), "{changed:?}");
    let (_, changed) = search_files(&changed);
    // Its body changed, not its summary: the lists that show it stay as they were.
    for kept in ["content/latest.json", "sitemap.xml", "index.html", "_headers"] {
        assert!(!changed.iter().any(|f| f == kept), "{kept} must not change: {changed:?}");
    }
    // The article's page carries its whole body: it changes, and so do the full-text feeds
    // of its section, tags and author, where it is among their newest; nothing else does.
    let (feeds, rest) = term_feeds(&changed);
    assert_eq!(rest, [format!("2024/01/{slug}/index.html"), format!("content/posts/{slug}.json")]);
    let terms = ["author/marcus-hale/", "category/news/", "tag/batteries/", "tag/electric-vehicles/"];
    assert!(feeds.iter().all(|f| terms.iter().any(|t| f.starts_with(t))), "{feeds:?}");

    // A new title changes every list that shows the post.
    let changed = check(&content, &temp("sample-title"), || {
        set_field(&file, "title", "title = \"Electric car sales slow, at last\"");
    });
    assert!(changed.iter().any(|f| f.starts_with("content/archive/")), "{changed:?}");
    let _ = fs::remove_dir_all(&work);
}

#[test]
fn a_removed_post_takes_its_files_with_it() {
    let (work, content) = sample_copy("removed");
    let changed = check(&content, &work, || {
        fs::remove_file(content.join("posts/2024/01-electric-car-sales-slow-as-buyers-wait-for-cheaper-batteries.md"))
            .unwrap()
    });
    assert!(!work
        .join("incremental/content/posts/electric-car-sales-slow-as-buyers-wait-for-cheaper-batteries.json")
        .exists());
    assert!(!work
        .join("incremental/2024/01/electric-car-sales-slow-as-buyers-wait-for-cheaper-batteries/index.html")
        .exists());
    assert!(changed.iter().any(|f| f == "sitemap.xml"), "{changed:?}");
    let _ = fs::remove_dir_all(&work);
}

#[test]
fn a_generated_publication_builds_the_same_incrementally() {
    let work = temp("generated");
    let content = work.join("content");
    generate(&content, 400, YearMonth::new(2024, 1).unwrap(), YearMonth::new(2026, 6).unwrap(), 7).unwrap();
    let mut posts = Vec::new();
    fn markdown(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                markdown(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    markdown(&content.join("posts"), &mut posts);
    posts.sort();
    let file = posts[posts.len() / 2].clone();
    let changed = check(&content, &work, || {
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, format!("{text}\nOne more paragraph at the end.\n")).unwrap();
    });
    let (_, changed) = search_files(&changed);
    let (feeds, rest) = term_feeds(&changed);
    assert!(!rest.is_empty() && rest.len() <= 3, "{changed:?}");
    // Only the feeds of the post's own section, tags and author: at most one each, three files each.
    assert!(feeds.len() <= 3 * (1 + 4 + 3), "{feeds:?}");
    let _ = fs::remove_dir_all(&work);
}

#[test]
fn a_second_build_without_a_memo_writes_nothing() {
    let work = temp("rerun");
    let dist = dist_with_template(&work.join("dist"));
    let content = repo().join("content");
    build_site(&content, &dist, None, &mut Memo::default()).unwrap();
    let before = tree(&dist);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let report = build_site(&content, &dist, None, &mut Memo::default()).unwrap();
    assert_eq!(report.changes.written, 0);
    assert_eq!(tree(&dist), before, "same bytes and mtimes");
    // A stray file in content/ is not the builder's: a build without memory removes it.
    fs::write(dist.join("content/stray.json"), "{}").unwrap();
    let report = build_site(&content, &dist, None, &mut Memo::default()).unwrap();
    assert_eq!(report.changes.removed, 1);
    let _ = fs::remove_dir_all(&work);
}

/// The first `from` in a file replaced by `to`.
fn replace_in(file: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", file.display());
    fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// A post's front matter line `key = ...` replaced.
fn set_field(file: &Path, key: &str, line: &str) {
    let text = fs::read_to_string(file).unwrap();
    let prefix = format!("{key} = ");
    let changed: Vec<&str> = text.lines().map(|l| if l.starts_with(&prefix) { line } else { l }).collect();
    fs::write(file, changed.join("\n") + "\n").unwrap();
}

#[test]
fn new_tags_change_the_related_posts_of_others_and_match_a_full_build() {
    let (work, content) = sample_copy("tags");
    let file = content.join("posts/2024/01-electric-car-sales-slow-as-buyers-wait-for-cheaper-batteries.md");
    let changed = check(&content, &work, || set_field(&file, "tags", "tags = [\"Laptops\", \"Reviews\", \"AI\"]"));
    let others = changed.iter().filter(|f| f.starts_with("content/posts/") && !f.contains("electric-car")).count();
    assert!(others > 0, "other posts now relate to it, or no longer do: {changed:?}");
    let _ = fs::remove_dir_all(&work);
}

fn assert_same_bytes(a: &Path, b: &Path) {
    let (a, b) = (tree(a), tree(b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "the same files");
    for (rel, (bytes, _)) in &a {
        assert!(b[rel].0 == *bytes, "{rel} differs");
    }
}

#[test]
fn a_story_broken_between_two_good_builds_keeps_its_last_good_version_and_loses_no_change() {
    let (work, content) = sample_copy("failed");
    let edited = content.join("posts/2024/01-electric-car-sales-slow-as-buyers-wait-for-cheaper-batteries.md");
    let broken = content.join("posts/2023/11-black-friday-tech-deals-worth-your-money.md");
    let broken_json = "content/posts/black-friday-tech-deals-worth-your-money.json";
    let dist = dist_with_template(&work.join("incremental"));
    let mut memo = Memo::default();
    build_site(&content, &dist, None, &mut memo).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    // An edit, saved while another post is broken: the edit is published, and the broken
    // story is held back with its last good version kept.
    set_field(&edited, "standfirst", "standfirst = \"Edited while another post was broken.\"");
    let broken_text = fs::read_to_string(&broken).unwrap();
    set_field(&broken, "title", "title = \"unterminated");
    let before = tree(&dist);
    let report = build_site(&content, &dist, None, &mut memo).unwrap();
    assert_eq!(report.held_back.len(), 1, "{:#?}", report.held_back);
    assert_eq!(report.held_back[0].file, broken);
    assert!(report.held_back[0].last_good_kept);
    assert!(report.held_back[0].problems.iter().all(|p| p.file == broken && p.line.is_some()));
    assert!(report.summary(&dist).ends_with("; 1 story held back by errors (1 as last built without errors)"));
    let after = tree(&dist);
    assert!(after[broken_json].0 == before[broken_json].0, "the broken story's last good version is kept");
    let post = fs::read_to_string(
        dist.join("content/posts/electric-car-sales-slow-as-buyers-wait-for-cheaper-batteries.json"),
    )
    .unwrap();
    assert!(post.contains("Edited while another post was broken."));
    // Repaired: the same bytes as a full build.
    fs::write(&broken, broken_text).unwrap();
    let report = build_site(&content, &dist, None, &mut memo).unwrap();
    assert!(report.held_back.is_empty());
    let full = dist_with_template(&work.join("full"));
    build_site(&content, &full, None, &mut Memo::default()).unwrap();
    assert_same_bytes(&dist, &full);
    let _ = fs::remove_dir_all(&work);
}

#[test]
fn a_broken_story_in_a_fresh_build_is_left_out_and_named_and_the_rest_is_published() {
    let (work, content) = sample_copy("fresh-broken");
    let broken = content.join("posts/2023/11-black-friday-tech-deals-worth-your-money.md");
    set_field(&broken, "title", "title = \"unterminated");
    let dist = dist_with_template(&work.join("dist"));
    let report = build_site(&content, &dist, None, &mut Memo::default()).unwrap();
    assert_eq!(report.held_back.len(), 1);
    assert!(!report.held_back[0].last_good_kept);
    assert!(report.summary(&dist).ends_with("; 1 story held back by errors"), "{}", report.summary(&dist));
    assert!(!dist.join("content/posts/black-friday-tech-deals-worth-your-money.json").exists());
    assert!(dist.join("content/posts/electric-car-sales-slow-as-buyers-wait-for-cheaper-batteries.json").exists());
    // --strict: the held-back story fails the build, which writes nothing.
    let mut strict = Memo::default();
    strict.options.strict = true;
    let errors = build_site(&content, &work.join("strict"), None, &mut strict).unwrap_err();
    let (held, warned): (Vec<_>, Vec<_>) = errors.iter().partition(|e| !e.message.ends_with("(--strict)"));
    assert!(!held.is_empty() && held.iter().all(|e| e.file == broken), "{errors:#?}");
    assert!(warned.iter().all(|e| e.file != broken), "{errors:#?}");
    assert!(!work.join("strict").exists());
    let _ = fs::remove_dir_all(&work);
}

#[test]
fn new_site_settings_rebuild_everything_they_touch() {
    let (work, content) = sample_copy("site");
    let site = content.join("site.toml");
    let changed =
        check(&content, &work, || replace_in(&site, "name = \"The Circuit\"", "name = \"The Circuit Weekly\""));
    assert!(changed.iter().any(|f| f == "content/site.json"), "{changed:?}");
    assert!(changed.iter().filter(|f| f.ends_with("/index.html")).count() > 40, "every page has the name");
    let _ = fs::remove_dir_all(&work);
}

#[test]
fn a_post_joining_a_series_rewrites_the_other_parts_and_matches_a_full_build() {
    let (work, content) = sample_copy("series");
    // An older post joins the sample's series as its first part: every part's JSON and
    // page list it, and the others move one place down.
    let file = content.join("posts/2024/01-electric-car-sales-slow-as-buyers-wait-for-cheaper-batteries.md");
    let changed = check(&content, &work, || {
        replace_in(&file, "authors = [", "series = \"AI in the open\"\nseries_part = 1\nauthors = [");
    });
    for slug in [
        "electric-car-sales-slow-as-buyers-wait-for-cheaper-batteries",
        "small-ai-models-deserve-more-attention-than-the-giants",
        "stop-measuring-ai-by-benchmarks-nobody-uses",
        "open-weights-closed-doors",
    ] {
        assert!(changed.contains(&format!("content/posts/{slug}.json")), "{slug}: {changed:?}");
    }
    let lead: masthead_model::Post = serde_json::from_slice(
        &fs::read(work.join("incremental/content/posts/open-weights-closed-doors.json")).unwrap(),
    )
    .unwrap();
    let series = lead.series.unwrap();
    assert_eq!((series.part, series.parts.len()), (4, 4));
    assert_eq!(series.parts[0].title, "Electric car sales slow as buyers wait for cheaper batteries");
    let _ = fs::remove_dir_all(&work);
}

#[test]
fn new_front_page_settings_rewrite_the_rows_and_the_front_page() {
    let (work, content) = sample_copy("front");
    let site = content.join("site.toml");
    let changed = check(&content, &work, || {
        replace_in(
            &site,
            "sections = [\"reviews\", \"news\", \"opinion\", \"science\", \"deals\"]",
            "sections = [\"deals\"]",
        )
    });
    for file in ["content/front.json", "index.html"] {
        assert!(changed.iter().any(|f| f == file), "{file}: {changed:?}");
    }
    let front: masthead_model::ListShard =
        serde_json::from_slice(&fs::read(work.join("incremental/content/front.json")).unwrap()).unwrap();
    assert!(!front.posts.is_empty() && front.posts.iter().all(|p| p.category.slug == "deals"));
    let _ = fs::remove_dir_all(&work);
}
