//! Width and height for the site's own images, read from the files themselves, so a page
//! reserves each picture's room before it arrives and nothing below it moves.
//!
//! An image at a site path (`/images/chip.png`) is looked for in the project's `public/`
//! folder (beside `content/`), which the build copies to the site's root. Raster formats
//! are read by `imagesize` (only the file's header); an SVG by its root element's `width`
//! and `height`, else its `viewBox`. Images on other hosts, and sizes the editor wrote, are
//! left as they are.

use std::path::{Path, PathBuf};

use masthead_model::{Block, Image};

use crate::diagnostic::{error, BuildError};

/// [`measure_all`] for one content file: an image that is not in `public` is a warning
/// naming the file.
pub(super) fn size_images(
    public: &Path,
    file: &Path,
    cover: Option<&mut Image>,
    blocks: &mut [Block],
    warnings: &mut Vec<BuildError>,
) {
    for message in measure_all(public, cover, blocks) {
        warnings.push(error(file, None, message));
    }
}

/// Where the site's static files are for a content folder: `public/` beside it.
pub(crate) fn public_dir(content: &Path) -> PathBuf {
    let parent = content.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    parent.join("public")
}

/// Fills in the width and height of every image in `blocks` and of `cover` that has
/// neither, where the file is in `public`, and plans the copies of every raster picture
/// there ([`crate::pictures`]). Returns a sentence for each picture that is not there (the
/// page cannot reserve its room) or is served as it is, for a warning naming the file.
pub(super) fn measure_all(public: &Path, cover: Option<&mut Image>, blocks: &mut [Block]) -> Vec<String> {
    let mut missing = Vec::new();
    if let Some(image) = cover {
        measure(public, image, &mut missing);
    }
    walk(public, blocks, &mut missing);
    missing
}

fn walk(public: &Path, blocks: &mut [Block], problems: &mut Vec<String>) {
    for block in blocks {
        match block {
            Block::Image(image) => measure(public, image, problems),
            Block::Gallery { images, .. } => images.iter_mut().for_each(|image| measure(public, image, problems)),
            Block::List { nested, .. } => {
                for item in nested {
                    walk(public, item, problems);
                }
            }
            _ => {}
        }
    }
}

fn measure(public: &Path, image: &mut Image, problems: &mut Vec<String>) {
    let Some(file) = local_file(public, &image.src) else { return };
    if is_raster(&file) && file.is_file() {
        match crate::pictures::plan(&file) {
            crate::pictures::Planned::Copies(plan) => {
                if let Some(reason) = crate::pictures::apply(public, &file, image, &plan) {
                    problems.push(format!("image {} {reason}", image.src));
                }
            }
            crate::pictures::Planned::AsIs { reason, size } => {
                if let (None, None, Some((width, height))) = (image.width, image.height, size) {
                    image.width = Some(width);
                    image.height = Some(height);
                }
                problems.push(format!("image {} {reason}", image.src));
            }
        }
        return;
    }
    if image.width.is_some() || image.height.is_some() {
        return;
    }
    match size_of(&file) {
        Some((width, height)) => {
            image.width = Some(width);
            image.height = Some(height);
        }
        None if !file.is_file() => problems.push(format!(
            "image {} is not in {}: its size is unknown, so the page cannot keep its room",
            image.src,
            public.display()
        )),
        // A file whose size cannot be read (an unknown format): left without one.
        None => {}
    }
}

/// A picture made of pixels (not a drawing): by its name, as the host will serve it.
fn is_raster(file: &Path) -> bool {
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(extension.as_str(), "jpg" | "jpeg" | "jpe" | "jfif" | "png" | "gif" | "webp")
}

/// The file behind a site path, if it is one: `/a/b.png` → `public/a/b.png`. Other
/// hosts, protocol-relative addresses and paths that climb out are not.
fn local_file(public: &Path, src: &str) -> Option<PathBuf> {
    let path = src.split(['?', '#']).next()?;
    let rel = path.strip_prefix('/').filter(|r| !r.starts_with('/'))?;
    let rel = masthead_model::url::percent_decode(rel);
    if rel.is_empty() || rel.split('/').any(|part| part == ".." || part.contains('\\')) {
        return None;
    }
    Some(public.join(rel))
}

/// An image file's width and height in pixels.
pub(crate) fn size_of(file: &Path) -> Option<(u32, u32)> {
    let is_svg = file.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if is_svg {
        return svg_size(&std::fs::read_to_string(file).ok()?);
    }
    let size = imagesize::size(file).ok()?;
    Some((u32::try_from(size.width).ok()?, u32::try_from(size.height).ok()?)).filter(|&(w, h)| w > 0 && h > 0)
}

