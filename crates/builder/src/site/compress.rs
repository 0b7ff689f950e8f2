//! Precompressed copies for hosts that serve them (S3 + CloudFront with the files uploaded
//! under their `Content-Encoding`, nginx `gzip_static`/`brotli_static`, Caddy
//! `precompressed`): `x.br` and `x.gz` beside each text file and the wasm.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostic::io_error;
use crate::site::output::in_parallel;
use crate::BuildError;

/// Files worth compressing: text and WebAssembly, not images already compressed.
const EXTENSIONS: &[&str] = &["html", "js", "mjs", "css", "json", "xml", "txt", "svg", "wasm", "webmanifest"];

/// What was written: files compressed, bytes before, brotli bytes, gzip bytes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Compressed {
    pub files: usize,
    pub raw: u64,
    pub brotli: u64,
    pub gzip: u64,
}

/// Removes every `x.br` and `x.gz` beside a file of `dist` worth compressing (for a host
/// that compresses by itself, to which they would only be bytes to upload); returns how
/// many.
pub fn remove_copies(dist: &Path) -> Result<usize, BuildError> {
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    let mut removed = 0;
    for path in &files {
        for suffix in ["br", "gz"] {
            let copy = with_suffix(path, suffix);
            if copy.is_file() {
                fs::remove_file(&copy).map_err(io_error(&copy))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// Writes `x.br` (brotli quality 11) and `x.gz` (gzip level 9) beside every file of `dist`
/// that is worth it. A copy newer than its file is kept; others are rewritten.
pub fn compress_dir(dist: &Path) -> Result<Compressed, BuildError> {
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    in_parallel(&files, |path| compress_file(path))?;
    let mut total = Compressed::default();
    for path in &files {
        let size = |p: PathBuf| fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        total.files += 1;
        total.raw += size(path.clone());
        total.brotli += size(with_suffix(path, "br"));
        total.gzip += size(with_suffix(path, "gz"));
    }
    Ok(total)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), BuildError> {
    for entry in fs::read_dir(dir).map_err(io_error(dir))? {
        let path = entry.map_err(io_error(dir))?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e)) {
            out.push(path);
        }
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn compress_file(path: &Path) -> Result<(), BuildError> {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    let (br, gz) = (with_suffix(path, "br"), with_suffix(path, "gz"));
    let fresh = |copy: &Path| matches!((modified(copy), modified(path)), (Some(c), Some(f)) if c >= f);
    if fresh(&br) && fresh(&gz) {
        return Ok(());
    }
    let data = fs::read(path).map_err(io_error(path))?;
    let mut packed = Vec::with_capacity(data.len() / 3);
    {
        let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
        let mut writer = brotli::CompressorWriter::with_params(&mut packed, 64 * 1024, &params);
        writer.write_all(&data).map_err(io_error(path))?;
    }
    fs::write(&br, &packed).map_err(io_error(&br))?;
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(data.len() / 3), flate2::Compression::best());
    encoder.write_all(&data).map_err(io_error(path))?;
    let gzipped = encoder.finish().map_err(io_error(path))?;
    fs::write(&gz, gzipped).map_err(io_error(&gz))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn copies_decompress_to_the_original_and_images_are_left_alone() {
        let dir = std::env::temp_dir().join(format!("masthead-compress-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("content/posts")).unwrap();
        let text = "{\"contract\":1,\"title\":\"Zoë\"}".repeat(200);
        fs::write(dir.join("content/posts/a.json"), &text).unwrap();
        fs::write(dir.join("photo.jpg"), b"\xff\xd8\xff").unwrap();
        let report = compress_dir(&dir).unwrap();
        assert_eq!(report.files, 1);
        assert!(report.brotli < report.raw / 10 && report.gzip < report.raw / 5, "{report:?}");

        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(&fs::read(dir.join("content/posts/a.json.br")).unwrap()[..], 4096)
            .read_to_end(&mut unbrotli)
            .unwrap();
        assert_eq!(unbrotli, text.as_bytes());
        let mut ungzip = String::new();
        flate2::read::GzDecoder::new(&fs::read(dir.join("content/posts/a.json.gz")).unwrap()[..])
            .read_to_string(&mut ungzip)
            .unwrap();
        assert_eq!(ungzip, text);
        assert!(!dir.join("photo.jpg.br").exists());
        // A second run keeps fresh copies and does not compress the copies themselves.
        assert_eq!(compress_dir(&dir).unwrap(), report);
        assert!(!dir.join("content/posts/a.json.br.br").exists());
    }
}
