//! Time in the browser, in one place: the clock, waiting, and every timer the app sets
//! (request deadlines, JSONP's, the signup queue's next attempt, the archive's settling).

use std::time::Duration;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub use leptos::leptos_dom::helpers::TimeoutHandle;

/// Whole milliseconds since 1970 by the reader's clock (never negative; truncation is
/// intended).
pub fn now_ms() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now().max(0.0) as u64
    }
    // Natively (prerendering), the builder's clock.
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or(0)
    }
}

/// When something drawn now was first shown to the reader, by [`now_ms`]'s clock. The app's
/// first page takes the place of the written page (src/takeover.rs), which the reader has had in
/// front of them since the page began: what it draws counts from then. Anything drawn later
/// counts from now.
pub fn shown_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let written = window.document().and_then(|d| d.get_element_by_id("app")).is_some();
        if let (true, Some(performance)) = (written, window.performance()) {
            return (js_sys::Date::now() - performance.now()).max(0.0);
        }
    }
    now_ms() as f64
}

/// The reader's clock as RFC 3339, for the consent time (only ever asked in the browser).
pub fn now_rfc3339() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::new_0().to_iso_string().into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// Waits `millis` without blocking the page.
pub async fn sleep(millis: u64) {
    let millis = i32::try_from(millis).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = crate::web::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `f` once after `delay`; the handle cancels it. For timers kept in reactive
/// state (the handle is `Copy`, and `Send` as signals need).
pub fn after(delay: Duration, f: impl FnOnce() + 'static) -> Option<TimeoutHandle> {
    // Boxed, so the timer's glue is in the wasm once, not once per caller.
    let f: Box<dyn FnOnce()> = Box::new(f);
    leptos::leptos_dom::helpers::set_timeout_with_handle(f, delay).ok()
}

/// Runs a callback once after a delay, unless dropped first: dropping it cancels the
/// timer and frees the callback. For timers that live as long as one operation.
pub struct Timer {
    handle: Option<i32>,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    pub fn new(millis: u64, f: impl FnMut() + 'static) -> Self {
        let callback = Closure::<dyn FnMut()>::new(f);
        let millis = i32::try_from(millis).unwrap_or(i32::MAX);
        let handle = crate::web::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), millis).ok()
        });
        Timer { handle, _callback: callback }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let (Some(window), Some(handle)) = (crate::web::window(), self.handle) {
            window.clear_timeout_with_handle(handle);
        }
    }
}
