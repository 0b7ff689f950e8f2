//! The sidebar on every page: Recent Posts, Archives, newsletter signup. Each part loads
//! and fails on its own, so a failed sidebar leaves the article readable.

use leptos::prelude::*;
use std::collections::HashMap;

use masthead_model::archive::{month_run, recent_posts};
use masthead_model::query::ArchiveQuery;
use masthead_model::url::article_slug;
use masthead_model::{MonthCount, YearMonth};

use crate::components::newsletter::NewsletterBox;
use crate::components::status::{load, Shape};
use crate::intl::format_month;
use crate::paths::ARCHIVE_PATH;
use crate::state::use_shared;

/// How many headlines "Recent Posts" lists.
pub const RECENT_COUNT: usize = 5;

#[component]
pub fn Sidebar() -> impl IntoView {
    view! {
        <aside class="page__sidebar sidebar" aria-label="More from this publication">
            <RecentPosts/>
            <ArchiveList/>
            <NewsletterBox id="sidebar"/>
        </aside>
    }
}

#[component]
pub fn RecentPosts() -> impl IntoView {
    let shared = use_shared();
    let location = crate::router::use_location();
    let list = load(shared.latest, "Recent Posts", Shape::List, move |latest| {
        // The list element only once there are items: a loading or error notice is not a
        // list item.
        let items = move || {
            let path = crate::paths::site_path(&location.pathname.get());
            recent_posts(&latest.posts, article_slug(&path), RECENT_COUNT)
                .into_iter()
                .map(|post| {
                    let href = crate::paths::href(&post.permalink());
                    view! { <li class="recent-posts__item"><a href=href>{post.title.clone()}</a></li> }
                })
                .collect_view()
        };
        view! { <ul class="recent-posts__list">{items}</ul> }
    });
    view! {
        <section class="sidebar__section recent-posts" aria-labelledby="recent-posts-heading">
            <h2 id="recent-posts-heading" class="sidebar__heading">"Recent Posts"</h2>
            {list}
        </section>
    }
}

/// The archive page's filters and each month's count under them (`None` without filters),
/// and the year they choose.
type Filtered = Option<(ArchiveQuery, HashMap<YearMonth, u32>)>;

#[cfg(feature = "explorer")]
fn archive_filters() -> (Memo<Filtered>, Memo<Option<i32>>) {
    let state = crate::explorer::use_archive();
    let filtered = Memo::new(move |_| {
        let settled = state.settled.get();
        let query = settled.query.clone().filter(|q| !q.is_unfiltered())?;
        let counts: HashMap<YearMonth, u32> =
            settled.outcome().map(|o| o.months.iter().map(|m| (m.month, m.count)).collect()).unwrap_or_default();
        Some((query, counts))
    });
    (filtered, Memo::new(move |_| state.query.get().and_then(|q| q.year)))
}

/// The reader's bundle has no archive explorer: the whole archive's counts.
#[cfg(not(feature = "explorer"))]
fn archive_filters() -> (Memo<Filtered>, Memo<Option<i32>>) {
    (Memo::new(|_| None), Memo::new(|_| None))
}

/// A year's months in the app: all of them, its closed years' too.
#[cfg(not(feature = "ssr"))]
fn year_months<V>(_: i32, _: &dyn Fn() -> bool, list: impl FnOnce() -> V) -> V {
    list()
}

/// A year's months in a written page: the open year's alone, and for each other year a
/// link to its own page, which lists them. Ten years of months in every page were a third
/// of a story's page; the app, taking the page over, draws them all in the closed years,
/// which shows nothing new and moves nothing.
#[cfg(feature = "ssr")]
fn year_months<V: IntoView + 'static>(year: i32, open: &dyn Fn() -> bool, list: impl FnOnce() -> V) -> AnyView {
    if open() {
        list().into_any()
    } else {
        view! { <a href=crate::paths::href(&format!("/{year}"))>"Every month of "{year}</a> }.into_any()
    }
}

