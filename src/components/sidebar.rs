//! The sidebar on every page: Recent Posts, Archives, newsletter signup. Each part loads
//! and fails on its own, so a failed sidebar leaves the article readable.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use masthead_model::archive::{month_run, recent_posts};
use masthead_model::url::article_slug;

use crate::app::use_shared;
use crate::components::newsletter::NewsletterBox;
use crate::components::status::{load, Shape};
use crate::intl::format_month;

/// How many headlines "Recent Posts" lists.
pub const RECENT_COUNT: usize = 5;

#[component]
pub fn Sidebar() -> impl IntoView {
    view! {
        <aside class="page__sidebar sidebar" aria-label="More from this publication">
            <RecentPosts/>
            <ArchiveList/>
            <NewsletterBox id="sidebar"/>
        </aside>
    }
}

#[component]
pub fn RecentPosts() -> impl IntoView {
    let shared = use_shared();
    let location = use_location();
    let list = load(shared.latest, "Recent Posts", Shape::List, move |latest| {
        move || {
            let path = location.pathname.get();
            recent_posts(&latest.posts, article_slug(&path), RECENT_COUNT)
                .into_iter()
                .map(|post| {
                    let href = post.permalink();
                    view! { <li class="recent-posts__item"><a href=href>{post.title.clone()}</a></li> }
                })
                .collect_view()
        }
    });
    view! {
        <section class="sidebar__section recent-posts" aria-labelledby="recent-posts-heading">
            <h2 id="recent-posts-heading" class="sidebar__heading">"Recent Posts"</h2>
            <ul class="recent-posts__list">{list}</ul>
        </section>
    }
}

#[component]
pub fn ArchiveList() -> impl IntoView {
    let shared = use_shared();
    let list = load(shared.archive, "the archive", Shape::List, move |index| {
        move || {
            let (locale, _) = shared.locale();
            month_run(&index.months)
                .into_iter()
                .map(|m| {
                    let label = format_month(m.month, &locale);
                    let count = format!("({})", m.count);
                    if m.count == 0 {
                        view! {
                            <li class="archive-list__item archive-list__item--empty">
                                {label}" "<span class="archive-list__count">{count}</span>
                            </li>
                        }
                        .into_any()
                    } else {
                        view! {
                            <li class="archive-list__item">
                                <a href=m.month.path()>{label}</a>" "
                                <span class="archive-list__count">{count}</span>
                            </li>
                        }
                        .into_any()
                    }
                })
                .collect_view()
        }
    });
    view! {
        <nav class="sidebar__section archive-list" aria-labelledby="archives-heading">
            <h2 id="archives-heading" class="sidebar__heading">"Archives"</h2>
            <ul class="archive-list__list">{list}</ul>
        </nav>
    }
}
