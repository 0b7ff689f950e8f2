//! The Masthead builder's command line: `masthead-build --help` lists the commands, and
//! `masthead-build COMMAND --help` each one's options. Unknown commands and options are
//! refused (clap), never guessed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use masthead_builder::{generate::generate_with, BuildError, Memo};
use masthead_model::YearMonth;

#[derive(Parser)]
#[command(
    name = "masthead-build",
    version,
    about = "Builds a Masthead publication from Markdown, and serves it while you write"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Everything the site serves into DIST: the JSON contract under content/, feeds,
    /// sitemap, robots.txt and, when DIST/index.html exists (after `trunk build`), one page
    /// per article and the deploy files. Only files whose bytes change are written.
    Site {
        /// The publication: site.toml and posts/**/*.md.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The served folder (trunk's staging folder when trunk runs this after a build).
        #[arg(long)]
        dist: PathBuf,
        /// The build of the archive page's bundle (`trunk build --features explorer`),
        /// whose index.html becomes the archive page.
        #[arg(long)]
        explorer: Option<PathBuf>,
        /// Build drafts too (`draft = true`).
        #[arg(long)]
        drafts: bool,
        /// Fail on warnings (what the content has that the site does not carry), for CI.
        #[arg(long)]
        strict: bool,
        /// Where the pictures' sized copies are kept between builds (default:
        /// .cache/pictures beside the content folder); a CI can restore it.
        #[arg(long)]
        picture_cache: Option<PathBuf>,
        /// The host the site goes to (github-pages, gitlab-pages, cloudflare-pages,
        /// cloudflare-pages-free, netlify, s3): each of its limits the built site exceeds
        /// (files, size, size of a file) is named in a warning.
        #[arg(long)]
        host: Option<String>,
        /// Where the list of the files this build added, changed and removed is written
        /// (upload.txt, remove.txt, changes.json; default: .cache/deploy beside the
        /// content folder), for a deploy that uploads only those.
        #[arg(long)]
        manifest: Option<PathBuf>,
    },
    /// The JSON contract alone (no feeds, no pages) into OUT.
    Json {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long, default_value = "public/content")]
        out: PathBuf,
    },
    /// The live preview: builds the app once, serves the site with every change to
    /// content/, style/ and the app shown in the open tab, and runs the local signup
    /// endpoint. Ctrl-C stops everything it started.
    Serve(masthead_builder::serve::Options),
    /// A synthetic publication of N posts, the same for the same seed.
    Generate {
        #[arg(long)]
        posts: usize,
        /// First month, like 2016-01.
        #[arg(long, default_value = "2016-01", value_parser = month)]
        from: YearMonth,
        /// Last month, like 2026-06.
        #[arg(long, default_value = "2026-06", value_parser = month)]
        to: YearMonth,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// How many people write the posts.
        #[arg(long, default_value_t = 24)]
        authors: usize,
        /// Bodies of about 600 words of language-like prose (a Zipf-distributed vocabulary
        /// of 40,000 words), for search benchmarks.
        #[arg(long)]
        prose: bool,
        #[arg(long)]
        out: PathBuf,
    },
    /// A synthetic WordPress export (WXR) of N posts, for the importer's benchmark.
    GenerateWxr {
        #[arg(long)]
        posts: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// The .xml file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Brings a publication over from another system: its posts and pages as Markdown,
    /// site.toml, and import-report.md saying what came over and what did not.
    #[command(subcommand)]
    Import(Import),
    /// x.br and x.gz beside each text file and the wasm of DIST, for hosts that serve
    /// precompressed files.
    Compress {
        #[arg(long)]
        dist: PathBuf,
        /// The host the site goes to: where it compresses by itself (GitHub Pages,
        /// Cloudflare Pages, Netlify), no copies are written and earlier ones are removed.
        #[arg(long)]
        host: Option<String>,
    },
    /// A newsletter signup endpoint speaking Masthead's JSON webhook, for local runs and
    /// tests.
    SignupEndpoint {
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: String,
        /// Where accepted signups are appended, one JSON object a line.
        #[arg(long, default_value = "target/signups.ndjson")]
        out: PathBuf,
        /// The publication whose newsletter topics are accepted.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Accept `POST /_faults` to script failures (for tests).
        #[arg(long)]
        faults: bool,
    },
}

