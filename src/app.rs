//! The root component: the page frame and the route it shows. It provides the shared
//! state (`crate::state`) that pages and components read.

use leptos::prelude::*;
use masthead_model::route::Route;

use crate::api;
use crate::components::layout::{SiteFooter, SiteHeader};
use crate::components::sidebar::Sidebar;
use crate::pages::{ArchivePage, ArticlePage, HomePage, MonthPage, NotFound, StandalonePage, TermPage, YearPage};
use crate::source::Source;
use crate::state::{use_shared, Shared, ShownStory};

#[component]
pub fn App(
    /// The publication's name shown until site.json arrives (from the static masthead).
    #[prop(into)]
    fallback_name: String,
) -> impl IntoView {
    let fallback_name = if fallback_name.trim().is_empty() { "Masthead".to_owned() } else { fallback_name };
    let site = Source::new(api::site, |g| g.site.clone());
    crate::signup::Signups::provide(site);
    provide_context(Shared::new(
        site,
        Source::new(api::latest, |g| g.latest.clone()),
        Source::new(api::archive_index, |g| g.archive.clone()),
        fallback_name,
    ));

    crate::router::provide();
    // Pages a reader is about to open are fetched ahead (it reads the router's links).
    #[cfg(target_arch = "wasm32")]
    crate::prefetch::start();
    // The archive state is shared by the archive page and the sidebar (in the bundle that
    // has the explorer).
    #[cfg(feature = "explorer")]
    crate::explorer::ArchiveState::provide();
    #[cfg(feature = "explorer")]
    crate::marks::provide();
    let location = crate::router::use_location();
    let shared = use_shared();
    let pages = Memo::new(move |_| shared.site().map(|s| s.pages).unwrap_or_default());
    let route = Memo::new(move |_| Route::resolve(&crate::paths::site_path(&location.pathname.get()), &pages.get()));
    focus_after_navigation(route);
    // Natively, the post the builder gave is the one shown; in the browser, the article
    // sets it when its post is here.
    #[cfg(not(target_arch = "wasm32"))]
    let shown =
        crate::source::given(|g| g.post.as_ref().map(|p| format!("{} {}", p.summary.slug, p.summary.category.slug)))
            .unwrap_or_default();
    #[cfg(target_arch = "wasm32")]
    let shown = String::new();
    provide_context(ShownStory(RwSignal::new(shown)));
    let (main_on, side_on) = drawn_in_steps(shared);
    let page = move || match route.get() {
        Route::Home => view! { <HomePage/> }.into_any(),
        Route::Archive => view! { <ArchivePage/> }.into_any(),
        Route::Year(year) => view! { <YearPage year/> }.into_any(),
        Route::Month { month, page } => view! { <MonthPage month page/> }.into_any(),
        Route::Article { month, slug } => view! { <ArticlePage month slug/> }.into_any(),
        Route::Page(slug) => view! { <StandalonePage slug/> }.into_any(),
        Route::Term { kind, slug, page } => view! { <TermPage kind slug page/> }.into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    };
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <p id="route-announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
        <SiteHeader/>
        <div class="page">
            // The page's own address: the app takes over a written page only where it shows
            // the page written for this address (src/takeover.rs).
            <main id="main" class="page__main" tabindex="-1" data-path=move || crate::paths::site_path(&location.pathname.get())>
                {move || main_on.get().then(page)}
            </main>
            {move || side_on.get().then(|| view! { <Sidebar/> })}
        </div>
        <SiteFooter/>
    }
}

/// Whether the main column, and the sidebar, are drawn yet. Natively at once. In the
/// browser the page the builder wrote is on screen until the app has drawn the whole page
/// (src/takeover.rs), and the app draws it in steps a task apart, so that no step holds the
/// page for long: once site.json is here (it is preloaded), so that dates and months are
/// drawn once, in the site's locale; then the browser's date formatter is made (its first
/// one loads the locale's data, a long step of its own); then the main column; then the
/// sidebar.
fn drawn_in_steps(shared: Shared) -> (RwSignal<bool>, RwSignal<bool>) {
    let native = cfg!(not(target_arch = "wasm32"));
    let (main_on, side_on) = (RwSignal::new(native), RwSignal::new(native));
    #[cfg(target_arch = "wasm32")]
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        if shared.site.get().is_none() {
            return false;
        }
        // The locale the dates are drawn in (the site's, or the fallback if it failed).
        let locale = shared.locale.get_untracked().0;
        use crate::clock::after as next;
        const NOW: std::time::Duration = std::time::Duration::ZERO;
        next(NOW, move || {
            let _ = crate::intl::format_month(masthead_model::YearMonth { year: 2000, month: 1 }, &locale);
            next(NOW, move || {
                main_on.set(true);
                next(NOW, move || side_on.set(true));
            });
        });
        true
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = shared;
    (main_on, side_on)
}

/// After a client-side navigation to another page, focus moves to the new page's heading
/// (once it has rendered) and the new title is announced, as a page load would do for a
/// screen reader. The first page is left alone, and so are changes within a page (the
/// archive's filters), which keep the focus where the reader is.
fn focus_after_navigation(route: Memo<Route>) {
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        // Read, not only tracked: the route is first computed here (the main column is
        // drawn later), else that first computation would count as a navigation.
        route.with(|_| ());
        if first.get_value() {
            first.set_value(false);
        } else {
            focus_heading(300);
        }
    });
}

/// Looks for the heading at each frame, for up to `frames` frames (about five seconds).
fn focus_heading(frames: u32) {
    request_animation_frame(move || {
        let Some(document) = crate::web::window().and_then(|w| w.document()) else { return };
        let heading = document.query_selector("main h1").ok().flatten();
        match heading.and_then(|h| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h).ok()) {
            Some(heading) => {
                let _ = heading.set_attribute("tabindex", "-1");
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = heading.focus_with_options(&options);
                if let Ok(Some(announcer)) = document.query_selector("#route-announcer") {
                    announcer.set_text_content(Some(&document.title()));
                }
            }
            None if frames > 0 => focus_heading(frames - 1),
            None => {}
        }
    });
}
