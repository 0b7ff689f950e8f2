use leptos::prelude::*;
use masthead_model::route::TermKind;
use masthead_model::TermShard;

#[cfg(target_arch = "wasm32")]
use crate::api::{self, ApiError};
use crate::app::use_shared;
use crate::components::post_card::PostCard;
#[cfg(target_arch = "wasm32")]
use crate::components::status::{ErrorNotice, Loading, Shape};
use crate::pages::Missing;

/// `/category/<slug>`, `/tag/<slug>`, `/author/<slug>` and their later pages: one
/// section's, tag's or author's stories, newest first, with numbered pages.
#[component]
pub fn TermPage(kind: TermKind, slug: String, page: u32) -> impl IntoView {
    // Natively (prerendering), the page the builder gave.
    #[cfg(not(target_arch = "wasm32"))]
    {
        let shard = crate::source::given(|g| {
            g.term.clone().filter(|t| t.kind == kind.segment() && t.term.slug == slug && t.page == page)
        });
        shard.map(|shard| stories(kind, shard))
    }
    #[cfg(target_arch = "wasm32")]
    {
        let shard = LocalResource::new(move || api::term(kind, slug.clone(), page));
        let retry = Callback::new(move |()| shard.refetch());
        view! {
            <Suspense fallback=|| view! { <Loading label="these stories" shape=Shape::List/> }>
                {move || Suspend::new(async move {
                    match shard.await {
                        Ok(shard) => stories(kind, shard).into_any(),
                        Err(ApiError::NotFound { .. }) => view! { <Missing message=missing(kind)/> }.into_any(),
                        Err(error) => view! { <ErrorNotice what="these stories" error on_retry=retry/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }
}

fn missing(kind: TermKind) -> String {
    match kind {
        TermKind::Category => "We couldn’t find that section, or that page of it.",
        TermKind::Tag => "We couldn’t find that tag, or that page of it.",
        TermKind::Author => "We couldn’t find that author, or that page of their stories.",
    }
    .to_owned()
}

/// The term's heading, its stories and the links to its other pages.
fn stories(kind: TermKind, shard: TermShard) -> AnyView {
    if shard.posts.is_empty() {
        return view! { <Missing message=missing(kind)/> }.into_any();
    }
    let shared = use_shared();
    let name = shard.term.name.clone();
    let (what, description) = match kind {
        TermKind::Category => ("Section", format!("The latest stories in {name}.")),
        TermKind::Tag => ("Tag", format!("Stories tagged {name}.")),
        TermKind::Author => ("Author", format!("Stories by {name}.")),
    };
    let title = match shard.page {
        1 => name.clone(),
        n => format!("{name} (page {n} of {})", shard.pages),
    };
    crate::head::page_head(move || shared.title(&title), move || description.clone());
    let count = match shard.total {
        1 => "1 story".to_owned(),
        n => format!("{n} stories"),
    };
    let slug = shard.term.slug.clone();
    let paging = (shard.pages > 1).then(|| {
        let links = (1..=shard.pages)
            .map(|n| {
                let current = (n == shard.page).then_some("page");
                let href = crate::paths::href(&kind.path(&slug, n));
                view! { <li><a href=href aria-current=current>{n.to_string()}</a></li> }
            })
            .collect_view();
        view! {
            <nav class="paging" aria-label="Pages">
                <ol class="paging__list">{links}</ol>
            </nav>
        }
    });
    view! {
        <section class="month" aria-labelledby="month-heading">
            <p class="article__category">{what}</p>
            <h1 id="month-heading" class="month__title">{name}</h1>
            <p class="month__count">{count}</p>
            <div class="month__list">
                {shard.posts.into_iter().map(|post| view! { <PostCard post/> }).collect_view()}
            </div>
            {paging}
        </section>
    }
    .into_any()
}
