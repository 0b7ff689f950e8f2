//! Mounts the app beside the static shell that index.html shows before the wasm runs, and
//! swaps the two in the same frame once the app has content: the reader never sees an empty
//! page, nor the headline of a per-article page disappearing and coming back.

// Content and networks fail in every way; the app and its logic must not panic over it.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    masthead::crash::install();
    masthead::paths::init_from_document();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(shell) = document.get_element_by_id("app") else { return };
    let Some(live) = document.create_element("div").ok().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };

    let text_of = |selector: &str| {
        shell
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    // The publication's name as the static masthead shows it, until site.json arrives.
    let fallback_name = text_of(".site-header__name");
    // A per-article page carries its headline and standfirst as HTML; the app keeps them
    // on screen while the article's JSON arrives.
    let prerendered =
        shell.query_selector("article[data-slug]").ok().flatten().map(|article| masthead::app::Prerendered {
            slug: article.get_attribute("data-slug").unwrap_or_default(),
            category: text_of("article[data-slug] .article__category"),
            title: text_of("article[data-slug] h1"),
            standfirst: text_of("article[data-slug] .article__standfirst"),
        });
    // Each route sets its own description; the shell's would otherwise stay beside it.
    if let Ok(Some(meta)) = document.query_selector("meta[name='description']") {
        meta.remove();
    }

    live.set_class_name("app app--pending");
    if shell.after_with_node_1(&live).is_err() {
        return;
    }
    leptos::mount::mount_to(live.clone(), move || masthead::App(masthead::AppProps { fallback_name, prerendered }))
        .forget();
    swap_when_ready(shell, live);
}

/// Before each frame is painted, checks whether the app's main column has content yet; at
/// the first frame it does, the shell goes and the app shows, so no frame shows neither.
/// If the app never renders (it failed to start), the shell simply stays. The closure lives
/// as long as the page (it holds itself), which is one small allocation per visit.
fn swap_when_ready(shell: web_sys::Element, live: web_sys::HtmlElement) {
    type Frame = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;
    let frame: Frame = Rc::new(RefCell::new(None));
    let again = frame.clone();
    *frame.borrow_mut() = Some(Closure::new(move || {
        let ready = live.query_selector("main > *").ok().flatten().is_some();
        if ready {
            shell.remove();
            live.set_class_name("app");
        } else if let (Some(window), Some(callback)) = (web_sys::window(), again.borrow().as_ref()) {
            let _ = window.request_animation_frame(callback.as_ref().unchecked_ref());
        }
    }));
    let first = frame.borrow();
    if let (Some(window), Some(callback)) = (web_sys::window(), first.as_ref()) {
        let _ = window.request_animation_frame(callback.as_ref().unchecked_ref());
    }
}
