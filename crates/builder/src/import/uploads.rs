//! The old site's own pictures and files, brought along: a copy of WordPress's
//! `wp-content/uploads` (`--uploads`) or of Ghost's `content/images` (`--images`) is copied
//! under `public/` at the path the stories use (`/wp-content/uploads/…`, `/images/…`), the
//! stories' addresses of those files on the old host become the site's own, and every
//! picture or file a story names that the copy lacks is named in the report.

use std::path::Path;

use super::Report;

/// Where WordPress's uploads are on its site.
pub const UPLOADS: &str = "/wp-content/uploads/";

/// Copies `uploads` beside the `content` folder, at the site path `at` (`/images/`), and
/// points the stories at it; `hosts` are the old site's addresses (`https://example.com`),
/// whatever their scheme, whose `at` addresses become the site's own.
pub fn bring(uploads: &Path, content: &Path, at: &str, hosts: &[&str], report: &mut Report) {
    let target = crate::content::images::public_dir(content).join(at.trim_matches('/'));
    let (copied, notes) = super::static_site::copy_uploads(uploads, &target);
    report.notes.extend(notes);
    let mut olds: Vec<String> = Vec::new();
    for host in hosts {
        let bare = host.trim_end_matches('/').trim_start_matches("https:").trim_start_matches("http:");
        if let Some(bare) = bare.strip_prefix("//").filter(|b| !b.is_empty()) {
            for scheme in ["https://", "http://", "//"] {
                olds.push(format!("{scheme}{bare}{at}"));
            }
        }
    }
    olds.sort_by_key(|o| std::cmp::Reverse(o.len()));
    olds.dedup();
    let mut named = 0;
    let mut missing = 0;
    let mut files = Vec::new();
    if let Err(e) = crate::content::files::collect_markdown(content, &mut files) {
        report.notes.push(format!("the stories could not all be read for the old site's files: {e}"));
    }
    files.sort();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let mut local = text.clone();
        for old in &olds {
            local = local.replace(old.as_str(), at);
        }
        for (line, address) in named_in(&local, at) {
            named += 1;
            let rel = masthead_model::url::percent_decode(&address[at.len()..]);
            if rel.split('/').any(|p| p == "..") || !target.join(&rel).is_file() {
                missing += 1;
                let shown = file.strip_prefix(content).unwrap_or(&file).display();
                report.notes.push(format!(
                    "{shown}:{line}: {address} is not in the folder given ({}): the story shows it missing",
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
        "{copied} files copied from {} to {}; the stories name {named} of the old site's files, {missing} of them not in the folder",
        uploads.display(),
        target.display()
    ));
}

/// Each address under `at` (`/wp-content/uploads/…`) in `text`, with its line (from 1).
fn named_in(text: &str, at: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(i) = rest.find(at) {
            let tail = &rest[i..];
            // A site path starts an address (`](/images/…`, `src="/images/…`), not the path
            // of one on another host (`https://cdn.example/v1/images/…`).
            let starts = rest[..i]
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '(' | '"' | '\'' | '=' | '<') || c.is_whitespace());
            if !starts {
                rest = &tail[1..];
                continue;
            }
            let end = tail
                .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '<' | '>' | '?' | '#' | ']'))
                .unwrap_or(tail.len());
            if end > at.len() {
                found.push((n + 1, tail[..end].to_owned()));
            }
            rest = &tail[end.max(1)..];
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_are_found_in_markdown_and_html() {
        let text = "![A](/wp-content/uploads/2022/03/a.jpg \"t\")\n<img src=\"/wp-content/uploads/b%20c.png?x=1\"> and /wp-content/uploads/\n\
                    <img src=\"https://cdn.example/v1/wp-content/uploads/d.png\">";
        assert_eq!(
            named_in(text, UPLOADS),
            vec![(1, "/wp-content/uploads/2022/03/a.jpg".to_owned()), (2, "/wp-content/uploads/b%20c.png".to_owned())]
        );
    }
}
