use leptos::prelude::*;

use crate::state::use_shared;

const DEFAULT_MESSAGE: &str = "We couldn’t find that page. It may have moved, or the address may be mistyped.";

/// The fallback route: a path the site does not have.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <Missing/> }
}

/// A real not-found page with ways back. Static hosts answer every path with 200, so the
/// app decides from the content.
#[component]
pub fn Missing(#[prop(optional, into)] message: Option<String>) -> impl IntoView {
    let shared = use_shared();
    crate::head::page_head(move || shared.title("Page not found"), String::new);
    crate::head::noindex();
    let newest_month =
        move || shared.archive.get().and_then(Result::ok).and_then(|index| index.months.iter().map(|m| m.month).max());
    view! {
        <section class="missing">
            <h1 class="missing__title">"Page not found"</h1>
            <p class="missing__message">{message.unwrap_or_else(|| DEFAULT_MESSAGE.to_owned())}</p>
            <ul class="missing__links">
                <li><a href=crate::paths::href("/")>"Go to the front page"</a></li>
                {move || newest_month().map(|m| view! { <li><a href=crate::paths::href(&m.path())>"Browse this month’s stories"</a></li> })}
            </ul>
        </section>
    }
}
