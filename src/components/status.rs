//! Loading and error states: space reserved while loading, a clear message and Retry on failure.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::source::Source;

/// What is loading, shaped like what will replace it so the page does not jump.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Article,
    /// The body of an article whose headline is already shown.
    Body,
    List,
}

impl Shape {
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Article => "article",
            Shape::Body => "body",
            Shape::List => "list",
        }
    }
}

#[component]
pub fn Loading(
    /// Announced to screen readers: "Loading the article…".
    label: &'static str,
    shape: Shape,
) -> impl IntoView {
    view! {
        <div class=format!("loading loading--{}", shape.as_str()) role="status" aria-busy="true">
            <span class="visually-hidden">{format!("Loading {label}…")}</span>
            <div class="loading__bar loading__bar--wide" aria-hidden="true"></div>
            <div class="loading__bar" aria-hidden="true"></div>
            <div class="loading__bar" aria-hidden="true"></div>
        </div>
    }
}

/// Says what failed and offers a Retry that fetches again.
#[component]
pub fn ErrorNotice(
    /// What could not be loaded: "this article", "Recent Posts".
    what: &'static str,
    error: ApiError,
    on_retry: Callback<()>,
) -> impl IntoView {
    let hint = error.hint();
    // Retrying cannot bring back a file a newer deploy removed; reloading the page can.
    let action = if matches!(error, ApiError::Outdated { .. }) {
        let here = crate::web::window().and_then(|w| w.location().href().ok()).unwrap_or_else(|| "/".into());
        view! { <a class="button" href=here rel="external">"Reload"</a> }.into_any()
    } else {
        view! {
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        }
        .into_any()
    };
    view! {
        <div class="notice notice--error" role="alert">
            <p class="notice__title">
                <strong>{format!("Couldn’t load {what}.")}</strong>
            </p>
            <p class="notice__message">{error.to_string()}</p>
            <p class="notice__hint">{hint}</p>
            {action}
        </div>
    }
}

/// Renders a file of the contract: `Loading` while it loads, `ErrorNotice` with Retry if it
/// fails, and `ready` once it is here.
#[cfg(target_arch = "wasm32")]
pub fn load<T, V>(
    source: Source<T>,
    what: &'static str,
    shape: Shape,
    ready: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let resource = source.resource();
    let retry = Callback::new(move |()| resource.refetch());
    view! {
        <Suspense fallback=move || view! { <Loading label=what shape/> }>
            {
                let ready = ready.clone();
                move || {
                    let ready = ready.clone();
                    Suspend::new(async move {
                        match resource.await {
                            Ok(value) => ready(value).into_any(),
                            Err(error) => view! { <ErrorNotice what error on_retry=retry/> }.into_any(),
                        }
                    })
                }
            }
        </Suspense>
    }
}

/// Natively (the builder's prerendering): the file given, or the space it will take.
#[cfg(not(target_arch = "wasm32"))]
pub fn load<T, V>(
    source: Source<T>,
    what: &'static str,
    shape: Shape,
    ready: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    match source.get() {
        Some(Ok(value)) => ready(value).into_any(),
        _ => view! { <Loading label=what shape/> }.into_any(),
    }
}
