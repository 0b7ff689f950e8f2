//! The publisher's brand, from `[brand]` in site.toml: a logo, an accent colour for each
//! theme and self-hosted heading and body fonts, applied through the style sheet's custom
//! properties by a small inline style in every page's head.
//!
//! The accent is the colour of links, focus rings and the Subscribe button, so the build
//! checks it before anything is written: against the background and the surface of its
//! theme (4.5:1, WCAG AA for text) and against the text drawn on it (the button's label,
//! white or near-black, whichever reads better). A brand that fails is refused with the
//! ratio and a colour of the same hue that passes.

use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

/// WCAG AA for normal text.
pub const AA: f64 = 4.5;

/// The themes' own colours (style/tokens.css), which the accent is checked against.
pub const LIGHT: Theme = Theme { name: "light", background: Rgb(0xff, 0xff, 0xff), surface: Rgb(0xf4, 0xf5, 0xf7) };
pub const DARK: Theme = Theme { name: "dark", background: Rgb(0x12, 0x14, 0x17), surface: Rgb(0x1c, 0x20, 0x25) };
/// The two colours the accent's own text can take.
const ON_ACCENT: [Rgb; 2] = [Rgb(0xff, 0xff, 0xff), Rgb(0x0d, 0x11, 0x17)];

/// One theme's backgrounds.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub name: &'static str,
    pub background: Rgb,
    pub surface: Rgb,
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rgb` or `#rrggbb`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        }
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2.x).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// This colour moved `t` (0 to 1) of the way to `to`.
    fn mix(self, to: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round().clamp(0.0, 255.0) as u8;
        Rgb(m(self.0, to.0), m(self.1, to.1), m(self.2, to.2))
    }
}

/// The contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The accent's lowest contrast with the theme's backgrounds, and with which.
fn weakest(accent: Rgb, theme: &Theme) -> (f64, &'static str, Rgb) {
    let bg = (contrast(accent, theme.background), "background", theme.background);
    let surface = (contrast(accent, theme.surface), "surface", theme.surface);
    if bg.0 <= surface.0 {
        bg
    } else {
        surface
    }
}

/// The text colour drawn on the accent, and its contrast.
pub fn on_accent(accent: Rgb) -> (Rgb, f64) {
    let [a, b] = ON_ACCENT.map(|c| (c, contrast(c, accent)));
    if a.1 >= b.1 {
        a
    } else {
        b
    }
}

/// Whether the accent passes in the theme.
pub fn passes(accent: Rgb, theme: &Theme) -> bool {
    weakest(accent, theme).0 >= AA && on_accent(accent).1 >= AA
}

/// The colour nearest the accent, of the same hue, that passes in the theme: darkened for
/// a light theme, lightened for a dark one.
pub fn suggestion(accent: Rgb, theme: &Theme) -> Rgb {
    let towards = if theme.background.luminance() > 0.5 { Rgb(0, 0, 0) } else { Rgb(0xff, 0xff, 0xff) };
    (0..=100).map(|step| accent.mix(towards, f64::from(step) / 100.0)).find(|c| passes(*c, theme)).unwrap_or(towards)
}

/// Why an accent is refused in a theme, with a colour of the same hue that passes.
#[derive(Debug, Clone, PartialEq)]
pub enum AccentRefused {
    /// Too little contrast with the theme's background or surface (`against`, `other`).
    AsText {
        setting: String,
        accent: Rgb,
        theme: &'static str,
        ratio: f64,
        against: &'static str,
        other: Rgb,
        fix: Rgb,
        fix_ratio: f64,
    },
    /// Neither white nor dark text reads on it (the best, `text`, at `ratio`).
    AsBackground { setting: String, accent: Rgb, text: Rgb, ratio: f64, fix: Rgb },
}

