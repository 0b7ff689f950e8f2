//! The one door to the browser. Natively (the builder renders these same components into
//! each page's HTML) there is no window: `window()` is `None`, and every caller's "no
//! window" path is what a prerendered page does: render, and act on nothing.

/// The browser's window; `None` when rendering natively.
pub fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// The browser's document; `None` when rendering natively.
pub fn document() -> Option<web_sys::Document> {
    window().and_then(|w| w.document())
}

/// Whether this is the builder writing the pages (natively), not the app in a browser: a
/// constant, so what only a written page needs leaves the reader's wasm.
pub const WRITING_PAGES: bool = !cfg!(target_arch = "wasm32");
