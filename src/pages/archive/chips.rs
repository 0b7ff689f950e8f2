//! The active filters as chips, each a link that removes it, and one that removes all.

use std::sync::Arc;

use leptos::prelude::*;
use masthead_model::query::ArchiveQuery;
use masthead_model::ArchiveIndex;

use crate::intl::format_month;
use crate::state::use_shared;

/// Each active filter as a link that removes it, and one that removes them all.
#[component]
pub(super) fn ActiveFilters(index: Arc<ArchiveIndex>, query: Memo<ArchiveQuery>) -> impl IntoView {
    let shared = use_shared();
    move || {
        let q = query.get();
        if q.is_unfiltered() {
            return None;
        }
        let locale = shared.locale().0;
        let chips = q
            .chips(&index, |month| format_month(month, &locale))
            .into_iter()
            .map(|(label, without)| {
                let href = crate::paths::href(&without.reset_page().href());
                let aria = format!("Remove {label}");
                view! {
                    <li>
                        <a class="chip" href=href aria-label=aria>
                            {label}<span aria-hidden="true">" ×"</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        let clear = crate::paths::href(&ArchiveQuery { sort: q.sort, ..ArchiveQuery::parse("") }.href());
        Some(view! {
            <ul class="filters__active" aria-label="Active filters">
                {chips}
                <li><a class="chip chip--clear" href=clear>"Clear all filters"</a></li>
            </ul>
        })
    }
}
