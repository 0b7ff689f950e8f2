//! The app's router: the address bar as a signal, same-site links followed without a page
//! load, and Back/Forward. The routes themselves are `masthead_model::route::Route`; four
//! fixed patterns need none of a general router's machinery, and the reader's bundle is
//! the smaller for it.

use leptos::prelude::*;
use masthead_model::url::without_base;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The address bar: the browser's path (with the site's folder) and the query string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Address {
    path: String,
    /// Without its `?`.
    search: String,
}

impl Address {
    fn current() -> Address {
        let Some(location) = crate::web::window().map(|w| w.location()) else {
            // Natively (prerendering): the page being written.
            let loaded = crate::paths::loaded_at();
            let (path, search) = loaded.split_once('?').unwrap_or((&loaded, ""));
            return Address { path: path.to_owned(), search: search.to_owned() };
        };
        let location = Some(location);
        let part = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
            location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
        };
        let search = part(web_sys::Location::search);
        Address { path: part(web_sys::Location::pathname), search: search.trim_start_matches('?').to_owned() }
    }
}

#[derive(Clone, Copy)]
pub struct Location {
    /// The browser's path, with the site's folder (`/news/2024/07`).
    pub pathname: Memo<String>,
    /// The query string, without its `?`.
    pub search: Memo<String>,
    address: RwSignal<Address>,
}

impl Location {
    /// The browser's path and query string (`/news/archive?year=2024`), untracked.
    pub fn path_and_query(&self) -> String {
        self.address.with_untracked(|a| {
            if a.search.is_empty() {
                a.path.clone()
            } else {
                format!("{}?{}", a.path, a.search)
            }
        })
    }
}

pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// How a navigation treats history and the scroll position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Go {
    /// Replaces the current history entry instead of adding one.
    pub replace: bool,
    /// Scrolls to the top (or to the `#fragment`), as a page load would.
    pub scroll: bool,
}

impl Default for Go {
    fn default() -> Self {
        Go { replace: false, scroll: true }
    }
}

impl Location {
    /// Goes to a site path (`/archive?year=2024`); the site's folder is added.
    pub fn navigate(&self, site_path: &str, go: Go) {
        self.go(&crate::paths::href(site_path), go);
    }

    /// Goes to a browser address (path, query and fragment, with the folder).
    fn go(&self, url: &str, go: Go) {
        let Some(window) = crate::web::window() else { return };
        if let Ok(history) = window.history() {
            let _ = if go.replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(url))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(url))
            };
        }
        self.address.set(Address::current());
        if go.scroll {
            let fragment = url.split_once('#').map(|(_, f)| f.to_owned()).filter(|f| !f.is_empty());
            match fragment {
                Some(id) => scroll_to_fragment(id, FRAGMENT_FRAMES),
                None => window.scroll_to_with_x_and_y(0.0, 0.0),
            }
        }
    }
}

/// How many frames a `#fragment` is looked for after a navigation (about three seconds):
/// the new page may still be fetching the story that holds it.
const FRAGMENT_FRAMES: u32 = 180;

/// Scrolls to the element a `#fragment` names once the new page has rendered it, while
/// the address still ends in that fragment.
fn scroll_to_fragment(id: String, frames: u32) {
    request_animation_frame(move || {
        let Some(window) = crate::web::window() else { return };
        if window.location().hash().ok().as_deref().and_then(|h| h.strip_prefix('#')) != Some(id.as_str()) {
            return;
        }
        match window.document().and_then(|d| d.get_element_by_id(&id)) {
            Some(target) => target.scroll_into_view(),
            None if frames > 0 => scroll_to_fragment(id, frames - 1),
            None => {}
        }
    });
}

/// Sets up the router; everything that reads the location sits below it.
pub fn provide() {
    let address = RwSignal::new(Address::current());
    let location = Location {
        pathname: Memo::new(move |_| address.with(|a| a.path.clone())),
        search: Memo::new(move |_| address.with(|a| a.search.clone())),
        address,
    };
    provide_context(location);
    let Some(window) = crate::web::window() else { return };
    // Back and Forward. The listeners live as long as the page.
    let on_pop = Closure::<dyn Fn()>::new(move || {
        let _ = address.try_set(Address::current());
    });
    let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    on_pop.forget();
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if let Some(url) = followed_link(&ev) {
            ev.prevent_default();
            location.go(&url, Go::default());
        }
    });
    let _ = window.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
}

/// The address a click on a link leads to, when the app shows it without a page load: a
/// plain left click on a link to a page of this site. Everything else is the browser's:
/// modified clicks (new tab), `download`, `target`, `rel="external"`, other origins or
/// folders, files (a dot in the last segment: feeds, images) and jumps within the page.
fn followed_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.alt_key() || ev.ctrl_key() || ev.shift_key() {
        return None;
    }
    let link = ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest("a[href]").ok()??;
    // A link on the page the builder wrote (`#app`, still there while the app gets ready)
    // loads its page as any link does: the app is not showing yet.
    if link.closest("#app").ok().flatten().is_some() {
        return None;
    }
    link_path(&link)
}

/// Where a link leads, when the app shows it without a page load: a link to a page of
/// this site, not a file, a new tab or window, a download or a jump within this page.
pub(crate) fn link_path(link: &web_sys::Element) -> Option<String> {
    if link.has_attribute("download")
        || link.get_attribute("rel").is_some_and(|r| r.split_ascii_whitespace().any(|w| w == "external"))
        || link.get_attribute("target").is_some_and(|t| !t.is_empty() && t != "_self")
    {
        return None;
    }
    let location = crate::web::window()?.location();
    let to = web_sys::Url::new_with_base(&link.get_attribute("href")?, &location.href().ok()?).ok()?;
    let path = to.pathname();
    if to.origin() != location.origin().ok()?
        || without_base(&crate::paths::base(), &path).is_none()
        || path.rsplit('/').next().is_some_and(|last| last.contains('.'))
    {
        return None;
    }
    let here = Address::current();
    let same_page = path == here.path && to.search().trim_start_matches('?') == here.search;
    if same_page && !to.hash().is_empty() {
        return None;
    }
    Some(format!("{path}{}{}", to.search(), to.hash()))
}
