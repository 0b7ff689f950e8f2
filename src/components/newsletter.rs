//! The newsletter signup box. This is its final place on the page; the form is not yet
//! connected to a mailing-list provider, and says so instead of pretending to work.

use leptos::prelude::*;

use crate::app::use_shared;

const DEFAULT_PITCH: &str = "Get breaking news, reviews, opinion, top tech deals, and more.";

#[component]
pub fn NewsletterBox(
    /// Distinguishes the ids of several boxes on one page ("sidebar", "inline").
    id: &'static str,
    /// The call to action inside an article, rather than the sidebar box.
    #[prop(optional)]
    inline: bool,
) -> impl IntoView {
    let shared = use_shared();
    let pitch = move || shared.site().map(|s| s.newsletter.pitch).unwrap_or_else(|| DEFAULT_PITCH.into());
    let (status, set_status) = signal(None::<&'static str>);
    let heading_id = format!("newsletter-{id}-heading");
    let labelled_by = heading_id.clone();
    let email_id = format!("newsletter-{id}-email");
    let email_for = email_id.clone();
    let status_id = format!("newsletter-{id}-status");
    let class = if inline { "newsletter newsletter--inline" } else { "newsletter sidebar__section" };
    view! {
        <section class=class aria-labelledby=labelled_by>
            <h2 id=heading_id class="newsletter__heading">"Sign up for our newsletter"</h2>
            <p class="newsletter__pitch">{pitch}</p>
            <form
                class="newsletter__form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    set_status.set(Some("Signups open soon: this form is not connected to a mailing list yet."));
                }
            >
                <label class="newsletter__label" for=email_for>"Email address"</label>
                <input
                    class="newsletter__input"
                    id=email_id
                    name="email"
                    type="email"
                    autocomplete="email"
                    maxlength="254"
                    required
                />
                <button type="submit" class="button">"Sign up"</button>
            </form>
            <p id=status_id class="newsletter__status" role="status" aria-live="polite">
                {move || status.get()}
            </p>
        </section>
    }
}