impl std::fmt::Display for AccentRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AccentRefused::AsText { setting, accent, theme, ratio, against, other, fix, fix_ratio } => write!(
                f,
                "brand.{setting} {} has a contrast of {ratio:.2}:1 with the {theme} theme's {against} {}; WCAG AA needs \
                 {AA}:1 for links and text. {} passes ({fix_ratio:.2}:1): use {setting} = \"{}\"",
                accent.hex(),
                other.hex(),
                fix.hex(),
                fix.hex()
            ),
            AccentRefused::AsBackground { setting, accent, text, ratio, fix } => write!(
                f,
                "brand.{setting} {}: neither white nor dark text reads on it (best {ratio:.2}:1 with {}); WCAG AA \
                 needs {AA}:1. Use {setting} = \"{}\"",
                accent.hex(),
                text.hex(),
                fix.hex()
            ),
        }
    }
}

/// Checks an accent in a theme: the refusal names the setting, the ratio, what it was
/// measured against and a colour that passes.
pub fn check(setting: &str, accent: Rgb, theme: &Theme) -> Result<(), AccentRefused> {
    let (ratio, against, other) = weakest(accent, theme);
    if ratio < AA {
        let fix = suggestion(accent, theme);
        return Err(AccentRefused::AsText {
            setting: setting.to_owned(),
            accent,
            theme: theme.name,
            ratio,
            against,
            other,
            fix,
            fix_ratio: weakest(fix, theme).0,
        });
    }
    let (text, ratio) = on_accent(accent);
    if ratio < AA {
        return Err(AccentRefused::AsBackground {
            setting: setting.to_owned(),
            accent,
            text,
            ratio,
            fix: suggestion(accent, theme),
        });
    }
    Ok(())
}

/// `[brand]` as written in site.toml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BrandToml {
    logo: Option<String>,
    logo_alt: Option<String>,
    accent: Option<String>,
    accent_dark: Option<String>,
    heading_font: Option<FontToml>,
    body_font: Option<FontToml>,
}

/// A self-hosted font: its family name and its files (site paths under public/).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FontToml {
    family: String,
    files: Vec<FontFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FontFile {
    src: String,
    #[serde(default)]
    weight: Option<String>,
    #[serde(default)]
    style: Option<String>,
}

/// The brand, checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Brand {
    pub logo: Option<(String, String)>,
    /// (light, dark); the dark one made from the light one when not given.
    pub accent: Option<(Rgb, Rgb)>,
    /// The style sheet that applies it (custom properties and `@font-face` rules), with
    /// site paths for the font files.
    pub css: String,
    /// The font files to preload (site paths): the first of each font.
    pub preload: Vec<String>,
}

