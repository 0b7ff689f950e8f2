//! The app's routes: which page a site path shows. The app's router (`src/router.rs`)
//! follows the address bar; this decides what it means.

use crate::time::YearMonth;
use crate::url::is_valid_slug;

/// The archive page's site path.
pub const ARCHIVE_PATH: &str = "/archive";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: the front page.
    Home,
    /// `/archive`: the archive explorer (its filters are in the query string).
    Archive,
    /// `/YYYY/MM`: one month's stories.
    Month(YearMonth),
    /// `/YYYY/MM/<slug>`: one article.
    Article { month: YearMonth, slug: String },
    /// `/<slug>`: a standalone page the site lists.
    Page(String),
    /// Anything else, including a month or slug that cannot exist.
    NotFound,
}

impl Route {
    /// The route of a site path (no folder, no query string). A trailing slash is allowed,
    /// as hosts that serve folders add one (`/2024/07/x/`).
    pub fn of(path: &str) -> Route {
        let path = path.strip_suffix('/').unwrap_or(path);
        let mut segments = path.split('/');
        if segments.next() != Some("") {
            return Route::NotFound;
        }
        let parts: Vec<&str> = segments.collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["archive"] => Route::Archive,
            [year, month] => YearMonth::from_parts(year, month).map_or(Route::NotFound, Route::Month),
            [year, month, slug] => match YearMonth::from_parts(year, month) {
                Some(month) if is_valid_slug(slug) => Route::Article { month, slug: (*slug).to_owned() },
                _ => Route::NotFound,
            },
            _ => Route::NotFound,
        }
    }
}

impl Route {
    /// The route of a site path on a site with these standalone pages: a path the routes
    /// above do not know is a page when the site lists one at that address.
    pub fn resolve(path: &str, pages: &[crate::contract::PageLink]) -> Route {
        match Route::of(path) {
            Route::NotFound => {
                let slug = path.strip_prefix('/').unwrap_or_default();
                let slug = slug.strip_suffix('/').unwrap_or(slug);
                match pages.iter().find(|p| p.slug == slug) {
                    Some(page) if is_valid_slug(slug) => Route::Page(page.slug.clone()),
                    _ => Route::NotFound,
                }
            }
            route => route,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(year: i32, month: u8) -> YearMonth {
        YearMonth::new(year, month).unwrap()
    }

    #[test]
    fn paths_map_to_pages() {
        assert_eq!(Route::of("/"), Route::Home);
        assert_eq!(Route::of(""), Route::Home);
        assert_eq!(Route::of("/archive"), Route::Archive);
        assert_eq!(Route::of("/archive/"), Route::Archive);
        assert_eq!(Route::of("/2024/07"), Route::Month(ym(2024, 7)));
        assert_eq!(Route::of("/2024/07/"), Route::Month(ym(2024, 7)));
        assert_eq!(Route::of("/2024/07/a-story"), Route::Article { month: ym(2024, 7), slug: "a-story".into() });
        assert_eq!(Route::of("/2024/07/a-story/"), Route::Article { month: ym(2024, 7), slug: "a-story".into() });
    }

    #[test]
    fn anything_else_is_not_found() {
        for path in [
            "/archives",
            "/archive/x",
            "/2024",
            "/2024/7",
            "/2024/13",
            "/24/07",
            "/2024/07/Bad_Slug",
            "/2024/07/a/b",
            "/2024/07/%3Cscript%3E",
            "//2024/07",
            "2024/07",
            "/2024//07",
            "/index.html",
        ] {
            assert_eq!(Route::of(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn a_listed_page_has_its_own_route() {
        let pages = [crate::contract::PageLink { slug: "privacy".into(), title: "Privacy".into(), footer: true }];
        assert_eq!(Route::resolve("/privacy", &pages), Route::Page("privacy".into()));
        assert_eq!(Route::resolve("/privacy/", &pages), Route::Page("privacy".into()));
        assert_eq!(Route::resolve("/about", &pages), Route::NotFound);
        assert_eq!(Route::resolve("/privacy/x", &pages), Route::NotFound);
        assert_eq!(Route::resolve("/archive", &pages), Route::Archive);
        assert_eq!(Route::resolve("/2024/07", &pages), Route::Month(ym(2024, 7)));
    }

    proptest::proptest! {
        #[test]
        fn any_path_gives_a_route_and_articles_round_trip(path in "[/a-z0-9%._-]{0,40}", year in 1000i32..9999, month in 1u8..=12, slug in "[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}") {
            let _ = Route::of(&path);
            let m = ym(year, month);
            let path = format!("{}/{slug}", m.path());
            proptest::prop_assert_eq!(Route::of(&path), Route::Article { month: m, slug });
        }
    }
}
