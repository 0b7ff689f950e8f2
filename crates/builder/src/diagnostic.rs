//! The one kind of problem report the builder gives, for errors and warnings alike: a
//! problem in the content, named by file and, where there is one, line.

use std::fmt;
use std::path::Path;
use std::path::PathBuf;

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