/// An SVG's size: its root's `width` and `height` in pixels (a bare number or `px`), else
/// the width and height of its `viewBox`.
fn svg_size(text: &str) -> Option<(u32, u32)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => {
                if e.local_name().as_ref() != "svg" {
                    return None;
                }
                let attribute = |name: &str| {
                    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name).map(|a| a.value.into_owned())
                };
                let pixels = |value: Option<String>| {
                    let v = value?;
                    let v = v.trim();
                    let number = v.strip_suffix("px").unwrap_or(v).trim();
                    number.parse::<f64>().ok().filter(|n| n.is_finite() && *n >= 1.0 && *n < 100_000.0)
                };
                let (width, height) = match (pixels(attribute("width")), pixels(attribute("height"))) {
                    (Some(w), Some(h)) => (w, h),
                    _ => {
                        let view_box = attribute("viewBox")?;
                        let numbers: Vec<f64> = view_box
                            .split(|c: char| c == ',' || c.is_whitespace())
                            .filter(|s| !s.is_empty())
                            .filter_map(|s| s.parse().ok())
                            .collect();
                        match numbers.as_slice() {
                            [_, _, w, h] if w.is_finite() && h.is_finite() && *w >= 1.0 && *h >= 1.0 => (*w, *h),
                            _ => return None,
                        }
                    }
                };
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                return Some((width.round() as u32, height.round() as u32));
            }
            Event::Eof => return None,
            // The XML declaration, comments, a doctype: before the root.
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_is_measured_by_its_size_or_its_view_box() {
        assert_eq!(
            svg_size("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"/>"),
            Some((1200, 630))
        );
        assert_eq!(
            svg_size("<?xml version=\"1.0\"?>\n<!-- x -->\n<svg viewBox=\"0 0 800 450\"></svg>"),
            Some((800, 450))
        );
        assert_eq!(svg_size("<svg width=\"100%\" height=\"100%\" viewBox=\"0,0,64.4,32\"></svg>"), Some((64, 32)));
        assert_eq!(svg_size("<svg width=\"20px\" height=\"10px\"></svg>"), Some((20, 10)));
        assert_eq!(svg_size("<svg></svg>"), None);
        assert_eq!(svg_size("<html><svg width=\"1\" height=\"1\"/></html>"), None);
        assert_eq!(svg_size("not xml at all <<<"), None);
        assert_eq!(svg_size("<svg width=\"-5\" height=\"1e9\" viewBox=\"0 0 NaN 3\"/>"), None);
    }

    #[test]
    fn only_site_paths_inside_public_are_files() {
        let public = Path::new("/p/public");
        assert_eq!(local_file(public, "/images/a%20b.png?v=2"), Some(PathBuf::from("/p/public/images/a b.png")));
        assert_eq!(local_file(public, "https://cdn.example/a.png"), None);
        assert_eq!(local_file(public, "//cdn.example/a.png"), None);
        assert_eq!(local_file(public, "/images/../../etc/passwd"), None);
        assert_eq!(local_file(public, "/"), None);
        assert_eq!(public_dir(Path::new("content")), PathBuf::from("./public"));
        assert_eq!(public_dir(Path::new("/site/content")), PathBuf::from("/site/public"));
    }

    #[test]
    fn images_without_a_size_get_the_files_and_missing_files_are_named() {
        let dir = std::env::temp_dir().join(format!("masthead-images-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("img")).unwrap();
        std::fs::write(dir.join("img/wide.svg"), "<svg viewBox=\"0 0 300 100\"></svg>").unwrap();
        // A 2 × 3 PNG: a picture of pixels, given copies; a file named .jpg that is not one.
        image::RgbImage::new(2, 3).save(dir.join("img/small.png")).unwrap();
        std::fs::write(dir.join("img/broken.jpg"), b"not a picture").unwrap();
        let image = |src: &str, width: Option<u32>| Image {
            src: src.into(),
            alt: "x".into(),
            width,
            height: None,
            caption: None,
            sources: vec![],
            layout: None,
            link: None,
        };
        let mut cover = image("/img/wide.svg", None);
        let mut blocks = vec![
            Block::Image(image("/img/small.png", None)),
            Block::Image(image("/img/wide.svg", Some(10))),
            Block::Image(image("/img/gone.jpg", None)),
            Block::Image(image("https://elsewhere.example/x.png", None)),
            Block::Image(image("/img/broken.jpg", None)),
        ];
        let missing = measure_all(&dir, Some(&mut cover), &mut blocks);
        assert_eq!((cover.width, cover.height), (Some(300), Some(100)));
        let sizes: Vec<_> = blocks
            .iter()
            .map(|b| match b {
                Block::Image(i) => (i.width, i.height),
                _ => (None, None),
            })
            .collect();
        assert_eq!(sizes, vec![(Some(2), Some(3)), (Some(10), None), (None, None), (None, None), (None, None)]);
        let Block::Image(small) = &blocks[0] else { unreachable!() };
        let key = crate::pictures::key(&std::fs::read(dir.join("img/small.png")).unwrap());
        assert_eq!(small.src, format!("/sized/img/small.{}.2.jpg", &key[..8]));
        assert_eq!(
            small.sources,
            vec![masthead_model::ImageSource { src: format!("/sized/img/small.{}.2.webp", &key[..8]), width: 2 }]
        );
        assert_eq!(missing.len(), 2, "{missing:?}");
        assert!(missing[0].starts_with("image /img/gone.jpg is not in "), "{missing:?}");
        assert_eq!(
            missing[1],
            "image /img/broken.jpg is not a JPEG, PNG, GIF or WebP picture: served as it is, with no smaller copies"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
