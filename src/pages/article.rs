use leptos::prelude::*;
use masthead_model::route::TermKind;
use masthead_model::text::{group_digits, listed, name_separators, table_of_contents, truncate_words};
use masthead_model::{Post, YearMonth};

#[cfg(target_arch = "wasm32")]
use crate::api::{self, ApiError};
use crate::components::article_body::{el, figure, ArticleBody, NO};
use crate::components::date::DateTime;
use crate::components::post_card::PostCard;
#[cfg(target_arch = "wasm32")]
use crate::components::status::{ErrorNotice, Loading, Shape};
#[cfg(target_arch = "wasm32")]
use crate::pages::not_found::Missing;
use crate::state::use_shared;

/// At most this many tag links at an article's foot, then "and N more" (100,000 tags took
/// Chromium 14 s to lay out; a reader has no use for more than a screenful).
const LISTED_TAGS: usize = 30;
/// At most this many linked names in a byline, then "and N more".
const LISTED_AUTHORS: usize = 10;

/// How many related posts "You might also like…" shows.
pub const RELATED_SHOWN: usize = 3;

/// `/YYYY/MM/<slug>`: one article.
#[component]
pub fn ArticlePage(month: YearMonth, slug: String) -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    {
        fetched(month, slug)
    }
    // Natively (prerendering), the post the builder gave.
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = month;
        crate::source::given(|g| g.post.clone().filter(|p| p.summary.slug == slug))
            .map(|post| view! { <Article post/> })
    }
}

