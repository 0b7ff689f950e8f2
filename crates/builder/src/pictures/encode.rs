//! One picture file in, its copies out: read with limits (hostile files are refused with a
//! reason, never a crash), turned upright by its EXIF orientation, converted to sRGB from
//! its colour profile, resized (Lanczos-3) and written as WebP and JPEG. Nothing of the
//! file's metadata (EXIF with a camera's GPS position, XMP, comments) is carried: copies
//! are made from pixels alone.

use std::io::Cursor;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::ladder;

/// Pictures wider or taller than this are not decoded (their copies would take gigabytes).
pub const MAX_SIDE: u32 = 16_384;
/// The most memory one decoded picture may take.
pub const MAX_BYTES: u64 = 384 * 1024 * 1024;

/// WebP quality (libwebp's 0–100 scale) and JPEG quality: see `SETTINGS` and the closing
/// figures in docs (`cargo run --release -p masthead-builder --example picture-quality`).
pub const WEBP_QUALITY: f32 = 78.0;
pub const JPEG_QUALITY: u8 = 80;
/// The clean original's qualities: close to the file itself.
pub const CLEAN_JPEG_QUALITY: u8 = 92;
pub const CLEAN_WEBP_QUALITY: f32 = 92.0;

/// What the header says of a picture, without decoding it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub format: ImageFormat,
    /// As shown: after the EXIF orientation (a portrait taken sideways is taller).
    pub width: u32,
    pub height: u32,
    /// Has an alpha channel: its fallback is the file itself, not a JPEG.
    pub alpha: bool,
    /// More than one frame (an animated GIF, PNG or WebP): served as it is.
    pub animated: bool,
}

/// One copy, encoded.
pub struct Copy {
    pub width: u32,
    pub extension: &'static str,
    pub bytes: Vec<u8>,
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_BYTES);
    limits
}

fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, String> {
    let mut reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| format!("cannot be read: {e}"))?;
    if reader.format().is_none() {
        return Err("is not a JPEG, PNG, GIF or WebP picture".to_owned());
    }
    reader.limits(limits());
    Ok(reader)
}

/// An editor's words for a decoder's error.
fn describe(error: &image::ImageError) -> String {
    use image::error::{ImageError, LimitErrorKind};
    match error {
        ImageError::Limits(limit) => match limit.kind() {
            LimitErrorKind::DimensionError => {
                format!("is larger than {MAX_SIDE} pixels on a side, more than a page can use")
            }
            _ => format!("would take more than {} MB of memory to open", MAX_BYTES / (1024 * 1024)),
        },
        ImageError::Unsupported(e) => format!("is in a form the builder cannot open ({e})"),
        ImageError::Decoding(e) => format!("is damaged or cut short ({e})"),
        other => format!("cannot be opened ({other})"),
    }
}

fn swaps_sides(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    )
}

/// The picture's format, size as shown and kind, from its header.
pub fn header(bytes: &[u8]) -> Result<Header, String> {
    // The declared size first, from the header alone: a decompression bomb is refused
    // before any decoder allocates for it.
    if let Ok(size) = imagesize::blob_size(bytes) {
        let (width, height) =
            (u32::try_from(size.width).unwrap_or(u32::MAX), u32::try_from(size.height).unwrap_or(u32::MAX));
        too_large(width, height)?;
    }
    let reader = reader(bytes)?;
    let format = reader.format().ok_or("is not a picture")?;
    let mut decoder = reader.into_decoder().map_err(|e| describe(&e))?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err("has no pixels".to_owned());
    }
    too_large(width, height)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let alpha = decoder.color_type().has_alpha();
    drop(decoder);
    let (width, height) = if swaps_sides(orientation) { (height, width) } else { (width, height) };
    Ok(Header { format, width, height, alpha, animated: animated(format, bytes) })
}

/// Refuses a size no page can use: too wide or tall, or more pixels than fit the memory
/// one picture may take (four bytes a pixel once decoded: a small file can declare more,
/// a decompression bomb).
fn too_large(width: u32, height: u32) -> Result<(), String> {
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!("is {width} × {height} pixels, larger than {MAX_SIDE} on a side"));
    }
    if u64::from(width) * u64::from(height) * 4 > MAX_BYTES {
        return Err(format!(
            "is {width} × {height} pixels, more than the {} million a picture may have",
            MAX_BYTES / 4 / 1_000_000
        ));
    }
    Ok(())
}

/// More than one frame: GIF (counted up to two), APNG, animated WebP.
fn animated(format: ImageFormat, bytes: &[u8]) -> bool {
    use image::AnimationDecoder;
    match format {
        ImageFormat::Gif => image::codecs::gif::GifDecoder::new(Cursor::new(bytes))
            .map(|d| d.into_frames().take(2).filter(Result::is_ok).count() > 1)
            .unwrap_or(false),
        ImageFormat::Png => {
            image::codecs::png::PngDecoder::new(Cursor::new(bytes)).is_ok_and(|d| d.is_apng().unwrap_or(false))
        }
        ImageFormat::WebP => image::codecs::webp::WebPDecoder::new(Cursor::new(bytes)).is_ok_and(|d| d.has_animation()),
        _ => false,
    }
}

