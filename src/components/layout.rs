//! The masthead and the footer.

use leptos::prelude::*;
use masthead_model::route::{Current, Route, TermKind};
use masthead_model::theme::{Theme, STORAGE_KEY};
use masthead_model::url::safe_href;

use crate::state::use_shared;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let shared = use_shared();
    let name = move || shared.name();
    let tagline = move || shared.site().map(|s| s.tagline).unwrap_or_default();
    // The publisher's logo where there is one (its alt text is the name), else the name.
    let masthead = move || {
        let logo = shared.site().and_then(|s| s.logo).and_then(|logo| {
            let src = masthead_model::url::safe_image_src(&logo.src).map(crate::paths::href)?;
            Some(view! { <img class="site-header__logo" src=src alt=logo.alt width=logo.width height=logo.height/> })
        });
        match logo {
            Some(logo) => logo.into_any(),
            None => name().into_any(),
        }
    };
    let location = crate::router::use_location();
    let shown = use_context::<crate::state::ShownStory>();
    // The site's links, then its sections; each marked where it stands to the page shown
    // (the list is drawn again on each navigation: a few links).
    let nav = move || {
        let site = shared.site();
        let here = crate::paths::site_path(&location.pathname.get());
        let route = Route::of(&here);
        let section = match shown {
            Some(shown) => shown.0.with(|s| route.section(s.split_once(' '))),
            None => route.section(None),
        };
        let links = site
            .as_ref()
            .map(|s| s.nav.clone())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|link| Some((link.label, safe_href(&link.href)?.to_owned())));
        let sections = site.as_ref().map(|s| s.categories.clone()).unwrap_or_default().into_iter().filter_map(|term| {
            masthead_model::url::is_valid_slug(&term.slug).then(|| (term.name, TermKind::Category.path(&term.slug, 1)))
        });
        links
            .chain(sections)
            .map(|(label, path)| {
                let current = Route::nav_current(&here, &path, section.as_deref()).map(Current::attr);
                view! { <li><a href=crate::paths::href(&path) aria-current=current>{label}</a></li> }
            })
            .collect_view()
    };
    // The archive's search with the words typed: a plain form, which loads the archive
    // page with `?q=` (the archive is its own bundle, so the app would load that page too;
    // a submit handler here cost the reader's wasm 38 KB brotli).
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-header__name" href=crate::paths::href("/")>{masthead}</a>
                <div class="site-header__actions">
                    <a class="site-header__subscribe" href="#newsletter-sidebar-heading">"Subscribe"</a>
                    <ThemeToggle/>
                </div>
                <p class="site-header__tagline">{tagline}</p>
                <nav class="site-nav" aria-label="Main">
                    <ul class="site-nav__list">{nav}</ul>
                </nav>
                <form class="site-search" role="search" action=crate::paths::href("/archive") method="get">
                    <label class="visually-hidden" for="site-search">"Search the archive"</label>
                    <input id="site-search" class="site-search__field" type="search" name="q" placeholder="Search" enterkeyhint="search"/>
                </form>
            </div>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let shared = use_shared();
    let name = move || shared.name();
    // The site's pages marked for the footer; the privacy notice is always linked, as a
    // page when there is one at its address.
    let links = move || {
        let site = shared.site();
        let pages: Vec<(String, String)> = site
            .as_ref()
            .map(|s| s.pages.iter().filter(|p| p.footer).map(|p| (p.title.clone(), p.path())).collect())
            .unwrap_or_default();
        let privacy = site
            .as_ref()
            .and_then(|s| safe_href(&s.newsletter.privacy_url).map(str::to_owned))
            .unwrap_or_else(|| "/privacy".into());
        let mut links = pages.clone();
        if !pages.iter().any(|(_, path)| *path == privacy) {
            links.push(("Privacy".to_owned(), privacy));
        }
        links
            .into_iter()
            .map(|(label, path)| view! { <li><a href=crate::paths::href(&path)>{label}</a></li> })
            .collect_view()
    };
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>{name}" · Published with Masthead"</p>
                <nav aria-label="Footer">
                    <ul class="site-footer__links">
                        <li><a href=crate::paths::href("/")>"Front page"</a></li>
                        {links}
                    </ul>
                </nav>
            </div>
        </footer>
    }
}

/// System, Light or Dark: the choice is kept in localStorage and applied by
/// public/theme.js (which also applies it before the first paint of every later page).
#[component]
fn ThemeToggle() -> impl IntoView {
    let storage = || crate::web::window().and_then(|w| w.local_storage().ok().flatten());
    let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let theme = RwSignal::new(Theme::parse(stored.as_deref()));
    // A choice made on the written page before the app took it over (public/boot.js), or in
    // another of the page's theme buttons: the label follows what is stored.
    // The header lives as long as the app: the listener is never removed.
    if crate::web::window().is_some() {
        let _ = leptos::prelude::window_event_listener_untyped("masthead:theme", move |_| {
            let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
            theme.set(Theme::parse(stored.as_deref()));
        });
    }
    let change = move |_| {
        let next = theme.get_untracked().next();
        theme.set(next);
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, next.as_str());
        }
        if let (Some(window), Ok(event)) = (crate::web::window(), web_sys::Event::new("masthead:theme")) {
            let _ = window.dispatch_event(&event);
        }
    };
    // An icon (drawn by the style sheet) named by its text, which only assistive
    // technology reads.
    view! {
        <button type="button" class="theme-toggle" on:click=change>
            <span class="visually-hidden">{move || format!("Theme: {}", theme.get().label())}</span>
        </button>
    }
}
