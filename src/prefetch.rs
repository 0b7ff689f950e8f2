//! Stories fetched before the reader follows their link, so that following it only
//! renders: a link pointed at (for a moment) or pressed, focused, or on screen for a
//! second in the main column. What is allowed, and how much, is the model's
//! (`masthead_model::prefetch`): a budget per visit, nothing on a Save-Data, metered or 2G
//! connection. Links of the page the builder wrote (`#app`) are left alone: following one
//! loads a new page, which would not use what was fetched.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use masthead_model::prefetch::{Budget, Cause, Connection, ON_SCREEN_MS};
use masthead_model::url::{article_slug, href_may_be_article, is_valid_slug};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long the pointer rests on a link before its story is fetched (passing over a list
/// fetches nothing).
const HOVER_MS: i32 = 60;
/// How often the main column's links are looked at for being on screen (a story's link is
/// fetched after 1 to 1.5 s in view). Each look reads every link of the main column:
/// while the reader only read, the app's script took 53-66 ms a second at 4x CPU with a
/// look every 250 ms, and 36-52 ms with one every 500 ms.
const SCAN_MS: i32 = 500;

thread_local! {
    static BUDGET: RefCell<Budget> = RefCell::new(Budget::default());
    /// Links in view, by address, with when each came into view.
    static IN_VIEW: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    /// The pending hover's timer, and the story it is for.
    static HOVER: Cell<Option<i32>> = const { Cell::new(None) };
    static HOVERED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Starts watching the page's links (once, when the app starts).
pub fn start() {
    let Some(window) = crate::web::window() else { return };
    let Some(document) = window.document() else { return };
    if !connection().allows_prefetch() {
        return;
    }
    // One callback for every hover: it fetches the story the pointer rests on.
    let rested = Closure::<dyn Fn()>::new(|| {
        HOVER.with(|h| h.set(None));
        if let Some(slug) = HOVERED.with(|h| h.borrow_mut().take()) {
            ahead(&slug, Cause::Pointer);
        }
    });
    let on_over = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let Some(slug) = story_of(ev.target()) else { return };
        let Some(window) = crate::web::window() else { return };
        cancel_hover();
        HOVERED.with(|h| *h.borrow_mut() = Some(slug));
        let handle = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(rested.as_ref().unchecked_ref(), HOVER_MS)
            .ok();
        HOVER.with(|h| h.set(handle));
    });
    let on_out = Closure::<dyn Fn()>::new(cancel_hover);
    let on_now = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let cause = if ev.type_() == "focusin" { Cause::Focus } else { Cause::Pointer };
        if let Some(slug) = story_of(ev.target()) {
            ahead(&slug, cause);
        }
    });
    for (name, listener) in [
        ("pointerover", on_over.as_ref()),
        ("pointerout", on_out.as_ref()),
        ("pointerdown", on_now.as_ref()),
        ("focusin", on_now.as_ref()),
    ] {
        let _ = document.add_event_listener_with_callback(name, listener.unchecked_ref());
    }
    // The listeners live as long as the page.
    on_over.forget();
    on_out.forget();
    on_now.forget();
    let scan = Closure::<dyn Fn()>::new(scan_view);
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(scan.as_ref().unchecked_ref(), SCAN_MS);
    scan.forget();
}

fn cancel_hover() {
    HOVERED.with(|h| h.borrow_mut().take());
    if let (Some(handle), Some(window)) = (HOVER.with(|h| h.take()), crate::web::window()) {
        window.clear_timeout_with_handle(handle);
    }
}

/// Fetches the story `slug` ahead, if the budget allows.
fn ahead(slug: &str, cause: Cause) {
    let allowed = BUDGET.with(|b| b.borrow_mut().ask(slug, cause, &connection()));
    if allowed {
        crate::api::fetch_ahead(format!("posts/{slug}.json"), |bytes| BUDGET.with(|b| b.borrow_mut().arrived(bytes)));
    }
}

/// The story a link on the app's page leads to, if it leads to one.
fn story_of(target: Option<web_sys::EventTarget>) -> Option<String> {
    let link = target?.dyn_into::<web_sys::Element>().ok()?.closest("a[href]").ok()??;
    if link.closest("#app").ok().flatten().is_some() {
        return None;
    }
    story_of_link(&link)
}

fn story_of_link(link: &web_sys::Element) -> Option<String> {
    // Most links rule themselves out by their address alone; resolving one against the
    // page's took most of each look at the main column's links.
    if !href_may_be_article(&link.get_attribute("href")?) {
        return None;
    }
    let path = crate::router::link_path(link)?;
    let path = path.split(['?', '#']).next()?;
    let site = crate::paths::site_path(path);
    let slug = article_slug(&site)?;
    // The story open now is here already.
    let here = crate::web::window()?.location().pathname().ok()?;
    (is_valid_slug(slug) && crate::paths::site_path(&here) != site).then(|| slug.to_owned())
}

/// The main column's story links on screen: each fetched once it has been in view for
/// `ON_SCREEN_MS`. Nothing while the tab is hidden.
fn scan_view() {
    let Some(window) = crate::web::window() else { return };
    let Some(document) = window.document() else { return };
    let room = BUDGET.with(|b| b.borrow().has_room(Cause::Visible));
    if !room || document.visibility_state() != web_sys::VisibilityState::Visible {
        return;
    }
    let now = js_sys::Date::now();
    let height = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    let width = window.inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(0.0);
    let mut seen: HashMap<String, f64> = HashMap::new();
    if let Ok(links) = document.query_selector_all(".app main a[href]") {
        for i in 0..links.length() {
            let Some(link) = links.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            // Only a story's link is measured (the others need no layout).
            let Some(slug) = story_of_link(&link) else { continue };
            let rect = link.get_bounding_client_rect();
            let on_screen = rect.width() > 0.0
                && rect.bottom() > 0.0
                && rect.top() < height
                && rect.right() > 0.0
                && rect.left() < width;
            if on_screen {
                let since = IN_VIEW.with(|v| v.borrow().get(&slug).copied()).unwrap_or(now);
                seen.insert(slug, since);
            }
        }
    }
    for (slug, since) in &seen {
        if now - since >= ON_SCREEN_MS as f64 {
            ahead(slug, Cause::Visible);
        }
    }
    IN_VIEW.with(|v| *v.borrow_mut() = seen);
}

/// What `navigator.connection` says, where the browser has it.
fn connection() -> Connection {
    let Some(window) = crate::web::window() else { return Connection::default() };
    let Ok(info) = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("connection")) else {
        return Connection::default();
    };
    if info.is_undefined() || info.is_null() {
        return Connection::default();
    }
    let field = |name: &str| js_sys::Reflect::get(&info, &JsValue::from_str(name)).ok();
    Connection {
        save_data: field("saveData").and_then(|v| v.as_bool()).unwrap_or(false),
        kind: field("type").and_then(|v| v.as_string()),
        effective: field("effectiveType").and_then(|v| v.as_string()),
    }
}
