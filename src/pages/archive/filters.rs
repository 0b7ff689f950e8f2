//! The archive's filter form: words (applied as the reader types), year, month,
//! category, tag, author and order (applied by Show), each choice with its count.

use std::sync::Arc;

use leptos::prelude::*;
use masthead_model::query::{counted, ArchiveQuery, Filter, Sort};
use masthead_model::ArchiveIndex;

use crate::explorer::use_archive;
use crate::intl::format_month;
use crate::state::use_shared;

#[component]
pub(super) fn Filters(index: Arc<ArchiveIndex>, query: Memo<ArchiveQuery>) -> impl IntoView {
    let state = use_archive();
    let shared = use_shared();
    let location = crate::router::use_location();
    let go = Callback::new(move |(next, replace): (ArchiveQuery, bool)| {
        location.navigate(&next.href(), crate::router::Go { replace, scroll: false });
    });

    // Selects change a draft; Show applies it (no select navigates on its own).
    let draft = RwSignal::new(query.get_untracked());
    Effect::new(move |_| draft.set(query.get()));

    // The search box filters as the reader types. The first keystroke of a search adds a
    // history entry; the rest replace it, so Back returns to the view before the search.
    let search = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        let q = query.with(|q| q.q.clone());
        if let Some(input) = search.get() {
            if input.value().trim() != q {
                input.set_value(&q);
            }
        }
    });
    let on_input = move |ev| {
        let current = query.get_untracked();
        let next = ArchiveQuery { q: event_target_value(&ev), ..current.clone() }.reset_page();
        let next = ArchiveQuery::parse(&next.to_string());
        if next != current {
            go.run((next, !current.q.is_empty()));
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = search.get_untracked().map(|i| i.value()).unwrap_or_default();
        let next = ArchiveQuery { q, ..draft.get_untracked() }.reset_page();
        go.run((ArchiveQuery::parse(&next.to_string()), false));
    };

    // Counts a choice would give: from the outcome when the catalogue is here, from the
    // index when nothing is filtered, unknown otherwise.
    let outcome = move || state.settled.with(|s| s.outcome());
    let facet_count = move |filter: Filter, slug: &str, overall: u32| -> Option<u32> {
        if state.settled.with(|s| s.query.as_ref().is_none_or(ArchiveQuery::is_unfiltered)) {
            Some(overall)
        } else if state.counts_known.get() {
            outcome().map(|o| o.count(filter, slug))
        } else {
            None
        }
    };
    let facet_select = {
        let index = index.clone();
        move |filter: Filter, id: &'static str| {
            let values = filter.values(&index).to_vec();
            // Options follow this memo, not the whole draft: a keystroke re-runs none of them.
            let value = Memo::new(move |_| draft.with(|d| filter.chosen(d).map(str::to_owned)));
            let options = values
                .into_iter()
                .map(|f| {
                    let slug = f.slug.clone();
                    let selected = {
                        let slug = slug.clone();
                        move || value.with(|v| v.as_deref() == Some(slug.as_str()))
                    };
                    let text = {
                        let slug = slug.clone();
                        move || counted(&f.name, facet_count(filter, &slug, f.count))
                    };
                    view! { <option value=slug prop:selected=selected>{text}</option> }
                })
                .collect_view();
            view! {
                <div class="filters__field">
                    <label for=id>{filter.label()}</label>
                    <select
                        id=id
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            draft.update(|d| filter.set(d, (!value.is_empty()).then_some(value)));
                        }
                    >
                        <option value="" prop:selected=move || value.with(Option::is_none)>"Any"</option>
                        {options}
                    </select>
                </div>
            }
        }
    };

    let draft_year = Memo::new(move |_| draft.with(|d| d.year));
    let draft_month = Memo::new(move |_| draft.with(|d| d.month));
    let draft_sort = Memo::new(move |_| draft.with(|d| d.sort));
    // With words the results come best match first unless another order is chosen.
    let draft_words = Memo::new(move |_| draft.with(|d| !d.q.trim().is_empty()));
    let years: Vec<i32> = {
        let mut y: Vec<i32> = index.months.iter().map(|m| m.month.year).collect();
        y.dedup();
        y
    };
    let year_count = move |year: i32| -> Option<u32> {
        outcome().map(|o| o.months.iter().filter(|m| m.month.year == year).map(|m| m.count).sum())
    };
    let year_options = years
        .iter()
        .map(|&year| {
            view! {
                <option value=year.to_string() prop:selected=move || draft_year.get() == Some(year)>
                    {move || counted(&year.to_string(), year_count(year))}
                </option>
            }
        })
        .collect_view();
    let month_options = {
        let index = index.clone();
        move || {
            let year = draft_year.get()?;
            let (locale, _) = shared.locale();
            let months = outcome().map(|o| o.months.clone()).unwrap_or_else(|| index.months.clone());
            Some(
                months
                    .into_iter()
                    .filter(|m| m.month.year == year)
                    .map(|m| {
                        let month = m.month.month;
                        view! {
                            <option value=month.to_string() prop:selected=move || draft_month.get() == Some(month)>
                                {counted(&format_month(m.month, &locale), Some(m.count))}
                            </option>
                        }
                    })
                    .collect_view(),
            )
        }
    };

    view! {
        <form class="filters" role="search" aria-label="Filter the archive" on:submit=on_submit>
            <div class="filters__field filters__field--wide">
                <label for="archive-q">"Words"</label>
                <input
                    id="archive-q"
                    type="search"
                    name="q"
                    maxlength="200"
                    autocomplete="off"
                    placeholder="Any words from a story, or \"a phrase\""
                    node_ref=search
                    on:input=on_input
                />
            </div>
            <div class="filters__field">
                <label for="archive-year">"Year"</label>
                <select
                    id="archive-year"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        draft.update(|d| {
                            d.year = value.parse().ok();
                            d.month = None;
                        });
                    }
                >
                    <option value="" prop:selected=move || draft_year.get().is_none()>"Any"</option>
                    {year_options}
                </select>
            </div>
            <div class="filters__field">
                <label for="archive-month">"Month"</label>
                <select
                    id="archive-month"
                    prop:disabled=move || draft_year.get().is_none()
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        draft.update(|d| d.month = value.parse().ok());
                    }
                >
                    <option value="" prop:selected=move || draft_month.get().is_none()>
                        {move || if draft_year.get().is_none() { "Choose a year first" } else { "Any" }}
                    </option>
                    {month_options}
                </select>
            </div>
            {facet_select(Filter::Category, "archive-category")}
            {facet_select(Filter::Tag, "archive-tag")}
            {facet_select(Filter::Author, "archive-author")}
            <div class="filters__field">
                <label for="archive-sort">"Order"</label>
                <select
                    id="archive-sort"
                    on:change=move |ev| {
                        let sort = Sort::from_param(&event_target_value(&ev));
                        draft.update(|d| d.sort = sort);
                    }
                >
                    <option
                        value="relevance"
                        prop:disabled=move || !draft_words.get()
                        prop:selected=move || draft_sort.get() == Sort::Best && draft_words.get()
                    >
                        "Best match"
                    </option>
                    <option
                        value="newest"
                        prop:selected=move || {
                            draft_sort.get() == Sort::Newest || (draft_sort.get() == Sort::Best && !draft_words.get())
                        }
                    >
                        "Newest first"
                    </option>
                    <option value="oldest" prop:selected=move || draft_sort.get() == Sort::Oldest>
                        "Oldest first"
                    </option>
                </select>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button">"Show"</button>
            </div>
        </form>
    }
}
