//! The written form as a plain form post, for the providers that accept one: the same
//! fields the app's request carries, under the names the provider reads, so the form
//! works with no JavaScript at all and a signup pressed before the app has taken over the
//! page is sent at once (public/boot.js lets it go). Masthead's JSON webhook and Kit's API
//! need the app; their form is held until it is there.

use super::{buttondown, mailchimp_trap, Provider};
use crate::contract::Topic;

/// Where the written form posts, and what its fields are called there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlainForm {
    /// The form's `action`.
    pub action: String,
    /// The email field's name.
    pub email: &'static str,
    /// The first name field's name.
    pub first_name: &'static str,
    /// The topic checkboxes' name, or `None` where each topic's checkbox is named by the
    /// provider's own id (Mailchimp's interest groups).
    pub topics: Option<&'static str>,
    /// The consent box's name (its value is `yes`), where the provider reads it.
    pub consent: Option<&'static str>,
    /// The bot trap's name: the provider's own where it has one.
    pub trap: String,
    /// Fields sent as they are.
    pub fixed: Vec<(&'static str, &'static str)>,
    /// Whether the consent time, the idempotency key and the page are added as the form is
    /// sent (as the app's form-encoded request carries them).
    pub stamped: bool,
}

/// The bot trap's name on a form that is held for the app.
pub const TRAP: &str = "website";

impl Provider {
    /// The written form's plain post, for a provider that accepts one.
    pub fn plain_form(&self) -> Option<PlainForm> {
        match self {
            Provider::Form { endpoint } => Some(PlainForm {
                action: endpoint.clone(),
                email: "email",
                first_name: "first_name",
                topics: Some("topics"),
                consent: Some("consent"),
                trap: TRAP.to_owned(),
                fixed: Vec::new(),
                stamped: true,
            }),
            Provider::Mailchimp { action } => Some(PlainForm {
                action: action.clone(),
                email: "EMAIL",
                first_name: "FNAME",
                topics: None,
                consent: None,
                trap: mailchimp_trap(action).unwrap_or_else(|| TRAP.to_owned()),
                fixed: Vec::new(),
                stamped: false,
            }),
            Provider::Buttondown { username } => Some(PlainForm {
                action: buttondown::endpoint(username),
                email: "email",
                first_name: "metadata__first_name",
                topics: Some("tag"),
                consent: None,
                trap: TRAP.to_owned(),
                fixed: vec![("embed", "1")],
                stamped: false,
            }),
            Provider::Json { .. } | Provider::Kit { .. } => None,
        }
    }
}

impl PlainForm {
    /// A topic's checkbox: its name and value, as the app's request names the topic.
    pub fn topic_field(&self, topic: &Topic) -> (String, String) {
        let id = topic.provider_id.clone().unwrap_or_else(|| topic.id.clone());
        match self.topics {
            Some(name) => (name.to_owned(), id),
            // An interest checkbox is named group[<group>][<bit>] and carries its bit.
            None => {
                let bit = id.rsplit('[').next().unwrap_or_default().trim_end_matches(']').to_owned();
                (id, bit)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signup::form_decode;
    use crate::signup::provider::tests::signup;
    use crate::signup::provider::{Context, Transport};

    fn topics() -> Vec<Topic> {
        vec![
            Topic {
                id: "breaking".into(),
                name: "Breaking".into(),
                default: true,
                provider_id: Some("group[123][1]".into()),
            },
            Topic { id: "deals".into(), name: "Deals".into(), default: false, provider_id: None },
        ]
    }

    /// The pairs a browser sends for the written form filled like `signup()`, consent
    /// ticked, the trap empty, in the form's order.
    fn posted(plain: &PlainForm, topics: &[Topic], key: &str, source: &str) -> Vec<(String, String)> {
        let mut pairs = vec![(plain.email.to_owned(), "ada@example.com".to_owned())];
        pairs.push((plain.first_name.to_owned(), "Ada".to_owned()));
        pairs.extend(topics.iter().map(|t| plain.topic_field(t)));
        if let Some(name) = plain.consent {
            pairs.push((name.to_owned(), "yes".to_owned()));
        }
        pairs.push((plain.trap.clone(), String::new()));
        pairs.extend(plain.fixed.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        if plain.stamped {
            pairs.push(("consent_at".into(), "2026-11-27T08:00:00.000Z".into()));
            pairs.push(("idempotency_key".into(), key.into()));
            pairs.push(("source".into(), source.into()));
        }
        pairs
    }

    fn sorted(mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
        pairs.sort();
        pairs
    }

    /// The plain post carries what the app's request carries, under the same names: the
    /// app's request is the oracle (the trap aside, which only the plain form has where the
    /// provider has none of its own).
    #[test]
    fn a_plain_post_carries_the_apps_fields() {
        let topics = topics();
        let source = "https://thecircuit.example/2026/06/story";
        let cx = Context { topics: &topics, key: "k-1", source };
        for provider in [
            Provider::Form { endpoint: "https://forms.example/f/abc".into() },
            Provider::Mailchimp { action: "https://x.us1.list-manage.com/subscribe/post?u=abc&id=def".into() },
            Provider::Buttondown { username: "circuit".into() },
        ] {
            let plain = provider.plain_form().expect("a plain form");
            let request = provider.request(&signup(), cx);
            let (url, app) = match request.transport {
                Transport::Jsonp { .. } => {
                    let (url, query) = request.url.split_once("/subscribe/post-json?").unwrap();
                    (format!("{url}/subscribe/post?"), form_decode(query))
                }
                _ => (request.url.clone(), form_decode(request.body.as_deref().unwrap_or_default())),
            };
            assert!(plain.action.starts_with(url.trim_end_matches('?')), "{provider:?}: {} / {url}", plain.action);
            let mut sent = posted(&plain, &topics, "k-1", source);
            if plain.trap == TRAP {
                sent.retain(|(k, _)| k != TRAP);
            }
            let app: Vec<(String, String)> = app.into_iter().filter(|(k, _)| k != "u" && k != "id").collect();
            assert_eq!(sorted(sent), sorted(app), "{provider:?}");
        }
    }

    #[test]
    fn mailchimps_trap_is_its_own_and_topics_are_interest_bits() {
        let provider =
            Provider::Mailchimp { action: "https://x.us1.list-manage.com/subscribe/post?u=abc&id=def".into() };
        let plain = provider.plain_form().unwrap();
        assert_eq!(plain.trap, "b_abc_def");
        assert_eq!(plain.topic_field(&topics()[0]), ("group[123][1]".to_owned(), "1".to_owned()));
        assert_eq!(plain.consent, None);
    }

    #[test]
    fn the_json_webhook_and_kit_are_held_for_the_app() {
        assert_eq!(Provider::Json { endpoint: "https://x.example/s".into() }.plain_form(), None);
        assert_eq!(Provider::Kit { form_id: "1".into(), api_key: "k".into() }.plain_form(), None);
    }
}
