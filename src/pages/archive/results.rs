//! One page of results: the rows, each filled in when its list file arrives.

use std::sync::Arc;

use leptos::prelude::*;
use masthead_model::query::ArchiveQuery;
use masthead_model::{ExplorerFiles, ListEntry};

use super::pager::Pager;
use crate::app::use_shared;
use crate::components::status::{ErrorNotice, Loading, Shape};
use crate::explorer::{use_archive, View};
use crate::intl::format_date;

/// One page of results and the links to the pages around it.
#[component]
pub(super) fn Results(files: ExplorerFiles, query: Memo<ArchiveQuery>) -> impl IntoView {
    let state = use_archive();
    let files = Arc::new(files);
    let page_ids = Memo::new(move |_| match state.view.get() {
        View::Ready(o) => {
            let (ids, pages) = o.0.page(query.with(|q| q.page));
            Some((ids.to_vec(), pages))
        }
        _ => None,
    });
    {
        let files = files.clone();
        Effect::new(move |_| {
            state.generation.track();
            if let Some((ids, _)) = page_ids.get() {
                state.want_lists(&files, &ids);
            }
        });
    }
    let retry = Callback::new(move |()| state.retry());
    // Rows are keyed by post (and whether its line is here yet), so posts that stay in
    // the results from one keystroke to the next are not drawn again.
    let entries = {
        let files = files.clone();
        move || -> Vec<(u32, Option<ListEntry>)> {
            let Some((ids, _)) = page_ids.get() else { return Vec::new() };
            ids.iter().map(|&id| (id, state.entry(&files, id).and_then(Result::ok))).collect()
        }
    };
    let failed = {
        let files = files.clone();
        Memo::new(move |_| {
            let (ids, _) = page_ids.get()?;
            ids.iter().find_map(|&id| state.entry(&files, id).and_then(Result::err))
        })
    };
    // Dates are formatted once per row with the locale of this render; a change of locale
    // (site.json arriving late) draws the list again. Rows hold no reactive parts, so a
    // keystroke that replaces fifty of them stays cheap.
    let shared = use_shared();
    let rows = move || {
        match (shared.locale.track(), failed.get()).1 {
        Some(error) => view! { <ErrorNotice what="these stories" error on_retry=retry/> }.into_any(),
        None => view! {
            <ol class="archive__results">
                <For each=entries.clone() key=|(id, entry)| (*id, entry.is_some()) let((_, entry))>
                    {match entry {
                        Some(entry) => {
                            let href = crate::paths::href(&entry.permalink());
                            let byline = masthead_model::text::join_names(entry.authors.iter().map(String::as_str));
                            view! {
                                <li class="archive-item">
                                    <a class="archive-item__title" href=href>{entry.title}</a>
                                    <span class="archive-item__meta">
                                        <time datetime=entry.published.as_str().to_owned()>
                                            {
                                                let (locale, zone) = shared.locale.get_untracked();
                                                format_date(&entry.published, &locale, &zone)
                                            }
                                        </time>
                                        " · "{entry.category}
                                        {(!byline.is_empty()).then(|| format!(" · {byline}"))}
                                    </span>
                                </li>
                            }
                            .into_any()
                        }
                        None => view! { <li class="archive-item archive-item--loading" aria-hidden="true"></li> }.into_any(),
                    }}
                </For>
            </ol>
        }
        .into_any(),
    }
    };
    // Rebuilt only when the view changes kind, not on every keystroke.
    let failure = Memo::new(move |_| match state.view.get() {
        View::Loading => Some(None),
        View::Failed(error) => Some(Some(error)),
        View::Ready(_) => None,
    });
    move || match failure.get() {
        Some(None) => view! { <Loading label="the stories" shape=Shape::List/> }.into_any(),
        Some(Some(error)) => view! { <ErrorNotice what="the archive" error on_retry=retry/> }.into_any(),
        None => view! {
            {rows.clone()}
            <Pager query page_ids/>
        }
        .into_any(),
    }
}
