//! The build: reading `content/` ([`load`], each post by [`post`]), writing the JSON contract ([`json`]) and
//! writing the whole served site ([`site`]).

use std::fmt;
use std::path::{Path, PathBuf};

mod authors;
pub mod front;
mod images;
mod json;
mod load;
pub(crate) mod post;
mod series;
mod site;
mod standalone;

pub use json::{build, write, LATEST_COUNT, LIST_SIZE};
pub(crate) use load::load_site;
pub use load::{load, load_with, Publication, RELATED_COUNT};
pub use post::{parse_post, Parsed};
pub use site::{build_site, write_site, write_site_with, SiteReport};

/// A problem in the content, named by file and, where there is one, line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

pub(crate) fn error(file: &Path, line: Option<usize>, message: impl Into<String>) -> BuildError {
    BuildError { file: file.to_owned(), line, message: message.into() }
}

/// The error of a failed file operation on `path`, for `map_err`.
pub(crate) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |e| error(path, None, e.to_string())
}
