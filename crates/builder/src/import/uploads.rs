//! A copy of WordPress's `wp-content/uploads` (given with `--uploads`), brought along: its
//! pictures and files are copied to `public/wp-content/uploads/`, the imported stories'
//! addresses of them on the old host become the site's own (`/wp-content/uploads/…`), and
//! every picture or file a story names that the copy lacks is named in the report.

use std::path::{Path, PathBuf};

use super::Report;

const UPLOADS: &str = "/wp-content/uploads/";

/// Copies `uploads` beside the `content` folder and points the stories at it; `hosts` are
/// the old site's addresses (`https://example.com`), whatever their scheme.
pub fn bring(uploads: &Path, content: &Path, hosts: &[&str], report: &mut Report) {
    let target = crate::content::images::public_dir(content).join(UPLOADS.trim_matches('/'));
    let (copied, notes) = super::static_site::copy_uploads(uploads, &target);
    report.notes.extend(notes);
    let mut olds: Vec<String> = Vec::new();
    for host in hosts {
        let bare = host.trim_end_matches('/').trim_start_matches("https:").trim_start_matches("http:");
        if let Some(bare) = bare.strip_prefix("//").filter(|b| !b.is_empty()) {
            for scheme in ["https://", "http://", "//"] {
                olds.push(format!("{scheme}{bare}{UPLOADS}"));
            }
        }
    }
    olds.sort_by_key(|o| std::cmp::Reverse(o.len()));
    olds.dedup();
    let mut named = 0;
    let mut missing = 0;
    for file in markdown_files(content) {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let mut local = text.clone();
        for old in &olds {
            local = local.replace(old.as_str(), UPLOADS);
        }
        for (line, address) in uploads_named(&local) {
            named += 1;
            let rel = masthead_model::url::percent_decode(&address[UPLOADS.len()..]);
            if rel.split('/').any(|p| p == "..") || !target.join(&rel).is_file() {
                missing += 1;
                let shown = file.strip_prefix(content).unwrap_or(&file).display();
                report.notes.push(format!(
                    "{shown}:{line}: {address} is not in the uploads folder given ({}): the story shows it missing",
                    uploads.display()
                ));
            }
        }
        if local != text {
            if let Err(e) = std::fs::write(&file, local) {
                report
                    .notes
                    .push(format!("{}: could not be rewritten to the site's own uploads ({e})", file.display()));
            }
        }
    }
    report.notes.push(format!(
        "uploads: {copied} files copied from {} to {}; the stories name {named} uploaded files, {missing} of them not in the folder",
        uploads.display(),
        target.display()
    ));
}

/// Each `/wp-content/uploads/…` address in `text`, with its line (from 1).
fn uploads_named(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find(UPLOADS) {
            let tail = &rest[at..];
            let end = tail
                .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '<' | '>' | '?' | '#' | ']'))
                .unwrap_or(tail.len());
            if end > UPLOADS.len() {
                found.push((n + 1, tail[..end].to_owned()));
            }
            rest = &tail[end.max(1)..];
        }
    }
    found
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return files };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_are_found_in_markdown_and_html() {
        let text = "![A](/wp-content/uploads/2022/03/a.jpg \"t\")\n<img src=\"/wp-content/uploads/b%20c.png?x=1\"> and /wp-content/uploads/";
        assert_eq!(
            uploads_named(text),
            vec![(1, "/wp-content/uploads/2022/03/a.jpg".to_owned()), (2, "/wp-content/uploads/b%20c.png".to_owned())]
        );
    }
}
