//! The folder the site is served under (`/` or, say, `/news/`), read once at start-up from
//! the `<meta name="masthead-base">` the builder writes, and every site path as the browser
//! must ask for it. The rules are `masthead_model::url::{with_base, without_base}`.

use std::cell::RefCell;

pub use masthead_model::route::ARCHIVE_PATH;
use masthead_model::url::{with_base, without_base};

thread_local! {
    static BASE: RefCell<String> = RefCell::new("/".to_owned());
    /// The path and query the page was loaded with.
    static LOADED_AT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Reads the base from the page (main.rs calls this before mounting the app).
pub fn init_from_document() {
    let base = crate::web::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name='masthead-base']").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .filter(|b| b.starts_with('/') && !b.starts_with("//"))
        .unwrap_or_else(|| "/".to_owned());
    BASE.with(|b| *b.borrow_mut() = base);
    let here = crate::web::window()
        .map(|w| w.location())
        .map(|l| format!("{}{}", l.pathname().unwrap_or_default(), l.search().unwrap_or_default()))
        .unwrap_or_default();
    LOADED_AT.with(|l| *l.borrow_mut() = here);
}

/// Natively (prerendering): the base and the browser path of the page being written.
#[cfg(not(target_arch = "wasm32"))]
pub fn init_native(base: &str, path: &str) {
    BASE.with(|b| *b.borrow_mut() = base.to_owned());
    LOADED_AT.with(|l| *l.borrow_mut() = path.to_owned());
}

/// The path and query the page was loaded with (not one a client-side navigation led to).
pub fn loaded_at() -> String {
    LOADED_AT.with(|l| l.borrow().clone())
}

/// The base folder, `/` or `/news/`.
pub fn base() -> String {
    BASE.with(|b| b.borrow().clone())
}

/// A site path (`/2024/07/x`) as a link: `/news/2024/07/x` under `/news/`. External links
/// and anchors are unchanged. (The router's `navigate` takes site paths and adds the base
/// itself; `href` attributes do not get it from the router, so every link uses this.)
pub fn href(path: &str) -> String {
    BASE.with(|b| with_base(&b.borrow(), path))
}

/// The site path of the browser's path (`/news/archive` gives `/archive`).
pub fn site_path(browser_path: &str) -> String {
    BASE.with(|b| without_base(&b.borrow(), browser_path).unwrap_or(browser_path).to_owned())
}
