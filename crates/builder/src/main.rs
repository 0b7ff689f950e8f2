//! The Masthead builder.
//!
//!   masthead-build [--content DIR] [--out DIR]
//!       the JSON contract only (default: content -> public/content)
//!   masthead-build site [--content DIR] --dist DIR [--explorer DIR]
//!       everything the site serves into DIR: JSON under content/, feeds, sitemap,
//!       robots.txt, and one page per article when DIR/index.html exists (trunk runs this
//!       after each build, on its staging folder); the archive page from the build of the
//!       archive page's bundle in --explorer DIR
//!   masthead-build generate --posts N [--from 2016-01] [--to 2026-06] [--seed 42] --out DIR
//!       a synthetic publication of N posts, the same for the same seed
//!   masthead-build compress --dist DIR
//!       x.br and x.gz beside each text file and the wasm of DIR, for hosts that serve
//!       precompressed files
//!   masthead-build signup-endpoint [--listen 127.0.0.1:8787] [--out target/signups.ndjson]
//!                                  [--content DIR] [--faults on]
//!       a newsletter signup endpoint speaking Masthead's JSON webhook, for local runs and
//!       tests (see endpoint.rs)

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use masthead_builder::{generate::generate, load, write, write_site, BuildError};
use masthead_model::YearMonth;

const USAGE: &str = "usage:
  masthead-build [--content DIR] [--out DIR]
  masthead-build site [--content DIR] --dist DIR [--explorer DIR]
  masthead-build generate --posts N [--from YYYY-MM] [--to YYYY-MM] [--seed N] --out DIR
  masthead-build compress --dist DIR
  masthead-build signup-endpoint [--listen 127.0.0.1:8787] [--out target/signups.ndjson] [--content DIR] [--faults on]";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let command = match args.first().map(String::as_str) {
        Some("site" | "generate" | "signup-endpoint" | "compress") => args.remove(0),
        _ => "json".to_owned(),
    };
    let mut options = std::collections::HashMap::new();
    let mut rest = args.into_iter();
    while let Some(flag) = rest.next() {
        match (flag.strip_prefix("--"), rest.next()) {
            (Some(name), Some(value)) => {
                options.insert(name.to_owned(), value);
            }
            _ => return usage(&format!("unexpected argument {flag:?}")),
        }
    }
    let path = |name: &str, default: &str| PathBuf::from(options.get(name).map_or(default, String::as_str));
    let started = Instant::now();
    match command.as_str() {
        "compress" => {
            let Some(dist) = options.get("dist").map(PathBuf::from) else { return usage("--dist DIR is required") };
            match masthead_builder::compress::compress_dir(&dist) {
                Ok(c) => {
                    println!(
                        "compressed {} files in {}: {} KB -> {} KB brotli, {} KB gzip in {} ms",
                        c.files,
                        dist.display(),
                        c.raw / 1024,
                        c.brotli / 1024,
                        c.gzip / 1024,
                        started.elapsed().as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => report(&[e]),
            }
        }
        "signup-endpoint" => {
            let listen = options.get("listen").map_or("127.0.0.1:8787", String::as_str);
            let log = path("out", "target/signups.ndjson");
            let topics = masthead_builder::endpoint::site_topics(&path("content", "content").join("site.toml"));
            let faults = options.get("faults").is_some_and(|v| v == "on");
            let served = masthead_builder::endpoint::State::open(&log, topics, faults)
                .and_then(|state| masthead_builder::endpoint::serve(listen, state));
            match served {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: signup endpoint on {listen} ({}): {e}", log.display());
                    ExitCode::FAILURE
                }
            }
        }
        "generate" => {
            let Some(posts) = options.get("posts").and_then(|n| n.parse::<usize>().ok()) else {
                return usage("--posts N is required");
            };
            let month = |name: &str, default: &str| YearMonth::parse(options.get(name).map_or(default, String::as_str));
            let (Some(from), Some(to)) = (month("from", "2016-01"), month("to", "2026-06")) else {
                return usage("--from and --to are months like 2016-01");
            };
            let seed = options.get("seed").and_then(|s| s.parse().ok()).unwrap_or(42);
            let Some(out) = options.get("out") else { return usage("--out DIR is required") };
            match generate(&PathBuf::from(out), posts, from, to, seed) {
                Ok(()) => {
                    println!("generated {posts} posts into {out} in {} ms", started.elapsed().as_millis());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {out}: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        "site" => {
            let Some(dist) = options.get("dist").map(PathBuf::from) else { return usage("--dist DIR is required") };
            let content = path("content", "content");
            let publication = match load(&content) {
                Ok(p) => p,
                Err(errors) => return report(&errors),
            };
            let loaded = started.elapsed().as_millis();
            let explorer = options.get("explorer").map(PathBuf::from);
            match write_site(&publication, &dist, explorer.as_deref()) {
                Ok(r) => {
                    println!(
                        "built {} posts into {}: {} JSON files, {} article pages, {} feeds and sitemap files in {} ms (read {loaded} ms)",
                        publication.posts.len(),
                        dist.display(),
                        r.json_files,
                        r.pages,
                        r.other_files,
                        started.elapsed().as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => report(&[e]),
            }
        }
        _ => {
            let (content, out) = (path("content", "content"), path("out", "public/content"));
            match load(&content).and_then(|p| write(&p, &out).map(|n| (p, n)).map_err(|e| vec![e])) {
                Ok((publication, files)) => {
                    println!(
                        "built {} posts into {} ({files} files) in {} ms",
                        publication.posts.len(),
                        out.display(),
                        started.elapsed().as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(errors) => report(&errors),
            }
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}\n{USAGE}");
    ExitCode::from(2)
}

fn report(errors: &[BuildError]) -> ExitCode {
    for e in errors {
        eprintln!("error: {e}");
    }
    eprintln!("{} problem(s) found; the output was left as it was", errors.len());
    ExitCode::FAILURE
}