/// Reads `[brand]` from site.toml's text; `public` is where the logo and font files must
/// be. Every problem is one message.
pub fn parse(site_toml: &str, public: &Path) -> Result<Brand, Vec<String>> {
    let table: toml::Table = toml::from_str(site_toml).map_err(|e| vec![e.message().to_owned()])?;
    let Some(value) = table.get("brand").cloned() else {
        return Ok(Brand::default());
    };
    let raw: BrandToml = value.try_into().map_err(|e: toml::de::Error| vec![format!("[brand]: {}", e.message())])?;
    let mut errors = Vec::new();
    let mut brand = Brand::default();
    let in_public = |src: &str| src.starts_with('/') && !src.contains("..") && public.join(&src[1..]).is_file();

    if let Some(src) = raw.logo {
        let src = src.trim().to_owned();
        let alt = raw.logo_alt.map(|a| a.trim().to_owned()).filter(|a| !a.is_empty());
        if !(src.ends_with(".svg") || src.ends_with(".png")) {
            errors.push(format!("brand.logo {src:?} must be an SVG or PNG file"));
        } else if !in_public(&src) {
            errors.push(format!(
                "brand.logo {src:?} is not in {}: give its site path, such as /logo.svg",
                public.display()
            ));
        } else if let Some(alt) = alt {
            brand.logo = Some((src, alt));
        } else {
            errors.push(
                "brand.logo_alt is missing: the logo's text for readers who do not see it (the site's name)".into(),
            );
        }
    }

    let colour = |setting: &str, text: &str| {
        Rgb::parse(text).ok_or_else(|| format!("brand.{setting} {text:?} must be a colour as #rrggbb or #rgb"))
    };
    let light = raw.accent.as_deref().map(|t| colour("accent", t)).transpose();
    let dark = raw.accent_dark.as_deref().map(|t| colour("accent_dark", t)).transpose();
    match (light, dark) {
        (Ok(Some(light)), Ok(dark)) => {
            if let Err(e) = check("accent", light, &LIGHT) {
                errors.push(e.to_string());
            }
            let dark = match dark {
                Some(dark) => {
                    if let Err(e) = check("accent_dark", dark, &DARK) {
                        errors.push(e.to_string());
                    }
                    dark
                }
                // The same hue, lightened until it reads on the dark theme.
                None if passes(light, &DARK) => light,
                None => suggestion(light, &DARK),
            };
            brand.accent = Some((light, dark));
        }
        (Ok(None), Ok(Some(_))) => errors.push("brand.accent_dark is given without brand.accent".into()),
        (Ok(None), Ok(None)) => {}
        (l, d) => errors.extend(l.err().into_iter().chain(d.err())),
    }

    let mut css = String::new();
    let mut fonts = Vec::new();
    for (setting, font, property, fallback) in [
        ("heading_font", raw.heading_font, "--font-heading", "system-ui, sans-serif"),
        ("body_font", raw.body_font, "--font-body", "Georgia, serif"),
    ] {
        let Some(font) = font else { continue };
        let family = font.family.trim();
        if family.is_empty() || family.contains(['"', '\\', ';', '{', '}', '<']) {
            errors.push(format!("brand.{setting}.family {:?} must be a plain font name", font.family));
            continue;
        }
        if font.files.is_empty() {
            errors.push(format!("brand.{setting}.files is empty: list its .woff2 files under public/"));
        }
        for (i, file) in font.files.iter().enumerate() {
            let src = file.src.trim();
            let format = match src.rsplit('.').next() {
                Some("woff2") => "woff2",
                Some("woff") => "woff",
                _ => {
                    errors.push(format!("brand.{setting}: {src:?} must be a .woff2 or .woff file"));
                    continue;
                }
            };
            if !in_public(src) || src.contains(['"', '\'', '(', ')', ' ']) {
                errors.push(format!(
                    "brand.{setting}: {src:?} is not in {} (fonts are served by the site itself)",
                    public.display()
                ));
                continue;
            }
            let weight = file.weight.as_deref().unwrap_or("400");
            let style = file.style.as_deref().unwrap_or("normal");
            if !weight.split(' ').all(|w| w.parse::<u16>().is_ok_and(|w| (1..=1000).contains(&w))) {
                errors.push(format!("brand.{setting}: weight {weight:?} must be a number from 1 to 1000, or two"));
                continue;
            }
            if !matches!(style, "normal" | "italic") {
                errors.push(format!("brand.{setting}: style {style:?} must be normal or italic"));
                continue;
            }
            let _ = write!(
                css,
                "@font-face{{font-family:\"{family}\";src:url(\"{{base}}{src}\") format(\"{format}\");font-weight:{weight};font-style:{style};font-display:swap}}"
            );
            if i == 0 {
                brand.preload.push(src.to_owned());
            }
        }
        fonts.push(format!("{property}:\"{family}\",{fallback}"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // `:root:root`: the brand's properties win over the stylesheets' `:root` whatever the
    // order (the whole stylesheets are linked after the page, after the brand's style), and
    // the dark theme's over their `:root[data-theme="dark"]`.
    let mut light_props = fonts;
    if let Some((light, dark)) = brand.accent {
        light_props.push(format!("--color-accent:{};--color-accent-text:{}", light.hex(), on_accent(light).0.hex()));
        let _ = write!(css, ":root:root{{{}}}", light_props.join(";"));
        let _ = write!(
            css,
            ":root:root[data-theme=\"dark\"]{{--color-accent:{};--color-accent-text:{}}}",
            dark.hex(),
            on_accent(dark).0.hex()
        );
    } else if !light_props.is_empty() {
        let _ = write!(css, ":root:root{{{}}}", light_props.join(";"));
    }
    brand.css = css;
    Ok(brand)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_examples() {
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast(Rgb(0x77, 0x77, 0x77), Rgb(255, 255, 255)) - 4.48).abs() < 0.01);
        assert_eq!(Rgb::parse("#0b3d91"), Some(Rgb(0x0b, 0x3d, 0x91)));
        assert_eq!(Rgb::parse("#fa0"), Some(Rgb(0xff, 0xaa, 0x00)));
        assert_eq!(Rgb::parse("red"), None);
        assert_eq!(Rgb::parse("#12345"), None);
    }

    #[test]
    fn the_default_accents_pass_and_a_pale_one_is_refused_with_a_passing_suggestion() {
        assert!(check("accent", Rgb(0x0b, 0x3d, 0x91), &LIGHT).is_ok());
        assert!(check("accent_dark", Rgb(0x9c, 0xc0, 0xff), &DARK).is_ok());
        let refusal = check("accent", Rgb(0xff, 0x7a, 0x7a), &LIGHT).unwrap_err().to_string();
        assert!(
            refusal.contains("brand.accent #ff7a7a has a contrast of 2.31:1 with the light theme's surface"),
            "{refusal}"
        );
        assert!(refusal.contains("WCAG AA needs 4.5:1"), "{refusal}");
        let fix = suggestion(Rgb(0xff, 0x7a, 0x7a), &LIGHT);
        assert!(refusal.contains(&format!("use accent = \"{}\"", fix.hex())), "{refusal}");
        assert!(passes(fix, &LIGHT) && fix.0 > fix.1 && fix.1 == fix.2, "same hue, darker: {fix:?}");
        // A dark accent on the dark theme is lightened.
        let fix = suggestion(Rgb(0x0b, 0x3d, 0x91), &DARK);
        assert!(passes(fix, &DARK) && fix.luminance() > Rgb(0x0b, 0x3d, 0x91).luminance());
    }

    #[test]
    fn a_brand_becomes_custom_properties_and_font_faces() {
        let dir = std::env::temp_dir().join(format!("masthead-brand-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("fonts")).unwrap();
        std::fs::write(dir.join("fonts/serif.woff2"), b"wOF2").unwrap();
        std::fs::write(dir.join("logo.svg"), "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='4'/>")
            .unwrap();
        let toml = "name = \"x\"\n[brand]\nlogo = \"/logo.svg\"\nlogo_alt = \"X\"\naccent = \"#8a1538\"\n\
                    [brand.body_font]\nfamily = \"Source Serif\"\nfiles = [{ src = \"/fonts/serif.woff2\", weight = \"200 900\" }]\n";
        let brand = parse(toml, &dir).unwrap();
        assert_eq!(brand.logo, Some(("/logo.svg".to_owned(), "X".to_owned())));
        let (light, dark) = brand.accent.unwrap();
        assert_eq!(light, Rgb(0x8a, 0x15, 0x38));
        assert!(passes(dark, &DARK), "{dark:?}");
        assert!(brand.css.contains(
            "font-family:\"Source Serif\";src:url(\"{base}/fonts/serif.woff2\") format(\"woff2\");font-weight:200 900"
        ));
        assert!(brand.css.contains("font-display:swap"));
        assert!(
            brand.css.contains(
                ":root:root{--font-body:\"Source Serif\",Georgia, serif;--color-accent:#8a1538;--color-accent-text:#ffffff}"
            ),
            "{}",
            brand.css
        );
        assert_eq!(brand.preload, ["/fonts/serif.woff2"]);

        let bad = "[brand]\naccent = \"#ffcc00\"\naccent_dark = \"#202020\"\nlogo = \"/nope.png\"\n\
                   [brand.heading_font]\nfamily = \"a\\\"b\"\nfiles = []\n";
        let errors = parse(bad, &dir).unwrap_err();
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(errors[0].contains("brand.logo \"/nope.png\" is not in"), "{errors:#?}");
        assert!(
            errors[1].contains("brand.accent #ffcc00 has a contrast of 1.") && errors[1].contains("use accent = \"#")
        );
        assert!(errors[2].contains("brand.accent_dark #202020") && errors[2].contains("dark theme's"));
        assert!(errors[3].contains("must be a plain font name"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
