//! What one build carries into the next in the same process (the live preview keeps one
//! [`Memo`]): the posts as parsed, with the mtime and length of their files, and a hash of
//! every file written. With it, a rebuild after one post changed reads that post alone
//! and regenerates only the files that can differ. Without one (a fresh `Memo`), a file
//! already on disk is compared byte for byte before it is replaced. Either way the output
//! is the same bytes: the memo only skips work whose result is known. All of the builder's
//! incremental state is here; `content::load` and `site` read and update it.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use masthead_model::{Post, Site};

use crate::content::post::{Parsed, Rejected};

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
    /// The post files as last read (the read stage's).
    pub(crate) read: ReadMemo,
    /// The posts as last assembled and written (the assembly's and the writer's).
    pub(crate) posts: PostsMemo,
    /// What the last successful build wrote, per output folder.
    pub(crate) outputs: HashMap<PathBuf, Written>,
}

/// The post files as last read.
#[derive(Default)]
pub(crate) struct ReadMemo {
    /// Each post file as last read: its mtime and length, and what came of it.
    pub sources: HashMap<PathBuf, Source>,
    /// The site the sources were parsed against (a post's category is checked against it).
    pub site: Option<Site>,
    /// Post files read again since the posts of the last build were written.
    pub dirty: HashSet<PathBuf>,
}

/// The posts as last assembled and written.
#[derive(Default)]
pub(crate) struct PostsMemo {
    /// The last related-posts choice and what it was made from: each post's slug, tags,
    /// category and authors, in order (nothing else changes the choice).
    pub related: Option<(Vec<u64>, Vec<Vec<usize>>)>,
    /// The posts of the last build written, by slug. A post whose file was not read again
    /// since, with the same related posts, is taken from here as it is.
    pub previous: HashMap<String, Post>,
    /// Counts the loads; `previous` came from load number `previous_load` (0: none).
    pub loads: u64,
    pub previous_load: u64,
    /// What the last load found changed since `previous`.
    pub changes: Option<LoadChanges>,
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
    pub parsed: Result<Parsed, Rejected>,
    /// While the file has errors: the post as it last read without any, which the
    /// preview goes on showing until the file is fixed.
    pub last_good: Option<Parsed>,
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
    /// The policy hash of each page's own styles, by page (for `_headers`).
    pub page_styles: HashMap<String, String>,
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

pub(crate) fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}
