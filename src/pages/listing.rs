//! A page of stories read from one file of the contract (a month's, or a page of a
//! section's, tag's or author's): one fetch, one decoded shape and one story list for
//! every such page, so each kind of list costs the reader's wasm its heading only.

use std::sync::Arc;

use leptos::prelude::*;
use masthead_model::ListShard;

#[cfg(target_arch = "wasm32")]
use crate::api::{self, ApiError};
use crate::components::post_card::PostCard;
#[cfg(target_arch = "wasm32")]
use crate::components::status::{ErrorNotice, Loading, Shape};

/// Makes the page from its file.
pub type Show = Arc<dyn Fn(ListShard) -> AnyView + Send + Sync>;
/// What the page shows when its file is missing (the host answered 404), given the error
/// notice it would show for a file that should be there.
pub type Absent =
    Arc<dyn Fn(AnyView) -> std::pin::Pin<Box<dyn std::future::Future<Output = AnyView> + Send>> + Send + Sync>;

/// The page for `file` (under `/content/`); `what` names its stories in the loading and
/// error states ("this month’s stories"): fetched in the browser; natively, the file the
/// builder gave for this page, if it is this one.
pub fn listing(file: String, what: &'static str, show: Show, absent: Absent) -> AnyView {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (what, absent);
        crate::source::given(|g| g.list.clone().filter(|(f, _)| *f == file)).map(|(_, shard)| show(shard)).into_any()
    }
    #[cfg(target_arch = "wasm32")]
    {
        let shard = LocalResource::new(move || api::list(file.clone()));
        let retry = Callback::new(move |()| shard.refetch());
        view! {
            <Suspense fallback=move || view! { <Loading label=what shape=Shape::List/> }>
                {move || {
                    let (show, absent) = (show.clone(), absent.clone());
                    Suspend::new(async move {
                        match shard.await {
                            Ok(shard) => show(shard),
                            Err(error @ ApiError::NotFound { .. }) => {
                                let notice = view! { <ErrorNotice what error on_retry=retry/> };
                                absent(notice.into_any()).await
                            }
                            Err(error) => view! { <ErrorNotice what error on_retry=retry/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        }
        .into_any()
    }
}

/// The numbered links to a list's pages, the current one marked; nothing for a list of one
/// page. `path` gives page n's site path.
pub fn paging(page: u32, pages: u32, path: &dyn Fn(u32) -> String) -> Option<AnyView> {
    (pages > 1).then(|| {
        let links = (1..=pages)
            .map(|n| {
                let current = (n == page).then_some("page");
                let href = crate::paths::href(&path(n));
                view! { <li><a href=href aria-current=current>{n.to_string()}</a></li> }
            })
            .collect_view();
        view! {
            <nav class="paging" aria-label="Pages">
                <ol class="paging__list">{links}</ol>
            </nav>
        }
        .into_any()
    })
}

/// A list's heading (with the label above it, if any), what comes before the stories (an
/// author's profile), its count of stories, the stories and anything after them (the
/// links to other pages).
pub fn stories(
    label: Option<&'static str>,
    heading: AnyView,
    intro: AnyView,
    total: u32,
    shard: ListShard,
    after: AnyView,
) -> AnyView {
    let count = match total {
        0 => "No stories here yet.".to_owned(),
        1 => "1 story".to_owned(),
        n => format!("{n} stories"),
    };
    view! {
        <section class="month" aria-labelledby="month-heading">
            {label.map(|l| view! { <p class="article__category">{l}</p> })}
            <h1 id="month-heading" class="month__title">{heading}</h1>
            {intro}
            <p class="month__count">{count}</p>
            <div class="month__list">
                {shard.posts.into_iter().map(|post| view! { <PostCard post/> }).collect_view()}
            </div>
            {after}
        </section>
    }
    .into_any()
}
