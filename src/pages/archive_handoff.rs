//! `/archive` in the reader's bundle, which leaves the archive explorer out so that every
//! first view downloads less: the archive page has its own bundle (`archive/index.html`,
//! written by the builder). A client-side navigation here loads that page.

use leptos::prelude::*;

use crate::pages::not_found::Missing;
use crate::state::use_shared;

#[component]
pub fn ArchivePage() -> impl IntoView {
    let shared = use_shared();
    crate::head::page_head(move || shared.title("Archive"), String::new);
    // Where the router says the reader is going (the address bar may not show it yet).
    let here = crate::router::use_location().path_and_query();
    // Loaded at this address, this bundle means the host answered with the front page's
    // HTML instead of the archive page's: loading it again would only loop.
    let misdeployed = here == crate::paths::loaded_at();
    if !misdeployed {
        if let Some(window) = crate::web::window() {
            // Replaces the entry the router just added, so Back returns to the page before.
            let _ = window.location().replace(&here);
        }
    }
    move || {
        if misdeployed {
            view! {
                <Missing message="The archive page is missing from this copy of the site (archive/index.html was not uploaded)."/>
            }
            .into_any()
        } else {
            view! { <p class="notice" role="status">"Opening the archive…"</p> }.into_any()
        }
    }
}
