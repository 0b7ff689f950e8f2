//! `/archive`: every story, filtered in the browser by date, category, tag, author and
//! words, with the filters in the address bar.

use std::sync::Arc;

use leptos::prelude::*;
use masthead_model::query::{summary, ArchiveQuery};
use masthead_model::search::replace_word;
use masthead_model::ArchiveIndex;

use crate::components::status::{load, ErrorNotice, Shape};
use crate::explorer::{use_archive, View};
use crate::state::use_shared;

mod chips;
mod filters;
mod pager;
mod results;

use chips::ActiveFilters;
use filters::Filters;
use results::Results;

#[component]
pub fn ArchivePage() -> impl IntoView {
    let shared = use_shared();
    crate::head::page_head(
        move || shared.title("Archive"),
        || "Every story, by date, category, tag, author or words.".to_owned(),
    );
    let body = load(shared.archive, "the archive", Shape::List, move |index| {
        view! { <ArchiveExplorer index=Arc::new(index)/> }
    });
    view! {
        <section class="archive" aria-labelledby="archive-heading">
            <h1 id="archive-heading" class="archive__title">"Archive"</h1>
            {body}
        </section>
    }
}

#[component]
fn ArchiveExplorer(index: Arc<ArchiveIndex>) -> impl IntoView {
    let state = use_archive();
    let shared = use_shared();
    let query = Memo::new(move |_| state.query.get().unwrap_or_else(|| ArchiveQuery::parse("")));
    let files = index.explorer.clone();
    // Followed through a memo of this page's own, disposed with it.
    let suggestion = Memo::new(move |_| state.suggestion.get());
    let summary = move || match state.view.get() {
        View::Loading => "Loading stories…".to_owned(),
        View::Failed(_) => "The stories could not be loaded.".to_owned(),
        View::Ready(o) => {
            let page = query.with(|q| q.page);
            let (_, pages) = o.0.page(page);
            summary(o.0.posts.len(), page, pages)
        }
    };

    view! {
        <Filters index=index.clone() query/>
        <ActiveFilters index=index.clone() query/>
        <p class="archive__summary" role="status" aria-live="polite" aria-atomic="true">{summary}</p>
        {move || {
            suggestion.get().map(|(typed, word)| {
                let q = query.get();
                let fixed = ArchiveQuery { q: replace_word(&q.q, &typed, &word), ..q }.reset_page();
                let href = crate::paths::href(&fixed.href());
                view! {
                    <p class="archive__suggestion">
                        "Did you mean " <a href=href>{fixed.q.clone()}</a> "?"
                    </p>
                }
            })
        }}
        {match files {
            Some(files) => view! { <Results files query/> }.into_any(),
            None => {
                let error = crate::api::ApiError::Decode(
                    "archive/index.json names no explorer files; the publication needs rebuilding with the current builder."
                        .into(),
                );
                let reload = Callback::new(move |()| shared.archive.refetch());
                view! { <ErrorNotice what="the archive" error on_retry=reload/> }.into_any()
            }
        }}
    }
}
