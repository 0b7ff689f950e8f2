//! `/archive`: every story, filtered in the browser by date, category, tag, author and
//! words, with the filters in the address bar.

use std::sync::Arc;

use leptos::prelude::*;
use masthead_model::query::{ArchiveQuery, Facet, Sort};
use masthead_model::text::group_digits;
use masthead_model::{ArchiveIndex, ExplorerFiles, ListEntry};

use crate::app::use_shared;
use crate::components::status::{load, ErrorNotice, Loading, Shape};
use crate::explorer::{use_archive, View};
use crate::intl::{format_date, format_month};

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

fn stories(n: usize) -> String {
    match n {
        1 => "1 story".to_owned(),
        n => format!("{} stories", group_digits(n as u64)),
    }
}

/// "Reviews (1,234)", or just the name while the counts are unknown.
fn counted(name: &str, count: Option<u32>) -> String {
    match count {
        Some(n) => format!("{name} ({})", group_digits(u64::from(n))),
        None => name.to_owned(),
    }
}

#[component]
fn ArchiveExplorer(index: Arc<ArchiveIndex>) -> impl IntoView {
    let state = use_archive();
    let shared = use_shared();
    let query = Memo::new(move |_| state.query.get().unwrap_or_else(|| ArchiveQuery::parse("")));
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
    let facet_count = move |facet: Facet, slug: &str, overall: u32| -> Option<u32> {
        if state.settled.with(|s| s.query.as_ref().is_none_or(ArchiveQuery::is_unfiltered)) {
            Some(overall)
        } else if state.counts_known.get() {
            outcome().map(|o| o.count(facet, slug))
        } else {
            None
        }
    };
    let facet_select = {
        let index = index.clone();
        move |facet: Facet, label: &'static str, id: &'static str| {
            let values = match facet {
                Facet::Category => index.categories.clone(),
                Facet::Tag => index.tags.clone(),
                Facet::Author => index.authors.clone(),
                Facet::Month => Vec::new(),
            };
            let chosen = move |d: &ArchiveQuery| match facet {
                Facet::Category => d.category.clone(),
                Facet::Tag => d.tag.clone(),
                Facet::Author => d.author.clone(),
                Facet::Month => None,
            };
            let set = move |d: &mut ArchiveQuery, v: Option<String>| match facet {
                Facet::Category => d.category = v,
                Facet::Tag => d.tag = v,
                Facet::Author => d.author = v,
                Facet::Month => {}
            };
            // Options follow this memo, not the whole draft: a keystroke re-runs none of them.
            let value = Memo::new(move |_| draft.with(chosen));
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
                        move || counted(&f.name, facet_count(facet, &slug, f.count))
                    };
                    view! { <option value=slug prop:selected=selected>{text}</option> }
                })
                .collect_view();
            view! {
                <div class="filters__field">
                    <label for=id>{label}</label>
                    <select
                        id=id
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            draft.update(|d| set(d, (!value.is_empty()).then_some(value)));
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

    let files = index.explorer.clone();
    let summary = move || match state.view.get() {
        View::Loading => "Loading stories…".to_owned(),
        View::Failed(_) => "The stories could not be loaded.".to_owned(),
        View::Ready(o) => {
            let total = o.0.posts.len();
            let (_, pages) = o.0.page(query.with(|q| q.page));
            let page = query.with(|q| q.page).min(pages);
            match (total, pages) {
                (0, _) => "No stories match these filters.".to_owned(),
                (n, 1) => stories(n),
                (n, p) => format!("{} · page {page} of {p}", stories(n)),
            }
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
                    placeholder="Title, summary, tag or author"
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
            {facet_select(Facet::Category, "Category", "archive-category")}
            {facet_select(Facet::Tag, "Tag", "archive-tag")}
            {facet_select(Facet::Author, "Author", "archive-author")}
            <div class="filters__field">
                <label for="archive-sort">"Order"</label>
                <select
                    id="archive-sort"
                    on:change=move |ev| {
                        let oldest = event_target_value(&ev) == "oldest";
                        draft.update(|d| d.sort = if oldest { Sort::Oldest } else { Sort::Newest });
                    }
                >
                    <option value="newest" prop:selected=move || draft_sort.get() == Sort::Newest>
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
        <ActiveFilters index=index.clone() query/>
        <p class="archive__summary" role="status" aria-live="polite" aria-atomic="true">{summary}</p>
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

/// Each active filter as a link that removes it, and one that removes them all.
#[component]
fn ActiveFilters(index: Arc<ArchiveIndex>, query: Memo<ArchiveQuery>) -> impl IntoView {
    let shared = use_shared();
    move || {
        let q = query.get();
        if q.is_unfiltered() {
            return None;
        }
        let name = |list: &[masthead_model::Facet], slug: &str| {
            list.iter().find(|f| f.slug == slug).map_or_else(|| slug.to_owned(), |f| f.name.clone())
        };
        let mut chips: Vec<(String, ArchiveQuery)> = Vec::new();
        if let Some(year) = q.year {
            let label = match q.year_month() {
                Some(ym) => format_month(ym, &shared.locale().0),
                None => year.to_string(),
            };
            chips.push((format!("Date: {label}"), ArchiveQuery { year: None, month: None, ..q.clone() }));
        }
        if let Some(c) = &q.category {
            chips.push((
                format!("Category: {}", name(&index.categories, c)),
                ArchiveQuery { category: None, ..q.clone() },
            ));
        }
        if let Some(t) = &q.tag {
            chips.push((format!("Tag: {}", name(&index.tags, t)), ArchiveQuery { tag: None, ..q.clone() }));
        }
        if let Some(a) = &q.author {
            chips.push((format!("Author: {}", name(&index.authors, a)), ArchiveQuery { author: None, ..q.clone() }));
        }
        if !q.q.is_empty() {
            chips.push((format!("Words: “{}”", q.q), ArchiveQuery { q: String::new(), ..q.clone() }));
        }
        let chips = chips
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

/// One page of results and the links to the pages around it.
#[component]
fn Results(files: ExplorerFiles, query: Memo<ArchiveQuery>) -> impl IntoView {
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
    let pager = move || {
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
        None => view! { {rows.clone()} {pager} }.into_any(),
    }
}
