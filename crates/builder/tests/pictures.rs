//! Photographs sized for the screen: the copies a picture gets, the cache, and every kind
//! of broken or hostile file, through the builder's own picture code on files written here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use image::{DynamicImage, GenericImageView, Rgb, RgbImage};
use masthead_builder::pictures::{self, ladder, Planned};
use masthead_model::Image;

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("masthead-pictures-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("public/images")).unwrap();
    dir
}

/// A photograph-like picture: smooth colour with fine detail (a photograph's grain).
fn photo(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let grain = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 7) % 24;
        Rgb([(x * 200 / width + grain) as u8, (y * 200 / height + grain) as u8, (120 + grain) as u8])
    })
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(image).unwrap();
    out
}

/// The JPEG with an EXIF block: an orientation and a description (standing in for a
/// camera's GPS position: what must never reach readers).
fn with_exif(jpeg: &[u8], orientation: u16, note: &str) -> Vec<u8> {
    let note = format!("{note}\0");
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend(2u16.to_be_bytes());
    let after_ifd = 8 + 2 + 12 * 2 + 4;
    tiff.extend(0x010Eu16.to_be_bytes()); // ImageDescription, ASCII, after the IFD
    tiff.extend(2u16.to_be_bytes());
    tiff.extend((note.len() as u32).to_be_bytes());
    tiff.extend((after_ifd as u32).to_be_bytes());
    tiff.extend(0x0112u16.to_be_bytes()); // Orientation, SHORT
    tiff.extend(3u16.to_be_bytes());
    tiff.extend(1u32.to_be_bytes());
    tiff.extend(orientation.to_be_bytes());
    tiff.extend([0, 0]);
    tiff.extend(0u32.to_be_bytes());
    tiff.extend(note.as_bytes());
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// A PNG of only its signature and header chunk, declaring `width` × `height`.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut chunk = b"IHDR".to_vec();
    chunk.extend(width.to_be_bytes());
    chunk.extend(height.to_be_bytes());
    chunk.extend([8, 0, 0, 0, 0]);
    let mut crc = flate2::Crc::new();
    crc.update(&chunk);
    let mut out = b"\x89PNG\r\n\x1a\n\0\0\0\x0d".to_vec();
    out.extend(&chunk);
    out.extend(crc.sum().to_be_bytes());
    out
}

struct Site {
    dir: PathBuf,
    put: Mutex<BTreeMap<String, Vec<u8>>>,
    /// Pictures that could not be encoded when read: their file and why.
    problems: Mutex<Vec<pictures::Problem>>,
}

impl Site {
    fn new(name: &str) -> Site {
        Site { dir: folder(name), put: Mutex::default(), problems: Mutex::default() }
    }
    fn public(&self) -> PathBuf {
        self.dir.join("public")
    }
    fn add(&self, name: &str, bytes: &[u8]) -> (PathBuf, String) {
        let file = self.public().join("images").join(name);
        std::fs::write(&file, bytes).unwrap();
        (file, format!("/images/{name}"))
    }
    /// What the content reader does with the picture: its plan, applied to an image.
    fn image(&self, file: &Path, src: &str) -> (Planned, Image) {
        let mut image = Image::new(src.to_owned(), "A picture".into());
        let planned = pictures::plan(file);
        if let Planned::Copies(plan) = &planned {
            if let Some(problem) = pictures::apply(&self.public(), file, &mut image, plan) {
                self.problems.lock().unwrap().push((file.to_owned(), problem));
            }
        }
        (planned, image)
    }
    /// What the site writer does: every copy put, through the cache.
    fn write(&self, images: &[&Image]) -> (pictures::Written, Vec<pictures::Problem>) {
        let srcs: Vec<String> = images
            .iter()
            .flat_map(|i| std::iter::once(i.src.clone()).chain(i.sources.first().map(|s| s.src.clone())))
            .collect();
        let put = |rel: &str, bytes: &[u8]| {
            self.put.lock().unwrap().insert(rel.to_owned(), bytes.to_vec());
            Ok(())
        };
        let replace = |rel: &str, bytes: &[u8]| {
            self.put.lock().unwrap().insert(format!("{rel} (clean)"), bytes.to_vec());
            Ok(())
        };
        pictures::write_copies(&srcs, &put, &replace)
    }
    fn copy(&self, src: &str) -> Vec<u8> {
        self.put.lock().unwrap().get(src).cloned().unwrap_or_else(|| panic!("{src} was not put"))
    }
}

