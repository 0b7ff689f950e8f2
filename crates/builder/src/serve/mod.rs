//! The live preview, `masthead-build serve` (what `make serve` runs): the app built once
//! with trunk, the site built from `content/` into a folder of its own, served over HTTP
//! with the production policy and rules, and every save shown in the open tab.
//!
//! - A change under `content/` rebuilds the content in this process, reading only the
//!   files that changed and writing only the files that differ ([`crate::Memo`]); the
//!   wasm is not built again. The tab reloads, keeping its scroll position.
//! - A change to a stylesheet in `style/` is copied into the served stylesheet and the tab
//!   swaps it in place.
//! - A change to the app (`src/`, `index.html`, `public/`, the model crate, `Cargo.toml`)
//!   runs `trunk build` again, then the content build; the tab reloads.
//! - A content error leaves the last good build served and shows every problem in the tab
//!   (file, line, message) until the files are fixed.
//!
//! The tab learns of all this from `/_masthead/live.js`, a file this server adds to the
//! pages it serves (never written into the site's folder), which long-polls
//! `/_masthead/status`. The newsletter signup endpoint runs in the same process.

pub mod endpoint;
mod headers;
mod http;
mod httpd;
mod status;

use headers::HeaderRules;
use status::{Live, Status};

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::diagnostic::BuildError;
use crate::Memo;

/// `masthead-build serve`'s options.
#[derive(clap::Args, Debug, Clone)]
pub struct Options {
    /// The publication: site.toml and posts/**/*.md.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Where the preview is served.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Where the newsletter signup endpoint listens (the sample site posts there).
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub signup_listen: String,
    /// Where signups are appended, one JSON object a line.
    #[arg(long, default_value = "target/signups.ndjson")]
    pub signups: PathBuf,
    /// The preview's working folder: the app's build (app/) and the site (site/).
    /// Default: serve/ in CARGO_TARGET_DIR, or in target/.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Serve the app already built in OUT/app instead of running trunk first.
    #[arg(long)]
    pub no_app_build: bool,
    /// Leave drafts out, as the published site does (the preview shows them, marked
    /// "Draft", so editors can read them before they go out).
    #[arg(long)]
    pub no_drafts: bool,
}

/// The process group of the running `trunk build` (0 when none), so a signal can stop it
/// and everything it started.
static BUILD_GROUP: AtomicI32 = AtomicI32::new(0);

fn stop_build() {
    let group = BUILD_GROUP.swap(0, Ordering::SeqCst);
    if group <= 0 {
        return;
    }
    // SAFETY: kill(2) with a negative pid signals that process group; no memory is shared.
    unsafe {
        libc::kill(-group, libc::SIGTERM);
    }
    let until = Instant::now() + Duration::from_secs(3);
    // SAFETY: signal 0 only checks that the group still has a member.
    while Instant::now() < until && unsafe { libc::kill(-group, 0) } == 0 {
        std::thread::sleep(Duration::from_millis(50));
    }
    // SAFETY: as above.
    unsafe {
        libc::kill(-group, libc::SIGKILL);
    }
}

fn in_use(what: &str, listen: &str, e: &std::io::Error) -> ExitCode {
    if e.kind() == std::io::ErrorKind::AddrInUse {
        eprintln!(
            "masthead serve: {listen} ({what}) is already in use: stop what listens there (another `make serve`?) and try again"
        );
    } else {
        eprintln!("masthead serve: cannot listen on {listen} ({what}): {e}");
    }
    ExitCode::FAILURE
}

