//! The app's pages rendered natively (the `ssr` build): the builder writes each page's
//! static HTML with the very components the browser runs, fed the files the browser would
//! fetch, so the two cannot drift. Whatever touches the browser sits behind `web::window()`
//! (`None` here), effects do not run, and the app in the browser takes the page over.

use leptos::prelude::*;

pub use crate::source::Given;
use crate::{App, AppProps};

/// The app's markup for the page at `path` (a browser path, with the site's folder
/// `base`), from the files given: what `<div id="app">` holds once the app has rendered.
pub fn page(base: &str, path: &str, files: Given) -> String {
    crate::paths::init_native(base, path);
    let fallback_name = files.site.as_ref().map(|s| s.name.clone()).unwrap_or_default();
    crate::source::set_given(files);
    let owner = Owner::new();
    let html = owner.with(|| App(AppProps { fallback_name }).to_html());
    drop(owner);
    crate::source::set_given(Given::default());
    html
}
