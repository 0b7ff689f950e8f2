//! The encoders' settings measured on real photographs: for each file given, at each of the
//! ladder's widths, the bytes, the SSIM (luma, against the resized picture before
//! encoding) and the time of WebP and JPEG at a few qualities, and of AVIF when Debian's
//! `avifenc`/`avifdec` are installed (libavif-bin). Prints a table of medians over the files.
//!
//!   cargo run --release -p masthead-builder --example picture_quality -- \
//!       /usr/share/wallpapers/*/contents/images/2560x1600.jpg

use std::time::Instant;

use image::DynamicImage;
use masthead_builder::pictures::encode;

fn ssim(reference: &DynamicImage, bytes: &[u8]) -> f64 {
    let Ok(decoded) = image::load_from_memory(bytes) else { return f64::NAN };
    image_compare::gray_similarity_structure(
        &image_compare::Algorithm::MSSIMSimple,
        &reference.to_luma8(),
        &decoded.to_luma8(),
    )
    .map_or(f64::NAN, |s| s.score)
}

/// AVIF through Debian's command-line tools (libavif 0.11), at quantizer `quality` (0–63,
/// lower is better) and speed 6.
fn avif(image: &DynamicImage, quality: u32) -> Option<(Vec<u8>, f64, Vec<u8>)> {
    let dir = std::env::temp_dir().join(format!("masthead-avif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let (png, avif, back) = (dir.join("in.png"), dir.join("out.avif"), dir.join("back.png"));
    image.save(&png).ok()?;
    let started = Instant::now();
    let ok = std::process::Command::new("avifenc")
        .args(["--min", &quality.to_string(), "--max", &quality.to_string(), "-s", "6", "-j", "1"])
        .arg(&png)
        .arg(&avif)
        .output()
        .ok()?
        .status
        .success();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if !ok {
        return None;
    }
    std::process::Command::new("avifdec").arg(&avif).arg(&back).output().ok()?;
    Some((std::fs::read(&avif).ok()?, ms, std::fs::read(&back).ok()?))
}

/// (format, quality, width) → (bytes, SSIM, milliseconds) for each file.
type Rows = std::collections::BTreeMap<(String, u32, u32), Vec<(f64, f64, f64)>>;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: picture_quality PHOTO.jpg …");
        std::process::exit(2);
    }
    let has_avif = std::process::Command::new("avifenc").arg("--version").output().is_ok();
    let mut rows: Rows = Default::default();
    let mut decode_ms = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).expect("a readable file");
        let started = Instant::now();
        let image = encode::decode(&bytes).expect("a picture");
        decode_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        let mut resizer = fast_image_resize::Resizer::new();
        for width in [360, 720, 1080, 1440] {
            let started = Instant::now();
            let sized = encode::resized(&mut resizer, &image, width).expect("resized");
            let resize_ms = started.elapsed().as_secs_f64() * 1000.0;
            rows.entry(("resize".into(), 0, width)).or_default().push((0.0, 1.0, resize_ms));
            for q in [70u32, 78, 85] {
                let started = Instant::now();
                let out = encode::webp(&sized, q as f32).expect("webp");
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                rows.entry(("webp".into(), q, width)).or_default().push((out.len() as f64, ssim(&sized, &out), ms));
            }
            for q in [75u32, 80, 85] {
                let started = Instant::now();
                let out = encode::jpeg(&sized, q as u8).expect("jpeg");
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                rows.entry(("jpeg".into(), q, width)).or_default().push((out.len() as f64, ssim(&sized, &out), ms));
            }
            if has_avif && width <= 1080 {
                for q in [32u32, 40] {
                    if let Some((out, ms, back)) = avif(&sized, q) {
                        rows.entry(("avif".into(), q, width)).or_default().push((
                            out.len() as f64,
                            ssim(&sized, &back),
                            ms,
                        ));
                    }
                }
            }
        }
    }
    println!(
        "{} photographs; decode (with orientation and colour profile) median {:.0} ms",
        files.len(),
        median(decode_ms)
    );
    println!("{:<7} {:>4} {:>6} {:>10} {:>8} {:>9}", "format", "q", "width", "KB median", "SSIM", "ms median");
    for ((format, q, width), values) in &rows {
        let kb = median(values.iter().map(|v| v.0).collect()) / 1024.0;
        let ssim = median(values.iter().map(|v| v.1).collect());
        let ms = median(values.iter().map(|v| v.2).collect());
        println!("{format:<7} {q:>4} {width:>6} {kb:>10.1} {ssim:>8.4} {ms:>9.1}");
    }
}
