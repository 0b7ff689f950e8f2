//! The document's title, description and robots hint for the page on screen.

use leptos::prelude::*;

/// Keeps `document.title` and `<meta name="description">` in step with the page while
/// the calling component lives.
pub fn page_head(title: impl Fn() -> String + 'static, description: impl Fn() -> String + 'static) {
    Effect::new(move |_| {
        if let Some(document) = crate::web::window().and_then(|w| w.document()) {
            document.set_title(&title());
        }
        set_meta("description", Some(&description()));
    });
    on_cleanup(|| set_meta("description", None));
}

/// Asks search engines not to index the page while the calling component lives.
pub fn noindex() {
    set_meta("robots", Some("noindex"));
    on_cleanup(|| set_meta("robots", None));
}

/// Sets `<meta name=… content=…>` in the head, adding it if needed, or removes it.
fn set_meta(name: &str, content: Option<&str>) {
    let Some(document) = crate::web::window().and_then(|w| w.document()) else { return };
    let existing = document.query_selector(&format!("head > meta[name='{name}']")).ok().flatten();
    match (existing, content) {
        (Some(meta), Some(content)) => {
            let _ = meta.set_attribute("content", content);
        }
        (Some(meta), None) => meta.remove(),
        (None, Some(content)) => {
            let (Ok(meta), Some(head)) = (document.create_element("meta"), document.head()) else { return };
            let _ = meta.set_attribute("name", name);
            let _ = meta.set_attribute("content", content);
            let _ = head.append_child(&meta);
        }
        (None, None) => {}
    }
}
