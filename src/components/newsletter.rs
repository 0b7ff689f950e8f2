//! The newsletter signup form, in the sidebar and inside articles. It checks what the
//! reader typed (rules in `masthead_model::signup`), hands the signup to the delivery
//! service (`crate::signup`), and shows where it stands. Nothing the reader typed is
//! cleared by an error.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use masthead_model::signup::progress::NOT_OPEN;
use masthead_model::signup::{
    looks_like_bot, suggest_email, validate, Field, FieldError, Outcome, Progress, SignupInput, Tone, MAX_EMAIL_CHARS,
    MAX_NAME_CHARS,
};
use masthead_model::url::safe_href;
use masthead_model::Topic;

use crate::clock::now_rfc3339;
use crate::signup::use_signups;
use crate::state::use_shared;

/// Set by src/takeover.rs while it sends, on the app's page, a form that public/boot.js kept
/// when the reader sent it on the written page.
pub static SENT_ON_WRITTEN_PAGE: AtomicBool = AtomicBool::new(false);

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
    let signups = use_signups();
    let settings = Memo::new(move |_| shared.site().map(|s| s.newsletter));
    let pitch = move || settings.get().map(|n| n.pitch).unwrap_or_else(|| DEFAULT_PITCH.into());
    let topics = Memo::new(move |_| settings.get().map(|n| n.topics).unwrap_or_default());
    let privacy = move || settings.get().and_then(|n| safe_href(&n.privacy_url).map(crate::paths::href));

    let email = RwSignal::new(String::new());
    let first_name = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<Vec<String>>);
    let consent = RwSignal::new(false);
    let honeypot = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let phase = RwSignal::new(None::<Progress>);
    let key = RwSignal::new(None::<String>);
    let hint = RwSignal::new(None::<String>);
    let shown_at = crate::clock::shown_ms();

    // The topics ticked: the reader's choice, else the site's defaults.
    let selected = move || {
        chosen.get().unwrap_or_else(|| topics.with(|t| t.iter().filter(|t| t.default).map(|t| t.id.clone()).collect()))
    };
    let clear_error = move |field: Field| {
        if errors.with_untracked(|e| e.iter().any(|e| e.field == field)) {
            errors.update(|e| e.retain(|e| e.field != field));
        }
    };

    // Follow the delivery of this form's signup.
    Effect::new(move |_| {
        let (Some(service), Some(k)) = (signups, key.get()) else { return };
        let Some(progress) = service.progress(&k) else { return };
        if let Progress::Finished(Outcome::Rejected { field: Some(field), message }) = &progress {
            errors.set(vec![FieldError { field: *field, message: message.clone() }]);
        }
        phase.set(Some(progress));
    });

    let ids = Ids(id);
    // `held`: sent on the written page before the app had taken it over (public/boot.js
    // kept it, src/takeover.rs sends it). The app did not see that reader type, so only the
    // hidden field tells a bot there: a person quick with autofill is never turned away.
    let submit = move |held: bool| {
        if phase.get_untracked() == Some(Progress::Sending) {
            return;
        }
        let input = SignupInput {
            email: email.get_untracked(),
            first_name: first_name.get_untracked(),
            topics: selected(),
            consent: consent.get_untracked(),
        };
        let offered = topics.get_untracked();
        match validate(&input, &offered, &now_rfc3339()) {
            Err(found) => {
                hint.set(suggest_email(input.email.trim()));
                focus(&ids.field(found.first().map_or(Field::Email, |e| e.field)));
                errors.set(found);
                phase.set(None);
            }
            Ok(signup) => {
                errors.set(Vec::new());
                let elapsed = if held { f64::INFINITY } else { crate::clock::now_ms() as f64 - shown_at };
                if looks_like_bot(&honeypot.get_untracked(), elapsed) {
                    // Whatever filled the hidden field, or submitted faster than a person can
                    // type, is told it worked; nothing is sent.
                    phase.set(Some(Progress::Finished(Outcome::Confirm)));
                    return;
                }
                match signups.filter(|s| s.provider().is_some()) {
                    Some(service) => {
                        phase.set(Some(Progress::Sending));
                        key.set(Some(service.submit(signup)));
                    }
                    None => phase.set(Some(Progress::refused(NOT_OPEN))),
                }
            }
        }
    };
    let retry = move |_| match phase.get_untracked() {
        Some(Progress::Waiting { .. }) => {
            if let Some(service) = signups {
                phase.set(Some(Progress::Sending));
                service.retry_now();
            }
        }
        _ => submit(false),
    };

    let status = move || {
        let address = email.with_untracked(|e| e.trim().to_owned());
        let (tone, text) = phase.get()?.status(&address);
        let class = match tone {
            Tone::Busy => "newsletter__status--busy",
            Tone::Waiting => "newsletter__status--waiting",
            Tone::Done => "newsletter__status--done",
            Tone::Error => "newsletter__status--error",
        };
        Some((class, text))
    };
    let retry_label = move || phase.with(|p| p.as_ref().and_then(Progress::retry_label));
    let can_retry = move || retry_label().is_some();
    let busy = move || phase.with(|p| p == &Some(Progress::Sending));

    let class = if inline { "newsletter newsletter--inline" } else { "newsletter sidebar__section" };
    view! {
        <section class=class aria-labelledby=ids.heading()>
            <h2 id=ids.heading() class="newsletter__heading">"Sign up for our newsletter"</h2>
            <p class="newsletter__pitch">{pitch}</p>
            // `post`: nothing typed lands in an address. Without JavaScript the notice below
            // says signing up needs it; where the provider takes a plain form post, the
            // builder points the written form at it instead (`masthead_builder::site::signup_form`).
            <form
                class="newsletter__form"
                method="post"
                novalidate
                aria-describedby=ids.status()
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit(SENT_ON_WRITTEN_PAGE.load(Ordering::Relaxed));
                }
            >
                <div class="newsletter__field">
                    <label class="newsletter__label" for=ids.field(Field::Email)>"Email address"</label>
                    <input
                        class="newsletter__input"
                        id=ids.field(Field::Email)
                        name="email"
                        type="email"
                        autocomplete="email"
                        maxlength=MAX_EMAIL_CHARS
                        required
                        aria-invalid=invalid(errors, Field::Email)
                        aria-describedby=format!("{} {}", ids.error(Field::Email), ids.hint())
                        prop:value=move || email.get()
                        on:input=move |ev| {
                            email.set(event_target_value(&ev));
                            clear_error(Field::Email);
                            hint.set(None);
                        }
                        on:blur=move |_| hint.set(email.with_untracked(|e| suggest_email(e.trim())))
                    />
                    <p id=ids.error(Field::Email) class="newsletter__error">{message(errors, Field::Email)}</p>
                    <p id=ids.hint() class="newsletter__hint">
                        {move || hint.get().map(|suggestion| {
                            let fill = suggestion.clone();
                            view! {
                                "Did you mean "
                                <button
                                    type="button"
                                    class="newsletter__suggestion"
                                    on:click=move |_| {
                                        email.set(fill.clone());
                                        hint.set(None);
                                        clear_error(Field::Email);
                                    }
                                >{suggestion}</button>
                                "?"
                            }
                        })}
                    </p>
                </div>
                <div class="newsletter__field">
                    <label class="newsletter__label" for=ids.field(Field::FirstName)>
                        "First name " <span class="newsletter__optional">"(optional)"</span>
                    </label>
                    <input
                        class="newsletter__input"
                        id=ids.field(Field::FirstName)
                        name="first_name"
                        type="text"
                        autocomplete="given-name"
                        maxlength=MAX_NAME_CHARS
                        aria-invalid=invalid(errors, Field::FirstName)
                        aria-describedby=ids.error(Field::FirstName)
                        prop:value=move || first_name.get()
                        on:input=move |ev| {
                            first_name.set(event_target_value(&ev));
                            clear_error(Field::FirstName);
                        }
                    />
                    <p id=ids.error(Field::FirstName) class="newsletter__error">{message(errors, Field::FirstName)}</p>
                </div>
                <Show when=move || topics.with(|t| !t.is_empty())>
                    <fieldset class="newsletter__topics" aria-describedby=ids.error(Field::Topics)>
                        <legend class="newsletter__label">"Newsletters"</legend>
                        <For
                            each=move || topics.get().into_iter().enumerate()
                            key=|(_, t): &(usize, Topic)| t.id.clone()
                            children=move |(i, topic): (usize, Topic)| {
                                let box_id = if i == 0 { ids.field(Field::Topics) } else { format!("{}-{i}", ids.field(Field::Topics)) };
                                let topic_id = topic.id.clone();
                                let checked_id = topic.id.clone();
                                view! {
                                    <label class="newsletter__topic">
                                        <input
                                            type="checkbox"
                                            id=box_id
                                            name="topics"
                                            value=topic.id.clone()
                                            aria-invalid=invalid(errors, Field::Topics)
                                            // As first drawn (in the page's HTML too); the box
                                            // itself follows the reader's choice.
                                            checked=topic.default
                                            prop:checked=move || selected().contains(&checked_id)
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                let mut now = selected();
                                                now.retain(|t| *t != topic_id);
                                                if on {
                                                    now.push(topic_id.clone());
                                                }
                                                chosen.set(Some(now));
                                                clear_error(Field::Topics);
                                            }
                                        />
                                        {topic.name}
                                    </label>
                                }
                            }
                        />
                        <p id=ids.error(Field::Topics) class="newsletter__error">{message(errors, Field::Topics)}</p>
                    </fieldset>
                </Show>
                <div class="newsletter__field newsletter__consent">
                    <input
                        type="checkbox"
                        id=ids.field(Field::Consent)
                        name="consent"
                        value="yes"
                        required
                        aria-invalid=invalid(errors, Field::Consent)
                        aria-describedby=ids.error(Field::Consent)
                        prop:checked=move || consent.get()
                        on:change=move |ev| {
                            consent.set(event_target_checked(&ev));
                            clear_error(Field::Consent);
                        }
                    />
                    <label for=ids.field(Field::Consent)>
                        "I agree to receive this newsletter and can unsubscribe at any time. "
                        {move || privacy().map(|href| view! { <a href=href>"Privacy notice"</a> })}
                    </label>
                    <p id=ids.error(Field::Consent) class="newsletter__error">{message(errors, Field::Consent)}</p>
                </div>
                // A field people never see or reach; bots fill it in.
                <div class="newsletter__trap" aria-hidden="true">
                    <label>
                        "Leave this empty"
                        <input
                            type="text"
                            name="website"
                            tabindex="-1"
                            autocomplete="off"
                            prop:value=move || honeypot.get()
                            on:input=move |ev| honeypot.set(event_target_value(&ev))
                        />
                    </label>
                </div>
                <noscript>
                    <p class="newsletter__noscript">"Signing up needs JavaScript, which is off in this browser."</p>
                </noscript>
                <button type="submit" class="button" disabled=busy aria-disabled=move || busy().to_string()>
                    {move || phase.with(|p| Progress::button_label(p.as_ref()))}
                </button>
            </form>
            <div id=ids.status() class="newsletter__status" role="status" aria-live="polite">
                {move || status().map(|(class, text)| view! { <p class=class>{text}</p> })}
                <Show when=can_retry>
                    <button type="button" class="button button--secondary newsletter__retry" on:click=retry>
                        {move || retry_label().unwrap_or("Retry")}
                    </button>
                </Show>
            </div>
        </section>
    }
}

