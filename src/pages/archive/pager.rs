//! The links to the pages before and after this one of the results.

use leptos::prelude::*;
use masthead_model::query::ArchiveQuery;

/// "← Previous page · Page 2 of 9 · Next page →", when there is more than one page.
#[component]
pub(super) fn Pager(query: Memo<ArchiveQuery>, page_ids: Memo<Option<(Vec<u32>, u32)>>) -> impl IntoView {
    move || {
        let (_, pages) = page_ids.get()?;
        let q = query.get();
        let page = q.page.min(pages);
        (pages > 1).then(|| {
            let prev = (page > 1).then(|| crate::paths::href(&q.with_page(page - 1).href()));
            let next = (page < pages).then(|| crate::paths::href(&q.with_page(page + 1).href()));
            view! {
                <nav class="pager" aria-label="Archive pages">
                    {prev.map(|href| view! { <a class="pager__link" href=href rel="prev">"← Previous page"</a> })}
                    <span class="pager__where">{format!("Page {page} of {pages}")}</span>
                    {next.map(|href| view! { <a class="pager__link" href=href rel="next">"Next page →"</a> })}
                </nav>
            }
        })
    }
}
