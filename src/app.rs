//! The router, the page frame and the data every page shares.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use masthead_model::{ArchiveIndex, Latest, Site};

use crate::api::{self, ApiError};
use crate::components::layout::{SiteFooter, SiteHeader};
use crate::components::sidebar::Sidebar;
use crate::pages::{ArchivePage, ArticlePage, HomePage, MonthPage, NotFound};

/// The files every first view needs, fetched once per visit and shared by all pages.
#[derive(Clone, Copy)]
pub struct Shared {
    pub site: LocalResource<Result<Site, ApiError>>,
    /// (locale, time zone), read by every date on a page: a memo, so a date neither
    /// clones the whole site settings nor re-renders unless they change.
    pub locale: Memo<(String, String)>,
    pub latest: LocalResource<Result<Latest, ApiError>>,
    pub archive: LocalResource<Result<ArchiveIndex, ApiError>>,
    /// The publication's name before site.json arrives (or if it cannot).
    pub fallback_name: StoredValue<String>,
    /// The article the page was served with as static HTML, if any.
    pub prerendered: StoredValue<Option<Prerendered>>,
}

/// The headline of a per-article page as the builder wrote it into the HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prerendered {
    pub slug: String,
    pub category: String,
    pub title: String,
    pub standfirst: String,
}

impl Shared {
    pub fn new(
        site: LocalResource<Result<Site, ApiError>>,
        latest: LocalResource<Result<Latest, ApiError>>,
        archive: LocalResource<Result<ArchiveIndex, ApiError>>,
        fallback_name: String,
        prerendered: Option<Prerendered>,
    ) -> Self {
        let locale = Memo::new(move |_| {
            site.get()
                .and_then(Result::ok)
                .map(|s| (s.locale, s.time_zone))
                .unwrap_or_else(|| ("en".into(), "UTC".into()))
        });
        Shared {
            site,
            locale,
            latest,
            archive,
            fallback_name: StoredValue::new(fallback_name),
            prerendered: StoredValue::new(prerendered),
        }
    }

    pub fn site(&self) -> Option<Site> {
        self.site.get().and_then(Result::ok)
    }

    pub fn name(&self) -> String {
        self.site().map(|s| s.name).unwrap_or_else(|| self.fallback_name.get_value())
    }

    /// (locale, time zone) for formatting dates; the browser's defaults until site.json is here.
    pub fn locale(&self) -> (String, String) {
        self.locale.get()
    }

    /// A page title: "Headline | The Circuit".
    pub fn title(&self, part: &str) -> String {
        format!("{part} | {}", self.name())
    }
}

pub fn use_shared() -> Shared {
    expect_context::<Shared>()
}

#[component]
pub fn App(
    /// The publication's name shown until site.json arrives (from the static masthead).
    #[prop(into)]
    fallback_name: String,
    /// The article the page was served with as static HTML, if any.
    #[prop(optional)]
    prerendered: Option<Prerendered>,
) -> impl IntoView {
    provide_meta_context();
    let fallback_name = if fallback_name.trim().is_empty() { "Masthead".to_owned() } else { fallback_name };
    let site = LocalResource::new(api::site);
    crate::signup::Signups::provide(site);
    provide_context(Shared::new(
        site,
        LocalResource::new(api::latest),
        LocalResource::new(api::archive_index),
        fallback_name,
        prerendered,
    ));

    view! {
        <Router base=crate::paths::router_base()>
            <Frame/>
        </Router>
    }
}

/// Everything inside the router: the page frame and the archive state it shares (in the
/// bundle that has the explorer).
#[component]
fn Frame() -> impl IntoView {
    #[cfg(feature = "explorer")]
    crate::explorer::ArchiveState::provide();
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <SiteHeader/>
        <div class="page">
            <main id="main" class="page__main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/archive") view=ArchivePage/>
                    <Route path=path!("/:year/:month") view=MonthPage/>
                    <Route path=path!("/:year/:month/:slug") view=ArticlePage/>
                </Routes>
            </main>
            <Sidebar/>
        </div>
        <SiteFooter/>
    }
}
