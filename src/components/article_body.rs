//! An article body rendered from typed blocks with `view!`: content can only ever become
//! text nodes and the few elements below, never markup of its own.

use leptos::prelude::*;
use masthead_model::url::{safe_href, safe_image_src};
use masthead_model::{newsletter_slot, Align, Block, CodeSpan, Embed, Image, Inline, Layout};

use crate::components::newsletter::NewsletterBox;

#[component]
pub fn ArticleBody(
    blocks: Vec<Block>,
    /// The newsletter's call to action inside the body (articles have it; pages do not).
    #[prop(default = true)]
    newsletter: bool,
) -> impl IntoView {
    let slot = if newsletter { newsletter_slot(&blocks) } else { None };
    let mut views: Vec<AnyView> = Vec::with_capacity(blocks.len() + 1);
    for (i, block) in blocks.into_iter().enumerate() {
        if slot == Some(i) {
            views.push(view! { <NewsletterBox id="inline" inline=true/> }.into_any());
        }
        views.push(block_view(block));
    }
    if newsletter && slot.is_none() {
        views.push(view! { <NewsletterBox id="inline" inline=true/> }.into_any());
    }
    views
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Paragraph { inlines } => el("p", [NO; 4], inlines_view(inlines)),
        Block::Heading { level, id, inlines } => {
            let tag = match level {
                0..=2 => "h2",
                3 => "h3",
                4 => "h4",
                5 => "h5",
                _ => "h6",
            };
            el(tag, [("id", Some(id)), NO, NO, NO], inlines_view(inlines))
        }
        Block::Quote { paragraphs, cite } => {
            let paragraphs = paragraphs.into_iter().map(|p| el("p", [NO; 4], inlines_view(p))).collect();
            let mut children = vec![el("blockquote", [("class", Some("quote__text".into())), NO, NO, NO], paragraphs)];
            if let Some(cite) = cite {
                let cite = el("cite", [NO; 4], vec![cite.into_any()]);
                children.push(el(
                    "figcaption",
                    [("class", Some("quote__cite".into())), NO, NO, NO],
                    vec!["— ".into_any(), cite],
                ));
            }
            el("figure", [("class", Some("quote".into())), NO, NO, NO], children)
        }
        Block::List { ordered, items, nested, tasks } => {
            let mut nested = nested.into_iter();
            let class = (!tasks.is_empty()).then(|| "task-list".to_owned());
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let mut children = Vec::new();
                    if let Some(done) = tasks.get(i).copied().flatten() {
                        let hidden = Some("true".to_owned());
                        children.push(el("span", [("class", Some("task".into())), ("aria-hidden", hidden), NO, NO], {
                            vec![if done { "☑" } else { "☐" }.into_any()]
                        }));
                        children.push(el("span", [("class", Some("visually-hidden".into())), NO, NO, NO], {
                            vec![if done { "Done: " } else { "To do: " }.into_any()]
                        }));
                    }
                    children.extend(inlines_view(item));
                    children.extend(nested.next().unwrap_or_default().into_iter().map(block_view));
                    el("li", [NO; 4], children)
                })
                .collect();
            el(if ordered { "ol" } else { "ul" }, [("class", class), NO, NO, NO], items)
        }
        Block::Image(image) => figure(image, true),
        Block::Gallery { images, caption } => {
            let class = format!("gallery gallery--{}", images.len().min(4));
            let row = el("div", [("class", Some("gallery__row".into())), NO, NO, NO], {
                images.into_iter().map(|image| figure(image, true)).collect()
            });
            let mut children = vec![row];
            if let Some(caption) = caption {
                children.push(el("figcaption", [("class", Some("gallery__caption".into())), NO, NO, NO], {
                    vec![caption.into_any()]
                }));
            }
            el("figure", [("class", Some(class)), NO, NO, NO], children)
        }
        Block::PullQuote { inlines, cite } => {
            let text = el("p", [NO; 4], inlines_view(inlines));
            let mut children =
                vec![el("blockquote", [("class", Some("pull-quote__text".into())), NO, NO, NO], vec![text])];
            if let Some(cite) = cite {
                let cite = el("cite", [NO; 4], vec![cite.into_any()]);
                children.push(el(
                    "figcaption",
                    [("class", Some("pull-quote__cite".into())), NO, NO, NO],
                    vec!["— ".into_any(), cite],
                ));
            }
            el("figure", [("class", Some("pull-quote".into())), NO, NO, NO], children)
        }
        Block::Code { language, spans } => code_view(language, spans),
        Block::Table { align, head, rows, row_headers } => {
            let class_of = |i: usize| match align.get(i) {
                Some(Align::Left) => Some("cell--left".to_owned()),
                Some(Align::Center) => Some("cell--center".to_owned()),
                Some(Align::Right) => Some("cell--right".to_owned()),
                _ => None,
            };
            let mut parts = Vec::new();
            if !head.is_empty() {
                let cells = head
                    .into_iter()
                    .enumerate()
                    .map(|(i, cell)| {
                        el("th", [("scope", Some("col".into())), ("class", class_of(i)), NO, NO], inlines_view(cell))
                    })
                    .collect();
                parts.push(el("thead", [NO; 4], vec![el("tr", [NO; 4], cells)]));
            }
            let rows = rows
                .into_iter()
                .map(|row| {
                    let cells = row
                        .into_iter()
                        .enumerate()
                        .map(|(i, cell)| {
                            if row_headers && i == 0 {
                                el(
                                    "th",
                                    [("scope", Some("row".into())), ("class", class_of(i)), NO, NO],
                                    inlines_view(cell),
                                )
                            } else {
                                el("td", [("class", class_of(i)), NO, NO, NO], inlines_view(cell))
                            }
                        })
                        .collect();
                    el("tr", [NO; 4], cells)
                })
                .collect();
            parts.push(el("tbody", [NO; 4], rows));
            let table = el("table", [("class", Some("table".into())), NO, NO, NO], parts);
            // The table scrolls in its own box on narrow screens; the box can take the
            // keyboard's focus so it can be scrolled without a pointer.
            el(
                "div",
                [
                    ("class", Some("table-scroll".into())),
                    ("role", Some("region".into())),
                    ("aria-label", Some("Table".into())),
                    ("tabindex", Some("0".into())),
                ],
                vec![table],
            )
        }
        Block::Embed(embed) => embed_view(embed),
        Block::Rule => void_hr(),
        Block::Definitions { terms } => {
            let mut children = Vec::new();
            for d in terms {
                children.push(el("dt", [NO; 4], inlines_view(d.term)));
                children.extend(d.details.into_iter().map(|detail| el("dd", [NO; 4], inlines_view(detail))));
            }
            el("dl", [("class", Some("definitions".into())), NO, NO, NO], children)
        }
        Block::Footnotes { notes } => {
            let notes = notes
                .into_iter()
                .map(|note| {
                    let back = el(
                        "a",
                        [
                            ("class", Some("footnotes__back".into())),
                            ("href", Some(format!("#fnref-{}", note.id))),
                            ("aria-label", Some(format!("Back to reference {}", note.number))),
                            NO,
                        ],
                        vec!["↩".into_any()],
                    );
                    let mut children = inlines_view(note.inlines);
                    children.push(" ".into_any());
                    children.push(back);
                    el(
                        "li",
                        [("id", Some(format!("fn-{}", note.id))), ("value", Some(note.number.to_string())), NO, NO],
                        children,
                    )
                })
                .collect();
            let list = el("ol", [("class", Some("footnotes__list".into())), NO, NO, NO], notes);
            el(
                "section",
                [("class", Some("footnotes".into())), ("aria-label", Some("Notes".into())), NO, NO],
                vec![list],
            )
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

/// A line break. Written by the builder through its own element type, which has no end tag;
/// in the browser, [`el`]'s one type makes the same element for a few bytes less.
fn void_br() -> AnyView {
    if crate::web::WRITING_PAGES {
        view! { <br/> }.into_any()
    } else {
        el("br", [NO; 4], Vec::new())
    }
}

/// A section break, as [`void_br`].
fn void_hr() -> AnyView {
    if crate::web::WRITING_PAGES {
        view! { <hr class="section-break"/> }.into_any()
    } else {
        el("hr", [("class", Some("section-break".into())), NO, NO, NO], Vec::new())
    }
}

/// No attribute, in [`el`]'s list.
pub(crate) const NO: (&str, Option<String>) = ("", None);

/// One element of a body, by tag name, with up to four attributes (an absent value, or
/// an empty name, writes none) and its children. Every element made here shares one type,
/// so each kind of block costs the reader's wasm a few bytes rather than a new set of view
/// types. Text children are text nodes: nothing here parses markup.
/// (Not for the page the builder writes of void elements such as `br` and `hr`: a custom
/// element is written with an end tag, and a browser reads `</br>` as a second break. See
/// [`void_br`].)
pub(crate) fn el(tag: &'static str, attrs: [(&'static str, Option<String>); 4], children: Vec<AnyView>) -> AnyView {
    use leptos::tachys::html::attribute::custom::CustomAttribute;
    use leptos::tachys::html::element::{custom, ElementChild};
    let [a, b, c, d] = attrs.map(|(name, value)| (name, value.filter(|_| !name.is_empty())));
    custom(tag).attr(a.0, a.1).attr(b.0, b.1).attr(c.0, c.1).attr(d.0, d.1).child(children).into_any()
}

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
    let spans: Vec<AnyView> = spans
        .into_iter()
        .map(|span| match span.class.as_deref().filter(|c| CODE_CLASSES.contains(c)) {
            Some(class) => {
                el("span", [("class", Some(format!("tok-{class}"))), NO, NO, NO], vec![span.text.into_any()])
            }
            None => span.text.into_any(),
        })
        .collect();
    let label = language.clone().map_or_else(|| "Code".to_owned(), |l| format!("Code ({l})"));
    let code = el("code", [NO; 4], spans);
    let pre = el(
        "pre",
        [("class", Some("code__box".into())), ("tabindex", Some("0".into())), ("aria-label", Some(label)), NO],
        vec![code],
    );
    view! {
        <figure class="code">
            <div class="code__bar">
                <span class="code__language">{language}</span>
                <button type="button" class="code__copy" on:click=copy>"Copy"</button>
                <span class="code__status" role="status">{move || status.get()}</span>
            </div>
            {pre}
        </figure>
    }
    .into_any()
}

