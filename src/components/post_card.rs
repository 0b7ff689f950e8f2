use leptos::prelude::*;
use masthead_model::Summary;

use crate::components::date::DateTime;

/// A teaser: headline linked to the article, the teaser or standfirst, byline and date.
#[component]
pub fn PostCard(post: Summary) -> impl IntoView {
    let href = crate::paths::href(&post.permalink());
    let byline = post.byline();
    view! {
        <article class="post-card">
            <p class="post-card__category">{post.category.name.clone()}</p>
            <h3 class="post-card__title">
                <a href=href>{post.title.clone()}</a>
            </h3>
            <p class="post-card__standfirst">{post.list_text().to_owned()}</p>
            <p class="post-card__meta">
                <span class="post-card__byline">{byline}</span>
                " · "
                <DateTime ts=post.published.clone()/>
            </p>
        </article>
    }
}
