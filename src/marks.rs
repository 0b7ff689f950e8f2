//! A search result opened from the archive marks, on its article, the words the search
//! found it by, until the reader clears them. The marks are a CSS highlight
//! (`::highlight(search)`, the CSS Custom Highlight API): the article's DOM is never
//! changed, so nothing the components drew is touched. Only the archive page's bundle,
//! which has the results, carries this.

use leptos::prelude::*;

/// The words to mark on the article at `path`, set when one of its results is opened.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    pub path: String,
    pub words: Vec<String>,
}

#[derive(Clone, Copy)]
pub struct SearchMarks(pub RwSignal<Option<Marks>>);

pub fn provide() {
    provide_context(SearchMarks(RwSignal::new(None)));
}

/// Called as a result is opened: its article marks these words.
pub fn open(path: String, words: Vec<String>) {
    if let Some(SearchMarks(marks)) = use_context::<SearchMarks>() {
        marks.set(Some(Marks { path, words }));
    }
}

/// The name of the highlight, styled by `::highlight(search)`.
#[cfg(target_arch = "wasm32")]
const HIGHLIGHT: &str = "search";

/// On the article at `path`: marks the words of the search it was opened from once its
/// text is drawn, and a note with a button that clears them. Nothing when the article was
/// not opened from a search, or the browser cannot mark.
pub fn on_article(path: &str) -> Option<AnyView> {
    let SearchMarks(marks) = use_context::<SearchMarks>()?;
    let words = marks.with_untracked(|m| m.as_ref().filter(|m| m.path == path).map(|m| m.words.clone()))?;
    let count = RwSignal::new(0u32);
    #[cfg(target_arch = "wasm32")]
    {
        mark_when_drawn(words, count, 120);
        on_cleanup(clear);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = words;
    let dismiss = move |_| {
        #[cfg(target_arch = "wasm32")]
        clear();
        marks.set(None);
        count.set(0);
    };
    Some(
        view! {
            <Show when=move || { count.get() > 0 }>
                <p class="search-marks" role="status">
                    <span>"The words of your search are "<mark>"marked"</mark>{move || match count.get() {
                        1 => " in one place in this story.".to_owned(),
                        n => format!(" in {n} places in this story."),
                    }}</span>
                    <button type="button" class="button button--secondary" on:click=dismiss>"Clear marks"</button>
                </p>
            </Show>
        }
        .into_any(),
    )
}

/// Marks the words in the headline, standfirst and body once the body is in the page,
/// looking for it at each frame for up to `frames` frames.
#[cfg(target_arch = "wasm32")]
fn mark_when_drawn(words: Vec<String>, count: RwSignal<u32>, frames: u32) {
    request_animation_frame(move || {
        let Some(document) = crate::web::window().and_then(|w| w.document()) else { return };
        if document.query_selector(".article__body").ok().flatten().is_none() {
            if frames > 0 {
                mark_when_drawn(words, count, frames - 1);
            }
            return;
        }
        let found = highlight(&document, &words);
        let _ = count.try_set(found);
    });
}

/// Sets the highlight over every place the words are; how many it marked (0 where the
/// browser has no highlights).
#[cfg(target_arch = "wasm32")]
fn highlight(document: &web_sys::Document, words: &[String]) -> u32 {
    use js_sys::{Array, Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let Some(registry) = registry() else { return 0 };
    let ranges = Array::new();
    let Ok(parts) = document.query_selector_all(".article__title, .article__standfirst, .article__body") else {
        return 0;
    };
    for i in 0..parts.length() {
        let Some(part) = parts.item(i) else { continue };
        // NodeFilter.SHOW_TEXT
        let Ok(walker) = document.create_tree_walker_with_what_to_show(&part, 4) else { continue };
        while let Ok(Some(node)) = walker.next_node() {
            let Some(text) = node.text_content() else { continue };
            for r in masthead_model::search::mark_ranges(&text, words) {
                // The DOM counts in UTF-16 code units.
                let at = |b: usize| text.get(..b).map_or(0, |s| s.encode_utf16().count()) as u32;
                let Ok(range) = document.create_range() else { continue };
                if range.set_start(&node, at(r.start)).is_ok() && range.set_end(&node, at(r.end)).is_ok() {
                    ranges.push(&range);
                }
            }
        }
    }
    if ranges.length() == 0 {
        return 0;
    }
    let made = Reflect::get(&js_sys::global(), &JsValue::from_str("Highlight"))
        .ok()
        .and_then(|c| c.dyn_into::<Function>().ok())
        .and_then(|c| Reflect::construct(&c, &ranges).ok());
    let set = Reflect::get(&registry, &JsValue::from_str("set")).ok().and_then(|f| f.dyn_into::<Function>().ok());
    match (made, set) {
        (Some(made), Some(set)) if set.call2(&registry, &JsValue::from_str(HIGHLIGHT), &made).is_ok() => {
            ranges.length()
        }
        _ => 0,
    }
}

/// `CSS.highlights`, where the browser has it.
#[cfg(target_arch = "wasm32")]
fn registry() -> Option<wasm_bindgen::JsValue> {
    use js_sys::Reflect;
    use wasm_bindgen::JsValue;
    let css = Reflect::get(&js_sys::global(), &JsValue::from_str("CSS")).ok().filter(|v| v.is_object())?;
    Reflect::get(&css, &JsValue::from_str("highlights")).ok().filter(|v| v.is_object())
}

#[cfg(target_arch = "wasm32")]
fn clear() {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let Some(registry) = registry() else { return };
    if let Some(delete) =
        Reflect::get(&registry, &JsValue::from_str("delete")).ok().and_then(|f| f.dyn_into::<Function>().ok())
    {
        let _ = delete.call1(&registry, &JsValue::from_str(HIGHLIGHT));
    }
}
