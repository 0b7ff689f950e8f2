//! `masthead-build [--content DIR] [--out DIR]`: Markdown in, the JSON contract out.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut content = PathBuf::from("content");
    let mut out = PathBuf::from("public/content");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--content", Some(v)) => content = v.into(),
            ("--out", Some(v)) => out = v.into(),
            _ => {
                eprintln!("usage: masthead-build [--content DIR] [--out DIR]\n  defaults: --content content --out public/content");
                return ExitCode::from(2);
            }
        }
    }
    let started = Instant::now();
    match masthead_builder::build(&content, &out) {
        Ok((publication, files)) => {
            println!(
                "built {} posts into {} ({files} files) in {} ms",
                publication.posts.len(),
                out.display(),
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            eprintln!("{} problem(s) found; nothing was written", errors.len());
            ExitCode::FAILURE
        }
    }
}
