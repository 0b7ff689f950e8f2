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
    /// `/YYYY`: one year's months, with their counts.
    Year(i32),
    /// `/YYYY/MM`: one month's stories, and its later pages (`/YYYY/MM/page/2`).
    Month { month: YearMonth, page: u32 },
    /// `/YYYY/MM/<slug>`: one article.
    Article { month: YearMonth, slug: String },
    /// `/<slug>`: a standalone page the site lists.
    Page(String),
    /// `/category/<slug>`, `/tag/<slug>`, `/author/<slug>`, and their later pages
    /// (`/category/<slug>/page/2`): the stories of one section, tag or author.
    Term { kind: TermKind, slug: String, page: u32 },
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
            [kind, slug, rest @ ..] if TermKind::from_segment(kind).is_some() && is_valid_slug(slug) => {
                let page = match rest {
                    [] => Some(1),
                    ["page", n] => later_page(n),
                    _ => None,
                };
                match (TermKind::from_segment(kind), page) {
                    (Some(kind), Some(page)) => Route::Term { kind, slug: (*slug).to_owned(), page },
                    _ => Route::NotFound,
                }
            }
            [year] => YearMonth::from_parts(year, "01").map_or(Route::NotFound, |m| Route::Year(m.year)),
            [year, month] => {
                YearMonth::from_parts(year, month).map_or(Route::NotFound, |month| Route::Month { month, page: 1 })
            }
            [year, month, "page", n] => match (YearMonth::from_parts(year, month), later_page(n)) {
                (Some(month), Some(page)) => Route::Month { month, page },
                _ => Route::NotFound,
            },
            [year, month, slug] => match YearMonth::from_parts(year, month) {
                Some(month) if is_valid_slug(slug) => Route::Article { month, slug: (*slug).to_owned() },
                _ => Route::NotFound,
            },
            _ => Route::NotFound,
        }
    }
}

/// The number of a list's later page in its address (`/page/2`): 2 or more, written
/// plainly. Page 1 has one address only: the list's own.
fn later_page(n: &str) -> Option<u32> {
    n.parse::<u32>().ok().filter(|&p| p >= 2 && p.to_string() == n)
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

/// Where a link of the header's nav stands to the page shown: `Page` on the page it leads
/// to, `Section` on a story of the section it leads to, for `aria-current="page"` and
/// `aria-current="true"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Current {
    Page,
    Section,
}

impl Current {
    pub fn attr(self) -> &'static str {
        match self {
            Current::Page => "page",
            Current::Section => "true",
        }
    }
}

impl Route {
    /// The section this page belongs to: a section's own pages, and an article of it,
    /// whose section is known once its post is (`article`: the shown post's slug and
    /// its section's slug).
    pub fn section(&self, article: Option<(&str, &str)>) -> Option<String> {
        match (self, article) {
            (Route::Term { kind: TermKind::Category, slug, .. }, _) => Some(slug.clone()),
            (Route::Article { slug, .. }, Some((post, section))) if slug == post => Some(section.to_owned()),
            _ => None,
        }
    }

    /// How a nav link to `link` (a site path) stands to this page, at site path `here`;
    /// `section` is [`Route::section`].
    pub fn nav_current(here: &str, link: &str, section: Option<&str>) -> Option<Current> {
        let trim = |p: &str| if p.len() > 1 { p.trim_end_matches('/').to_owned() } else { p.to_owned() };
        let (here, link) = (trim(here), trim(link));
        if here == link {
            return Some(Current::Page);
        }
        match (Route::of(&link), section) {
            (Route::Term { kind: TermKind::Category, slug, .. }, Some(s)) if slug == s => Some(Current::Section),
            _ => None,
        }
    }
}

/// What a term page lists: a section (category), a tag or an author.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TermKind {
    Category,
    Tag,
    Author,
}

/// How many stories a page of a section, tag, author or month lists.
pub const TERM_PAGE_SIZE: usize = 20;

impl TermKind {
    pub const ALL: [TermKind; 3] = [TermKind::Category, TermKind::Tag, TermKind::Author];