#[test]
fn a_photograph_gets_a_ladder_of_webp_copies_and_a_jpeg_none_wider_than_itself() {
    let site = Site::new("ladder");
    let (file, src) = site.add("street.jpg", &jpeg(&photo(1600, 1000)));
    let (planned, image) = site.image(&file, &src);
    let Planned::Copies(plan) = planned else { panic!("{planned:?}") };
    // 1440 is left out: within a tenth of the picture's own 1600.
    assert_eq!(plan.widths, vec![360, 540, 720, 900, 1080, 1600]);
    // The page's `src` is the 1200-pixel JPEG (the fallback and the social card), its size
    // in proportion; `sources` are the WebP copies.
    assert_eq!(image.src, ladder::copy_path(&src, &plan.key, 1200, "jpg"));
    assert_eq!((image.width, image.height), (Some(1200), Some(750)));
    let widths: Vec<u32> = image.sources.iter().map(|s| s.width).collect();
    assert_eq!(widths, plan.widths);
    let (written, problems) = site.write(&[&image]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!((written.encoded, written.from_cache, written.files), (1, 0, 7));
    for source in &image.sources {
        let bytes = site.copy(&source.src);
        assert_eq!(image::guess_format(&bytes).unwrap(), image::ImageFormat::WebP, "{}", source.src);
        let copy = image::load_from_memory(&bytes).unwrap();
        assert_eq!(copy.width(), source.width);
        assert_eq!(copy.height(), ladder::height_at(1600, 1000, source.width));
    }
    let fallback = image::load_from_memory(&site.copy(&image.src)).unwrap();
    assert_eq!(fallback.dimensions(), (1200, 750));
    // Its average colour holds its place while it loads.
    let color = pictures::color_of(&image.src).expect("a colour");
    assert!(pictures::is_color(&color), "{color}");
}

#[test]
fn a_rebuild_takes_the_copies_from_the_cache_and_a_changed_file_is_encoded_again() {
    let site = Site::new("cache");
    let (file, src) = site.add("cache.jpg", &jpeg(&photo(800, 500)));
    let (_, image) = site.image(&file, &src);
    assert_eq!(site.write(&[&image]).0.encoded, 1);
    let first = site.copy(&image.sources[0].src);
    // The same picture again: nothing encoded, the same bytes put.
    let (_, again) = site.image(&file, &src);
    let (written, _) = site.write(&[&again]);
    assert_eq!((written.encoded, written.from_cache), (0, 1));
    assert_eq!(site.copy(&again.sources[0].src), first);
    let cache = site.dir.join(".cache/pictures");
    assert!(cache.is_dir(), "the cache sits beside content/ and public/");
    // The file changes (same name, new pixels): new key, new names, encoded again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&file, jpeg(&photo(801, 500))).unwrap();
    let (_, changed) = site.image(&file, &src);
    assert_ne!(changed.sources[0].src, image.sources[0].src);
    assert_eq!(site.write(&[&changed]).0.encoded, 1);
}

#[test]
fn orientation_is_applied_and_no_metadata_reaches_the_copies() {
    let site = Site::new("exif");
    // Left half red, right half blue, stored sideways: orientation 6 turns it a quarter
    // clockwise, so readers see red on top.
    let sideways = RgbImage::from_fn(400, 200, |x, _| if x < 200 { Rgb([220, 20, 20]) } else { Rgb([20, 20, 220]) });
    let secret = "GPS 48.858370 N 2.294481 E";
    let (file, src) = site.add("turned.jpg", &with_exif(&jpeg(&sideways), 6, secret));
    let (planned, image) = site.image(&file, &src);
    let Planned::Copies(plan) = planned else { panic!("{planned:?}") };
    assert_eq!((plan.width, plan.height), (200, 400), "as shown: taller than wide");
    assert_eq!((image.width, image.height), (Some(200), Some(400)));
    let (_, problems) = site.write(&[&image]);
    assert!(problems.is_empty(), "{problems:?}");
    // Half red, half blue: purple on average.
    let color = pictures::color_of(&image.src).unwrap();
    let channel = |i: usize| u8::from_str_radix(&color[1 + 2 * i..3 + 2 * i], 16).unwrap();
    assert!(channel(0) > 90 && channel(2) > 90 && channel(1) < 50, "{color}");
    // Every copy, and the clean original put at the original's own address.
    let clean = format!("{src} (clean)");
    for src in std::iter::once(&image.src).chain(image.sources.iter().map(|s| &s.src)).chain([&clean]) {
        let bytes = site.copy(src);
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{src} carries EXIF");
        assert!(!bytes.windows(3).any(|w| w == b"GPS"), "{src} carries the position");
        let copy = image::load_from_memory(&bytes).unwrap().to_rgb8();
        let (top, bottom) = (copy.get_pixel(100, 50), copy.get_pixel(100, 350));
        assert!(top[0] > 150 && top[2] < 100, "{src}: top is {top:?}");
        assert!(bottom[2] > 150 && bottom[0] < 100, "{src}: bottom is {bottom:?}");
    }
}

#[test]
fn broken_and_hostile_files_are_named_and_served_as_they_are() {
    let site = Site::new("hostile");
    let whole = jpeg(&photo(600, 400));
    // A decompression bomb and a picture too large to open: refused from the header.
    let (file, src) = site.add("huge.png", &png_header(20_000, 20_000));
    let (planned, image) = site.image(&file, &src);
    let Planned::AsIs { reason, .. } = planned else { panic!("{planned:?}") };
    assert!(reason.contains("20000 × 20000") && reason.contains("served as it is"), "{reason}");
    assert_eq!(image.src, src, "the original, untouched");
    let (file, src) = site.add("bomb.png", &png_header(12_000, 12_000));
    let Planned::AsIs { reason, .. } = site.image(&file, &src).0 else { panic!() };
    assert!(reason.contains("million"), "{reason}");
    // Not a picture, whatever its name says.
    let (file, src) = site.add("notes.jpg", b"<html>a web page saved as .jpg</html>");
    let Planned::AsIs { reason, .. } = site.image(&file, &src).0 else { panic!() };
    assert!(reason.starts_with("is not a JPEG, PNG, GIF or WebP picture"), "{reason}");
    // An animated GIF keeps its frames.
    let mut gif = Vec::new();
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut gif);
        let frames =
            (0..3).map(|i| image::Frame::new(image::RgbaImage::from_pixel(30, 20, image::Rgba([i * 80, 0, 0, 255]))));
        encoder.encode_frames(frames).unwrap();
    }
    let (file, src) = site.add("spin.gif", &gif);
    let (planned, image) = site.image(&file, &src);
    let Planned::AsIs { reason, size } = planned else { panic!("{planned:?}") };
    assert!(reason.contains("animated"), "{reason}");
    assert_eq!(size, Some((30, 20)));
    assert_eq!(image.src, src);

    // A PNG named .jpg, a 16-bit PNG, a CMYK JPEG: read for what they are, and copied.
    let mut png = Vec::new();
    DynamicImage::ImageRgb8(photo(500, 300))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let (lying_file, lying_src) = site.add("lying.jpg", &png);
    let mut deep = Vec::new();
    DynamicImage::ImageRgb16(DynamicImage::ImageRgb8(photo(500, 300)).to_rgb16())
        .write_to(&mut std::io::Cursor::new(&mut deep), image::ImageFormat::Png)
        .unwrap();
    let (deep_file, deep_src) = site.add("deep.png", &deep);
    let mut cmyk = Vec::new();
    let pixels: Vec<u8> = (0..500 * 300).flat_map(|_| [0u8, 255, 255, 0]).collect(); // red in CMYK
    jpeg_encoder::Encoder::new(&mut cmyk, 90).encode(&pixels, 500, 300, jpeg_encoder::ColorType::Cmyk).unwrap();
    let (cmyk_file, cmyk_src) = site.add("print.jpg", &cmyk);
    // A JPEG cut short in the middle of its data.
    let (cut_file, cut_src) = site.add("cut.jpg", &whole[..whole.len() * 6 / 10]);
    let mut images = Vec::new();
    for (file, src) in
        [(&lying_file, &lying_src), (&deep_file, &deep_src), (&cmyk_file, &cmyk_src), (&cut_file, &cut_src)]
    {
        let (planned, image) = site.image(file, src);
        assert!(matches!(planned, Planned::Copies(_)), "{src}: {planned:?}");
        images.push(image);
    }
    let (_, mut problems) = site.write(&images.iter().collect::<Vec<_>>());
    problems.extend(site.problems.lock().unwrap().drain(..));
    // Whatever the cut file gives, every copy a page names is there; a picture that could
    // not be encoded keeps its original, with a problem naming the file.
    for image in &images {
        for src in std::iter::once(&image.src).chain(image.sources.iter().map(|s| &s.src)) {
            if src.starts_with("/sized/") {
                assert!(!site.copy(src).is_empty(), "{src}");
            } else {
                assert_eq!(src, &cut_src);
            }
        }
    }
    assert!(problems.iter().all(|(file, _)| file == &cut_file), "{problems:?}");
    for image in &images[..3] {
        assert!(image.src.starts_with("/sized/") && pictures::color_of(&image.src).is_some(), "{image:?}");
    }
    let red = image::load_from_memory(&site.copy(&images[2].sources[0].src)).unwrap().to_rgb8();
    let p = red.get_pixel(10, 10);
    assert!(p[0] > 200 && p[1] < 60 && p[2] < 60, "the CMYK picture is red: {p:?}");
}

