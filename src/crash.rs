//! What the reader sees if the app panics: the reactive system may be what failed, so the
//! notice is made with the DOM directly, and what is already on the page stays readable.

/// Replaces Rust's panic output with a console message and the notice.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Masthead stopped: {info}").into());
        show_notice();
    }));
}

/// After a panic the app cannot react any more: say so, with a way out, using the DOM
/// directly (the reactive system may be what failed). What is on the page stays readable.
pub fn show_notice() {
    let Some(document) = crate::web::window().and_then(|w| w.document()) else { return };
    // One notice, however many panics follow the first.
    if document.query_selector(".crash").ok().flatten().is_some() {
        return;
    }
    let (Ok(notice), Ok(text), Ok(reload), Some(body)) =
        (document.create_element("div"), document.create_element("p"), document.create_element("a"), document.body())
    else {
        return;
    };
    notice.set_class_name("crash");
    let _ = notice.set_attribute("role", "alert");
    text.set_text_content(Some("Something went wrong and this page stopped responding."));
    reload.set_text_content(Some("Reload"));
    let here = crate::web::window().and_then(|w| w.location().href().ok()).unwrap_or_else(|| "/".into());
    let _ = reload.set_attribute("href", &here);
    // A target keeps the (stopped) router from intercepting the click.
    let _ = reload.set_attribute("target", "_top");
    reload.set_class_name("button");
    let _ = notice.append_child(&text);
    let _ = notice.append_child(&reload);
    let _ = body.prepend_with_node_1(&notice);
}
