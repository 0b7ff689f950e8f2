//! The reader's colour theme choice, as the theme button offers it and as
//! `public/theme.js` reads it from localStorage (`masthead.theme`) before the first paint.

/// The localStorage key both sides use.
pub const STORAGE_KEY: &str = "masthead.theme";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system's light or dark preference.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    /// What is stored; anything else (nothing, damage, an older value) means System.
    pub fn parse(stored: Option<&str>) -> Theme {
        match stored {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The button's label.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// The button cycles System → Light → Dark → System.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_round_trip_and_anything_else_is_system() {
        for t in [Theme::System, Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(Some(t.as_str())), t);
            assert_eq!(t.next().next().next(), t);
        }
        for junk in [None, Some(""), Some("DARK"), Some("sepia"), Some("dark ")] {
            assert_eq!(Theme::parse(junk), Theme::System);
        }
    }
}
