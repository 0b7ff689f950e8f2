//! Buttondown's embed-subscribe form endpoint for the newsletter's username. It sends
//! no CORS headers, so the request goes `no-cors` and its answer cannot be read.

use super::{http_failure, HttpAnswer, HttpRequest, Outcome, Transport};
use crate::signup::Signup;
use crate::url::form_encode;

pub(super) const ORIGIN: &str = "https://buttondown.com";

pub(super) fn request(username: &str, signup: &Signup, topic_ids: Vec<String>) -> HttpRequest {
    let mut pairs = vec![("email".to_owned(), signup.email.clone()), ("embed".to_owned(), "1".to_owned())];
    if let Some(name) = &signup.first_name {
        pairs.push(("metadata__first_name".into(), name.clone()));
    }
    pairs.extend(topic_ids.into_iter().map(|t| ("tag".to_owned(), t)));
    HttpRequest {
        url: endpoint(username),
        transport: Transport::NoCors,
        headers: vec![("content-type", "application/x-www-form-urlencoded".into())],
        body: Some(form_encode(&pairs)),
    }
}

/// The embed-subscribe address of a newsletter, which takes the form's fields as posted.
pub(super) fn endpoint(username: &str) -> String {
    format!("{ORIGIN}/api/emails/embed-subscribe/{username}")
}

pub(super) fn interpret(answer: HttpAnswer<'_>) -> Outcome {
    match answer.status {
        0 | 200..=399 => Outcome::Sent,
        status => http_failure(status, answer, None),
    }
}
