//! Masthead's own signup webhook (docs/CONTRACT.md): JSON to `masthead-build
//! signup-endpoint` or a serverless function, or the same fields form-encoded for form
//! back ends (Formspree, Basin, a CGI…).

use serde::{Deserialize, Serialize};

use super::{http_failure, Context, HttpAnswer, HttpRequest, Outcome};
use crate::signup::{Field, Signup};
use crate::text::clean_message;
use crate::url::form_encode;

pub(super) fn json_request(endpoint: &str, signup: &Signup, topic_ids: Vec<String>, cx: Context<'_>) -> HttpRequest {
    let body = WebhookBody {
        email: &signup.email,
        first_name: signup.first_name.as_deref(),
        topics: topic_ids,
        consent: true,
        consent_at: &signup.consent_at,
        idempotency_key: cx.key,
        source: cx.source,
    };
    HttpRequest::cors_post(
        endpoint.to_owned(),
        vec![
            ("content-type", "application/json".into()),
            ("accept", "application/json".into()),
            ("idempotency-key", cx.key.to_owned()),
        ],
        serde_json::to_string(&body).ok(),
    )
}

pub(super) fn form_request(endpoint: &str, signup: &Signup, topic_ids: Vec<String>, cx: Context<'_>) -> HttpRequest {
    let mut pairs = vec![("email".to_owned(), signup.email.clone())];
    if let Some(name) = &signup.first_name {
        pairs.push(("first_name".into(), name.clone()));
    }
    pairs.extend(topic_ids.into_iter().map(|t| ("topics".to_owned(), t)));
    pairs.push(("consent".into(), "yes".into()));
    pairs.push(("consent_at".into(), signup.consent_at.clone()));
    pairs.push(("idempotency_key".into(), cx.key.to_owned()));
    pairs.push(("source".into(), cx.source.to_owned()));
    // Only CORS-safelisted headers, so the browser sends no preflight.
    HttpRequest::cors_post(
        endpoint.to_owned(),
        vec![("content-type", "application/x-www-form-urlencoded".into()), ("accept", "application/json".into())],
        Some(form_encode(&pairs)),
    )
}

/// The webhook's JSON body.
#[derive(Serialize)]
struct WebhookBody<'a> {
    email: &'a str,
    first_name: Option<&'a str>,
    topics: Vec<String>,
    consent: bool,
    consent_at: &'a str,
    idempotency_key: &'a str,
    source: &'a str,
}

/// The fields of the webhook's JSON answer that Masthead reads; the rest is ignored.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Answer {
    /// pending, subscribed, already_subscribed, invalid.
    status: Option<String>,
    field: Option<String>,
    message: Option<String>,
}

fn field_named(name: &str) -> Option<Field> {
    match name {
        "email" | "email_address" | "EMAIL" => Some(Field::Email),
        "first_name" | "FNAME" => Some(Field::FirstName),
        "topics" => Some(Field::Topics),
        "consent" => Some(Field::Consent),
        _ => None,
    }
}

/// Masthead's webhook answer: `{"status": "pending" | "subscribed" | "already_subscribed"}`
/// on success; `{"status": "invalid", "field": "email", "message": "…"}` with a 4xx when
/// refused. 409 also means already subscribed.
pub(super) fn interpret(answer: HttpAnswer<'_>) -> Outcome {
    let body: Answer = serde_json::from_str(answer.body).unwrap_or_default();
    match answer.status {
        200..=299 => match body.status.as_deref() {
            Some("pending" | "confirm") => Outcome::Confirm,
            Some("subscribed" | "active") => Outcome::Subscribed,
            Some("already_subscribed") => Outcome::AlreadySubscribed,
            _ => Outcome::Sent,
        },
        409 => Outcome::AlreadySubscribed,
        status @ 400..=499 if status != 408 && status != 429 => {
            match body.message.map(|m| clean_message(&m)).filter(|m| !m.is_empty()) {
                Some(message) => Outcome::Rejected { field: body.field.as_deref().and_then(field_named), message },
                None => http_failure(status, answer, None),
            }
        }
        status => http_failure(status, answer, None),
    }
}
