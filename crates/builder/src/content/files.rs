//! The Markdown files of `content/`: a folder's own (`pages/`, `authors/`), or all below
//! one (`posts/`).

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{error, io_error, BuildError};

/// The `.md` files directly in `dir`, sorted; none when it is absent.
pub fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, Vec<BuildError>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| vec![io_error(dir)(e)])?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    Ok(files)
}

/// Every `.md` file below `dir`, at any depth, in the order the folders list them.
pub fn collect_markdown(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), BuildError> {
    let entries = fs::read_dir(dir).map_err(|e| error(dir, None, format!("cannot read folder: {e}")))?;
    for entry in entries {
        let entry = entry.map_err(io_error(dir))?;
        let path = entry.path();
        // The folder listing says what each entry is (no stat), except for a link.
        let is_dir = match entry.file_type() {
            Ok(kind) if !kind.is_symlink() => kind.is_dir(),
            _ => path.is_dir(),
        };
        if is_dir {
            collect_markdown(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}
