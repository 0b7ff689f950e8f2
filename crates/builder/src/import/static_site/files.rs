//! The files of a Hugo or Jekyll site: its Markdown posts and pages (with the date and slug
//! a file's name or folder gives), and its own pictures and documents copied to `public/`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::config::{hugo_content_dirs, Flavor};
use crate::import::Report;

/// Every Markdown file under `dir`, sorted.
pub(super) fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "md" | "markdown")) {
            out.push(path);
        }
    }
    out.sort();
}

/// One file to import: where it is, whether it is a page, its section (Hugo), and the
/// date and slug its name gives (Jekyll's `2024-05-01-title.md`).
pub(super) struct Source {
    pub(super) file: PathBuf,
    /// The folder of a Hugo leaf bundle (`posts/x/` of `posts/x/index.md`), whose other
    /// files are the post's own pictures and files.
    pub(super) bundle: Option<PathBuf>,
    pub(super) page: bool,
    pub(super) draft: bool,
    pub(super) section: String,
    pub(super) name_slug: String,
    pub(super) name_date: Option<String>,
}

pub(super) fn sources(flavor: Flavor, dir: &Path, cfg: &Value, report: &mut Report) -> Vec<Source> {
    let mut out = Vec::new();
    let stem = |f: &Path| f.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    match flavor {
        Flavor::Hugo => {
            let (content, others) = hugo_content_dirs(dir, cfg);
            let mut files = Vec::new();
            markdown_files(&content, &mut files);
            for (code, folder) in others {
                let mut theirs = Vec::new();
                markdown_files(&folder, &mut theirs);
                // Files of other languages inside the main folder are theirs, not its.
                files.retain(|f| !f.starts_with(&folder));
                if !theirs.is_empty() {
                    report.notes.push(format!(
                        "{} files in the language {code} ({}) were not imported: a publication has one language; import them into a publication of their own",
                        theirs.len(),
                        folder.display()
                    ));
                }
            }
            for file in files {
                let name = stem(&file);
                if name.starts_with('_') {
                    continue;
                }
                let rel: Vec<String> = file
                    .strip_prefix(&content)
                    .map(|r| r.iter().map(|p| p.to_string_lossy().into_owned()).collect())
                    .unwrap_or_default();
                // A leaf bundle (`posts/x/index.md`) is named by its folder.
                let bundle = name == "index" && rel.len() >= 2;
                let name_slug = if bundle { rel[rel.len() - 2].clone() } else { name };
                let depth = rel.len() - usize::from(bundle);
                out.push(Source {
                    bundle: bundle.then(|| file.parent().map(Path::to_path_buf)).flatten(),
                    page: depth <= 1,
                    draft: false,
                    section: if depth > 1 { rel[0].clone() } else { String::new() },
                    name_slug,
                    name_date: None,
                    file,
                });
            }
        }
        Flavor::Jekyll => {
            for (folder, draft) in [("_posts", false), ("_drafts", true)] {
                let mut files = Vec::new();
                markdown_files(&dir.join(folder), &mut files);
                for file in files {
                    let name = stem(&file);
                    let dated = name.len() > 11
                        && name.as_bytes().get(4) == Some(&b'-')
                        && name.as_bytes().get(7) == Some(&b'-')
                        && name.as_bytes().get(10) == Some(&b'-');
                    let (name_date, name_slug) = if dated {
                        (Some(format!("{}T00:00:00Z", &name[..10])), name[11..].to_owned())
                    } else {
                        (None, name)
                    };
                    out.push(Source {
                        file,
                        bundle: None,
                        page: false,
                        draft,
                        section: String::new(),
                        name_slug,
                        name_date,
                    });
                }
            }
            let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"))
                .filter(|p| {
                    !matches!(
                        stem(p).to_ascii_lowercase().as_str(),
                        "readme" | "index" | "404" | "changelog" | "license"
                    )
                })
                .collect();
            pages.sort();
            for file in pages {
                let name_slug = stem(&file);
                out.push(Source {
                    file,
                    bundle: None,
                    page: true,
                    draft: false,
                    section: String::new(),
                    name_slug,
                    name_date: None,
                });
            }
        }
    }
    out
}

/// A site path for a folder relative to the content root: `posts/x` is `/posts/x/`.
pub(super) fn url_of(rel: &Path) -> String {
    let mut url = String::from("/");
    for part in rel.iter() {
        url.push_str(&part.to_string_lossy());
        url.push('/');
    }
    url
}

/// Pictures, sound, video and documents, by their extension: what a Jekyll site's folders
/// hold for its pages.
pub(super) fn is_media(file: &Path) -> bool {
    file.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "png"
                | "jpg"
                | "jpeg"
                | "gif"
                | "webp"
                | "avif"
                | "svg"
                | "ico"
                | "bmp"
                | "tif"
                | "tiff"
                | "pdf"
                | "mp3"
                | "mp4"
                | "webm"
                | "ogg"
                | "m4a"
                | "mov"
                | "zip"
                | "csv"
        )
    })
}

/// Copies every file under `from` (but Markdown) that `wanted` takes into `to`, keeping
/// the folders. A file already in `to` with other bytes is not replaced: it is named in
/// the returned notes. Returns (files copied or already there, notes).
pub(super) fn copy_files(from: &Path, to: &Path, wanted: fn(&Path) -> bool) -> (usize, Vec<String>) {
    let mut copied = 0;
    let mut notes = Vec::new();
    let Ok(entries) = std::fs::read_dir(from) else { return (0, notes) };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let Some(name) = path.file_name() else { continue };
        let target = to.join(name);
        if path.is_dir() {
            let (n, mut more) = copy_files(&path, &target, wanted);
            copied += n;
            notes.append(&mut more);
            continue;
        }
        let markdown = path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "md" | "markdown"));
        if markdown || !wanted(&path) {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            notes.push(format!("{} could not be read: not copied", path.display()));
            continue;
        };
        match std::fs::read(&target) {
            Ok(existing) if existing == bytes => copied += 1,
            Ok(_) => notes.push(format!(
                "{} is already in {} with other contents: not replaced",
                path.display(),
                target.display()
            )),
            Err(_) => {
                let written = std::fs::create_dir_all(to).and_then(|()| std::fs::write(&target, &bytes));
                match written {
                    Ok(()) => copied += 1,
                    Err(e) => {
                        notes.push(format!("{} could not be copied to {}: {e}", path.display(), target.display()))
                    }
                }
            }
        }
    }
    (copied, notes)
}