#[derive(Subcommand)]
enum Import {
    /// WordPress's export file (WXR: Tools → Export → All content).
    Wordpress {
        /// The export, an .xml file.
        export: PathBuf,
        /// The content folder to write (site.toml, posts/, pages/).
        #[arg(long, default_value = "content")]
        out: PathBuf,
        /// A copy of the site's wp-content/uploads folder: copied to public/, and the
        /// stories' pictures on the old host pointed at it.
        #[arg(long)]
        uploads: Option<PathBuf>,
    },
    /// A Hugo site's folder (its config and content/).
    Hugo {
        /// The site's folder.
        site: PathBuf,
        /// The content folder to write (site.toml, posts/, pages/).
        #[arg(long, default_value = "content")]
        out: PathBuf,
    },
    /// A Jekyll site's folder (its _config.yml, _posts/, _drafts/ and pages).
    Jekyll {
        /// The site's folder.
        site: PathBuf,
        /// The content folder to write (site.toml, posts/, pages/).
        #[arg(long, default_value = "content")]
        out: PathBuf,
    },
    /// Ghost's JSON export (Settings → Advanced → Export content).
    Ghost {
        /// The export, a .json file.
        export: PathBuf,
        /// The content folder to write (site.toml, posts/, pages/).
        #[arg(long, default_value = "content")]
        out: PathBuf,
        /// A copy of the old site's content/images folder: copied to public/images, where
        /// the stories' pictures now point.
        #[arg(long)]
        images: Option<PathBuf>,
    },
}