/// The picture's pixels, upright, in 8-bit sRGB (with alpha if it has any).
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    header(bytes)?;
    let mut decoder = reader(bytes)?.into_decoder().map_err(|e| describe(&e))?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let profile = decoder.icc_profile().ok().flatten();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| describe(&e))?;
    image.apply_orientation(orientation);
    let mut image = if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };
    if let Some(profile) = profile {
        to_srgb(&mut image, &profile);
    }
    Ok(image)
}

/// Converts RGB pixels from the picture's own colour profile to sRGB (a camera's Adobe RGB
/// or a phone's Display P3 looks washed out when read as sRGB). Profiles that are not RGB
/// (a CMYK JPEG's, already converted by the decoder) or cannot be read are left alone.
fn to_srgb(image: &mut DynamicImage, profile: &[u8]) {
    if profile.get(16..20) != Some(b"RGB ") {
        return;
    }
    let Some(input) = qcms::Profile::new_from_slice(profile, false) else { return };
    if input.is_sRGB() {
        return;
    }
    let mut output = qcms::Profile::new_sRGB();
    output.precache_output_transform();
    let (kind, data): (qcms::DataType, &mut [u8]) = match image {
        DynamicImage::ImageRgb8(rgb) => (qcms::DataType::RGB8, rgb.as_mut()),
        DynamicImage::ImageRgba8(rgba) => (qcms::DataType::RGBA8, rgba.as_mut()),
        _ => return,
    };
    if let Some(transform) = qcms::Transform::new(&input, &output, kind, qcms::Intent::default()) {
        transform.apply(data);
    }
}

/// The picture at `width` pixels wide (its height in proportion); the picture itself when
/// it is that wide already.
pub fn resized(resizer: &mut Resizer, image: &DynamicImage, width: u32) -> Result<DynamicImage, String> {
    if width >= image.width() {
        return Ok(image.clone());
    }
    let height = ladder::height_at(image.width(), image.height(), width);
    let mut out = match image {
        DynamicImage::ImageRgba8(_) => DynamicImage::new_rgba8(width, height),
        _ => DynamicImage::new_rgb8(width, height),
    };
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    resizer.resize(image, &mut out, &options).map_err(|e| format!("cannot be resized ({e})"))?;
    Ok(out)
}

/// The picture as lossy WebP at `quality` (0–100).
pub fn webp(image: &DynamicImage, quality: f32) -> Result<Vec<u8>, String> {
    let encoder = match image {
        DynamicImage::ImageRgba8(rgba) => webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height()),
        DynamicImage::ImageRgb8(rgb) => webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height()),
        _ => return Err("has pixels the WebP encoder does not take".to_owned()),
    };
    let memory = encoder.encode_simple(false, quality).map_err(|e| format!("cannot be written as WebP ({e:?})"))?;
    Ok(memory.to_vec())
}

/// The picture as baseline JPEG at `quality` (1–100).
pub fn jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, String> {
    let rgb = image.to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&rgb)
        .map_err(|e| format!("cannot be written as JPEG ({e})"))?;
    Ok(out)
}

/// The original's format for its clean copy (served at the original's own address): a
/// JPEG stays a JPEG, a PNG a PNG, a WebP a WebP; a GIF has no EXIF and is left as it is.
pub fn clean_extension(format: ImageFormat) -> Option<&'static str> {
    match format {
        ImageFormat::Jpeg => Some("jpg"),
        ImageFormat::Png => Some("png"),
        ImageFormat::WebP => Some("webp"),
        _ => None,
    }
}

/// The picture at its full size, upright, in sRGB and with no metadata, in the format
/// `extension` names: what readers get at the original's address (a link to "the larger
/// copy", an old address), so no camera's GPS position reaches them there either.
pub fn clean_original(image: &DynamicImage, extension: &str) -> Result<Vec<u8>, String> {
    match extension {
        "jpg" => jpeg(image, CLEAN_JPEG_QUALITY),
        "webp" => webp(image, CLEAN_WEBP_QUALITY),
        _ => {
            let mut out = Vec::new();
            image
                .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
                .map_err(|e| format!("cannot be written as PNG ({e})"))?;
            Ok(out)
        }
    }
}

/// Every copy of a decoded picture: WebP at `widths`, and a JPEG at `fallback` unless it
/// has an alpha channel (its fallback is then the file itself).
pub fn copies(image: &DynamicImage, widths: &[u32], fallback: Option<u32>) -> Result<Vec<Copy>, String> {
    let mut resizer = Resizer::new();
    let mut copies = Vec::with_capacity(widths.len() + 1);
    for &width in widths {
        let sized = resized(&mut resizer, image, width)?;
        copies.push(Copy { width, extension: "webp", bytes: webp(&sized, WEBP_QUALITY)? });
    }
    if let Some(width) = fallback {
        let sized = resized(&mut resizer, image, width)?;
        copies.push(Copy { width, extension: "jpg", bytes: jpeg(&sized, JPEG_QUALITY)? });
    }
    Ok(copies)
}
