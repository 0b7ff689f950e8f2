//! Sharing an address: the Web Share API where the browser has it, else the clipboard.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Shares `title` and the site path `href` (made absolute); returns what to tell the
/// reader ("" when the share sheet speaks for itself).
pub async fn share(title: &str, href: &str) -> String {
    let Some(window) = crate::web::window() else { return String::new() };
    let url = window.location().origin().map(|o| format!("{o}{href}")).unwrap_or_else(|_| href.to_owned());
    let navigator: JsValue = window.navigator().into();
    if let Some(shared) = call_async(&navigator, "share", &share_data(title, &url)) {
        // Closing the share sheet is not an error worth a message.
        let _ = JsFuture::from(shared).await;
        return String::new();
    }
    if copy_text(&url).await {
        "Link copied.".to_owned()
    } else {
        format!("Copy this link: {url}")
    }
}

/// Puts `text` on the clipboard; false where the browser has no clipboard or refuses.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = crate::web::window() else { return false };
    let navigator: JsValue = window.navigator().into();
    let clipboard = Reflect::get(&navigator, &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    match call_async(&clipboard, "writeText", &text.into()) {
        Some(written) => JsFuture::from(written).await.is_ok(),
        None => false,
    }
}

fn share_data(title: &str, url: &str) -> JsValue {
    let data = Object::new();
    let _ = Reflect::set(&data, &"title".into(), &title.into());
    let _ = Reflect::set(&data, &"url".into(), &url.into());
    data.into()
}

/// `target.name(argument)` where the browser has that method and it returns a promise.
fn call_async(target: &JsValue, name: &str, argument: &JsValue) -> Option<Promise> {
    if target.is_undefined() || target.is_null() {
        return None;
    }
    let method = Reflect::get(target, &JsValue::from_str(name)).ok()?.dyn_into::<Function>().ok()?;
    method.call1(target, argument).ok()?.dyn_into::<Promise>().ok()
}
