//! Times what the live preview does after a save: a full build of CONTENT into DIST with
//! a memo, then the same build after one post's body changed (the middle post by path),
//! then after nothing changed. The edited post is restored at the end.
//!
//!   cargo run --release -p masthead-builder --example incremental -- CONTENT DIST
//!
//! Prints one line: posts, full build s, incremental build s, no-change build s, and the
//! files the incremental build wrote. `scripts/bench-build.sh` runs it at each size.

use std::path::{Path, PathBuf};
use std::time::Instant;

use masthead_builder::{build_site, Memo};

fn markdown(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, dist] = args.as_slice() else {
        eprintln!("usage: incremental CONTENT DIST");
        return std::process::ExitCode::from(2);
    };
    let (content, dist) = (Path::new(content), Path::new(dist));
    let mut posts = Vec::new();
    markdown(&content.join("posts"), &mut posts);
    posts.sort();
    let Some(file) = posts.get(posts.len() / 2).cloned() else {
        eprintln!("no posts in {}", content.display());
        return std::process::ExitCode::FAILURE;
    };
    let Ok(original) = std::fs::read_to_string(&file) else {
        eprintln!("cannot read {}", file.display());
        return std::process::ExitCode::FAILURE;
    };
    let mut memo = Memo::default();
    let timed = |memo: &mut Memo| {
        let started = Instant::now();
        let report = build_site(content, dist, None, memo);
        (started.elapsed().as_secs_f64(), report)
    };
    let (full, first) = timed(&mut memo);
    if let Err(errors) = first {
        eprintln!("{} problem(s), the first: {}", errors.len(), errors[0]);
        return std::process::ExitCode::FAILURE;
    }
    let edited = format!("{original}\nA paragraph added by the incremental build benchmark.\n");
    if std::fs::write(&file, edited).is_err() {
        eprintln!("cannot write {}", file.display());
        return std::process::ExitCode::FAILURE;
    }
    let (incremental, report) = timed(&mut memo);
    let (unchanged, _) = timed(&mut memo);
    let restored = std::fs::write(&file, original);
    match (report, restored) {
        (Ok(report), Ok(())) => {
            println!("{} {full:.2} {incremental:.3} {unchanged:.3} {}", report.posts, report.changes.written);
            std::process::ExitCode::SUCCESS
        }
        (Err(errors), _) => {
            eprintln!("the incremental build failed: {}", errors[0]);
            std::process::ExitCode::FAILURE
        }
        (_, Err(e)) => {
            eprintln!("cannot restore {}: {e}", file.display());
            std::process::ExitCode::FAILURE
        }
    }
}
