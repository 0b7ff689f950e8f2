//! Mounts the app apart from the page the builder wrote, and hands both to the takeover
//! (`takeover.rs`), which swaps them in one frame once the app has the whole page.

// Content and networks fail in every way; the app and its logic must not panic over it.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

use wasm_bindgen::JsCast;

mod takeover;

fn main() {
    masthead::crash::install();
    masthead::paths::init_from_document();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(shell) = document.get_element_by_id("app") else { return };
    let Some(live) = document.create_element("div").ok().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };

    // The publication's name as the static masthead shows it, until site.json arrives.
    let fallback_name = shell
        .query_selector(".site-header__name")
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
        .trim()
        .to_owned();
    // Each route sets its own description; the shell's would otherwise stay beside it.
    if let Ok(Some(meta)) = document.query_selector("meta[name='description']") {
        meta.remove();
    }

    // Rendered apart from the document until it takes the page's place: one page in the
    // document at a time (one of each id, one h1).
    // In a task after the one that started the wasm: each is long on a slow phone.
    live.set_class_name("app");
    masthead::clock::after(std::time::Duration::ZERO, move || {
        leptos::mount::mount_to(live.clone(), move || masthead::App(masthead::AppProps { fallback_name })).forget();
        takeover::swap_when_ready(shell, live);
    });
}