    /// The first segment of its addresses, and its folder in the contract.
    pub fn segment(self) -> &'static str {
        match self {
            TermKind::Category => "category",
            TermKind::Tag => "tag",
            TermKind::Author => "author",
        }
    }

    pub fn from_segment(segment: &str) -> Option<TermKind> {
        TermKind::ALL.into_iter().find(|k| k.segment() == segment)
    }

    /// The site path of page `page` (from 1) of a term: `/category/reviews`,
    /// `/category/reviews/page/2`.
    pub fn path(self, slug: &str, page: u32) -> String {
        match page {
            0 | 1 => format!("/{}/{slug}", self.segment()),
            n => format!("/{}/{slug}/page/{n}", self.segment()),
        }
    }

    /// The contract's file for page `page` of a term, under `/content/`.
    pub fn shard_file(self, slug: &str, page: u32) -> String {
        format!("terms/{}/{slug}/{}.json", self.segment(), page.max(1))
    }

    /// A story's terms of this kind: its section, its tags or its authors.
    pub fn terms_of(self, story: &crate::contract::Summary) -> Vec<&crate::contract::Term> {
        match self {
            TermKind::Category => vec![&story.category],
            TermKind::Tag => story.tags.iter().collect(),
            TermKind::Author => story.authors.iter().collect(),
        }
    }

    /// One sentence that says what a term's page and feeds hold.
    pub fn description(self, name: &str) -> String {
        match self {
            TermKind::Category => format!("The latest stories in {name}."),
            TermKind::Tag => format!("Stories tagged {name}."),
            TermKind::Author => format!("Stories by {name}."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nav_marks_the_page_shown_and_the_section_of_a_story() {
        let month = YearMonth::from_parts("2024", "07").unwrap();
        let article = Route::Article { month, slug: "x".into() };
        // The section is known once the post shown is this route's.
        assert_eq!(article.section(Some(("x", "reviews"))).as_deref(), Some("reviews"));
        assert_eq!(article.section(Some(("y", "reviews"))), None);
        assert_eq!(article.section(None), None);
        let page2 = Route::of("/category/reviews/page/2");
        assert_eq!(page2.section(None).as_deref(), Some("reviews"));
        assert_eq!(Route::of("/tag/reviews").section(None), None);
        assert_eq!(Route::Home.section(None), None);

        assert_eq!(Route::nav_current("/", "/", None), Some(Current::Page));
        assert_eq!(Route::nav_current("/archive/", "/archive", None), Some(Current::Page));
        assert_eq!(Route::nav_current("/archive", "/", None), None);
        assert_eq!(Route::nav_current("/category/reviews", "/category/reviews", Some("reviews")), Some(Current::Page));
        assert_eq!(
            Route::nav_current("/category/reviews/page/2", "/category/reviews", Some("reviews")),
            Some(Current::Section)
        );
        assert_eq!(Route::nav_current("/2024/07/x", "/category/reviews", Some("reviews")), Some(Current::Section));
        assert_eq!(Route::nav_current("/2024/07/x", "/category/news", Some("reviews")), None);
        assert_eq!(Route::nav_current("/2024/07/x", "/category/reviews", None), None);
        assert_eq!(Current::Page.attr(), "page");
        assert_eq!(Current::Section.attr(), "true");
    }

    #[test]
    fn term_pages_have_one_address_each() {
        let term = |kind, slug: &str, page| Route::Term { kind, slug: slug.into(), page };
        assert_eq!(Route::of("/category/reviews"), term(TermKind::Category, "reviews", 1));
        assert_eq!(Route::of("/category/reviews/"), term(TermKind::Category, "reviews", 1));
        assert_eq!(Route::of("/tag/phones/page/2"), term(TermKind::Tag, "phones", 2));
        assert_eq!(Route::of("/author/ada-lovelace/page/12/"), term(TermKind::Author, "ada-lovelace", 12));
        for path in [
            "/category/reviews/page/1",
            "/category/reviews/page/0",
            "/category/reviews/page/02",
            "/category/reviews/page/x",
            "/category/reviews/page",
            "/category/Reviews",
            "/category",
            "/section/reviews",
            "/tag/phones/extra",
        ] {
            assert_eq!(Route::of(path), Route::NotFound, "{path}");
        }
        assert_eq!(TermKind::Category.path("reviews", 1), "/category/reviews");
        assert_eq!(TermKind::Tag.path("phones", 3), "/tag/phones/page/3");
        assert_eq!(TermKind::Author.shard_file("ada", 2), "terms/author/ada/2.json");
    }

    fn ym(year: i32, month: u8) -> YearMonth {
        YearMonth::new(year, month).unwrap()
    }

    #[test]
    fn paths_map_to_pages() {
        assert_eq!(Route::of("/"), Route::Home);
        assert_eq!(Route::of(""), Route::Home);
        assert_eq!(Route::of("/archive"), Route::Archive);
        assert_eq!(Route::of("/archive/"), Route::Archive);
        assert_eq!(Route::of("/2024"), Route::Year(2024));
        assert_eq!(Route::of("/2024/"), Route::Year(2024));
        assert_eq!(Route::of("/0000"), Route::NotFound);
        assert_eq!(Route::of("/202"), Route::NotFound);
        assert_eq!(Route::of("/20245"), Route::NotFound);
        assert_eq!(Route::of("/2024/07"), Route::Month { month: ym(2024, 7), page: 1 });
        assert_eq!(Route::of("/2024/07/"), Route::Month { month: ym(2024, 7), page: 1 });
        assert_eq!(Route::of("/2024/07/a-story"), Route::Article { month: ym(2024, 7), slug: "a-story".into() });
        assert_eq!(Route::of("/2024/07/a-story/"), Route::Article { month: ym(2024, 7), slug: "a-story".into() });
        assert_eq!(Route::of("/2024/07/page/2"), Route::Month { month: ym(2024, 7), page: 2 });
        assert_eq!(Route::of("/2024/07/page/12/"), Route::Month { month: ym(2024, 7), page: 12 });
        // Page 1 has the month's own address only; numbers are written plainly.
        for path in ["/2024/07/page/1", "/2024/07/page/02", "/2024/07/page/0", "/2024/07/page/x", "/2024/13/page/2"] {
            assert_eq!(Route::of(path), Route::NotFound, "{path}");
        }
        assert_eq!(ym(2024, 7).page_path(1), "/2024/07");
        assert_eq!(ym(2024, 7).page_path(3), "/2024/07/page/3");
        assert_eq!(ym(2024, 7).page_file(1), "2024-07.json");
        assert_eq!(ym(2024, 7).page_file(3), "2024-07/3.json");
    }

    #[test]
    fn anything_else_is_not_found() {
        for path in [
            "/archives",
            "/archive/x",
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
        assert_eq!(Route::resolve("/2024/07", &pages), Route::Month { month: ym(2024, 7), page: 1 });
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
