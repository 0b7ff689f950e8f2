//! Photographs sized for the screen that shows them.
//!
//! Reading the content ([`plan`], [`apply`]), each raster picture the site serves from its
//! own files is hashed and its header read; its copies' names follow from its content and
//! the settings ([`ladder`]). What the cache lacks is encoded then ([`encode`]; on every
//! core, as the stories are read in parallel), so a page knows its copies and its picture's
//! average colour. Writing the site ([`write_copies`]), the copies are put beside the pages,
//! and a clean copy of each original (no metadata) over the original's own address.
//!
//! The cache (`.cache/pictures` beside `content/` unless given) holds each picture's copies
//! under a key made of its bytes and the settings: a rebuild with no new pictures encodes
//! nothing, and a CI can keep the folder between runs. The live preview encodes in the
//! background and shows the original until the copies are there ([`Mode::Background`]).
//!
//! A file that cannot be read, is animated or is too large to open is served as it is, and
//! named in a warning: never a crash, never a missing picture.

pub mod encode;
pub mod ladder;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use masthead_model::{Image, ImageSource};
use sha2::{Digest, Sha256};

/// How copies are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Encoded while the content is read (`masthead-build site`): every page has its copies.
    Now,
    /// Encoded on a thread of their own (the live preview): a page uses its pictures'
    /// copies once they are in the cache and the original until then.
    Background,
}

struct Config {
    cache: Option<PathBuf>,
    mode: Mode,
}

static CONFIG: OnceLock<Config> = OnceLock::new();

/// Sets the cache folder (else `.cache/pictures` beside the content) and the mode, once,
/// before the first build of the process.
pub fn configure(cache: Option<PathBuf>, mode: Mode) {
    let _ = CONFIG.set(Config { cache, mode });
}

fn mode() -> Mode {
    CONFIG.get().map_or(Mode::Now, |c| c.mode)
}

/// The cache folder for a site whose static files are in `public`.
pub fn cache_dir(public: &Path) -> PathBuf {
    match CONFIG.get().and_then(|c| c.cache.clone()) {
        Some(cache) => cache,
        None => public.parent().unwrap_or(Path::new(".")).join(".cache").join("pictures"),
    }
}

/// What is made of one picture file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// SHA-256 of the settings and the file's bytes, in hex.
    pub key: String,
    /// As shown (after its EXIF orientation).
    pub width: u32,
    pub height: u32,
    /// The WebP copies' widths.
    pub widths: Vec<u32>,
    /// The JPEG's width; none for a picture with transparency (the file is its fallback).
    pub fallback: Option<u32>,
    /// The clean original's extension (see [`encode::clean_original`]); none for a GIF.
    pub clean: Option<&'static str>,
}

/// A picture file's fate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Planned {
    Copies(Arc<Plan>),
    /// Served as it is: the reason (for a warning naming the file), and its size as
    /// shown when the header could be read.
    AsIs {
        reason: String,
        size: Option<(u32, u32)>,
    },
}

/// Reads `file` (hashed whole, its header parsed) and says what is made of it. Remembered
/// by path, length and time of change for the rest of the process.
pub fn plan(file: &Path) -> Planned {
    /// Each file's length and time of change when it was planned, and its plan.
    type Seen = HashMap<PathBuf, (u64, Option<SystemTime>, Planned)>;
    static SEEN: OnceLock<Mutex<Seen>> = OnceLock::new();
    let seen = SEEN.get_or_init(Mutex::default);
    let stamp = std::fs::metadata(file).ok().map(|m| (m.len(), m.modified().ok()));
    if let Some((len, modified)) = stamp {
        if let Some((l, m, planned)) = seen.lock().ok().and_then(|s| s.get(file).cloned()) {
            if (l, m) == (len, modified) {
                return planned;
            }
        }
    }
    let planned = match std::fs::read(file) {
        Ok(bytes) => plan_bytes(&bytes),
        Err(e) => Planned::AsIs { reason: format!("cannot be read ({e}): served as it is"), size: None },
    };
    if let (Some((len, modified)), Ok(mut seen)) = (stamp, seen.lock()) {
        seen.insert(file.to_owned(), (len, modified, planned.clone()));
    }
    planned
}

