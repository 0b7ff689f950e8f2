//! The newsletter signup, all of it that is pure: checking what the reader typed, telling
//! bots apart, building each provider's request and reading its answer, and the queue that
//! keeps a signup until it is delivered.

pub mod email;
pub mod progress;
pub mod provider;
pub mod queue;

use serde::{Deserialize, Serialize};

use crate::contract::Topic;
pub use email::{check_email, normalise_email, suggest_email, EmailProblem, MAX_EMAIL_CHARS};
pub use progress::{Progress, Tone};
pub use provider::{HttpAnswer, HttpRequest, Outcome, Transport};
pub use queue::{backoff_ms, Queue, Queued};

/// The longest first name the form sends.
pub const MAX_NAME_CHARS: usize = 100;

/// A person fills a form in more than this; a faster submission is a bot.
pub const MIN_FILL_MS: f64 = 2_000.0;

/// What the reader typed and ticked, as it comes from the form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SignupInput {
    pub email: String,
    pub first_name: String,
    pub topics: Vec<String>,
    pub consent: bool,
}

/// A checked signup: what is sent to the provider and kept in the retry queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signup {
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    pub topics: Vec<String>,
    /// When the reader gave consent (RFC 3339, from the reader's clock).
    pub consent_at: String,
}

/// The form's fields, for messages placed next to the one that is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Email,
    FirstName,
    Topics,
    Consent,
}

impl Field {
    /// The field's name in the signup webhook's documents (docs/CONTRACT.md).
    pub fn wire_name(self) -> &'static str {
        match self {
            Field::Email => "email",
            Field::FirstName => "first_name",
            Field::Topics => "topics",
            Field::Consent => "consent",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// Checks the form. On success the signup carries the normalised address, the trimmed
/// name (if any), and the chosen topics that the site offers, in the site's order.
pub fn validate(input: &SignupInput, offered: &[Topic], now_rfc3339: &str) -> Result<Signup, Vec<FieldError>> {
    let mut errors = Vec::new();
    let email = normalise_email(&input.email);
    if let Err(problem) = check_email(&email) {
        errors.push(FieldError { field: Field::Email, message: problem.message() });
    }
    let name = input.first_name.trim();
    if name.chars().count() > MAX_NAME_CHARS {
        errors.push(FieldError {
            field: Field::FirstName,
            message: format!("A first name can be at most {MAX_NAME_CHARS} characters."),
        });
    } else if name.chars().any(char::is_control) {
        errors.push(FieldError {
            field: Field::FirstName,
            message: "The first name cannot contain control characters.".into(),
        });
    }
    let topics: Vec<String> = offered.iter().filter(|t| input.topics.contains(&t.id)).map(|t| t.id.clone()).collect();
    if !offered.is_empty() && topics.is_empty() {
        errors.push(FieldError { field: Field::Topics, message: "Choose at least one newsletter.".into() });
    }
    if !input.consent {
        errors.push(FieldError {
            field: Field::Consent,
            message: "Tick the box to agree to receive the newsletter; we need your consent.".into(),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Signup {
        email,
        first_name: (!name.is_empty()).then(|| name.to_owned()),
        topics,
        consent_at: now_rfc3339.to_owned(),
    })
}

/// A bot fills the field people cannot see, or submits faster than anyone can type.
pub fn looks_like_bot(honeypot: &str, elapsed_ms: f64) -> bool {
    // NaN (a clock that could not be read) counts as too fast.
    !honeypot.is_empty() || elapsed_ms.partial_cmp(&MIN_FILL_MS).is_none_or(|o| o == std::cmp::Ordering::Less)
}

pub use crate::url::{form_decode, form_encode};

#[cfg(test)]
mod tests {
    use super::*;

    fn topics() -> Vec<Topic> {
        vec![
            Topic { id: "breaking".into(), name: "Breaking news".into(), default: true, provider_id: None },
            Topic { id: "deals".into(), name: "Deals".into(), default: false, provider_id: None },
        ]
    }

    fn input() -> SignupInput {
        SignupInput {
            email: " ada@example.com ".into(),
            first_name: "  Ada ".into(),
            topics: vec!["deals".into(), "breaking".into(), "unknown".into()],
            consent: true,
        }
    }

    #[test]
    fn a_good_form_gives_a_clean_signup() {
        let s = validate(&input(), &topics(), "2026-11-27T08:00:00Z").unwrap();
        assert_eq!(s.email, "ada@example.com");
        assert_eq!(s.first_name.as_deref(), Some("Ada"));
        assert_eq!(s.topics, ["breaking", "deals"], "site order, unknown topics dropped");
        assert_eq!(s.consent_at, "2026-11-27T08:00:00Z");
        let no_name = SignupInput { first_name: "   ".into(), ..input() };
        assert_eq!(validate(&no_name, &topics(), "t").unwrap().first_name, None);
    }

    #[test]
    fn each_field_reports_its_own_problem() {
        let bad = SignupInput { email: "ada@".into(), first_name: "x".repeat(101), topics: vec![], consent: false };
        let errors = validate(&bad, &topics(), "t").unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::Email, Field::FirstName, Field::Topics, Field::Consent]);
        assert!(errors[0].message.contains("after the @"));
        let control = SignupInput { first_name: "A\u{0}da".into(), ..input() };
        assert_eq!(validate(&control, &topics(), "t").unwrap_err()[0].field, Field::FirstName);
        let only_unknown = SignupInput { topics: vec!["unknown".into()], ..input() };
        assert_eq!(validate(&only_unknown, &topics(), "t").unwrap_err()[0].field, Field::Topics);
    }

    #[test]
    fn a_site_without_topics_needs_none() {
        let s = validate(&SignupInput { topics: vec![], ..input() }, &[], "t").unwrap();
        assert!(s.topics.is_empty());
    }

    #[test]
    fn bots_fill_the_honeypot_or_hurry() {
        assert!(looks_like_bot("http://spam.example", 10_000.0));
        assert!(looks_like_bot("", 300.0));
        assert!(looks_like_bot("", f64::NAN));
        assert!(!looks_like_bot("", 2_500.0));
    }

    #[test]
    fn form_encoding_round_trips() {
        let pairs = vec![
            ("email".to_owned(), "a+b@example.com".to_owned()),
            ("first_name".to_owned(), "Zoë & Jo=1 %".to_owned()),
            ("group[1][2]".to_owned(), "2".to_owned()),
        ];
        let body = form_encode(&pairs);
        assert_eq!(body, "email=a%2Bb%40example.com&first_name=Zo%C3%AB+%26+Jo%3D1+%25&group%5B1%5D%5B2%5D=2");
        assert_eq!(form_decode(&body), pairs);
        assert_eq!(
            form_decode("a=%zz&b&=c"),
            [("a".into(), "%zz".into()), ("b".into(), String::new()), (String::new(), "c".into())]
        );
    }
}
