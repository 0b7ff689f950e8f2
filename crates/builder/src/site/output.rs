//! Writing the built site: one helper for every file, which writes a file only when its
//! bytes change (so an untouched file keeps its mtime, and a host or `rsync` sees only
//! what a change touched), and removes what a build no longer makes.
//!
//! A [`Memo`] carries what one build learnt into the next in the same process (the live
//! preview keeps one): the posts as parsed, with the mtime and length of their files, and
//! a hash of every file written. With it, a rebuild after one post changed reads that post
//! alone and regenerates only the files that can differ. Without one (a fresh `Memo`), a
//! file already on disk is compared byte for byte before it is replaced. Either way the
//! output is the same bytes: the memo only skips work whose result is known.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::SystemTime;

use masthead_model::{Post, Site};

use crate::content::Parsed;
use crate::diagnostic::{error, BuildError};

/// What a build includes besides the published posts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Drafts are built too (the live preview).
    pub drafts: bool,
    /// The time "now" for scheduled and expired posts, in Unix seconds (`None`: the clock).
    pub now: Option<i64>,
    /// Warnings fail the build, as errors (for CI).
    pub strict: bool,
}

/// What one build leaves for the next.
#[derive(Default)]
pub struct Memo {
    /// What the builds with this memo include.
    pub options: Options,
    /// Each post file as last read: its mtime and length, and what came of it.
    pub(crate) sources: HashMap<PathBuf, Source>,
    /// The site the sources were parsed against (a post's category is checked against it).
    pub(crate) sources_site: Option<Site>,
    /// The last related-posts choice and what it was made from: each post's slug, tags,
    /// category and authors, in order (nothing else changes the choice).
    pub(crate) related: Option<(Vec<u64>, Vec<Vec<usize>>)>,
    /// The posts of the last build written, by slug. A post whose file was not read again
    /// since, with the same related posts, is taken from here as it is.
    pub(crate) previous: HashMap<String, Post>,
    /// Post files read again since `previous` was written.
    pub(crate) dirty: HashSet<PathBuf>,
    /// Counts the loads; `previous` came from load number `previous_load` (0: none).
    pub(crate) loads: u64,
    pub(crate) previous_load: u64,
    /// What the last load found changed since `previous`.
    pub(crate) changes: Option<LoadChanges>,
    /// What the last successful build wrote, per output folder.
    pub(crate) outputs: HashMap<PathBuf, Written>,
}

/// What a load found changed since the posts of the last build written.
pub(crate) struct LoadChanges {
    /// This load's number, and that of the load whose posts it was compared with.
    pub load: u64,
    pub since: u64,
    /// The slugs of the posts that are new or differ.
    pub fresh: HashSet<String>,
    /// Whether every post's summary is as it was, for the same set of posts (then every
    /// list of posts is as it was).
    pub summaries_same: bool,
}

pub(crate) struct Source {
    pub modified: SystemTime,
    pub len: u64,
    pub parsed: Result<Parsed, Vec<BuildError>>,
}

/// One output folder as last written.
#[derive(Default)]
pub(crate) struct Written {
    /// Every file written, relative to the folder, with a hash of its bytes.
    pub files: HashMap<String, u64>,
    pub site: Option<Site>,
    /// The page template the article pages were made from.
    pub template: Option<String>,
    /// The files made from the posts' summaries alone (lists, the archive explorer's
    /// files, the sitemap): kept as they are while every summary is.
    pub summary_files: Vec<String>,
    /// The load whose posts these files show (0: unknown).
    pub load: u64,
    /// A hash of what the lists show besides the summaries (see [`lists_key`]).
    pub lists_key: u64,
}

/// What the writer may take as known about the posts it writes.
#[derive(Default)]
pub(crate) struct Known<'a> {
    /// The posts that changed since the folder was last written (None: not known).
    pub fresh: Option<&'a HashSet<String>>,
    /// Every summary as it was when the folder was last written.
    pub summaries_same: bool,
}

impl Known<'_> {
    pub(crate) fn post_unchanged(&self, slug: &str) -> bool {
        self.fresh.is_some_and(|fresh| !fresh.contains(slug))
    }
}

impl Memo {
    /// The site as last written into `dist`.
    pub fn site(&self, dist: &Path) -> Option<&Site> {
        self.outputs.get(dist)?.site.as_ref()
    }

    /// Forgets what was written to these files of `dist` (something else wrote them since),
    /// so the next build compares them with the disk.
    pub fn forget(&mut self, dist: &Path, files: &[String]) {
        if let Some(written) = self.outputs.get_mut(dist) {
            for rel in files {
                written.files.remove(rel);
            }
            if files.iter().any(|f| f == "index.html") {
                written.template = None;
            }
        }
    }
}

