use std::sync::Arc;

use leptos::prelude::*;
use masthead_model::archive::sort_newest_first;
use masthead_model::YearMonth;

use super::listing::{listing, paging, stories};
use crate::intl::format_month;
use crate::pages::not_found::Missing;
use crate::state::use_shared;

/// `/YYYY/MM` and its later pages (`/YYYY/MM/page/2`): the stories of one month, newest
/// first, with numbered pages.
#[component]
pub fn MonthPage(month: YearMonth, page: u32) -> impl IntoView {
    let shared = use_shared();
    let label = move || format_month(month, &shared.locale().0);
    let description = move || format!("Stories published in {}.", label());
    crate::head::page_head(move || shared.title(&label()), description);
    let show = Arc::new(move |mut shard: masthead_model::ListShard| {
        sort_newest_first(&mut shard.posts);
        // A file of the whole month (no pages) counts its stories.
        let total = if shard.total == 0 { u32::try_from(shard.posts.len()).unwrap_or(u32::MAX) } else { shard.total };
        if shard.pages > 1 {
            let title = format!("{} (page {} of {})", label(), shard.page, shard.pages);
            crate::head::page_head(move || shared.title(&title), description);
        }
        let paging = paging(shard.page, shard.pages, &move |n| month.page_path(n));
        let year = crate::paths::href(&format!("/{}", month.year));
        let after = view! {
            {paging}
            <p class="feed-link"><a href=year>"Every month of "{month.year}</a></p>
        };
        stories(None, label.into_any(), ().into_any(), total, shard, after.into_any())
    });
    // A month the archive index lists has stories: its missing file is an error of the
    // site, not an empty month.
    let absent = Arc::new(move |notice: AnyView| {
        let fut = async move {
            #[cfg(target_arch = "wasm32")]
            let listed =
                page == 1 && shared.archive.resource().await.is_ok_and(|i| i.months.iter().any(|m| m.month == month));
            // Natively a page is written only for a month that has its file.
            #[cfg(not(target_arch = "wasm32"))]
            let listed = false;
            if listed {
                notice
            } else {
                let message = match page {
                    1 => format!("No stories were published in {}.", label()),
                    n => format!("{} has no page {n}.", label()),
                };
                view! { <Missing message/> }.into_any()
            }
        };
        Box::pin(fut) as std::pin::Pin<Box<dyn std::future::Future<Output = AnyView> + Send>>
    });
    listing(format!("archive/{}", month.page_file(page)), "this month’s stories", show, absent)
}
