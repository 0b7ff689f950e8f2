//! What stops an import, typed: the source could not be read, is not what the importer
//! reads, or is cut short (what came before is imported, and said so); or the folder
//! could not be written. Each says which file and what to do, in the editor's words.

use std::fmt;
use std::io;
use std::path::PathBuf;

#[derive(Debug)]
pub enum ImportError {
    /// The export (or site folder) could not be read at all.
    Read { file: PathBuf, error: io::Error },
    /// The source is not what this importer reads, or stops part way: what was found,
    /// and what to do about it.
    Unreadable { file: PathBuf, problem: String },
    /// The imported folder could not be written.
    Write { folder: PathBuf, error: io::Error },
    /// Writing an item of the import failed while the export was being read.
    Writing(io::Error),
    /// The export broke off after some items: those were imported.
    Partial { cause: Box<ImportError>, posts: usize, pages: usize, folder: PathBuf, report: PathBuf },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Read { file, error } => write!(f, "{}: cannot read: {error}", file.display()),
            ImportError::Unreadable { file, problem } => write!(f, "{}: {problem}", file.display()),
            ImportError::Write { folder, error } => write!(f, "{}: {error}", folder.display()),
            ImportError::Writing(error) => write!(f, "writing the import: {error}"),
            ImportError::Partial { cause, posts, pages, folder, report } => write!(
                f,
                "{cause}\n{posts} posts and {pages} pages before that point were imported into {}; see {}",
                folder.display(),
                report.display()
            ),
        }
    }
}

impl std::error::Error for ImportError {}