/// A hash of what the lists carry besides the summaries: the author profiles (on the first
/// page of an author's stories) and the front page's rows as `[front]` sets them. While it
/// and every summary are the same, so are those lists.
pub(crate) fn lists_key(publication: &crate::content::Publication) -> u64 {
    let mut bytes = serde_json::to_vec(&publication.authors).unwrap_or_default();
    let front = &publication.front;
    bytes.extend(serde_json::to_vec(&(&front.sections, front.stories, &front.descriptions)).unwrap_or_default());
    hash(&bytes)
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// Counts of what a build did to its folder.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Writes the files of one build into `root`.
pub struct Writer<'m> {
    root: PathBuf,
    before: &'m Written,
    files: Mutex<HashMap<String, u64>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
}

impl<'m> Writer<'m> {
    pub(crate) fn new(root: &Path, before: &'m Written) -> Self {
        Writer {
            root: root.to_owned(),
            before,
            files: Mutex::new(HashMap::new()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
        }
    }

    pub(crate) fn before(&self) -> &Written {
        self.before
    }

    fn record(&self, rel: &str, h: u64) {
        if let Ok(mut files) = self.files.lock() {
            files.insert(rel.to_owned(), h);
        }
    }

    /// `rel` (a path under the root, `/`-separated) holds `bytes` after this.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let rel = rel.trim_start_matches('/');
        let path = self.root.join(rel);
        let h = hash(bytes);
        let same = match self.before.files.get(rel) {
            Some(&old) => old == h && fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64),
            // Nothing remembered: compare with what is there.
            None => {
                fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64)
                    && fs::read(&path).is_ok_and(|old| old == bytes)
            }
        };
        if same {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        } else {
            write_file(&path, bytes)?;
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        self.record(rel, h);
        Ok(())
    }

    /// [`Writer::put`] of a text file.
    pub fn put_text(&self, rel: &str, text: &str) -> Result<(), BuildError> {
        self.put(rel, text.as_bytes())
    }

    /// [`Writer::put`] of a contract file, as JSON.
    pub fn put_json(&self, rel: &str, value: &impl serde::Serialize) -> Result<(), BuildError> {
        self.put(rel, &json_bytes(value))
    }

    /// Keeps `rel` as the last build wrote it, without making it again; false when there
    /// is nothing to keep (never written), and it must be made. The folder is taken to hold
    /// what the last build wrote there (it is the builder's: nothing else writes in it).
    pub fn keep(&self, rel: &str) -> bool {
        let rel = rel.trim_start_matches('/');
        match self.before.files.get(rel) {
            Some(&h) => {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                self.record(rel, h);
                true
            }
            _ => false,
        }
    }

    /// Removes what the last build wrote and this one did not, and, with no memory of the
    /// last build, every file under `owned` (folders only builds write) that this one did
    /// not write. Returns the counts and the new record of files.
    pub(crate) fn finish(self, owned: &[&str]) -> (Changes, HashMap<String, u64>) {
        let files = self.files.into_inner().unwrap_or_default();
        let mut stale: Vec<PathBuf> =
            self.before.files.keys().filter(|rel| !files.contains_key(*rel)).map(|rel| self.root.join(rel)).collect();
        if self.before.files.is_empty() {
            let made: HashSet<PathBuf> = files.keys().map(|rel| self.root.join(rel)).collect();
            for dir in owned {
                collect_files(&self.root.join(dir), &mut |path| {
                    if !made.contains(path) {
                        stale.push(path.to_owned());
                    }
                });
            }
        }
        let mut removed = 0;
        for path in &stale {
            if fs::remove_file(path).is_ok() {
                removed += 1;
                // Folders left empty go too (an old explorer folder, a removed post's page).
                let mut dir = path.parent();
                while let Some(d) = dir.filter(|d| *d != self.root && d.starts_with(&self.root)) {
                    if fs::remove_dir(d).is_err() {
                        break;
                    }
                    dir = d.parent();
                }
            }
        }
        let changes = Changes { written: self.written.into_inner(), unchanged: self.unchanged.into_inner(), removed };
        (changes, files)
    }
}

fn collect_files(dir: &Path, found: &mut dyn FnMut(&Path)) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, found);
        } else {
            found(&path);
        }
    }
}

/// Writes through a temporary file and a rename, so a reader (or the live preview's
/// server) never sees half a file.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| error(parent, None, format!("cannot make folder: {e}")))?;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    fs::write(&temp, bytes).and_then(|()| fs::rename(&temp, path)).map_err(|e| {
        let _ = fs::remove_file(&temp);
        error(path, None, format!("cannot write: {e}"))
    })
}

/// Runs `work` on every item, spread over the machine's cores; the first error wins.
pub(crate) fn in_parallel<T: Sync>(
    items: &[T],
    work: impl Fn(&T) -> Result<(), BuildError> + Sync,
) -> Result<(), BuildError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items.chunks(chunk).map(|part| scope.spawn(|| part.iter().try_for_each(&work))).collect();
        workers.into_iter().try_for_each(|w| {
            w.join().unwrap_or_else(|_| Err(error(Path::new("."), None, "a worker thread failed while writing")))
        })
    })
}

/// A contract file's bytes. The contract's types serialise without failing (string keys,
/// no non-finite floats), so nothing is lost by the empty fallback.
pub(crate) fn json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}