/// `aria-invalid` of a field: one closure type for every field.
fn invalid(errors: RwSignal<Vec<FieldError>>, field: Field) -> impl Fn() -> &'static str + Copy + 'static {
    move || if errors.with(|e| e.iter().any(|e| e.field == field)) { "true" } else { "false" }
}

/// The message shown under a field, if it is wrong.
fn message(errors: RwSignal<Vec<FieldError>>, field: Field) -> impl Fn() -> Option<String> + Copy + 'static {
    move || errors.with(|e| e.iter().find(|e| e.field == field).map(|e| e.message.clone()))
}

/// The element ids of one form, unique on the page.
#[derive(Clone, Copy)]
struct Ids(&'static str);

impl Ids {
    fn heading(self) -> String {
        format!("newsletter-{}-heading", self.0)
    }

    fn hint(self) -> String {
        format!("newsletter-{}-email-hint", self.0)
    }

    fn status(self) -> String {
        format!("newsletter-{}-status", self.0)
    }

    fn field(self, field: Field) -> String {
        format!("newsletter-{}-{}", self.0, field_name(field))
    }

    fn error(self, field: Field) -> String {
        format!("{}-error", self.field(field))
    }
}

fn field_name(field: Field) -> &'static str {
    match field {
        Field::Email => "email",
        Field::FirstName => "first-name",
        Field::Topics => "topics",
        Field::Consent => "consent",
    }
}

fn focus(element_id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = crate::web::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(element_id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
