//! Which copies a picture gets, and what they are called: pure arithmetic, no files.
//!
//! Every raster picture the site serves from its own files gets WebP copies at the widths
//! below that are narrower than it (never wider: nothing is upscaled), closed by its own
//! width or the widest step, and one JPEG at [`FALLBACK_WIDTH`] for browsers without WebP
//! and for social cards (Google Discover asks for 1200 pixels at least).

/// The widths of the WebP copies, in pixels. Steps of a fifth to a half: a browser picks
/// the first at least as wide as the picture's place on the screen times its pixel ratio,
/// so it never takes more than about 1.5× the pixels it shows (900: a phone's column,
/// 380 points at twice the pixels, took the 1080 before).
pub const WIDTHS: [u32; 7] = [360, 540, 720, 900, 1080, 1440, 1920];

/// The JPEG's width: the fallback for browsers without WebP and the Open Graph picture.
pub const FALLBACK_WIDTH: u32 = 1200;

/// The encoders' settings. Part of the cache key and of every copy's name, so a change of
/// settings makes new copies under new addresses (which can then be cached for ever).
pub const SETTINGS: &str =
    "webp q78 m4; jpeg q80; lanczos3; srgb; widths 360 540 720 900 1080 1440 1920; fallback 1200; clean original jpeg q92 webp q92 png; v2";

/// The widths of the WebP copies of a picture `width` pixels wide: the steps clearly
/// narrower than it (or than the widest step), then its own width or the widest step.
pub fn widths(width: u32) -> Vec<u32> {
    let top = width.min(WIDTHS[WIDTHS.len() - 1]);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| u64::from(w) * 10 < u64::from(top) * 9).collect();
    if top > 0 {
        widths.push(top);
    }
    widths
}

/// The JPEG's width for a picture `width` pixels wide.
pub fn fallback_width(width: u32) -> u32 {
    width.min(FALLBACK_WIDTH)
}

/// The height of a copy `to` pixels wide of a picture `width` × `height` (at least 1).
pub fn height_at(width: u32, height: u32, to: u32) -> u32 {
    if width == 0 {
        return height.max(1);
    }
    let h = (u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(h.max(1)).unwrap_or(u32::MAX)
}

/// The folder of every copy, under the site's root: its files never change (their names
/// hold their content's key), so hosts are told to keep them for a year.
pub const FOLDER: &str = "sized";

/// The site path of a copy: under [`FOLDER`] at the original's path, named by it, by the
/// first characters of its key (content and settings) and by its width:
/// `/images/a/photo.jpg` → `/sized/images/a/photo.1a2b3c4d.720.webp`.
pub fn copy_path(src: &str, key: &str, width: u32, extension: &str) -> String {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    let short = key.get(..8).unwrap_or(key);
    format!("/{FOLDER}{folder}/{stem}.{short}.{width}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder_never_upscales_and_ends_at_the_picture_or_the_widest_step() {
        assert_eq!(widths(2560), vec![360, 540, 720, 900, 1080, 1440, 1920]);
        assert_eq!(widths(1920), vec![360, 540, 720, 900, 1080, 1440, 1920]);
        assert_eq!(widths(2000), vec![360, 540, 720, 900, 1080, 1440, 1920]);
        assert_eq!(widths(1000), vec![360, 540, 720, 1000]);
        // A step within a tenth of the picture's own width is left out: it would be the same.
        assert_eq!(widths(750), vec![360, 540, 750]);
        assert_eq!(widths(360), vec![360]);
        assert_eq!(widths(200), vec![200]);
        assert_eq!(widths(0), Vec::<u32>::new());
        for w in [1, 99, 361, 999, 1441, 5000, 20_000] {
            let ladder = widths(w);
            assert!(ladder.iter().all(|&x| x <= w), "{w}: {ladder:?}");
            assert!(ladder.windows(2).all(|p| p[0] < p[1]), "{w}: {ladder:?}");
        }
    }

    #[test]
    fn the_fallback_is_wide_enough_for_social_cards_when_the_picture_is() {
        assert_eq!(fallback_width(2560), 1200);
        assert_eq!(fallback_width(800), 800);
        assert_eq!(height_at(2560, 1600, 1200), 750);
        assert_eq!(height_at(3, 1, 1), 1);
        assert_eq!(height_at(1000, 1, 10), 1);
    }

    #[test]
    fn copies_are_named_by_the_original_its_key_and_width() {
        assert_eq!(
            copy_path("/images/a/photo.jpg", "1a2b3c4d5e", 720, "webp"),
            "/sized/images/a/photo.1a2b3c4d.720.webp"
        );
        assert_eq!(copy_path("/p.tar.png?v=2", "ab", 360, "jpg"), "/sized/p.tar.ab.360.jpg");
        assert_eq!(copy_path("/images/.hidden", "12345678", 1, "webp"), "/sized/images/.hidden.12345678.1.webp");
    }
}
