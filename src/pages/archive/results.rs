//! One page of results: the rows, each filled in when its list file arrives.

use std::sync::Arc;

use leptos::prelude::*;
use masthead_model::query::ArchiveQuery;
use masthead_model::search::{excerpt, marked_words, Excerpt, ReadyText};
use masthead_model::{ExplorerFiles, ListEntry, SearchText};

use super::pager::Pager;
use crate::components::status::{ErrorNotice, Loading, Shape};
use crate::explorer::{use_archive, View};
use crate::intl::format_date;
use crate::state::use_shared;

/// One page of results and the links to the pages around it.
#[component]
pub(super) fn Results(files: ExplorerFiles, query: Memo<ArchiveQuery>) -> impl IntoView {
    let state = use_archive();
    let files = Arc::new(files);
    let page_ids = Memo::new(move |_| match state.view.get() {
        View::Ready(o) => {
            let (ids, pages) = o.0.page(query.with(|q| q.page));
            Some((ids.to_vec(), pages))
        }
        _ => None,
    });
    // The posts whose texts the order of the first results still waits for: until they
    // are here, the rows wait too, so none moves once drawn.
    let reordering = Memo::new(move |_| match state.view.get() {
        View::Ready(o) => o.0.to_reorder().to_vec(),
        _ => Vec::new(),
    });
    // With words, each line comes from the post's text file, with its excerpt.
    let excerpts = Memo::new(move |_| matches!(state.view.get(), View::Ready(o) if o.0.excerpts));
    // The words as this list reads them: a memo of its own, disposed with the list, so
    // the rows never follow the shared state after the reader has left the archive.
    let words = Memo::new(move |_| state.words.get());
    {
        let files = files.clone();
        Effect::new(move |_| {
            state.generation.track();
            if let Some((ids, _)) = page_ids.get() {
                if excerpts.get() {
                    state.want_texts(&files, &ids);
                    state.want_texts(&files, &reordering.get());
                } else {
                    state.want_lists(&files, &ids);
                }
            }
        });
    }
    let retry = Callback::new(move |()| state.retry());
    // Rows are keyed by post and what its line shows (whether it is here yet, its excerpt
    // and marks), so a post that stays in the results from one keystroke to the next with
    // the same excerpt is not drawn again: typing on through a word mostly moves rows.
    let entries = {
        let files = files.clone();
        move || -> Vec<(u32, Option<Line>)> {
            let Some((ids, _)) = page_ids.try_get().flatten() else { return Vec::new() };
            if excerpts.try_get().unwrap_or(false) {
                let Some((words, _)) = words.try_get() else { return Vec::new() };
                let waiting = reordering.try_with(|r| !r.is_empty()).unwrap_or(false);
                ids.iter()
                    .map(|&id| {
                        let text = if waiting { None } else { state.text(id) };
                        let line = text.and_then(Result::ok).map(|ready| {
                            let found = excerpt(&ready, &words);
                            let marks = marked_words(&ready, &words);
                            Line { entry: ready.text.entry.clone(), excerpt: Some((found, ready)), marks }
                        });
                        (id, line)
                    })
                    .collect()
            } else {
                ids.iter()
                    .map(|&id| {
                        (
                            id,
                            state.entry(&files, id).and_then(Result::ok).map(|entry| Line {
                                entry,
                                excerpt: None,
                                marks: Vec::new(),
                            }),
                        )
                    })
                    .collect()
            }
        }
    };
    let failed = {
        let files = files.clone();
        Memo::new(move |_| {
            let (ids, _) = page_ids.get()?;
            if excerpts.get() {
                ids.iter().find_map(|&id| state.text(id).and_then(Result::err))
            } else {
                ids.iter().find_map(|&id| state.entry(&files, id).and_then(Result::err))
            }
        })
    };
    // Dates are formatted once per row with the locale of this render; a change of locale
    // (site.json arriving late) draws the list again. Rows hold no reactive parts, so a
    // keystroke that replaces fifty of them stays cheap.
    let shared = use_shared();
    let rows = move || {
        match (shared.locale.track(), failed.get()).1 {
        Some(error) => view! { <ErrorNotice what="these stories" error on_retry=retry/> }.into_any(),
        None => view! {
            <ol class="archive__results">
                <For each=entries.clone() key=|(id, line)| (*id, line.as_ref().map(Line::shown)) let((_, entry))>
                    {match entry {
                        Some(Line { entry, excerpt, marks }) => {
                            let href = crate::paths::href(&entry.permalink());
                            // Opening the story marks the words it was found by.
                            let open = {
                                let path = entry.permalink();
                                move |_| crate::marks::open(path.clone(), marks.clone())
                            };
                            let excerpt = excerpt.map(|(found, ready)| excerpt_view(found, &ready.text, &href, open.clone()));
                            let byline = masthead_model::text::join_names(entry.authors.iter().map(String::as_str));
                            view! {
                                <li class="archive-item">
                                    <a class="archive-item__title" href=href on:click=open>{entry.title}</a>
                                    <span class="archive-item__meta">
                                        <time datetime=entry.published.as_str().to_owned()>
                                            {
                                                let (locale, zone) = shared.locale.get_untracked();
                                                format_date(&entry.published, &locale, &zone)
                                            }
                                        </time>
                                        " · "{entry.category}
                                        {(!byline.is_empty()).then(|| format!(" · {byline}"))}
                                    </span>
                                    {excerpt}
                                </li>
                            }
                            .into_any()
                        }
                        None => view! { <li class="archive-item archive-item--loading" aria-hidden="true"></li> }.into_any(),
                    }}
                </For>
            </ol>
        }
        .into_any(),
    }
    };
    // Rebuilt only when the view changes kind, not on every keystroke.
    let failure = Memo::new(move |_| match state.view.get() {
        View::Loading => Some(None),
        View::Failed(error) => Some(Some(error)),
        View::Ready(_) => None,
    });
    move || match failure.get() {
        Some(None) => view! { <Loading label="the stories" shape=Shape::List/> }.into_any(),
        Some(Some(error)) => view! { <ErrorNotice what="the archive" error on_retry=retry/> }.into_any(),
        None => view! {
            {rows.clone()}
            <Pager query page_ids/>
        }
        .into_any(),
    }
}