/// The key of a file's copies: its bytes and the settings.
pub fn key(bytes: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(ladder::SETTINGS.as_bytes());
    hash.update([0]);
    hash.update(bytes);
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn plan_bytes(bytes: &[u8]) -> Planned {
    let header = match encode::header(bytes) {
        Ok(header) => header,
        Err(reason) => {
            return Planned::AsIs { reason: format!("{reason}: served as it is, with no smaller copies"), size: None }
        }
    };
    let size = Some((header.width, header.height));
    if header.animated {
        let reason = "is animated: served as it is (copies would be still pictures)".to_owned();
        return Planned::AsIs { reason, size };
    }
    Planned::Copies(Arc::new(Plan {
        key: key(bytes),
        width: header.width,
        height: header.height,
        widths: ladder::widths(header.width),
        fallback: (!header.alpha).then(|| ladder::fallback_width(header.width)),
        clean: encode::clean_extension(header.format),
    }))
}

/// What the pages are to use for a picture at `src` planned as `plan`: the JPEG (or the
/// original) as `src` with its size, the WebP ladder as `sources`; its average colour is
/// kept for the written pages ([`color_of`]).
/// Its copies are made now when the cache lacks them (they are put in the site when it is
/// written); in the background mode, the original is used until the cache has them. A
/// picture that cannot be encoded keeps its original, and the reason is returned.
pub fn apply(public: &Path, file: &Path, image: &mut Image, plan: &Arc<Plan>) -> Option<String> {
    let job = Wanted { file: file.to_owned(), cache: cache_dir(public), src: image.src.clone(), plan: plan.clone() };
    let ready = match mode() {
        Mode::Background => cached(&job.cache, plan),
        Mode::Now => match ensure_cached(&job) {
            Ok(_) => true,
            Err(problem) => {
                image.width.get_or_insert(plan.width);
                image.height.get_or_insert(plan.height);
                return Some(format!("{problem}: served as it is, with no smaller copies"));
            }
        },
    };
    register(job);
    if !ready {
        image.width.get_or_insert(plan.width);
        image.height.get_or_insert(plan.height);
        return None;
    }
    let original = image.src.clone();
    image.sources = plan
        .widths
        .iter()
        .map(|&w| ImageSource { src: ladder::copy_path(&original, &plan.key, w, "webp"), width: w })
        .collect();
    let (width, height) = match plan.fallback {
        Some(w) => {
            image.src = ladder::copy_path(&original, &plan.key, w, "jpg");
            (w, ladder::height_at(plan.width, plan.height, w))
        }
        None => (plan.width, plan.height),
    };
    image.width = Some(width);
    image.height = Some(height);
    let color = std::fs::read_to_string(entry_dir(&cache_dir(public), &plan.key).join(COLOR));
    if let (Ok(color), Ok(mut colors)) = (color, colors().lock()) {
        if is_color(&color) {
            colors.insert(image.src.clone(), color);
        }
    }
    None
}

/// Each picture's average colour by the address its pages' `<img>` has.
fn colors() -> &'static Mutex<HashMap<String, String>> {
    static COLORS: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    COLORS.get_or_init(Mutex::default)
}

/// The average colour (`#rrggbb`) of the picture whose `<img>` has `src`, once its copies
/// are made: the written pages show it in the picture's place while it loads.
pub fn color_of(src: &str) -> Option<String> {
    colors().lock().ok()?.get(src).cloned()
}

/// The file in a picture's cache folder holding its average colour.
const COLOR: &str = "color";

/// `#rrggbb`, lower case: what [`average_color`] writes and the pages may show.
pub fn is_color(text: &str) -> bool {
    text.len() == 7
        && text.starts_with('#')
        && text[1..].bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The mean of a picture's pixels as `#rrggbb` (transparent pixels count for nothing).
pub fn average_color(image: &image::DynamicImage) -> String {
    let rgba = image.to_rgba8();
    let mut sum = [0u64; 3];
    let mut weight = 0u64;
    for p in rgba.pixels() {
        let a = u64::from(p[3]);
        for (s, c) in sum.iter_mut().zip(&p.0[..3]) {
            *s += u64::from(*c) * a;
        }
        weight += a;
    }
    let channel = |s: u64| s.checked_div(weight).unwrap_or(0);
    format!("#{:02x}{:02x}{:02x}", channel(sum[0]), channel(sum[1]), channel(sum[2]))
}

/// A picture whose copies are wanted: its file, its original site path, its plan.
#[derive(Clone, Debug)]
struct Wanted {
    file: PathBuf,
    /// The cache folder for its site.
    cache: PathBuf,
    src: String,
    plan: Arc<Plan>,
}

/// Every planned picture of this process, by the site paths its pages use (the original's
/// and each copy's), for [`write_copies`].
fn wanted() -> &'static Mutex<HashMap<String, Wanted>> {
    static WANTED: OnceLock<Mutex<HashMap<String, Wanted>>> = OnceLock::new();
    WANTED.get_or_init(Mutex::default)
}

fn register(entry: Wanted) {
    if let Ok(mut wanted) = wanted().lock() {
        let (src, plan) = (entry.src.clone(), entry.plan.clone());
        for (w, ext) in copy_names(&plan).into_iter().take(1).chain(plan.fallback.map(|w| (w, "jpg"))) {
            wanted.insert(ladder::copy_path(&src, &plan.key, w, ext), entry.clone());
        }
        wanted.insert(src, entry);
    }
}