/// Runs the preview until SIGINT, SIGTERM or SIGHUP.
pub fn run(options: Options) -> ExitCode {
    // Both ports first: a taken one is one line and an exit, before any build.
    let site_server = match std::net::TcpListener::bind(&options.listen) {
        Ok(listener) => listener,
        Err(e) => return in_use("the preview", &options.listen, &e),
    };
    let signup_server = match crate::serve::endpoint::bind(&options.signup_listen) {
        Ok(server) => server,
        Err(e) => return in_use("the signup endpoint", &options.signup_listen, &e),
    };
    if let Err(e) = ctrlc::set_handler(|| {
        stop_build();
        eprintln!("\nmasthead serve: stopped");
        std::process::exit(0);
    }) {
        eprintln!("masthead serve: cannot handle Ctrl-C ({e}); stop it with kill");
    }
    // Whatever stops the command that started this one (make, a shell) stops this too,
    // even a signal sent to that command alone.
    // SAFETY: getppid(2) has no preconditions.
    let parent = unsafe { libc::getppid() };
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(250));
        // SAFETY: as above.
        if unsafe { libc::getppid() } != parent {
            stop_build();
            eprintln!("masthead serve: stopped (the command that started it has ended)");
            std::process::exit(0);
        }
    });

    let out = options.out.clone().unwrap_or_else(|| {
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from).join("serve")
    });
    let (app_dir, site_dir) = (out.join("app"), out.join("site"));
    let live = Arc::new(Live {
        status: Mutex::new(Status {
            base: "/".into(),
            run: std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()),
            ..Status::default()
        }),
        changed: Condvar::new(),
    });

    let topics = crate::serve::endpoint::site_topics(&options.content.join("site.toml"));
    match crate::serve::endpoint::State::open(&options.signups, topics, false) {
        Ok(state) => {
            let listen = options.signup_listen.clone();
            std::thread::spawn(move || {
                if let Err(e) = crate::serve::endpoint::serve_on(signup_server, &listen, state) {
                    eprintln!("masthead serve: the signup endpoint stopped: {e}");
                }
            });
        }
        Err(e) => eprintln!("masthead serve: no signup endpoint ({}: {e})", options.signups.display()),
    }
    {
        let (live, site_dir) = (live.clone(), site_dir.clone());
        std::thread::spawn(move || http::serve(site_server, &site_dir, &live));
    }
    println!(
        "masthead serve: the preview is at http://{}/ (it shows the site as soon as the first build is done)",
        options.listen
    );

    let mut memo = Memo::default();
    memo.options.drafts = !options.no_drafts;
    let pictures_ready = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut preview =
        Preview { options: options.clone(), app_dir, site_dir, live, memo, pictures_ready: pictures_ready.clone() };
    let (events, wake, watcher) = match watch(&options.content) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("masthead serve: cannot watch for changes ({e}); the preview will not update by itself");
            let (tx, rx) = std::sync::mpsc::channel();
            (rx, tx, None)
        }
    };
    // Saving a story never waits for an encoder: pictures are encoded in the background, the
    // pages show the originals meanwhile, and are built again when the copies are there.
    crate::pictures::configure(None, crate::pictures::Mode::Background);
    let wake = Mutex::new(wake);
    crate::pictures::when_encoded(move |encoded| {
        println!("masthead serve: {encoded} picture(s) encoded; the pages now use their sized copies");
        pictures_ready.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Ok(wake) = wake.lock() {
            let _ = wake.send(Vec::new());
        }
    });
    let app_ok = options.no_app_build || preview.app_is_current() || preview.build_app();
    if app_ok || preview.site_dir.join("index.html").exists() || preview.app_dir.join("index.html").exists() {
        preview.sync_app();
        preview.build_content();
    }
    println!(
        "masthead serve: ready: http://{}/ ; signups go to http://{}/subscribe ({}). Ctrl-C stops.",
        options.listen,
        options.signup_listen,
        options.signups.display()
    );
    let _watcher = watcher;
    preview.follow(&events);
    // Without a watcher there are no events: the preview still serves until stopped.
    loop {
        std::thread::park();
    }
}

/// What a batch of saved files asks for.
#[derive(Debug, Default, PartialEq, Eq)]
struct Work {
    content: bool,
    styles: Vec<PathBuf>,
    app: bool,
}

