use leptos::prelude::*;
use masthead_model::archive::sort_newest_first;

use crate::app::use_shared;
use crate::components::article_body::figure;
use crate::components::date::DateTime;
use crate::components::post_card::PostCard;
use crate::components::status::{load, Shape};

/// The front page: the lead story and the latest headlines.
#[component]
pub fn HomePage() -> impl IntoView {
    let shared = use_shared();
    let title = move || {
        let site = shared.site();
        match site {
            Some(s) => format!("{} | {}", s.name, s.tagline),
            None => shared.name(),
        }
    };
    let description = move || shared.site().map(|s| s.tagline).unwrap_or_default();
    crate::head::page_head(title, description);
    let content = load(shared.latest, "the latest stories", Shape::Article, move |latest| {
        let mut posts = latest.posts;
        sort_newest_first(&mut posts);
        // The editors' featured story leads when there is one; the rest follow, newest first.
        let lead = match latest.lead {
            Some(featured) => {
                posts.retain(|p| p.slug != featured.slug);
                Some(featured)
            }
            None if posts.is_empty() => None,
            None => Some(posts.remove(0)),
        };
        let posts = posts.into_iter();
        let Some(lead) = lead else {
            return view! { <p class="empty">"No stories have been published yet."</p> }.into_any();
        };
        let href = crate::paths::href(&lead.permalink());
        let byline = lead.byline();
        view! {
            <article class="lead">
                {lead.image.clone().map(|image| figure(image, false))}
                <p class="lead__category">{lead.category.name.clone()}</p>
                <h2 class="lead__title"><a href=href>{lead.title.clone()}</a></h2>
                <p class="lead__standfirst">{lead.list_text().to_owned()}</p>
                <p class="lead__meta">{byline}" · "<DateTime ts=lead.published.clone()/></p>
            </article>
            <section class="latest" aria-labelledby="latest-heading">
                <h2 id="latest-heading" class="section-heading">"Latest"</h2>
                <div class="latest__list">
                    {posts.map(|post| view! { <PostCard post/> }).collect_view()}
                </div>
            </section>
        }
        .into_any()
    });
    view! {
        <h1 class="visually-hidden">{move || shared.name()}</h1>
        {content}
    }
}
