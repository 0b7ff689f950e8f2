//! Mounts the app in place of the static shell that index.html shows before the wasm runs.

use wasm_bindgen::JsCast;

fn main() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    // The fallback name is the page title index.html was served with.
    let fallback_name = web_sys::window().and_then(|w| w.document()).map(|d| d.title()).unwrap_or_default();
    while let Some(child) = root.first_child() {
        let _ = root.remove_child(&child);
    }
    // Each route sets its own description; the shell's would otherwise stay beside it.
    if let Some(meta) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name='description']").ok().flatten())
    {
        meta.remove();
    }
    leptos::mount::mount_to(root, move || masthead::App(masthead::AppProps { fallback_name })).forget();
}