/// An embed, consent first: a card on the site's own page with the provider named, a
/// button that loads the provider's frame, and a plain link (which works without
/// JavaScript). Nothing is requested from the provider until the button is pressed.
fn embed_view(embed: Embed) -> AnyView {
    let Some(url) = safe_href(&embed.url).filter(|u| u.starts_with("https://")).map(str::to_owned) else {
        return ().into_any();
    };
    let src = embed.src.filter(|s| s.starts_with("https://") && safe_href(s).is_some());
    let loaded = RwSignal::new(false);
    // Videos keep 16:9 (a class: the policy allows no inline styles); posts take the
    // height the card gives them.
    let wide = matches!((embed.width, embed.height), (Some(w), Some(h)) if w * 9 == h * 16);
    let class = format!(
        "embed embed--{}{}",
        embed.provider.chars().filter(char::is_ascii_alphanumeric).collect::<String>(),
        if wide { " embed--wide" } else { "" }
    );
    let (provider, title) = (embed.provider_name, embed.title);
    let frame = {
        let (src, title) = (src.clone(), title.clone());
        move || {
            let src = src.clone().filter(|_| loaded.get())?;
            Some(el(
                "iframe",
                [
                    ("class", Some("embed__frame".into())),
                    ("src", Some(src)),
                    ("title", Some(title.clone())),
                    ("allow", Some("encrypted-media; picture-in-picture; fullscreen".into())),
                ],
                Vec::new(),
            ))
        }
    };
    let card = move || {
        if loaded.get() {
            return None;
        }
        let text =
            |class: &str, text: String| el("p", [("class", Some(class.to_owned())), NO, NO, NO], vec![text.into_any()]);
        let mut children = vec![text("embed__provider", provider.clone()), text("embed__title", title.clone())];
        if src.is_some() {
            let label = format!("Load from {provider}");
            children.push(
                view! { <button type="button" class="button embed__load" on:click=move |_| loaded.set(true)>{label}</button> }
                    .into_any(),
            );
            children.push(text("embed__note", format!("Loading it lets {provider} see your visit.")));
        }
        children.push(el(
            "a",
            [
                ("class", Some("embed__link".into())),
                ("href", Some(url.clone())),
                ("rel", Some("noopener noreferrer".into())),
                NO,
            ],
            vec![format!("Open on {provider}").into_any()],
        ));
        Some(el("div", [("class", Some("embed__card".into())), NO, NO, NO], children))
    };
    el("figure", [("class", Some(class)), NO, NO, NO], vec![frame.into_any(), card.into_any()])
}

