//! Component tests in headless Chromium (wasm-bindgen-test): mount, act, tick, assert.
//! Run by `make test-web`; the end-to-end tests in tests/e2e cover whole pages.
#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use masthead::api::ApiError;
use masthead::components::article_body::ArticleBody;
use masthead::components::status::ErrorNotice;
use masthead::intl::{format_date, format_month};
use masthead::state::Shared;
use masthead_model::{Block, Inline, Timestamp, YearMonth};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let div = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&div).expect("appended");
    div.unchecked_into()
}

/// The shared data, failed: components must still render what they can.
fn provide_failed_shared() {
    let missing = |file: &str| ApiError::NotFound { file: file.into() };
    let (site, latest, archive) = (missing("site.json"), missing("latest.json"), missing("archive/index.json"));
    provide_context(Shared::new(failed(site), failed(latest), failed(archive), "Test".into()));
}

/// A file of the contract that always fails with `e`.
fn failed<T: Clone + Send + Sync + 'static>(e: ApiError) -> masthead::source::Source<T> {
    masthead::source::Source::new(
        move || {
            let e = e.clone();
            async move { Err(e) }
        },
        |_| None,
    )
}

fn text(t: &str) -> Inline {
    Inline::text(t)
}

#[wasm_bindgen_test]
async fn an_article_body_renders_typed_blocks_and_hostile_text_as_text() {
    let el = container();
    let blocks = vec![
        Block::Paragraph {
            inlines: vec![
                text("<img src=x onerror=alert(1)> and "),
                Inline::Link { href: "javascript:alert(1)".into(), children: vec![text("a bad link")] },
                text(" and "),
                Inline::Link { href: "https://example.com/".into(), children: vec![text("a good one")] },
            ],
        },
        Block::Heading { level: 2, id: "part-two".into(), inlines: vec![text("Part two")] },
        Block::Paragraph { inlines: vec![Inline::Strong { children: vec![text("Bold")] }] },
        Block::Quote { paragraphs: vec![vec![text("Quoted.")]], cite: Some("Ada".into()) },
        Block::List { ordered: true, items: vec![vec![text("one")], vec![text("two")]], nested: vec![], tasks: vec![] },
        Block::Unsupported,
    ];
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_failed_shared();
        view! { <ArticleBody blocks/> }
    });
    leptos::task::tick().await;

    let q = |s: &str| el.query_selector(s).ok().flatten();
    assert!(q("img").is_none(), "content text became markup");
    assert!(el.text_content().unwrap_or_default().contains("<img src=x onerror=alert(1)>"));
    assert!(q("a[href^='javascript']").is_none(), "an unsafe link kept its target");
    assert!(el.text_content().unwrap_or_default().contains("a bad link"));
    assert_eq!(q("a[href='https://example.com/']").and_then(|a| a.text_content()).as_deref(), Some("a good one"));
    assert_eq!(q("h2#part-two").and_then(|h| h.text_content()).as_deref(), Some("Part two"));
    assert_eq!(q("blockquote p").and_then(|p| p.text_content()).as_deref(), Some("Quoted."));
    assert_eq!(q("figcaption cite").and_then(|c| c.text_content()).as_deref(), Some("Ada"));
    assert!(q("ol li:nth-child(2)").is_some() && q("ol li:nth-child(3)").is_none(), "two list items");
    // The newsletter call to action sits inside the body even when site.json failed.
    assert!(q(".newsletter--inline input[type='email']").is_some());
    drop(handle);
}

#[wasm_bindgen_test]
async fn retry_in_an_error_notice_calls_back() {
    let el = container();
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let handle = leptos::mount::mount_to(el.clone(), move || {
        let on_retry = Callback::new(move |()| {
            counted.fetch_add(1, Ordering::SeqCst);
        });
        let error = ApiError::Http { file: "latest.json".into(), status: 503 };
        view! { <ErrorNotice what="the latest stories" error on_retry/> }
    });
    leptos::task::tick().await;
    let alert = el.query_selector("[role='alert']").ok().flatten().expect("an alert");
    let message = alert.text_content().unwrap_or_default();
    assert!(message.contains("Couldn’t load the latest stories."), "{message}");
    assert!(message.contains("HTTP 503"), "{message}");
    let button: web_sys::HtmlElement = alert.query_selector("button").ok().flatten().expect("Retry").unchecked_into();
    button.click();
    leptos::task::tick().await;
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    drop(handle);
}

#[wasm_bindgen_test]
fn dates_follow_the_site_locale_and_survive_bad_settings() {
    let ts = Timestamp::parse("2026-06-24T08:00:00+01:00").expect("a timestamp");
    assert_eq!(format_date(&ts, "en-GB", "Europe/London"), "24 June 2026");
    assert_eq!(format_date(&ts, "de-DE", "Europe/Berlin"), "24. Juni 2026");
    // Late evening in New York is already the next day in Tokyo.
    let late = Timestamp::parse("2026-06-24T23:30:00-04:00").expect("a timestamp");
    assert_eq!(format_date(&late, "en-GB", "Asia/Tokyo"), "25 June 2026");
    // An unknown time zone or locale must not throw.
    assert!(!format_date(&ts, "en-GB", "Mars/Olympus_Mons").is_empty());
    assert!(!format_date(&ts, "not a locale!", "UTC").is_empty());
    assert_eq!(format_month(YearMonth::new(2023, 6).expect("a month"), "en-GB"), "June 2023");
}

/// Mailchimp's transport: a script element whose answer calls the named callback. The
/// script here is a data: URL that reads its own address for the callback name, as
/// Mailchimp's server reads the `c` parameter.
#[wasm_bindgen_test]
async fn jsonp_passes_the_callback_argument_and_reports_a_failed_load() {
    let script = "data:text/javascript,(function(){var s=document.currentScript.src;\
                  window[s.slice(s.lastIndexOf('=')+1)]({result:'success',msg:'Almost finished'})})()//?u=1";
    let body = masthead::signup::jsonp(script, "c").await.expect("the callback was called");
    assert_eq!(body, r#"{"result":"success","msg":"Almost finished"}"#);
    // The callback is removed once answered, and so is the script element.
    let leftover = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("script[src^='data:text/javascript']").ok().flatten());
    assert!(leftover.is_none());

    // Nothing listens on port 9: the script fails to load and the promise is rejected.
    let failed = masthead::signup::jsonp("http://127.0.0.1:9/subscribe/post-json?u=1", "c").await;
    assert!(failed.is_err());
}

#[wasm_bindgen_test]
fn the_crash_notice_says_what_happened_once_and_offers_a_reload() {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    // However many panics follow the first, one notice.
    masthead::crash::show_notice();
    masthead::crash::show_notice();
    assert!(document.query_selector(".crash ~ .crash").ok().flatten().is_none(), "a second notice");
    let notice = document.query_selector(".crash").ok().flatten().expect("the notice");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    let text = notice.text_content().unwrap_or_default();
    assert!(text.contains("Something went wrong and this page stopped responding."), "{text}");
    let reload = notice.query_selector("a").ok().flatten().expect("a Reload link");
    assert_eq!(reload.text_content().as_deref(), Some("Reload"));
    let here = web_sys::window().and_then(|w| w.location().href().ok()).expect("an address");
    assert_eq!(reload.get_attribute("href"), Some(here));
    notice.remove();
}
