//! Mailchimp's hosted signup form, reached as JSONP (`/subscribe/post-json?…&c=<callback>`):
//! Mailchimp sends no CORS headers.

use serde::Deserialize;

use super::{HttpRequest, Outcome, Transport};
use crate::signup::{Field, Signup};
use crate::text::clean_message;
use crate::url::{form_encode, query_value};

pub(super) fn request(action: &str, signup: &Signup, topic_ids: Vec<String>) -> HttpRequest {
    let url = action.replacen("/subscribe/post?", "/subscribe/post-json?", 1);
    let mut pairs = vec![("EMAIL".to_owned(), signup.email.clone())];
    if let Some(name) = &signup.first_name {
        pairs.push(("FNAME".into(), name.clone()));
    }
    for field in topic_ids {
        // An interest checkbox is named group[<group>][<bit>] and carries its bit.
        let bit = field.rsplit('[').next().unwrap_or_default().trim_end_matches(']').to_owned();
        pairs.push((field, bit));
    }
    // Mailchimp's own forms carry this empty bot trap; its absence looks suspicious.
    if let Some(trap) = trap(action) {
        pairs.push((trap, String::new()));
    }
    HttpRequest {
        url: format!("{url}&{}", form_encode(&pairs)),
        transport: Transport::Jsonp { callback_param: "c" },
        headers: Vec::new(),
        body: None,
    }
}

/// The name of the empty bot trap Mailchimp's own forms carry: `b_<u>_<id>`.
pub(super) fn trap(action: &str) -> Option<String> {
    Some(format!("b_{}_{}", query_value(action, "u")?, query_value(action, "id")?))
}

/// The fields of Mailchimp's answer that Masthead reads; the rest is ignored.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Answer {
    /// success or error, and its message.
    result: Option<String>,
    msg: Option<String>,
}

/// Mailchimp's JSONP argument: `{"result": "success" | "error", "msg": "…"}`. Error
/// messages about a field start with its index (`0 - ` is the email address) and may
/// contain HTML.
pub(super) fn interpret(body: &str) -> Outcome {
    let Ok(value) = serde_json::from_str::<Answer>(body) else {
        return Outcome::Retry { after_ms: None, reason: "Mailchimp gave an answer that could not be read.".into() };
    };
    let msg = clean_message(value.msg.as_deref().unwrap_or_default());
    // The phrases looked for are ASCII: no Unicode case tables in the wasm for them.
    let lower = msg.to_ascii_lowercase();
    match value.result.as_deref() {
        Some("success") if lower.contains("thank you for subscribing") => Outcome::Subscribed,
        Some("success") => Outcome::Confirm,
        Some("error") if lower.contains("already subscribed") => Outcome::AlreadySubscribed,
        Some("error") if lower.contains("too many subscribe attempts") => {
            Outcome::Retry { after_ms: Some(5 * 60 * 1000), reason: msg }
        }
        Some("error") => {
            let (field, message) = match msg.split_once(" - ") {
                Some((index, rest)) if index.chars().all(|c| c.is_ascii_digit()) && !index.is_empty() => {
                    ((index == "0").then_some(Field::Email), rest.to_owned())
                }
                _ => (None, msg),
            };
            Outcome::Rejected { field, message }
        }
        _ => Outcome::Retry { after_ms: None, reason: "Mailchimp gave an answer that could not be read.".into() },
    }
}