/// Sorts saved paths into the work they need; editors' temporary and backup files are
/// left out.
fn classify(paths: &[PathBuf], content: &Path, root: &Path) -> Work {
    let mut work = Work::default();
    let content = absolute(content, root);
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".tmp")
            || name == "4913"
        {
            continue;
        }
        let path = absolute(path, root);
        if path.starts_with(&content) {
            work.content = true;
        } else if path.starts_with(root.join("style")) && name.ends_with(".css") {
            if !work.styles.contains(&path) {
                work.styles.push(path);
            }
        } else {
            work.app = true;
        }
    }
    work
}

fn absolute(path: &Path, root: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_owned()
    } else {
        root.join(path)
    }
}

type Events = std::sync::mpsc::Receiver<Vec<PathBuf>>;

/// Watches the content and the app's sources; each event is the paths it names.
fn watch(
    content: &Path,
) -> notify::Result<(Events, std::sync::mpsc::Sender<Vec<PathBuf>>, Option<notify::RecommendedWatcher>)> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let wake = tx.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if !matches!(event.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(event.paths);
            }
        }
    })?;
    watcher.watch(content, RecursiveMode::Recursive)?;
    for source in APP_SOURCES {
        // The app's sources are there in the project; a content folder elsewhere still works.
        let path = Path::new(source);
        if path.exists() {
            let mode = if path.is_dir() { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
            watcher.watch(path, mode)?;
        }
    }
    Ok((rx, wake, Some(watcher)))
}

struct Preview {
    options: Options,
    app_dir: PathBuf,
    site_dir: PathBuf,
    live: Arc<Live>,
    memo: Memo,
    /// Set when pictures encoded in the background are in the cache: the next build reads
    /// every story again, so their pages take the copies.
    pictures_ready: Arc<std::sync::atomic::AtomicBool>,
}

impl Preview {
    /// Waits for saves and does what each batch needs, until the process is stopped.
    fn follow(&mut self, events: &Events) {
        let root = std::env::current_dir().unwrap_or_default();
        while let Ok(first) = events.recv() {
            let mut paths = first;
            // A save is often several events (write, rename, attributes): take them together.
            let settle = Instant::now() + Duration::from_millis(30);
            while let Some(left) = settle.checked_duration_since(Instant::now()) {
                match events.recv_timeout(left) {
                    Ok(more) => paths.extend(more),
                    Err(_) => break,
                }
            }
            if self.pictures_ready.swap(false, std::sync::atomic::Ordering::SeqCst) {
                let options = self.memo.options;
                self.memo = Memo::default();
                self.memo.options = options;
                self.build_content();
            }
            let work = classify(&paths, &self.options.content, &root);
            if work.app && !self.options.no_app_build {
                if self.build_app() {
                    self.sync_app();
                    self.build_content();
                }
                continue;
            }
            if !work.styles.is_empty() {
                self.swap_styles(&work.styles);
            }
            if work.content {
                self.build_content();
            }
        }
    }

    /// Whether app/ was built from the app's sources as they are now (a second `make
    /// serve` starts at once); compared by content, so a file saved back unchanged or a
    /// checkout that touched every file needs no build.
    fn app_is_current(&self) -> bool {
        let recorded = std::fs::read_to_string(self.app_dir.join(SOURCES_STAMP)).unwrap_or_default();
        let current = self.app_dir.join("index.html").is_file() && recorded.trim() == sources_fingerprint();
        if current {
            println!("masthead serve: the app is up to date ({})", self.app_dir.display());
            self.live.update(|s| s.app += 1);
        }
        current
    }