/// What an import says when it is done: the counts, each step's time and memory, the report.
fn imported(
    result: Result<(PathBuf, masthead_builder::import::Report), masthead_builder::import::error::ImportError>,
    out: &std::path::Path,
    started: Instant,
) -> ExitCode {
    match result {
        Ok((path, report)) => {
            for (kind, (found, written)) in &report.counts {
                println!("{kind}: {found} in the export, {written} imported");
            }
            for (step, ms, peak) in &report.steps {
                println!("{step}: {ms} ms, peak memory {peak}");
            }
            println!(
                "imported into {} in {} ms; what came over and what did not: {}",
                out.display(),
                started.elapsed().as_millis(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn month(text: &str) -> Result<YearMonth, String> {
    YearMonth::parse(text).ok_or_else(|| format!("{text:?} is not a month like 2016-01"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    match cli.command {
        Command::Compress { dist, host: Some(name) } => match masthead_builder::site::hosts::host(&name) {
            Err(message) => {
                eprintln!("error: --host: {message}");
                ExitCode::FAILURE
            }
            Ok(host) if !host.serves_precompressed => match masthead_builder::site::compress::remove_copies(&dist) {
                Ok(n) => {
                    println!(
                        "{} compresses by itself: no precompressed copies in {} ({n} removed)",
                        host.label,
                        dist.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => report(&[e]),
            },
            Ok(_) => compress(&dist, started),
        },
        Command::Compress { dist, host: None } => compress(&dist, started),
        Command::SignupEndpoint { listen, out, content, faults } => {
            let topics = masthead_builder::serve::endpoint::site_topics(&content.join("site.toml"));
            let served = masthead_builder::serve::endpoint::State::open(&out, topics, faults)
                .and_then(|state| masthead_builder::serve::endpoint::serve(&listen, state));
            match served {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: signup endpoint on {listen} ({}): {e}", out.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve(options) => masthead_builder::serve::run(options),
        Command::GenerateWxr { posts, seed, out } => {
            match masthead_builder::generate::generate_wxr(&out, posts, seed) {
                Ok(()) => {
                    let size = std::fs::metadata(&out).map_or(0, |m| m.len());
                    println!(
                        "generated a WordPress export of {posts} posts ({} MB) at {} in {} ms",
                        size / 1_000_000,
                        out.display(),
                        started.elapsed().as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {}: {e}", out.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Import(Import::Wordpress { export, out, uploads }) => {
            let result = masthead_builder::import::wordpress::import_with(&export, &out, uploads.as_deref());
            imported(result, &out, started)
        }
        Command::Import(Import::Hugo { site, out }) => {
            use masthead_builder::import::static_site::{import, Flavor};
            imported(import(Flavor::Hugo, &site, &out), &out, started)
        }
        Command::Import(Import::Jekyll { site, out }) => {
            use masthead_builder::import::static_site::{import, Flavor};
            imported(import(Flavor::Jekyll, &site, &out), &out, started)
        }
        Command::Import(Import::Ghost { export, out, images }) => {
            imported(masthead_builder::import::ghost::import_with(&export, &out, images.as_deref()), &out, started)
        }
        Command::Generate { posts, from, to, seed, authors, prose, out } => {
            match generate_with(&out, posts, from, to, seed, authors, prose) {
                Ok(()) => {
                    println!("generated {posts} posts into {} in {} ms", out.display(), started.elapsed().as_millis());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {}: {e}", out.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Site { content, dist, explorer, drafts, strict, picture_cache, host, manifest } => {
            let host = match host.as_deref().map(masthead_builder::site::hosts::host).transpose() {
                Ok(host) => host,
                Err(message) => {
                    eprintln!("error: --host: {message}");
                    return ExitCode::FAILURE;
                }
            };
            // One build at a time writes into a folder: a second waits for nothing and says so.
            let _lock = match lock(&dist) {
                Ok(lock) => lock,
                Err(message) => {
                    eprintln!("error: {message}");
                    return ExitCode::FAILURE;
                }
            };
            masthead_builder::pictures::configure(picture_cache, masthead_builder::pictures::Mode::Now);
            let mut memo = Memo::default();
            memo.options.drafts = drafts;
            memo.options.strict = strict;
            match masthead_builder::build_site(&content, &dist, explorer.as_deref(), &mut memo) {
                Ok(r) => {
                    for w in &r.warnings {
                        eprintln!("warning: {w}");
                    }
                    for (file, why) in &r.left_out {
                        println!("left out: {} ({why})", file.display());
                    }
                    for held in &r.held_back {
                        for p in &held.problems {
                            eprintln!("error: {p}");
                        }
                    }
                    for held in &r.held_back {
                        let kept = if held.last_good_kept {
                            "its last version without errors is published"
                        } else {
                            "not published until it is fixed"
                        };
                        eprintln!("held back: {} ({kept})", held.file.display());
                    }
                    let manifest_dir = manifest.unwrap_or_else(|| {
                        content.parent().unwrap_or(std::path::Path::new(".")).join(".cache").join("deploy")
                    });
                    match masthead_builder::site::output::write_manifest(&manifest_dir, &r.manifest) {
                        Ok(()) => println!(
                            "changes for the deploy in {}: {} added, {} changed, {} removed",
                            manifest_dir.display(),
                            r.manifest.added.len(),
                            r.manifest.changed.len(),
                            r.manifest.removed.len()
                        ),
                        Err(e) => eprintln!("warning: the list of changes for the deploy: {e}"),
                    }
                    println!("{}", r.summary(&dist));
                    if let Some(host) = host {
                        let measured = masthead_builder::site::hosts::measure(&dist, host);
                        for over in masthead_builder::site::hosts::exceeded(host, &measured) {
                            eprintln!("warning: {over}");
                        }
                    }
                    if r.held_back.is_empty() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(HELD_BACK)
                    }
                }
                Err(errors) => report(&errors),
            }
        }
        Command::Json { content, out } => {
            match masthead_builder::load(&content)
                .and_then(|p| masthead_builder::write(&p, &out).map(|n| (p, n)).map_err(|e| vec![e]))
            {
                Ok((publication, files)) => {
                    for held in &publication.held_back {
                        for p in &held.problems {
                            eprintln!("error: {p}");
                        }
                        eprintln!("held back: {} (not published until it is fixed)", held.file.display());
                    }
                    println!(
                        "built {} posts into {} ({files} files written) in {} ms",
                        publication.posts.len(),
                        out.display(),
                        started.elapsed().as_millis()
                    );
                    if publication.held_back.is_empty() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(HELD_BACK)
                    }
                }
                Err(errors) => report(&errors),
            }
        }
    }
}

/// `x.br` and `x.gz` beside each text file of `dist`.
fn compress(dist: &std::path::Path, started: Instant) -> ExitCode {
    match masthead_builder::site::compress::compress_dir(dist) {
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

/// Holds `.DIST.masthead-build.lock` beside DIST while a build writes into DIST (beside
/// it, so a build that fails before writing leaves no folder); an error naming the folder
/// when another build holds it.
fn lock(dist: &std::path::Path) -> Result<std::fs::File, String> {
    let name = dist.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "dist".into());
    let path = dist.with_file_name(format!(".{name}.masthead-build.lock"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("{}: cannot open: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            Err(format!("another build is writing into {} now; run this one when it has finished", dist.display()))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(format!("{}: cannot lock: {e}", path.display())),
    }
}

/// `masthead-build site`'s exit status when the site was written but stories with errors
/// were held back (1: nothing was written; `--strict` makes held-back stories that).
const HELD_BACK: u8 = 3;

fn report(errors: &[BuildError]) -> ExitCode {
    for e in errors {
        eprintln!("error: {e}");
    }
    eprintln!("{} problem(s) found; the output was left as it was", errors.len());
    ExitCode::FAILURE
}
