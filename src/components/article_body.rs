//! An article body rendered from typed blocks with `view!`: content can only ever become
//! text nodes and the few elements below, never markup of its own.

use leptos::prelude::*;
use masthead_model::url::{safe_href, safe_image_src};
use masthead_model::{newsletter_slot, Align, Block, CodeSpan, Image, Inline};

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
            4 => view! { <h4 id=id>{inlines_view(inlines)}</h4> }.into_any(),
            5 => view! { <h5 id=id>{inlines_view(inlines)}</h5> }.into_any(),
            _ => view! { <h6 id=id>{inlines_view(inlines)}</h6> }.into_any(),
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
        Block::List { ordered, items, nested, tasks } => {
            let mut nested = nested.into_iter();
            let is_tasks = !tasks.is_empty();
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let inner: Vec<AnyView> = nested.next().unwrap_or_default().into_iter().map(block_view).collect();
                    let task = tasks.get(i).copied().flatten();
                    let mark = task.map(|done| {
                        view! {
                            <span class="task" aria-hidden="true">{if done { "☑" } else { "☐" }}</span>
                            <span class="visually-hidden">{if done { "Done: " } else { "To do: " }}</span>
                        }
                    });
                    view! { <li>{mark}{inlines_view(item)}{inner}</li> }
                })
                .collect_view();
            let class = is_tasks.then_some("task-list");
            if ordered {
                view! { <ol class=class>{items}</ol> }.into_any()
            } else {
                view! { <ul class=class>{items}</ul> }.into_any()
            }
        }
        Block::Image(image) => figure(image, true),
        Block::Code { language, spans } => code_view(language, spans),
        Block::Table { align, head, rows, row_headers } => {
            let class_of = move |i: usize| match align.get(i) {
                Some(Align::Left) => Some("cell--left"),
                Some(Align::Center) => Some("cell--center"),
                Some(Align::Right) => Some("cell--right"),
                _ => None,
            };
            let head = (!head.is_empty()).then(|| {
                let cells = head
                    .into_iter()
                    .enumerate()
                    .map(|(i, cell)| view! { <th scope="col" class=class_of(i)>{inlines_view(cell)}</th> })
                    .collect_view();
                view! { <thead><tr>{cells}</tr></thead> }
            });
            let rows = rows
                .into_iter()
                .map(|row| {
                    let cells = row
                        .into_iter()
                        .enumerate()
                        .map(|(i, cell)| {
                            if row_headers && i == 0 {
                                view! { <th scope="row" class=class_of(i)>{inlines_view(cell)}</th> }.into_any()
                            } else {
                                view! { <td class=class_of(i)>{inlines_view(cell)}</td> }.into_any()
                            }
                        })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            // The table scrolls in its own box on narrow screens; the box can take the
            // keyboard's focus so it can be scrolled without a pointer.
            view! {
                <div class="table-scroll" role="region" aria-label="Table" tabindex="0">
                    <table class="table">{head}<tbody>{rows}</tbody></table>
                </div>
            }
            .into_any()
        }
        Block::Rule => view! { <hr class="section-break"/> }.into_any(),
        Block::Footnotes { notes } => {
            let notes = notes
                .into_iter()
                .map(|note| {
                    let back = format!("#fnref-{}", note.id);
                    let label = format!("Back to reference {}", note.number);
                    view! {
                        <li id=format!("fn-{}", note.id) value=note.number>
                            {inlines_view(note.inlines)}" "
                            <a class="footnotes__back" href=back aria-label=label>"↩"</a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="footnotes" aria-label="Notes">
                    <ol class="footnotes__list">{notes}</ol>
                </section>
            }
            .into_any()
        }
        Block::Unsupported => ().into_any(),
    }
}

/// Token classes the theme colours; any other class from a newer builder shows plain.
const CODE_CLASSES: &[&str] = &[
    "comment",
    "keyword",
    "string",
    "number",
    "function",
    "type",
    "constant",
    "variable",
    "operator",
    "punctuation",
    "tag",
    "attribute",
    "inserted",
    "deleted",
];

/// A code listing: highlighted spans in a scroll box, with a Copy button.
fn code_view(language: Option<String>, spans: Vec<CodeSpan>) -> AnyView {
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
    let status = RwSignal::new("");
    let copy = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            let copied = crate::share::copy_text(&text).await;
            status.set(if copied { "Copied" } else { "Select the code to copy it" });
        });
    };
    let spans = spans
        .into_iter()
        .map(|span| match span.class.as_deref().filter(|c| CODE_CLASSES.contains(c)) {
            Some(class) => view! { <span class=format!("tok-{class}")>{span.text}</span> }.into_any(),
            None => span.text.into_any(),
        })
        .collect_view();
    let label = language.clone().map_or_else(|| "Code".to_owned(), |l| format!("Code ({l})"));
    view! {
        <figure class="code">
            <div class="code__bar">
                <span class="code__language">{language}</span>
                <button type="button" class="code__copy" on:click=copy>"Copy"</button>
                <span class="code__status" role="status">{move || status.get()}</span>
            </div>
            <pre class="code__box" tabindex="0" aria-label=label><code>{spans}</code></pre>
        </figure>
    }
    .into_any()
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
        Inline::Strikethrough { children } => view! { <del>{inlines_view(children)}</del> }.into_any(),
        Inline::Superscript { children } => view! { <sup>{inlines_view(children)}</sup> }.into_any(),
        Inline::Subscript { children } => view! { <sub>{inlines_view(children)}</sub> }.into_any(),
        Inline::Keyboard { text } => view! { <kbd>{text}</kbd> }.into_any(),
        Inline::FootnoteRef { id, number } => {
            let href = format!("#fn-{id}");
            let label = format!("Note {number}");
            view! {
                <sup class="footnote-ref" id=format!("fnref-{id}")>
                    <a href=href aria-label=label>{number}</a>
                </sup>
            }
            .into_any()
        }
        Inline::Unsupported => ().into_any(),
    }
}
