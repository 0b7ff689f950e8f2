use leptos::prelude::*;

use crate::components::article_body::{el, NO};
use crate::components::status::{ErrorNotice, Loading, Shape};
use crate::intl::format_month;
use crate::pages::not_found::Missing;
use crate::state::use_shared;

/// `/YYYY`: the year's months with their counts, newest first, read from the archive index
/// the sidebar reads too; links to the years before and after.
#[component]
pub fn YearPage(year: i32) -> impl IntoView {
    let shared = use_shared();
    let label = year.to_string();
    crate::head::page_head(move || shared.title(&year.to_string()), move || format!("Stories published in {year}."));
    // Read as the archive index arrives (no suspense of its own: the sidebar waits on the
    // same file).
    let page = move |index: crate::api::Archive| {
        let months: Vec<_> = index.months.iter().filter(|m| m.month.year == year && m.count > 0).copied().collect();
        if months.is_empty() {
            let message = format!("No stories were published in {year}.");
            return view! { <Missing message/> }.into_any();
        }
        let total: u32 = months.iter().map(|m| m.count).sum();
        let locale = shared.locale.get().0;
        let items: Vec<AnyView> = months
            .into_iter()
            .map(|m| {
                let href = crate::paths::href(&m.month.path());
                let link = el("a", [("href", Some(href)), NO, NO, NO], vec![format_month(m.month, &locale).into_any()]);
                let count = el(
                    "span",
                    [("class", Some("archive-list__count".into())), NO, NO, NO],
                    vec![format!("({})", m.count).into_any()],
                );
                el("li", [NO; 4], vec![link, " ".into_any(), count])
            })
            .collect();
        // The nearest years with stories on either side.
        let years = |newer: bool| {
            let other = index.months.iter().filter(|m| m.count > 0).map(|m| m.month.year);
            if newer {
                other.filter(|y| *y > year).min()
            } else {
                other.filter(|y| *y < year).max()
            }
        };
        let link = |y: Option<i32>| {
            y.map(|y| {
                let a = el(
                    "a",
                    [("href", Some(crate::paths::href(&format!("/{y}")))), NO, NO, NO],
                    vec![y.to_string().into_any()],
                );
                el("li", [NO; 4], vec![a])
            })
        };
        view! {
            <section class="month" aria-labelledby="month-heading">
                <h1 id="month-heading" class="month__title">{label.clone()}</h1>
                <p class="month__count">{if total == 1 { "1 story".to_owned() } else { format!("{total} stories") }}</p>
                <ul class="year__months">{items}</ul>
                <nav class="paging" aria-label="Other years">
                    <ul class="paging__list">{link(years(false))}{link(years(true))}</ul>
                </nav>
            </section>
        }
        .into_any()
    };
    move || match shared.archive.get() {
        Some(Ok(index)) => page(index),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| shared.archive.refetch());
            view! { <ErrorNotice what="the year’s months" error on_retry=retry/> }.into_any()
        }
        None => view! { <Loading label="the year’s months" shape=Shape::List/> }.into_any(),
    }
}
