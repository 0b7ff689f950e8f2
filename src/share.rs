//! Sharing an address: the Web Share API where the browser has it, else the clipboard.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Shares `title` and the site path `href` (made absolute); returns what to tell the
/// reader ("" when the share sheet speaks for itself).
pub async fn share(title: &str, href: &str) -> String {
    let Some(window) = web_sys::window() else { return String::new() };
    let url = window.location().origin().map(|o| format!("{o}{href}")).unwrap_or_else(|_| href.to_owned());
    let navigator: JsValue = window.navigator().into();
    let method = |name: &str| {
        Reflect::get(&navigator, &JsValue::from_str(name)).ok().and_then(|f| f.dyn_into::<Function>().ok())
    };
    if let Some(share) = method("share") {
        let data = Object::new();
        let _ = Reflect::set(&data, &"title".into(), &title.into());
        let _ = Reflect::set(&data, &"url".into(), &url.as_str().into());
        if let Some(promise) = share.call1(&navigator, &data).ok().and_then(|p| p.dyn_into::<Promise>().ok()) {
            // Closing the share sheet is not an error worth a message.
            let _ = JsFuture::from(promise).await;
            return String::new();
        }
    }
    let clipboard = Reflect::get(&navigator, &"clipboard".into()).ok().filter(|c| !c.is_undefined());
    let write = clipboard
        .as_ref()
        .and_then(|c| Reflect::get(c, &"writeText".into()).ok())
        .and_then(|f| f.dyn_into::<Function>().ok());
    let copied = match (clipboard, write) {
        (Some(clipboard), Some(write)) => {
            match write.call1(&clipboard, &url.as_str().into()).ok().and_then(|p| p.dyn_into::<Promise>().ok()) {
                Some(promise) => JsFuture::from(promise).await.is_ok(),
                None => false,
            }
        }
        _ => false,
    };
    if copied {
        "Link copied.".to_owned()
    } else {
        format!("Copy this link: {url}")
    }
}