/// Months grouped under collapsible years (the newest, or the filtered, year open), with
/// counts. On the archive page with filters, the counts follow them and each month
/// applies itself as the date filter; months with no match stay, dimmed.
#[component]
pub fn ArchiveList() -> impl IntoView {
    let shared = use_shared();
    let (filtered, chosen_year) = archive_filters();
    let list = load(shared.archive, "the archive", Shape::List, move |index| {
        let run = month_run(&index.months);
        let newest = run.first().map(|m| m.month.year);
        let mut years: Vec<(i32, Vec<MonthCount>)> = Vec::new();
        for m in run {
            match years.last_mut() {
                Some((year, months)) if *year == m.month.year => months.push(m),
                _ => years.push((m.month.year, vec![m])),
            }
        }
        let count_of = move |month: YearMonth, overall: u32| -> u32 {
            filtered.with(|f| match f {
                Some((_, counts)) => counts.get(&month).copied().unwrap_or(0),
                None => overall,
            })
        };
        // Where a month leads: the month page, or the archive with the filters kept.
        let filters = Memo::new(move |_| filtered.with(|f| f.as_ref().map(|(q, _)| q.clone())));
        // Month names are formatted once per locale: the list is drawn again only if the
        // locale changes (site.json arriving after the index).
        let years = move || {
            let locale = shared.locale.get().0;
            years
            .clone()
            .into_iter()
            .map(|(year, months)| {
                // One memo per month: a keystroke touches only the months whose count changed.
                let counts: Vec<(MonthCount, Memo<u32>)> =
                    months.iter().map(|&m| (m, Memo::new(move |_| count_of(m.month, m.count)))).collect();
                let year_counts: Vec<Memo<u32>> = counts.iter().map(|(_, c)| *c).collect();
                let year_total = move || format!("({})", year_counts.iter().map(|c| c.get()).sum::<u32>());
                let open = move || chosen_year.get().map_or(Some(year) == newest, |y| y == year);
                let items = || counts
                    .into_iter()
                    .map(|(m, count)| {
                        let month = m.month;
                        let href = move || {
                            crate::paths::href(&match filters.get() {
                                Some(q) => ArchiveQuery { year: Some(month.year), month: Some(month.month), ..q }
                                    .reset_page()
                                    .href(),
                                None => month.path(),
                            })
                        };
                        let current =
                            move || filters.with(|f| f.as_ref().is_some_and(|q| q.year_month() == Some(month)));
                        let label = format_month(month, &locale);
                        let empty = Memo::new(move |_| count.get() == 0);
                        view! {
                            <li class="archive-list__item" class:archive-list__item--empty=empty>
                                {move || if empty.get() {
                                    view! { <span>{label.clone()}</span> }.into_any()
                                } else {
                                    view! {
                                        <a href=href aria-current=move || current().then_some("page")>{label.clone()}</a>
                                    }
                                    .into_any()
                                }}
                                " "
                                <span class="archive-list__count">{move || format!("({})", count.get())}</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="archive-list__year">
                        // Open as first drawn (in the page's HTML too); then as the reader or
                        // the archive's filters choose.
                        <details open=Some(year) == newest prop:open=open>
                            <summary>
                                {year}" "<span class="archive-list__count">{year_total}</span>
                            </summary>
                            {year_months(year, &open, || view! { <ul class="archive-list__months">{items()}</ul> })}
                        </details>
                    </li>
                }
            })
            .collect_view()
        };
        view! { <ul class="archive-list__list">{years}</ul> }
    });
    view! {
        <nav class="sidebar__section archive-list" aria-labelledby="archives-heading">
            <h2 id="archives-heading" class="sidebar__heading">"Archives"</h2>
            {list}
            <p class="archive-list__more"><a href=crate::paths::href(ARCHIVE_PATH)>"Search and filter the archive"</a></p>
        </nav>
    }
}