/// The folder of one picture's copies in the cache.
fn entry_dir(cache: &Path, key: &str) -> PathBuf {
    cache.join(key.get(..2).unwrap_or("00")).join(key)
}

fn copy_names(plan: &Plan) -> Vec<(u32, &'static str)> {
    let mut names: Vec<(u32, &'static str)> = plan.widths.iter().map(|&w| (w, "webp")).collect();
    names.extend(plan.fallback.map(|w| (w, "jpg")));
    names
}

fn cached(cache: &Path, plan: &Plan) -> bool {
    let dir = entry_dir(cache, &plan.key);
    dir.join(COLOR).is_file()
        && copy_names(plan).iter().all(|(w, ext)| dir.join(format!("{w}.{ext}")).is_file())
        && plan.clean.is_none_or(|ext| dir.join(format!("{CLEAN}.{ext}")).is_file())
}

/// The clean original's name in a picture's cache folder (with its extension).
const CLEAN: &str = "original";

/// What [`write_copies`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    /// Pictures whose copies were encoded by this build.
    pub encoded: usize,
    /// Pictures whose copies came from the cache.
    pub from_cache: usize,
    /// Copies put in the site.
    pub files: usize,
    /// Milliseconds spent encoding (summed over threads).
    pub encode_ms: u128,
}

/// One picture's problem while its copies were made: its file and what went wrong.
pub type Problem = (PathBuf, String);

/// Where a copy goes: its site path and bytes, or why it could not be put.
pub type Put<'a> = dyn Fn(&str, &[u8]) -> Result<(), String> + Sync + 'a;

/// A copy's bytes by width and extension (from the cache, or the original in its place).
type Read<'a> = dyn Fn(u32, &str) -> Result<Vec<u8>, String> + 'a;

/// Puts the copies of every picture the pages use (`srcs`: their `src` and first source)
/// into the site through `put`, encoding on every core what the cache lacks, and its clean
/// original (no metadata) at the original's own address through `replace` (the host's
/// copy of `public/` put the file itself there). A picture that cannot be encoded is named
/// in the problems; its page keeps the names of copies that do not exist, so the original
/// is put at each of them instead.
pub fn write_copies(srcs: &[String], put: &Put, replace: &Put) -> (Written, Vec<Problem>) {
    use rayon::prelude::*;
    let mut jobs: Vec<Wanted> = {
        let Ok(wanted) = wanted().lock() else { return (Written::default(), Vec::new()) };
        srcs.iter().filter_map(|src| wanted.get(src).cloned()).collect()
    };
    jobs.sort_by(|a, b| (&a.src, &a.plan.key).cmp(&(&b.src, &b.plan.key)));
    jobs.dedup_by(|a, b| a.src == b.src && a.plan.key == b.plan.key);
    if mode() == Mode::Background {
        // The pages use these pictures' originals until their copies are in the cache.
        let (ready, waiting): (Vec<Wanted>, Vec<Wanted>) = jobs.into_iter().partition(|j| cached(&j.cache, &j.plan));
        encode_in_background(waiting);
        jobs = ready;
    }
    let results: Vec<Result<usize, Problem>> = jobs
        .par_iter()
        .map(|job| {
            let cache = &job.cache;
            let dir = entry_dir(cache, &job.plan.key);
            let names = copy_names(&job.plan);
            let put_all = |read: &Read| -> Result<usize, String> {
                for &(w, ext) in &names {
                    put(&ladder::copy_path(&job.src, &job.plan.key, w, ext), &read(w, ext)?)?;
                }
                Ok(names.len())
            };
            if let Err(problem) = ensure_cached(job) {
                // The pages name the copies already: the original is put at each name
                // (browsers read a picture by its bytes, whatever its name says).
                let original =
                    std::fs::read(&job.file).map_err(|e| (job.file.clone(), format!("cannot be read ({e})")))?;
                put_all(&|_, _| Ok(original.clone())).map_err(|m| (job.file.clone(), m))?;
                return Err((job.file.clone(), format!("{problem}: the original is served in place of its copies")));
            }
            let files = put_all(&|w, ext| {
                std::fs::read(dir.join(format!("{w}.{ext}")))
                    .map_err(|e| format!("its copy cannot be read from the cache ({e})"))
            })
            .map_err(|m| (job.file.clone(), m))?;
            if let Some(ext) = job.plan.clean {
                let clean = std::fs::read(dir.join(format!("{CLEAN}.{ext}")))
                    .map_err(|e| (job.file.clone(), format!("its clean copy cannot be read from the cache ({e})")))?;
                replace(&job.src, &clean).map_err(|m| (job.file.clone(), m))?;
            }
            Ok(files)
        })
        .collect();
    let mut written = Written::default();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(files) => written.files += files,
            Err(problem) => problems.push(problem),
        }
    }
    if let Ok(mut encoded) = encoded_since().lock() {
        let caches: std::collections::BTreeSet<&PathBuf> = jobs.iter().map(|j| &j.cache).collect();
        for cache in caches {
            let (n, ms) = encoded.remove(cache).unwrap_or_default();
            written.encoded += n;
            written.encode_ms += ms;
        }
    }
    written.from_cache = jobs.len().saturating_sub(written.encoded);
    (written, problems)
}