#[test]
fn a_written_page_offers_each_layout_its_copies_with_sizes_that_match_it() {
    let home = folder("layouts");
    let content = home.join("content");
    std::fs::create_dir_all(content.join("posts")).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::copy(repo.join("content/site.toml"), content.join("site.toml")).unwrap();
    std::fs::write(home.join("public/images/street.jpg"), jpeg(&photo(1600, 1000))).unwrap();
    let body = "The lead.\n\n![In the column](/images/street.jpg)\n\nWords.\n\n![Across the page](/images/street.jpg#full)\n\n\
                Words.\n\n![Beside the text](/images/street.jpg#left)\n\nWords.\n";
    std::fs::write(
        content.join("posts/street.md"),
        format!(
            "+++\ntitle = \"Street\"\nstandfirst = \"S\"\npublished = 2024-07-01T10:00:00Z\ncategory = \"news\"\n\
             authors = [\"A\"]\n[image]\nsrc = \"/images/street.jpg\"\nalt = \"The street\"\n+++\n{body}"
        ),
    )
    .unwrap();
    let dist = home.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::copy(repo.join("index.html"), dist.join("index.html")).unwrap();
    let mut memo = masthead_builder::Memo::default();
    let report = masthead_builder::build_site(&content, &dist, None, &mut memo).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let page = std::fs::read_to_string(dist.join("2024/07/street/index.html")).unwrap();
    let sizes: Vec<&str> =
        page.split("<source ").skip(1).filter_map(|s| s.split("sizes=\"").nth(1)?.split('"').next()).collect();
    assert_eq!(
        sizes,
        vec![
            "(min-width: 72rem) 42rem, calc(100vw - 2rem)", // the story's own picture
            "(min-width: 72rem) 42rem, calc(100vw - 2rem)",
            "100vw",
            "(min-width: 40rem) 20rem, 100vw",
        ],
        "{page}"
    );
    assert!(page.contains("type=\"image/webp\" srcset=\"/sized/images/street."), "{page}");
    // One picture, encoded once, whatever the number of places it is shown in.
    assert_eq!((report.pictures.encoded, report.pictures.files), (1, 7));
    // The copies are in the site, and the head preloads the lead's.
    let first = page.split("srcset=\"").nth(1).unwrap().split(' ').next().unwrap();
    assert!(dist.join(first.trim_start_matches('/')).is_file(), "{first}");
    assert!(
        page.contains("<link rel=\"preload\" as=\"image\" fetchpriority=\"high\" href=\"/sized/images/street."),
        "{page}"
    );
}