/// In the browser: the post's JSON, fetched.
#[cfg(target_arch = "wasm32")]
fn fetched(month: YearMonth, slug: String) -> impl IntoView {
    let post = LocalResource::new(move || api::post(slug.clone()));
    let retry = Callback::new(move |()| post.refetch());
    // A known story under the wrong month moves to its real address.
    let location = crate::router::use_location();
    Effect::new(move || {
        if let Some(Ok(p)) = post.get() {
            if p.summary.published.year_month() != month {
                location.navigate(&p.summary.permalink(), crate::router::Go { replace: true, ..Default::default() });
            }
        }
    });
    view! {
        <Suspense fallback=|| view! { <Loading label="the article" shape=Shape::Article/> }>
            {move || Suspend::new(async move {
                match post.await {
                    Ok(post) => view! { <Article post/> }.into_any(),
                    Err(ApiError::NotFound { .. }) => {
                        view! { <Missing message="We couldn’t find that story. It may have been moved or removed."/> }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice what="this article" error on_retry=retry/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Article(mut post: Post) -> impl IntoView {
    let shared = use_shared();
    let summary = post.summary.clone();
    let related: Vec<_> = post.related_posts(RELATED_SHOWN).cloned().collect();
    let minutes = format!("{} min read", summary.reading_minutes);
    let toc = table_of_contents(&post.body);
    let (title, description) = (shared.title(&summary.title), truncate_words(&summary.standfirst, 160));
    crate::head::page_head(move || title.clone(), move || description.clone());
    let corrections = std::mem::take(&mut post.corrections);
    // The story before and after this one in its section.
    let section = &summary.category.name;
    let sequel: Vec<AnyView> = [(post.older.take(), "Previous in "), (post.newer.take(), "Next in ")]
        .into_iter()
        .filter_map(|(story, label)| {
            let story = story?;
            let href = crate::paths::href(&story.permalink());
            let label = el(
                "span",
                [("class", Some("sequel__label".into())), NO, NO, NO],
                vec![format!("{label}{section}").into_any()],
            );
            let link = el("a", [("href", Some(href)), NO, NO, NO], vec![story.title.into_any()]);
            Some(el("li", [("class", Some("sequel__item".into())), NO, NO, NO], vec![label, link]))
        })
        .collect();
    let sequel = (!sequel.is_empty()).then(|| {
        let list = el("ul", [("class", Some("sequel__list".into())), NO, NO, NO], sequel);
        el(
            "nav",
            [("class", Some("sequel".into())), ("aria-label", Some(format!("More in {section}"))), NO, NO],
            vec![list],
        )
    });
    let series = post.series.take().map(series);
    if let Some(shown) = use_context::<crate::state::ShownStory>() {
        shown.0.set(format!("{} {}", summary.slug, summary.category.slug));
    }
    // "By A, B and C", each linked; past `LISTED_AUTHORS`, "… and N more".
    let (shown, more) = listed(summary.authors.len(), LISTED_AUTHORS);
    let names = summary.authors.iter().take(shown).map(Some).chain((more > 0).then_some(None));
    let byline: Vec<AnyView> = names
        .zip(name_separators(shown + usize::from(more > 0)))
        .flat_map(|(author, sep)| {
            let name = match author {
                Some(author) => term_link(TermKind::Author, author.clone()),
                None => format!("{} more", group_digits(more as u64)).into_any(),
            };
            if sep.is_empty() {
                vec![name]
            } else {
                vec![sep.into_any(), name]
            }
        })
        .collect();
    let tags = (!summary.tags.is_empty()).then(|| {
        let (shown, more) = listed(summary.tags.len(), LISTED_TAGS);
        let mut items: Vec<AnyView> = summary
            .tags
            .iter()
            .take(shown)
            .map(|tag| el("li", [NO; 4], vec![term_link(TermKind::Tag, tag.clone())]))
            .collect();
        if more > 0 {
            items.push(el("li", [NO; 4], vec![format!("and {} more", group_digits(more as u64)).into_any()]));
        }
        el("ul", [("class", Some("article__tags".into())), ("aria-label", Some("Tags".into())), NO, NO], items)
    });
    // Opened from a search: its words marked, and a way to clear them.
    #[cfg(feature = "explorer")]
    let marks = crate::marks::on_article(&summary.permalink());
    #[cfg(not(feature = "explorer"))]
    let marks: Option<AnyView> = None;
    view! {
        <article class="article">
            {summary.draft.then(|| view! {
                <p class="draft-banner" role="note">
                    <strong>"Draft"</strong>" · readers do not see this story until it is published (draft = false)."
                </p>
            })}
            <header class="article__header">
                <p class="article__category">{term_link(TermKind::Category, summary.category.clone())}</p>
                <h1 class="article__title">{summary.title.clone()}</h1>
                <p class="article__standfirst">{summary.standfirst.clone()}</p>
                <p class="article__meta">
                    "By "<span class="article__byline">{byline}</span>
                    " · "<DateTime ts=summary.published.clone()/>
                    {summary.updated.clone().map(|u| view! { <span class="article__updated">" · Updated "<DateTime ts=u/></span> })}
                    " · "{minutes}
                </p>
                <ShareButton title=summary.title.clone() path=summary.permalink()/>
            </header>
            {marks}
            {summary.image.clone().map(|image| figure(image, false))}
            {(!toc.is_empty()).then(|| view! {
                <nav class="toc" aria-labelledby="toc-heading">
                    <h2 id="toc-heading" class="toc__heading">"On this page"</h2>
                    <ol class="toc__list">
                        {toc.into_iter().map(|entry| view! {
                            <li class=format!("toc__item toc__item--{}", entry.level)>
                                <a href=format!("#{}", entry.id)>{entry.text}</a>
                            </li>
                        }).collect_view()}
                    </ol>
                </nav>
            })}
            {series}
            <div class="article__body">
                <ArticleBody blocks=post.body/>
            </div>
            {tags}
            {(!corrections.is_empty()).then(|| view! {
                <section class="corrections" aria-labelledby="corrections-heading">
                    <h2 id="corrections-heading" class="corrections__heading">"Corrections"</h2>
                    <ul class="corrections__list">
                        {corrections.into_iter().map(|c| view! {
                            <li class="corrections__item">
                                <DateTime ts=c.date/>": "{c.text}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {sequel}
            {(!related.is_empty()).then(|| view! {
                <section class="related" aria-labelledby="related-heading">
                    <h2 id="related-heading" class="section-heading">"You might also like…"</h2>
                    <div class="related__list">
                        {related.into_iter().map(|post| view! { <PostCard post/> }).collect_view()}
                    </div>
                </section>
            })}
        </article>
    }
}

/// "Part 2 of 5" of a series, with every part listed in order (this one marked, not linked).
fn series(series: masthead_model::Series) -> AnyView {
    let class = |c: &str| ("class", Some(c.to_owned()));
    let total = series.parts.len();
    let items: Vec<AnyView> = series
        .parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            // A part's address the contract's rules refuse is shown as its title alone.
            match masthead_model::url::safe_href(&part.path) {
                Some(path) if i + 1 != series.part as usize => {
                    let href = crate::paths::href(path);
                    el("li", [NO; 4], vec![el("a", [("href", Some(href)), NO, NO, NO], vec![part.title.into_any()])])
                }
                _ => {
                    let current = (i + 1 == series.part as usize).then(|| "page".to_owned());
                    el("li", [("aria-current", current), NO, NO, NO], vec![part.title.into_any()])
                }
            }
        })
        .collect();
    let heading = format!("Part {} of {total} · ", series.part);
    let name = el("strong", [NO; 4], vec![series.name.clone().into_any()]);
    let children = vec![
        el("p", [class("series__part"), NO, NO, NO], vec![heading.into_any(), name]),
        el("ol", [class("series__list"), NO, NO, NO], items),
    ];
    el("nav", [class("series"), ("aria-label", Some(format!("Series: {}", series.name))), NO, NO], children)
}

/// A link to a section's, tag's or author's page; the name alone for a slug no page can
/// have.
fn term_link(kind: TermKind, term: masthead_model::Term) -> AnyView {
    if !masthead_model::url::is_valid_slug(&term.slug) {
        return term.name.into_any();
    }
    let href = crate::paths::href(&kind.path(&term.slug, 1));
    el("a", [("href", Some(href)), NO, NO, NO], vec![term.name.into_any()])
}

/// Shares the article through the system's share sheet (the Web Share API) where there is
/// one, and otherwise copies its address; no third-party script involved.
#[component]
fn ShareButton(title: String, path: String) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let share = move |_| {
        let (title, path) = (title.clone(), path.clone());
        leptos::task::spawn_local(async move {
            status.set(crate::share::share(&title, &crate::paths::href(&path)).await);
        });
    };
    view! {
        <p class="share">
            <button type="button" class="share__button" on:click=share>"Share"</button>
            <span class="share__status" role="status">{move || status.get()}</span>
        </p>
    }
}