    /// `trunk build` of the whole app (one bundle, with the archive explorer) into app/.
    fn build_app(&self) -> bool {
        use std::os::unix::process::CommandExt;
        self.live.update(|s| s.busy = Some("Building the app (trunk build --release)…".into()));
        println!("masthead serve: building the app: trunk build --release --features explorer");
        let started = Instant::now();
        let fingerprint = sources_fingerprint();
        let child = std::process::Command::new("trunk")
            .args(["build", "--release", "--features", "explorer", "--dist"])
            .arg(&self.app_dir)
            // The content is built here, not by trunk's hook.
            .env("MASTHEAD_APP_ONLY", "1")
            .process_group(0)
            .spawn();
        let ok = match child {
            Ok(mut child) => {
                BUILD_GROUP.store(i32::try_from(child.id()).unwrap_or(0), Ordering::SeqCst);
                let status = child.wait();
                BUILD_GROUP.store(0, Ordering::SeqCst);
                status.is_ok_and(|s| s.success())
            }
            Err(e) => {
                eprintln!("masthead serve: cannot run trunk ({e}); `make serve` installs it");
                false
            }
        };
        if ok {
            let _ = std::fs::write(self.app_dir.join(SOURCES_STAMP), &fingerprint);
            println!("masthead serve: app built in {:.1} s", started.elapsed().as_secs_f64());
            self.live.update(|s| {
                s.busy = None;
                s.app += 1;
            });
        } else {
            let problem = BuildError {
                file: PathBuf::from("src"),
                line: None,
                message: "the app did not build; the terminal running `make serve` has trunk's messages".into(),
            };
            eprintln!("masthead serve: {}", problem.message);
            self.live.update(|s| {
                s.busy = None;
                s.problems = vec![problem];
            });
        }
        ok
    }

