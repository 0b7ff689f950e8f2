use leptos::prelude::*;
use masthead_model::archive::sort_newest_first;
use masthead_model::{MonthShard, YearMonth};

#[cfg(target_arch = "wasm32")]
use crate::api::{self, ApiError};
use crate::app::use_shared;
use crate::components::post_card::PostCard;
#[cfg(target_arch = "wasm32")]
use crate::components::status::{ErrorNotice, Loading, Shape};
use crate::intl::format_month;
#[cfg(target_arch = "wasm32")]
use crate::pages::Missing;

/// `/YYYY/MM`: the stories of one month, newest first.
#[component]
pub fn MonthPage(month: YearMonth) -> impl IntoView {
    let shared = use_shared();
    let label = move || format_month(month, &shared.locale().0);
    crate::head::page_head(move || shared.title(&label()), move || format!("Stories published in {}.", label()));
    // Natively (prerendering), the month the builder gave.
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::source::given(|g| g.month.clone().filter(|m| m.month == month)).map(|shard| stories(label, shard))
    }
    #[cfg(target_arch = "wasm32")]
    {
        fetched(month, label)
    }
}

/// The month's heading and its stories, newest first.
fn stories(label: impl Fn() -> String + Send + Sync + 'static, shard: MonthShard) -> impl IntoView {
    let mut posts = shard.posts;
    sort_newest_first(&mut posts);
    let count = match posts.len() {
        1 => "1 story".to_owned(),
        n => format!("{n} stories"),
    };
    view! {
        <section class="month" aria-labelledby="month-heading">
            <h1 id="month-heading" class="month__title">{label}</h1>
            <p class="month__count">{count}</p>
            <div class="month__list">
                {posts.into_iter().map(|post| view! { <PostCard post/> }).collect_view()}
            </div>
        </section>
    }
}

/// In the browser: the month's JSON, fetched.
#[cfg(target_arch = "wasm32")]
fn fetched(month: YearMonth, label: impl Fn() -> String + Copy + Send + Sync + 'static) -> impl IntoView {
    let shared = use_shared();
    let shard = LocalResource::new(move || api::month(month));
    let retry = Callback::new(move |()| shard.refetch());
    view! {
        <Suspense fallback=|| view! { <Loading label="this month’s stories" shape=Shape::List/> }>
            {move || Suspend::new(async move {
                match shard.await {
                    Ok(shard) => stories(label, shard).into_any(),
                    Err(error @ ApiError::NotFound { .. }) => {
                        // A month the archive index lists has stories: its missing file is
                        // an error of the site, not an empty month.
                        let index = shared.archive.resource().await;
                        if index.is_ok_and(|index| index.months.iter().any(|m| m.month == month)) {
                            view! { <ErrorNotice what="this month’s stories" error on_retry=retry/> }.into_any()
                        } else {
                            let message = format!("No stories were published in {}.", label());
                            view! { <Missing message/> }.into_any()
                        }
                    }
                    Err(error) => view! { <ErrorNotice what="this month’s stories" error on_retry=retry/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
