//! An article body rendered from typed blocks with `view!`: content can only ever become
//! text nodes and the few elements below, never markup of its own.

use leptos::prelude::*;
use masthead_model::url::{safe_href, safe_image_src};
use masthead_model::{newsletter_slot, Block, Image, Inline};

use crate::components::newsletter::NewsletterBox;

#[component]
pub fn ArticleBody(blocks: Vec<Block>) -> impl IntoView {
    let slot = newsletter_slot(&blocks);
    let mut views: Vec<AnyView> = Vec::with_capacity(blocks.len() + 1);
    for (i, block) in blocks.into_iter().enumerate() {
        if slot == Some(i) {
            views.push(view! { <NewsletterBox id="inline" inline=true/> }.into_any());
        }
        views.push(block_view(block));
    }
    if slot.is_none() {
        views.push(view! { <NewsletterBox id="inline" inline=true/> }.into_any());
    }
    views
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Paragraph { inlines } => view! { <p>{inlines_view(inlines)}</p> }.into_any(),
        Block::Heading { level, id, inlines } => match level {
            0..=2 => view! { <h2 id=id>{inlines_view(inlines)}</h2> }.into_any(),
            3 => view! { <h3 id=id>{inlines_view(inlines)}</h3> }.into_any(),
            _ => view! { <h4 id=id>{inlines_view(inlines)}</h4> }.into_any(),
        },
        Block::Quote { paragraphs, cite } => view! {
            <figure class="quote">
                <blockquote class="quote__text">
                    {paragraphs.into_iter().map(|p| view! { <p>{inlines_view(p)}</p> }).collect_view()}
                </blockquote>
                {cite.map(|cite| view! { <figcaption class="quote__cite">"— "<cite>{cite}</cite></figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List { ordered, items } => {
            let items = items.into_iter().map(|item| view! { <li>{inlines_view(item)}</li> }).collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Image(image) => figure(image, true),
        Block::Unsupported => ().into_any(),
    }
}

/// An image with its caption; nothing at all if its address is not one we load.
pub fn figure(image: Image, lazy: bool) -> AnyView {
    let Some(src) = safe_image_src(&image.src).map(crate::paths::href) else {
        return ().into_any();
    };
    // Other widths of the picture, each checked like the main address; the browser picks
    // one for the column's width (the article's measure on wide screens, the screen's
    // width on narrow ones).
    let mut widths: Vec<String> = image
        .sources
        .iter()
        .filter(|s| s.width > 0)
        .filter_map(|s| safe_image_src(&s.src).map(|src| format!("{} {}w", crate::paths::href(src), s.width)))
        .collect();
    if let (false, Some(width)) = (widths.is_empty(), image.width) {
        widths.push(format!("{src} {width}w"));
    }
    let srcset = (!widths.is_empty()).then(|| widths.join(", "));
    let sizes = srcset.as_ref().map(|_| "(min-width: 72rem) 42rem, 100vw");
    view! {
        <figure class="figure">
            <img
                class="figure__image"
                src=src
                srcset=srcset
                sizes=sizes
                alt=image.alt
                width=image.width
                height=image.height
                loading=if lazy { "lazy" } else { "eager" }
                decoding="async"
            />
            {image.caption.map(|c| view! { <figcaption class="figure__caption">{c}</figcaption> })}
        </figure>
    }
    .into_any()
}

fn inlines_view(inlines: Vec<Inline>) -> Vec<AnyView> {
    inlines.into_iter().map(inline_view).collect()
}

fn inline_view(inline: Inline) -> AnyView {
    match inline {
        Inline::Text { text } => text.into_any(),
        Inline::Emphasis { children } => view! { <em>{inlines_view(children)}</em> }.into_any(),
        Inline::Strong { children } => view! { <strong>{inlines_view(children)}</strong> }.into_any(),
        Inline::Code { text } => view! { <code>{text}</code> }.into_any(),
        Inline::Link { href, children } => match safe_href(&href) {
            Some(href) => view! { <a href=crate::paths::href(href)>{inlines_view(children)}</a> }.into_any(),
            // A link the contract does not allow keeps its words and loses its target.
            None => view! { <span>{inlines_view(children)}</span> }.into_any(),
        },
        Inline::LineBreak => view! { <br/> }.into_any(),
        Inline::Unsupported => ().into_any(),
    }
}