/// An image with its caption; nothing at all if its address is not one we load.
pub fn figure(image: Image, lazy: bool) -> AnyView {
    let Some(src) = safe_image_src(&image.src).map(crate::paths::href) else {
        return ().into_any();
    };
    // Other widths of the picture, each checked like the main address, in a format older
    // browsers may not read (WebP: named by the extension); they take `src`.
    // The browser picks one for the column's width (the article's measure on wide screens,
    // the screen's width on narrow ones).
    let widths: Vec<String> = image
        .sources
        .iter()
        .filter(|s| s.width > 0)
        .filter_map(|s| safe_image_src(&s.src).map(|src| format!("{} {}w", crate::paths::href(src), s.width)))
        .collect();
    let kind = image.sources.first().filter(|s| s.src.ends_with(".webp")).map(|_| "image/webp");
    let srcset = (!widths.is_empty()).then(|| widths.join(", "));
    let sizes = srcset.as_ref().map(|_| match image.layout {
        Some(Layout::Full) => "100vw",
        Some(Layout::Left | Layout::Right) => "(min-width: 40rem) 20rem, 100vw",
        // The column: the page's width less its margins on a phone.
        _ => "(min-width: 72rem) 42rem, calc(100vw - 2rem)",
    });
    let class = match image.layout.filter(|l| *l != Layout::Unsupported) {
        Some(layout) => format!("figure figure--{}", layout.name()),
        None => "figure".to_owned(),
    };
    // The story's own picture at the top is asked for first; the others when scrolled near.
    let img = view! {
        <img
            class="figure__image"
            src=src
            alt=image.alt
            width=image.width
            height=image.height
            loading=lazy.then_some("lazy")
            fetchpriority=(!lazy).then_some("high")
        />
    };
    // The other widths in a <source> before the <img> (one without any is passed over).
    let source = {
        use leptos::tachys::html::attribute::custom::CustomAttribute;
        leptos::tachys::html::element::source().attr("type", kind).attr("srcset", srcset).attr("sizes", sizes)
    };
    let picture = el("picture", [NO, NO, NO, NO], vec![source.into_any(), img.into_any()]);
    // A linked picture (to a larger copy, a page): the link around it, checked like any.
    let picture = match image.link.as_deref().and_then(safe_href) {
        Some(href) => el("a", [("href", Some(crate::paths::href(href))), NO, NO, NO], vec![picture]),
        None => picture,
    };
    view! {
        <figure class=class>
            {picture}
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
        Inline::Emphasis { children } => el("em", [NO; 4], inlines_view(children)),
        Inline::Strong { children } => el("strong", [NO; 4], inlines_view(children)),
        Inline::Code { text } => el("code", [NO; 4], vec![text.into_any()]),
        Inline::Link { href, children } => match safe_href(&href) {
            Some(href) => el("a", [("href", Some(crate::paths::href(href))), NO, NO, NO], inlines_view(children)),
            // A link the contract does not allow keeps its words and loses its target.
            None => el("span", [NO; 4], inlines_view(children)),
        },
        Inline::LineBreak => void_br(),
        Inline::Strikethrough { children } => el("del", [NO; 4], inlines_view(children)),
        Inline::Superscript { children } => el("sup", [NO; 4], inlines_view(children)),
        Inline::Subscript { children } => el("sub", [NO; 4], inlines_view(children)),
        Inline::Keyboard { text } => el("kbd", [NO; 4], vec![text.into_any()]),
        Inline::FootnoteRef { id, number } => {
            let link = el(
                "a",
                [("href", Some(format!("#fn-{id}"))), ("aria-label", Some(format!("Note {number}"))), NO, NO],
                vec![number.to_string().into_any()],
            );
            el("sup", [("class", Some("footnote-ref".into())), ("id", Some(format!("fnref-{id}"))), NO, NO], vec![link])
        }
        Inline::Unsupported => ().into_any(),
    }
}
