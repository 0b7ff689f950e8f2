//! Writing the built site: one helper for every file, which writes a file only when its
//! bytes change (so an untouched file keeps its mtime, and a host or `rsync` sees only
//! what a change touched), and removes what a build no longer makes. What the last build
//! wrote is in the [`Memo`](crate::memo::Memo).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::diagnostic::{error, BuildError};
use crate::memo::{hash, Written};

/// Counts of what a build did to its folder.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// The files a build added, changed and removed, relative to its folder, sorted: what a
/// deploy uploads and deletes (see [`write_manifest`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

/// Writes the files of one build into `root`.
pub struct Writer<'m> {
    root: PathBuf,
    before: &'m Written,
    files: Mutex<HashMap<String, u64>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    /// Files written that were there before (true) or not.
    touched: Mutex<Vec<(String, bool)>>,
}

impl<'m> Writer<'m> {
    pub(crate) fn new(root: &Path, before: &'m Written) -> Self {
        Writer {
            root: root.to_owned(),
            before,
            files: Mutex::new(HashMap::new()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            touched: Mutex::default(),
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
            let existed = path.exists();
            write_file(&path, bytes)?;
            self.written.fetch_add(1, Ordering::Relaxed);
            self.touched(rel, existed);
        }
        self.record(rel, h);
        Ok(())
    }

    /// Notes a file written into the folder by other means (`existed`: it was there).
    pub(crate) fn touched(&self, rel: &str, existed: bool) {
        if let Ok(mut touched) = self.touched.lock() {
            touched.push((rel.trim_start_matches('/').to_owned(), existed));
        }
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
    /// not write. Returns the counts, what changed and the new record of files.
    pub(crate) fn finish(self, owned: &[&str]) -> (Changes, Manifest, HashMap<String, u64>) {
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
        let mut manifest = Manifest::default();
        for (rel, existed) in self.touched.into_inner().unwrap_or_default() {
            if existed { &mut manifest.changed } else { &mut manifest.added }.push(rel);
        }
        for path in &stale {
            if fs::remove_file(path).is_ok() {
                removed += 1;
                let rel = path.strip_prefix(&self.root).unwrap_or(path);
                manifest.removed.push(rel.to_string_lossy().replace('\\', "/"));
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
        for list in [&mut manifest.added, &mut manifest.changed, &mut manifest.removed] {
            list.sort();
            list.dedup();
        }
        (changes, manifest, files)
    }
}

/// Writes what a build changed into `dir`, last of all, for a deploy that uploads only
/// that: `upload.txt` (the files added and changed, one path relative to the site's folder
/// per line, as `rsync --files-from` reads it), `remove.txt` (those removed) and
/// `changes.json` (`{"added": […], "changed": […], "removed": […]}`). A build that fails
/// part-way writes none of them, so the last complete build's list stays.
pub fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<(), BuildError> {
    let lines = |files: &[&Vec<String>]| -> String {
        files.iter().flat_map(|list| list.iter()).map(|rel| format!("{rel}\n")).collect()
    };
    let json = serde_json::json!({
        "added": manifest.added, "changed": manifest.changed, "removed": manifest.removed,
    });
    write_file(&dir.join("upload.txt"), lines(&[&manifest.added, &manifest.changed]).as_bytes())?;
    write_file(&dir.join("remove.txt"), lines(&[&manifest.removed]).as_bytes())?;
    write_file(&dir.join("changes.json"), &serde_json::to_vec_pretty(&json).unwrap_or_default())
}

/// Calls `found` with every file under `dir`, in any order.
pub(crate) fn collect_files(dir: &Path, found: &mut dyn FnMut(&Path)) {
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

/// Runs `work` on every item, spread over the machine's cores (rayon); an error stops it.
pub(crate) fn in_parallel<T: Sync>(
    items: &[T],
    work: impl Fn(&T) -> Result<(), BuildError> + Sync,
) -> Result<(), BuildError> {
    use rayon::prelude::*;
    items.par_iter().try_for_each(&work)
}

/// A contract file's bytes. The contract's types serialise without failing (string keys,
/// no non-finite floats), so nothing is lost by the empty fallback.
pub(crate) fn json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}