/// Pictures encoded into each cache folder since [`write_copies`] last reported them, and
/// the milliseconds spent (summed over threads): most are encoded while the content is
/// read, and reported with the site.
fn encoded_since() -> &'static Mutex<HashMap<PathBuf, (usize, u128)>> {
    static ENCODED: OnceLock<Mutex<HashMap<PathBuf, (usize, u128)>>> = OnceLock::new();
    ENCODED.get_or_init(Mutex::default)
}

/// Makes the picture's copies in the cache unless they are there; true when it encoded.
fn ensure_cached(job: &Wanted) -> Result<bool, String> {
    let cache = &job.cache;
    if cached(cache, &job.plan) {
        return Ok(false);
    }
    let started = std::time::Instant::now();
    encode_into_cache(job)?;
    if let Ok(mut encoded) = encoded_since().lock() {
        let entry = encoded.entry(cache.clone()).or_default();
        entry.0 += 1;
        entry.1 += started.elapsed().as_millis();
    }
    Ok(true)
}

fn encode_into_cache(job: &Wanted) -> Result<(), String> {
    let cache = &job.cache;
    let bytes = std::fs::read(&job.file).map_err(|e| format!("cannot be read ({e})"))?;
    if key(&bytes) != job.plan.key {
        return Err("changed while the site was being written: built again, it will have its copies".to_owned());
    }
    let image = encode::decode(&bytes)?;
    drop(bytes);
    let mut copies = encode::copies(&image, &job.plan.widths, job.plan.fallback)?;
    let clean = match job.plan.clean {
        Some(ext) => Some((ext, encode::clean_original(&image, ext)?)),
        None => None,
    };
    let color = average_color(&image);
    drop(image);
    if let Some((ext, bytes)) = clean {
        copies.push(encode::Copy { width: 0, extension: ext, bytes });
    }
    let dir = entry_dir(cache, &job.plan.key);
    std::fs::create_dir_all(&dir).map_err(|e| format!("its copies cannot be kept in {} ({e})", dir.display()))?;
    for copy in copies {
        // Written under a temporary name, then renamed: a build stopped half-way never
        // leaves a cut copy that a later build would take for whole.
        let name = match copy.width {
            0 => format!("{CLEAN}.{}", copy.extension),
            w => format!("{w}.{}", copy.extension),
        };
        let path = dir.join(&name);
        let part = dir.join(format!("{name}.part"));
        std::fs::write(&part, &copy.bytes)
            .and_then(|()| std::fs::rename(&part, &path))
            .map_err(|e| format!("its copies cannot be kept in {} ({e})", dir.display()))?;
    }
    // The colour last: a picture is in the cache once its colour is (see `cached`).
    std::fs::write(dir.join(COLOR), color)
        .map_err(|e| format!("its copies cannot be kept in {} ({e})", dir.display()))?;
    Ok(())
}

/// Called with how many pictures were encoded when a background batch has finished (the
/// live preview builds its pages again, with the copies).
pub fn when_encoded(done: impl Fn(usize) + Send + Sync + 'static) {
    let _ = DONE.set(Box::new(done));
}

static DONE: OnceLock<Box<dyn Fn(usize) + Send + Sync>> = OnceLock::new();

/// Encodes `jobs` into the cache on a thread of its own, each picture once however many
/// builds ask for it while it is being encoded; then calls the [`when_encoded`] callback.
fn encode_in_background(jobs: Vec<Wanted>) {
    static BUSY: OnceLock<Mutex<std::collections::HashSet<String>>> = OnceLock::new();
    let busy = BUSY.get_or_init(Mutex::default);
    let jobs: Vec<Wanted> = match busy.lock() {
        Ok(mut busy) => jobs.into_iter().filter(|j| busy.insert(j.plan.key.clone())).collect(),
        Err(_) => return,
    };
    if jobs.is_empty() {
        return;
    }
    std::thread::spawn(move || {
        use rayon::prelude::*;
        let encoded = jobs
            .par_iter()
            .filter(|job| match ensure_cached(job) {
                Ok(encoded) => encoded,
                Err(problem) => {
                    eprintln!("masthead: picture {}: {problem}", job.file.display());
                    false
                }
            })
            .count();
        if let Ok(mut busy) = busy.lock() {
            for job in &jobs {
                busy.remove(&job.plan.key);
            }
        }
        if let Some(done) = DONE.get() {
            done(encoded);
        }
    });
}
