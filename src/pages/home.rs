use leptos::prelude::*;
use masthead_model::archive::sort_newest_first;

use crate::components::article_body::figure;
use crate::components::date::DateTime;
use crate::components::post_card::PostCard;
use crate::components::status::{load, Shape};
use crate::state::use_shared;

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
    // The rows: front.json lists each row's stories together, in row order.
    let show = std::sync::Arc::new(|shard: masthead_model::ListShard| {
        let mut rows: Vec<Vec<masthead_model::Summary>> = Vec::new();
        for post in shard.posts {
            match rows.last_mut() {
                Some(row) if row.first().is_some_and(|p| p.category.slug == post.category.slug) => row.push(post),
                _ => rows.push(vec![post]),
            }
        }
        rows.into_iter().map(row).collect_view().into_any()
    });
    // A site built before the front page had rows has no such file: no rows.
    let absent = std::sync::Arc::new(|_notice: AnyView| {
        Box::pin(async { ().into_any() }) as std::pin::Pin<Box<dyn std::future::Future<Output = AnyView> + Send>>
    });
    let rows = super::listing::listing("front.json".into(), "the sections’ stories", show, absent);
    view! {
        <h1 class="visually-hidden">{move || shared.name()}</h1>
        {content}
        {rows}
    }
}

/// A section's row: its newest stories (the first with its picture) and a link to the rest.
fn row(posts: Vec<masthead_model::Summary>) -> AnyView {
    let Some(term) = posts.first().map(|p| p.category.clone()) else { return ().into_any() };
    let kind = masthead_model::route::TermKind::Category;
    let href = crate::paths::href(&kind.path(&term.slug, 1));
    let id = format!("front-{}", term.slug);
    let labelled_by = id.clone();
    let name = term.name;
    let stories = posts.into_iter().enumerate().map(|(i, post)| {
        let image = post.image.clone().filter(|_| i == 0).map(|image| figure(image, false));
        view! { <div class="front-row__story">{image}<PostCard post/></div> }
    });
    view! {
        <section class="front-row" aria-labelledby=labelled_by>
            <h2 id=id class="section-heading">{name.clone()}</h2>
            <div class="front-row__list">{stories.collect_view()}</div>
            <p class="front-row__more"><a href=href>{format!("More in {name}")}</a></p>
        </section>
    }
    .into_any()
}
