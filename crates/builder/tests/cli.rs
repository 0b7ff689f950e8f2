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

#[test]
fn a_wordpress_import_brings_its_uploads_and_names_the_pictures_it_lacks() {
    let home = std::env::temp_dir().join(format!("masthead-cli-uploads-{}", std::process::id()));
    let _ = fs::remove_dir_all(&home);
    let uploads = home.join("uploads/2022/03");
    fs::create_dir_all(&uploads).unwrap();
    // A photograph-sized picture in the uploads folder; b.jpg is named by the story but lost.
    let picture = image::RgbImage::from_fn(1600, 900, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    picture.save(uploads.join("a.jpg")).unwrap();
    let cdata = |s: &str| format!("<![CDATA[{s}]]>");
    let body =
        "<p>Words.</p>\n<p><img src=\"https://old.example/wp-content/uploads/2022/03/a.jpg\" alt=\"A street\"></p>\n\
                <p><img src=\"http://old.example/wp-content/uploads/2022/03/b.jpg\" alt=\"Lost\"></p>";
    let export = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel><title>Old</title><link>https://old.example</link>\
         <language>en-US</language><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url>\n\
         <item><title>{}</title><dc:creator>{}</dc:creator><content:encoded>{}</content:encoded><excerpt:encoded>{}</excerpt:encoded>\
         <wp:post_id>10</wp:post_id><wp:post_date_gmt>{}</wp:post_date_gmt><wp:post_name>{}</wp:post_name>\
         <wp:status>{}</wp:status><wp:post_parent>0</wp:post_parent><wp:post_type>{}</wp:post_type></item>\n</channel></rss>\n",
        cdata("Pictures"),
        cdata("ed"),
        cdata(body),
        cdata(""),
        cdata("2022-03-04 10:00:00"),
        cdata("pictures"),
        cdata("publish"),
        cdata("post")
    );
    fs::write(home.join("export.xml"), export).unwrap();
    let content = home.join("content");
    let out = Command::new(env!("CARGO_BIN_EXE_masthead-build"))
        .args(["import", "wordpress"])
        .arg(home.join("export.xml"))
        .arg("--out")
        .arg(&content)
        .arg("--uploads")
        .arg(home.join("uploads"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(home.join("public/wp-content/uploads/2022/03/a.jpg").is_file());
    let story = fs::read_to_string(content.join("posts/2022/pictures.md")).unwrap();
    assert!(story.contains("\"/wp-content/uploads/2022/03/a.jpg\"") && !story.contains("old.example"), "{story}");
    let report = fs::read_to_string(content.join("import-report.md")).unwrap();
    assert!(report.contains("posts/2022/pictures.md:"), "{report}");
    assert!(report.contains("/wp-content/uploads/2022/03/b.jpg is not in the folder given"), "{report}");
    assert!(
        report.contains("1 files copied") && report.contains("the stories name 2 of the old site's files, 1 of them")
    );

    // Built, the brought picture has its sized copies; the lost one is named.
    let dist = home.join("dist");
    let (status, stdout, stderr) = site(&content, &dist, &[]);
    assert_eq!(status, 0, "{stdout}\n{stderr}");
    // Its copies were made by the import's own check of the folder, into the same cache.
    assert!(stdout.contains("pictures: 0 encoded (0.0 s on all cores), 1 from the cache, 7 copies"), "{stdout}");
    assert!(home.join(".cache/pictures").is_dir());
    assert!(stderr.contains("image /wp-content/uploads/2022/03/b.jpg is not in"), "{stderr}");
    let json = fs::read_to_string(dist.join("content/posts/pictures.json")).unwrap();
    assert!(json.contains("/sized/wp-content/uploads/2022/03/a.") && json.contains(".1080.webp"), "{json}");
    let _ = fs::remove_dir_all(&home);
}

#[test]
fn a_build_lists_what_it_changed_for_the_deploy_and_names_the_hosts_limits_it_exceeds() {
    let content = content_folder("cli-manifest");
    fs::write(content.join("posts/one.md"), story("One", "", "First.\n")).unwrap();
    fs::write(content.join("posts/two.md"), story("Two", "", "Second.\n")).unwrap();
    let dist = content.join("dist");
    let changes = content.join("changes");
    let manifest = ["--manifest", changes.to_str().unwrap()];
    let (status, stdout, stderr) = site(&content, &dist, &manifest);
    assert_eq!(status, 0, "{stdout}\n{stderr}");
    let upload = fs::read_to_string(changes.join("upload.txt")).unwrap();
    assert!(upload.lines().any(|l| l == "content/posts/one.json") && upload.lines().all(|l| dist.join(l).is_file()));
    assert_eq!(fs::read_to_string(changes.join("remove.txt")).unwrap(), "");

    // Nothing changed: nothing to upload.
    let (status, stdout, _) = site(&content, &dist, &manifest);
    assert_eq!(status, 0);
    assert!(stdout.contains(": 0 added, 0 changed, 0 removed"), "{stdout}");
    assert_eq!(fs::read_to_string(changes.join("upload.txt")).unwrap(), "");

    // One story edited, one removed: its files, the lists that show it, and what goes.
    fs::write(content.join("posts/one.md"), story("One", "", "First, edited.\n")).unwrap();
    fs::remove_file(content.join("posts/two.md")).unwrap();
    let (status, _, _) = site(&content, &dist, &manifest);
    assert_eq!(status, 0);
    let json: serde_json::Value = serde_json::from_slice(&fs::read(changes.join("changes.json")).unwrap()).unwrap();
    let list = |key: &str| -> Vec<String> {
        json[key].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
    };
    assert!(list("changed").contains(&"content/posts/one.json".to_owned()), "{json}");
    assert!(list("removed").contains(&"content/posts/two.json".to_owned()), "{json}");
    // New files only where the archive explorer's folders are named after their content.
    assert!(list("added").iter().all(|f| f.starts_with("content/archive/")), "{json}");
    let remove = fs::read_to_string(changes.join("remove.txt")).unwrap();
    assert!(remove.lines().all(|l| !dist.join(l).exists()) && remove.contains("content/posts/two.json"));

    // A host whose limit the site exceeds is named with it; an unknown host is an error.
    let (status, _, stderr) = site(&content, &dist, &["--host", "cloudflare-pages-free"]);
    assert_eq!(status, 0);
    assert!(!stderr.contains("Cloudflare"), "{stderr}");
    let (status, _, stderr) = site(&content, &dist, &["--host", "geocities"]);
    assert_eq!(status, 1);
    assert!(stderr.contains("error: --host: no host is called \"geocities\""), "{stderr}");

    // A second build into the same folder while one holds it is refused, naming it.
    let lock = content.join(".dist.masthead-build.lock");
    let held = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock).unwrap();
    held.lock().unwrap();
    let (status, _, stderr) = site(&content, &dist, &[]);
    assert_eq!(status, 1);
    assert!(stderr.contains("another build is writing into") && stderr.contains("dist"), "{stderr}");
    held.unlock().unwrap();
    let (status, _, _) = site(&content, &dist, &[]);
    assert_eq!(status, 0);
    let _ = fs::remove_dir_all(&content);
}

/// Every file under `dir`, relative, with its bytes.
fn files_in(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A copy of `from` at `to` (`cp -a`, which keeps the files' times).
fn copy_dir(from: &Path, to: &Path) {
    let status = Command::new("cp").arg("-a").arg(from).arg(to).status().unwrap();
    assert!(status.success(), "cp -a {} {}", from.display(), to.display());
}

#[test]
fn a_disk_that_fills_up_part_way_leaves_every_file_whole_and_the_next_build_finishes_the_job() {
    let bin = env!("CARGO_BIN_EXE_masthead-build");
    let work = common::temp("cli-disk-full");
    let content = work.join("content");
    let generate = Command::new(bin).args(["generate", "--posts", "150", "--out"]).arg(&content).output().unwrap();
    assert!(generate.status.success(), "{}", String::from_utf8_lossy(&generate.stderr));
    // The last build, complete, with its pages (the source template) and its manifest.
    let old = work.join("old");
    fs::create_dir_all(&old).unwrap();
    fs::copy(common::repo().join("index.html"), old.join("index.html")).unwrap();
    let changes = work.join("changes");
    let manifest = ["--manifest", changes.to_str().unwrap()];
    let (status, stdout, stderr) = site(&content, &old, &manifest);
    assert_eq!(status, 0, "{stdout}\n{stderr}");
    let old_files = files_in(&old);
    let old_manifest = files_in(&changes);

    // The publication renamed at length: every page changes and grows. What a complete
    // build of it writes:
    let toml = fs::read_to_string(content.join("site.toml")).unwrap();
    let renamed = toml.replacen("name = \"", &format!("name = \"{}", "The Renamed ".repeat(12)), 1);
    assert_ne!(renamed, toml);
    fs::write(content.join("site.toml"), renamed).unwrap();
    let reference = work.join("reference");
    copy_dir(&old, &reference);
    let (status, _, stderr) = site(&content, &reference, &[]);
    assert_eq!(status, 0, "{stderr}");
    let new_files = files_in(&reference);

    // The same build on a disk (a tmpfs of its own) with room for the last build and
    // 64 KB more, so it runs out part-way; what is left is copied out.
    let size_kb = old_files.values().map(|b| b.len().div_ceil(4096) * 4).sum::<usize>() + 64;
    let after = work.join("after");
    let script = r#"set -e
mount -t tmpfs -o size="$1k" tmpfs "$2"
cp -a "$3" "$2/dist"
set +e
"$4" site --content "$5" --dist "$2/dist" --manifest "$6" >"$7/stdout" 2>"$7/stderr"
echo $? >"$7/status"
cp -a "$2/dist" "$7/dist""#;
    let disk = work.join("disk");
    fs::create_dir_all(&disk).unwrap();
    fs::create_dir_all(&after).unwrap();
    // A mount namespace of its own (as a user namespace's root where the test is not run
    // as root), so nothing is mounted on the machine.
    let run = |flags: &str| {
        Command::new("unshare")
            .args([flags, "sh", "-c", script, "sh", &size_kb.to_string()])
            .args([&disk, &old, Path::new(bin), &content, &changes, &after])
            .output()
            .unwrap()
    };
    let mut ran = run("-rm");
    if !ran.status.success() {
        ran = run("-m");
    }
    assert!(
        ran.status.success(),
        "unshare could not give the test a disk of its own: {}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let read = |name: &str| fs::read_to_string(after.join(name)).unwrap();
    assert_eq!(read("status").trim(), "1", "{}\n{}", read("stdout"), read("stderr"));
    // Said in the editor's words, naming the file it could not write and why.
    let stderr = read("stderr");
    assert!(stderr.contains("cannot write: No space left on device"), "{stderr}");

    // Every file is whole: the last build's or the new build's, never half of either, and
    // no temporary file is left behind. Nothing was removed.
    let left = files_in(&after.join("dist"));
    assert!(left.keys().all(|rel| !rel.ends_with(".tmp")), "{:?}", left.keys().filter(|r| r.ends_with(".tmp")));
    let (mut kept, mut made) = (0, 0);
    for (rel, bytes) in &left {
        if old_files.get(rel) == Some(bytes) {
            kept += 1;
        } else if new_files.get(rel) == Some(bytes) {
            made += 1;
        } else {
            panic!("{rel} is neither the last build's nor the new build's");
        }
    }
    assert!(made > 0 && kept > 0, "the disk filled part-way: {made} new files, {kept} old");
    assert!(old_files.keys().all(|rel| left.contains_key(rel)), "a file of the last build was removed");
    // The deploy's list of changes is the last complete build's: a failed build writes none.
    assert_eq!(files_in(&changes), old_manifest);

    // With room again, the next build finishes the job: the same files as a complete build.
    let resumed = work.join("resumed");
    copy_dir(&after.join("dist"), &resumed);
    let (status, _, stderr) = site(&content, &resumed, &[]);
    assert_eq!(status, 0, "{stderr}");
    assert!(files_in(&resumed) == new_files, "the resumed build differs from a complete one");
    let _ = fs::remove_dir_all(&work);
}
