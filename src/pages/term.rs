use std::sync::Arc;

use leptos::prelude::*;
use masthead_model::route::TermKind;

use super::listing::{listing, paging, stories};
use crate::components::article_body::{el, ArticleBody, NO};
use crate::pages::not_found::Missing;
use crate::state::use_shared;

/// `/category/<slug>`, `/tag/<slug>`, `/author/<slug>` and their later pages: one
/// section's, tag's or author's stories, newest first, with numbered pages.
#[component]
pub fn TermPage(kind: TermKind, slug: String, page: u32) -> impl IntoView {
    let shared = use_shared();
    let missing = move || {
        match kind {
            TermKind::Category => "We couldn’t find that section, or that page of it.",
            TermKind::Tag => "We couldn’t find that tag, or that page of it.",
            TermKind::Author => "We couldn’t find that author, or that page of their stories.",
        }
        .to_owned()
    };
    let show = Arc::new(move |mut shard: masthead_model::ListShard| {
        // A section of the site's settings may have no stories yet: its one page says so.
        let Some(term) = shard.term.clone().filter(|_| !shard.posts.is_empty() || shard.total == 0) else {
            return view! { <Missing message=missing()/> }.into_any();
        };
        let name = term.name;
        let (what, generic) = match kind {
            TermKind::Category => ("Section", format!("The latest stories in {name}.")),
            TermKind::Tag => ("Tag", format!("Stories tagged {name}.")),
            TermKind::Author => ("Author", format!("Stories by {name}.")),
        };
        // A section's own description, where the settings give one.
        let about = shard.description.take();
        let description = about.clone().unwrap_or(generic);
        let title = match shard.page {
            0 | 1 => name.clone(),
            n => format!("{name} (page {n} of {})", shard.pages),
        };
        crate::head::page_head(move || shared.title(&title), move || description.clone());
        let slug = term.slug.clone();
        let paging = paging(shard.page, shard.pages, &move |n| kind.path(&slug, n));
        // The builder writes each term's feeds beside its first page.
        let feed = crate::paths::href(&format!("{}/feed.xml", kind.path(&term.slug, 1)));
        let after = view! {
            {paging}
            <p class="feed-link"><a href=feed>"Follow "{name.clone()}" by RSS"</a></p>
        };
        let intro = match shard.profile.take() {
            Some(p) => profile(&name, p),
            None => about.map(|text| view! { <p class="term__description">{text}</p> }).into_any(),
        };
        let total = shard.total;
        stories(Some(what), name.into_any(), intro, total, shard, after.into_any())
    });
    let absent = Arc::new(move |_notice: AnyView| {
        let view = view! { <Missing message=missing()/> }.into_any();
        Box::pin(async move { view }) as std::pin::Pin<Box<dyn std::future::Future<Output = AnyView> + Send>>
    });
    listing(kind.shard_file(&slug, page), "these stories", show, absent)
}

/// An author's picture, where they are, their bio and their links.
fn profile(name: &str, profile: masthead_model::Profile) -> AnyView {
    use masthead_model::url::{safe_href, safe_image_src};
    let class = |c: &str| ("class", Some(c.to_owned()));
    let links: Vec<AnyView> = profile
        .links
        .into_iter()
        .filter_map(|link| {
            let href = safe_href(&link.href)?.to_owned();
            let a = el("a", [("href", Some(href)), ("rel", Some("me".into())), NO, NO], vec![link.label.into_any()]);
            Some(el("li", [NO; 4], vec![a]))
        })
        .collect();
    let mut text = Vec::new();
    if let Some(place) = profile.location {
        text.push(el("p", [class("profile__location"), NO, NO, NO], vec![place.into_any()]));
    }
    text.push(el(
        "div",
        [class("profile__bio"), NO, NO, NO],
        vec![view! { <ArticleBody blocks=profile.bio newsletter=false/> }.into_any()],
    ));
    text.push(el("ul", [class("profile__links"), NO, NO, NO], links));
    let mut parts = Vec::new();
    if let Some(image) = profile.avatar {
        if let Some(src) = safe_image_src(&image.src).map(crate::paths::href) {
            let (width, height) = (image.width, image.height);
            parts.push(
                view! { <img class="profile__avatar" src=src alt=image.alt width=width height=height/> }.into_any(),
            );
        }
    }
    parts.push(el("div", [class("profile__text"), NO, NO, NO], text));
    let label = ("aria-label", Some(format!("About {name}")));
    el("div", [class("profile"), ("role", Some("group".into())), label, NO], parts)
}
