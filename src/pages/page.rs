//! `/<slug>`: a standalone page of the site (about, privacy, contact…).

use leptos::prelude::*;
use masthead_model::Page;

#[cfg(target_arch = "wasm32")]
use crate::api::{self, ApiError};
use crate::components::article_body::ArticleBody;
use crate::components::date::DateTime;
#[cfg(target_arch = "wasm32")]
use crate::components::status::{ErrorNotice, Loading, Shape};
#[cfg(target_arch = "wasm32")]
use crate::pages::not_found::Missing;
use crate::state::use_shared;

#[component]
pub fn StandalonePage(slug: String) -> impl IntoView {
    // Natively (prerendering), the page the builder gave.
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::source::given(|g| g.page.clone().filter(|p| p.slug == slug)).map(|page| view! { <PageView page/> })
    }
    #[cfg(target_arch = "wasm32")]
    {
        fetched(slug)
    }
}

/// In the browser: the page's JSON, fetched.
#[cfg(target_arch = "wasm32")]
fn fetched(slug: String) -> impl IntoView {
    let page = LocalResource::new(move || api::page(slug.clone()));
    let retry = Callback::new(move |()| page.refetch());
    // Drawn from the resource's state directly (no Suspense: its machinery, instantiated
    // for one more type, would cost the reader's wasm far more than this page does).
    move || match page.get() {
        None => view! { <Loading label="the page" shape=Shape::Article/> }.into_any(),
        Some(Ok(page)) => view! { <PageView page/> }.into_any(),
        Some(Err(ApiError::NotFound { .. })) => view! { <Missing/> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice what="this page" error on_retry=retry/> }.into_any(),
    }
}

#[component]
fn PageView(page: Page) -> impl IntoView {
    let shared = use_shared();
    let title = page.title.clone();
    let description = page.description.clone().unwrap_or_default();
    crate::head::page_head(move || shared.title(&title), move || description.clone());
    view! {
        <article class="article article--page">
            <header class="article__header">
                <h1 class="article__title">{page.title}</h1>
                {page.description.map(|d| view! { <p class="article__standfirst">{d}</p> })}
                {page.updated.map(|u| view! { <p class="article__meta">"Updated "<DateTime ts=u/></p> })}
            </header>
            <div class="article__body">
                <ArticleBody blocks=page.body newsletter=false/>
            </div>
        </article>
    }
}