    /// Copies the app's build into the site's folder (only files that differ) and removes
    /// hashed files of earlier builds.
    fn sync_app(&mut self) {
        let mut copied = Vec::new();
        if let Err(e) = copy_tree(&self.app_dir, &self.site_dir, "", &mut copied) {
            eprintln!("masthead serve: cannot copy the app into {}: {e}", self.site_dir.display());
        }
        // The copied index.html is trunk's again: the content build must make it anew.
        self.memo.forget(&self.site_dir, &copied);
        let fresh: std::collections::HashSet<String> = std::fs::read_dir(&self.app_dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        for entry in std::fs::read_dir(&self.site_dir).into_iter().flatten().flatten() {
            let Ok(name) = entry.file_name().into_string() else { continue };
            if crate::site::deploy::is_hashed_asset(&name) && !fresh.contains(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Builds the content into the site's folder; tells the tabs.
    fn build_content(&mut self) {
        let started = Instant::now();
        let explorer = self.app_dir.join("index.html").exists().then_some(self.app_dir.as_path());
        match crate::build_site(&self.options.content, &self.site_dir, explorer, &mut self.memo) {
            Ok(report) => {
                let base = self
                    .memo
                    .site(&self.site_dir)
                    .map_or_else(|| "/".to_owned(), |site| masthead_model::url::base_path(&site.base_url));
                println!(
                    "masthead serve: content built in {} ms: {} written, {} unchanged, {} removed",
                    started.elapsed().as_millis(),
                    report.changes.written,
                    report.changes.unchanged,
                    report.changes.removed
                );
                for w in &report.warnings {
                    println!("masthead serve: warning: {w}");
                }
                // Stories held back by their errors: named in the tab until they are fixed.
                let problems: Vec<BuildError> = report.held_back.iter().flat_map(|h| h.problems.clone()).collect();
                for held in &report.held_back {
                    let shown = if held.last_good_kept { "its last good version is shown" } else { "not shown" };
                    eprintln!("masthead serve: held back: {} ({shown}):", held.file.display());
                    for p in &held.problems {
                        eprintln!("  {p}");
                    }
                }
                let headers = Arc::new(HeaderRules::read(&self.site_dir.join("_headers")));
                self.live.update(|s| {
                    s.content += 1;
                    s.problems = problems;
                    s.base = base;
                    s.headers = headers;
                });
            }
            Err(problems) => {
                eprintln!(
                    "masthead serve: {} problem(s); the preview shows the last build that worked:",
                    problems.len()
                );
                for p in &problems {
                    eprintln!("  {p}");
                }
                self.live.update(|s| s.problems = problems);
            }
        }
    }

    /// Copies edited stylesheets over the served ones (trunk copies them as they are,
    /// under a hashed name) so the tab can swap them without a build.
    fn swap_styles(&self, styles: &[PathBuf]) {
        let mut swapped = 0;
        for style in styles {
            let Some(stem) = style.file_stem().and_then(|s| s.to_str()) else { continue };
            let Ok(text) = std::fs::read(style) else { continue };
            for dir in [&self.app_dir, &self.site_dir] {
                for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                    let Ok(name) = entry.file_name().into_string() else { continue };
                    let hashed = name.strip_suffix(".css").and_then(|n| n.rsplit_once('-')).is_some_and(|(s, hash)| {
                        s == stem && crate::site::deploy::is_hashed_asset(&name) && hash.len() == 16
                    });
                    if hashed && crate::site::output::write_file(&entry.path(), &text).is_ok() && dir == &self.site_dir
                    {
                        swapped += 1;
                    }
                }
            }
        }
        if swapped > 0 {
            println!("masthead serve: stylesheet swapped in ({swapped})");
            self.live.update(|s| s.css += 1);
        }
    }
}

/// What the app is built from: a change to any of them needs a new `trunk build`.
const APP_SOURCES: &[&str] = &[
    "src",
    "style",
    "public",
    "index.html",
    "Cargo.toml",
    "Cargo.lock",
    "Trunk.toml",
    ".cargo/config.toml",
    "crates/model/src",
    "crates/model/Cargo.toml",
];

/// Where app/ records the fingerprint of the sources it was built from (not copied into
/// the site: it starts with a dot).
const SOURCES_STAMP: &str = ".sources";

/// A hash of every app source's path and bytes.
fn sources_fingerprint() -> String {
    fn add(path: &Path, hasher: &mut std::hash::DefaultHasher) {
        use std::hash::Hash;
        if path.is_dir() {
            let mut entries: Vec<PathBuf> =
                std::fs::read_dir(path).into_iter().flatten().flatten().map(|e| e.path()).collect();
            entries.sort();
            for entry in entries {
                add(&entry, hasher);
            }
        } else if let Ok(bytes) = std::fs::read(path) {
            path.hash(hasher);
            bytes.hash(hasher);
        }
    }
    let mut hasher = std::hash::DefaultHasher::new();
    for source in APP_SOURCES {
        add(Path::new(source), &mut hasher);
    }
    format!("{:016x}", std::hash::Hasher::finish(&hasher))
}

/// Copies `from` into `to` recursively, each file only when its bytes differ; records
/// the relative paths copied.
fn copy_tree(from: &Path, to: &Path, rel: &str, copied: &mut Vec<String>) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        let (source, target) = (entry.path(), to.join(&name));
        if entry.file_type()?.is_dir() {
            copy_tree(&source, &target, &rel, copied)?;
        } else {
            let bytes = std::fs::read(&source)?;
            if std::fs::read(&target).ok().as_deref() != Some(bytes.as_slice()) {
                crate::site::output::write_file(&target, &bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
                copied.push(rel);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_are_sorted_into_the_work_they_need() {
        let root = Path::new("/p");
        let paths = |list: &[&str]| list.iter().map(PathBuf::from).collect::<Vec<_>>();
        let content = Path::new("content");
        assert_eq!(
            classify(&paths(&["/p/content/posts/a.md"]), content, root),
            Work { content: true, ..Work::default() }
        );
        assert_eq!(
            classify(&paths(&["/p/style/base.css", "/p/style/base.css"]), content, root),
            Work { styles: paths(&["/p/style/base.css"]), ..Work::default() }
        );
        assert_eq!(classify(&paths(&["/p/src/app.rs"]), content, root), Work { app: true, ..Work::default() });
        assert_eq!(classify(&paths(&["/p/index.html"]), content, root), Work { app: true, ..Work::default() });
        assert_eq!(
            classify(&paths(&["/p/content/posts/.a.md.swp", "/p/content/posts/a.md~", "/p/src/4913"]), content, root),
            Work::default()
        );
    }
}
