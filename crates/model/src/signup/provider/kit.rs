//! A Kit (ConvertKit) form, through Kit's public API with the account's public key.

use serde::{Deserialize, Serialize};

use super::{http_failure, HttpAnswer, HttpRequest, Outcome};
use crate::signup::{Field, Signup};
use crate::text::clean_message;

pub(super) const ORIGIN: &str = "https://api.convertkit.com";

pub(super) fn request(form_id: &str, api_key: &str, signup: &Signup, topic_ids: Vec<String>) -> HttpRequest {
    let tags = topic_ids.join(",");
    let body = KitBody {
        api_key,
        email: &signup.email,
        first_name: signup.first_name.as_deref(),
        tags: (!tags.is_empty()).then_some(tags),
    };
    HttpRequest::cors_post(
        format!("{ORIGIN}/v3/forms/{form_id}/subscribe"),
        vec![("content-type", "application/json; charset=utf-8".into()), ("accept", "application/json".into())],
        serde_json::to_string(&body).ok(),
    )
}

/// Kit's `POST /v3/forms/<id>/subscribe` body.
#[derive(Serialize)]
struct KitBody<'a> {
    api_key: &'a str,
    email: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<String>,
}

/// The fields of Kit's answer that Masthead reads; the rest is ignored.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Answer {
    message: Option<String>,
    subscription: Option<KitSubscription>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct KitSubscription {
    state: Option<String>,
    subscriber: Option<KitSubscriber>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct KitSubscriber {
    state: Option<String>,
}

/// Kit's answer to `POST /v3/forms/<id>/subscribe`: `{"subscription": {"state": …}}`, where
/// "inactive" means a confirmation email was sent and "active" means subscribed; errors
/// carry `{"error": …, "message": …}`.
pub(super) fn interpret(answer: HttpAnswer<'_>) -> Outcome {
    let body: Answer = serde_json::from_str(answer.body).unwrap_or_default();
    match answer.status {
        200..=299 => {
            let subscription = body.subscription.unwrap_or_default();
            let state = subscription.state.or_else(|| subscription.subscriber.and_then(|s| s.state));
            if state.as_deref() == Some("active") {
                Outcome::Subscribed
            } else {
                Outcome::Confirm
            }
        }
        status => {
            let message = body.message.map(|m| clean_message(&m)).filter(|m| !m.is_empty());
            match http_failure(status, answer, message.clone()) {
                Outcome::Rejected { .. } if status == 401 || status == 404 => Outcome::Rejected {
                    field: None,
                    message: "The newsletter is not set up correctly (Kit refused the form settings).".into(),
                },
                Outcome::Rejected { message, .. } => {
                    let field = message.to_ascii_lowercase().contains("email").then_some(Field::Email);
                    Outcome::Rejected { field, message }
                }
                other => other,
            }
        }
    }
}