/// What a result line shows: the post's line, and with words its excerpt (or, when the
/// words are only in its title or names, its standfirst).
#[derive(Clone)]
struct Line {
    entry: ListEntry,
    excerpt: Option<(Option<Excerpt>, Arc<ReadyText>)>,
    /// The words its article marks when it is opened.
    marks: Vec<String>,
}

impl Line {
    /// What the row draws that can change between keystrokes: whether it has an excerpt
    /// (or its standfirst in place of one), the excerpt, and the marks.
    fn shown(&self) -> (Option<Option<Excerpt>>, Vec<String>) {
        (self.excerpt.as_ref().map(|(found, _)| found.clone()), self.marks.clone())
    }
}

/// The excerpt with the words marked (as text, never markup), and a link to the section
/// it is from.
fn excerpt_view(
    found: Option<Excerpt>,
    text: &SearchText,
    href: &str,
    open: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> AnyView {
    let Some(found) = found else {
        return (!text.standfirst.is_empty())
            .then(|| view! { <p class="archive-item__excerpt">{text.standfirst.clone()}</p> })
            .into_any();
    };
    let pieces = found
        .pieces
        .into_iter()
        .map(|(piece, marked)| if marked { view! { <mark>{piece}</mark> }.into_any() } else { piece.into_any() })
        .collect_view();
    let section = found.anchor.map(|anchor| {
        let to = format!("{href}#{anchor}");
        view! { <a class="archive-item__section" href=to on:click=open>{format!("In “{}”", found.heading)}</a> }
    });
    view! {
        <p class="archive-item__excerpt">{pieces}</p>
        {section}
    }
    .into_any()
}
