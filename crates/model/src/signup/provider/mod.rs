//! The mailing-list providers a static site can talk to straight from the browser. Each
//! adapter builds the request the provider documents and reads its answer; the app only
//! carries the request over the network.

//!
//! One file per provider: webhook.rs (Masthead's JSON webhook and form back ends),
//! buttondown.rs, mailchimp.rs and kit.rs, each with the request it builds and the
//! reading of its answer; plain.rs, the written form's plain post where a provider takes
//! one. The settings themselves are the contract's [`Provider`].

mod buttondown;
mod kit;
mod mailchimp;
mod plain;
mod webhook;

use mailchimp::trap as mailchimp_trap;
pub use plain::{PlainForm, TRAP};

use serde::{Deserialize, Serialize};

use super::{Field, Signup};
pub use crate::contract::Provider;
use crate::contract::Topic;

/// How the app must carry a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    /// A normal cross-origin `fetch`; the provider must send CORS headers.
    Cors,
    /// A `fetch` with `mode: "no-cors"`: the request is delivered but the answer cannot be
    /// read (status 0). Only network failures are seen.
    NoCors,
    /// A `<script>` element (JSONP): the app adds `&<param>=<callback name>` to the URL and
    /// passes the callback's argument, as JSON text, to [`Provider::interpret`].
    Jsonp { callback_param: &'static str },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub url: String,
    pub transport: Transport,
    /// Header name and value pairs; `content-type` included when there is a body.
    pub headers: Vec<(&'static str, String)>,
    /// A POST body; `None` for JSONP.
    pub body: Option<String>,
}

impl HttpRequest {
    /// A `fetch` POST of `body` to a provider that answers with CORS headers.
    fn cors_post(url: String, headers: Vec<(&'static str, String)>, body: Option<String>) -> Self {
        HttpRequest { url, transport: Transport::Cors, headers, body }
    }
}

/// What came back: the status (0 for an opaque `no-cors` answer and for JSONP), the body
/// text, and the `Retry-After` header if any.
#[derive(Clone, Copy, Debug)]
pub struct HttpAnswer<'a> {
    pub status: u16,
    pub body: &'a str,
    pub retry_after: Option<&'a str>,
}

/// What the reader is told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Double opt-in: the provider sent a confirmation email.
    Confirm,
    /// Subscribed straight away.
    Subscribed,
    AlreadySubscribed,
    /// Delivered, but the provider's answer cannot be read (`no-cors`).
    Sent,
    /// The provider refused this signup; sending it again would not help.
    Rejected {
        field: Option<Field>,
        message: String,
    },
    /// The provider is busy or failing; the signup is kept and sent again.
    Retry {
        after_ms: Option<u64>,
        reason: String,
    },
}

impl Outcome {
    /// Whether the signup has reached the provider (and must never be sent again).
    pub fn delivered(&self) -> bool {
        matches!(self, Outcome::Confirm | Outcome::Subscribed | Outcome::AlreadySubscribed | Outcome::Sent)
    }
}

/// Everything a request is built from besides the signup.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The site's topics, to map topic ids to the provider's own ids.
    pub topics: &'a [Topic],
    /// The idempotency key of this signup: the same for every attempt.
    pub key: &'a str,
    /// The page the reader signed up on.
    pub source: &'a str,
}

impl Provider {
    /// The origin the browser talks to, for the Content-Security-Policy (connect-src, or
    /// script-src for Mailchimp's JSONP).
    pub fn origin(&self) -> Option<String> {
        let url = match self {
            Provider::Json { endpoint } | Provider::Form { endpoint } => endpoint.as_str(),
            Provider::Buttondown { .. } => buttondown::ORIGIN,
            Provider::Mailchimp { action } => action.as_str(),
            Provider::Kit { .. } => kit::ORIGIN,
        };
        crate::url::origin(url).map(str::to_owned)
    }

    /// The request for one attempt at delivering `signup`.
    pub fn request(&self, signup: &Signup, cx: Context<'_>) -> HttpRequest {
        // The provider's own name for each chosen topic.
        let topic_ids: Vec<String> = signup
            .topics
            .iter()
            .map(|id| {
                cx.topics.iter().find(|t| t.id == *id).and_then(|t| t.provider_id.clone()).unwrap_or_else(|| id.clone())
            })
            .collect();
        match self {
            Provider::Json { endpoint } => webhook::json_request(endpoint, signup, topic_ids, cx),
            Provider::Form { endpoint } => webhook::form_request(endpoint, signup, topic_ids, cx),
            Provider::Buttondown { username } => buttondown::request(username, signup, topic_ids),
            Provider::Mailchimp { action } => mailchimp::request(action, signup, topic_ids),
            Provider::Kit { form_id, api_key } => kit::request(form_id, api_key, signup, topic_ids),
        }
    }

    /// Reads the provider's answer.
    pub fn interpret(&self, answer: HttpAnswer<'_>) -> Outcome {
        match self {
            Provider::Json { .. } | Provider::Form { .. } => webhook::interpret(answer),
            Provider::Buttondown { .. } => buttondown::interpret(answer),
            Provider::Mailchimp { .. } => mailchimp::interpret(answer.body),
            Provider::Kit { .. } => kit::interpret(answer),
        }
    }
}

/// `Retry-After` in seconds (the HTTP-date form is not used by the providers here).
fn retry_after_ms(header: Option<&str>) -> Option<u64> {
    let seconds: u64 = header?.trim().parse().ok()?;
    Some(seconds.min(24 * 3600) * 1000)
}

fn http_failure(status: u16, answer: HttpAnswer<'_>, message: Option<String>) -> Outcome {
    if status == 408 || status == 429 || status >= 500 {
        let reason = if status == 429 {
            "The mailing list is busy (too many requests).".to_owned()
        } else {
            format!("The mailing list did not answer properly (HTTP {status}).")
        };
        Outcome::Retry { after_ms: retry_after_ms(answer.retry_after), reason }
    } else {
        Outcome::Rejected {
            field: None,
            message: message.unwrap_or_else(|| format!("The mailing list refused the signup (HTTP {status}).")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signup::form_decode;
    use crate::text::clean_message;
    use crate::url::check_endpoint;
    use serde_json::{json, Value};

    pub(super) fn signup() -> Signup {
        Signup {
            email: "ada@example.com".into(),
            first_name: Some("Ada".into()),
            topics: vec!["breaking".into(), "deals".into()],
            consent_at: "2026-11-27T08:00:00.000Z".into(),
        }
    }

    fn topics() -> Vec<Topic> {
        vec![
            Topic {
                id: "breaking".into(),
                name: "Breaking".into(),
                default: true,
                provider_id: Some("group[123][1]".into()),
            },
            Topic {
                id: "deals".into(),
                name: "Deals".into(),
                default: false,
                provider_id: Some("group[123][4]".into()),
            },
        ]
    }

    fn cx(topics: &[Topic]) -> Context<'_> {
        Context { topics, key: "k-123", source: "https://thecircuit.example/2026/06/story" }
    }

    fn answer(status: u16, body: &str) -> HttpAnswer<'_> {
        HttpAnswer { status, body, retry_after: None }
    }

    #[test]
    fn json_webhook_request_and_answers() {
        let p = Provider::Json { endpoint: "http://127.0.0.1:8787/subscribe".into() };
        assert_eq!(p.check(), Ok(()));
        let r = p.request(&signup(), cx(&[]));
        assert_eq!(r.url, "http://127.0.0.1:8787/subscribe");
        assert_eq!(r.transport, Transport::Cors);
        assert!(r.headers.contains(&("idempotency-key", "k-123".into())));
        let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"email": "ada@example.com", "first_name": "Ada", "topics": ["breaking", "deals"], "consent": true,
                   "consent_at": "2026-11-27T08:00:00.000Z", "idempotency_key": "k-123",
                   "source": "https://thecircuit.example/2026/06/story"})
        );
        assert_eq!(p.interpret(answer(201, r#"{"status":"pending"}"#)), Outcome::Confirm);
        assert_eq!(p.interpret(answer(200, r#"{"status":"subscribed"}"#)), Outcome::Subscribed);
        assert_eq!(p.interpret(answer(200, r#"{"status":"already_subscribed"}"#)), Outcome::AlreadySubscribed);
        assert_eq!(p.interpret(answer(204, "")), Outcome::Sent);
        assert_eq!(p.interpret(answer(409, "")), Outcome::AlreadySubscribed);
        assert_eq!(
            p.interpret(answer(422, r#"{"status":"invalid","field":"email","message":"<b>Nope</b> &amp; no"}"#)),
            Outcome::Rejected { field: Some(Field::Email), message: "Nope & no".into() }
        );
        assert!(matches!(p.interpret(answer(400, "not json")), Outcome::Rejected { field: None, .. }));
        assert!(matches!(p.interpret(answer(500, "")), Outcome::Retry { after_ms: None, .. }));
        assert!(matches!(p.interpret(answer(503, "<html>")), Outcome::Retry { .. }));
        assert!(matches!(p.interpret(answer(408, "")), Outcome::Retry { .. }));
        let busy = HttpAnswer { status: 429, body: "", retry_after: Some("30") };
        assert_eq!(
            p.interpret(busy),
            Outcome::Retry { after_ms: Some(30_000), reason: "The mailing list is busy (too many requests).".into() }
        );
    }

    #[test]
    fn form_request_is_safelisted_and_carries_every_field() {
        let p = Provider::Form { endpoint: "https://forms.example/f/abc".into() };
        let r = p.request(&signup(), cx(&[]));
        assert!(r.headers.iter().all(|(name, _)| *name == "content-type" || *name == "accept"));
        let pairs = form_decode(r.body.as_deref().unwrap());
        let get = |k: &str| pairs.iter().filter(|(n, _)| n == k).map(|(_, v)| v.as_str()).collect::<Vec<_>>();
        assert_eq!(get("email"), ["ada@example.com"]);
        assert_eq!(get("first_name"), ["Ada"]);
        assert_eq!(get("topics"), ["breaking", "deals"]);
        assert_eq!(get("consent"), ["yes"]);
        assert_eq!(get("idempotency_key"), ["k-123"]);
        assert_eq!(p.interpret(answer(200, "<html>thanks</html>")), Outcome::Sent);
    }

    #[test]
    fn buttondown_embed_form() {
        let p = Provider::Buttondown { username: "thecircuit".into() };
        assert_eq!(p.check(), Ok(()));
        assert!(Provider::Buttondown { username: "a/b".into() }.check().is_err());
        let tags = vec![Topic {
            id: "deals".into(),
            name: "Deals".into(),
            default: false,
            provider_id: Some("Top deals".into()),
        }];
        let r = p.request(&signup(), cx(&tags));
        assert_eq!(r.url, "https://buttondown.com/api/emails/embed-subscribe/thecircuit");
        assert_eq!(r.transport, Transport::NoCors);
        assert_eq!(
            form_decode(r.body.as_deref().unwrap()),
            [
                ("email".into(), "ada@example.com".into()),
                ("embed".into(), "1".into()),
                ("metadata__first_name".into(), "Ada".into()),
                ("tag".into(), "breaking".into()),
                ("tag".into(), "Top deals".into()),
            ]
        );
        assert_eq!(p.interpret(answer(0, "")), Outcome::Sent);
        assert_eq!(p.origin().as_deref(), Some("https://buttondown.com"));
    }

    #[test]
    fn mailchimp_jsonp() {
        let action = "https://thecircuit.us21.list-manage.com/subscribe/post?u=abc123&id=def456&f_id=00aa";
        let p = Provider::Mailchimp { action: action.into() };
        assert_eq!(p.check(), Ok(()));
        assert!(Provider::Mailchimp { action: "https://evil.example/subscribe/post?u=a&id=b".into() }.check().is_err());
        assert!(Provider::Mailchimp { action: "https://x.list-manage.com/subscribe/post?u=a".into() }.check().is_err());
        let topics = topics();
        let r = p.request(&signup(), cx(&topics));
        assert_eq!(r.transport, Transport::Jsonp { callback_param: "c" });
        assert_eq!(r.body, None);
        let (base, query) = r.url.split_once('?').unwrap();
        assert_eq!(base, "https://thecircuit.us21.list-manage.com/subscribe/post-json");
        let pairs = form_decode(query);
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("u"), Some("abc123"));
        assert_eq!(get("id"), Some("def456"));
        assert_eq!(get("EMAIL"), Some("ada@example.com"));
        assert_eq!(get("FNAME"), Some("Ada"));
        assert_eq!(get("group[123][1]"), Some("1"));
        assert_eq!(get("group[123][4]"), Some("4"));
        assert_eq!(get("b_abc123_def456"), Some(""));

        let ok = r#"{"result":"success","msg":"Almost finished... We need to confirm your email address. To complete the subscription process, please click the link in the email we just sent you."}"#;
        assert_eq!(p.interpret(answer(0, ok)), Outcome::Confirm);
        let single = r#"{"result":"success","msg":"Thank you for subscribing!"}"#;
        assert_eq!(p.interpret(answer(0, single)), Outcome::Subscribed);
        let already = r#"{"result":"error","msg":"ada@example.com is already subscribed to list The Circuit. <a href=\"https://thecircuit.us21.list-manage.com/subscribe/send-email?u=abc\">Click here to update your profile</a>"}"#;
        assert_eq!(p.interpret(answer(0, already)), Outcome::AlreadySubscribed);
        let bad = r#"{"result":"error","msg":"0 - An email address must contain a single @."}"#;
        assert_eq!(
            p.interpret(answer(0, bad)),
            Outcome::Rejected {
                field: Some(Field::Email),
                message: "An email address must contain a single @.".into()
            }
        );
        let merge = r#"{"result":"error","msg":"2 - Please enter a value"}"#;
        assert_eq!(
            p.interpret(answer(0, merge)),
            Outcome::Rejected { field: None, message: "Please enter a value".into() }
        );
        let busy = r#"{"result":"error","msg":"Recipient \"ada@example.com\" has too many recent signup requests. Too many subscribe attempts for this email address. Please try again in about 5 minutes."}"#;
        assert!(matches!(p.interpret(answer(0, busy)), Outcome::Retry { after_ms: Some(300_000), .. }));
        assert!(matches!(p.interpret(answer(0, "garbage")), Outcome::Retry { .. }));
        assert_eq!(p.origin().as_deref(), Some("https://thecircuit.us21.list-manage.com"));
    }

    #[test]
    fn kit_form_subscribe() {
        let p = Provider::Kit { form_id: "1234567".into(), api_key: "pub_key".into() };
        assert_eq!(p.check(), Ok(()));
        assert!(Provider::Kit { form_id: "12a".into(), api_key: "k".into() }.check().is_err());
        assert!(Provider::Kit { form_id: "12".into(), api_key: " ".into() }.check().is_err());
        let tags = vec![
            Topic { id: "breaking".into(), name: "B".into(), default: true, provider_id: Some("111".into()) },
            Topic { id: "deals".into(), name: "D".into(), default: false, provider_id: Some("222".into()) },
        ];
        let r = p.request(&signup(), cx(&tags));
        assert_eq!(r.url, "https://api.convertkit.com/v3/forms/1234567/subscribe");
        let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"api_key": "pub_key", "email": "ada@example.com", "first_name": "Ada", "tags": "111,222"})
        );
        let pending = r#"{"subscription":{"id":1,"state":"inactive","subscribable_type":"form","subscriber":{"id":1,"email_address":"ada@example.com","state":"inactive"}}}"#;
        assert_eq!(p.interpret(answer(200, pending)), Outcome::Confirm);
        let active = r#"{"subscription":{"id":1,"state":"active","subscriber":{"id":1}}}"#;
        assert_eq!(p.interpret(answer(200, active)), Outcome::Subscribed);
        let unauthorised = r#"{"error":"Authorization Failed","message":"API Key not valid"}"#;
        assert!(matches!(p.interpret(answer(401, unauthorised)), Outcome::Rejected { field: None, .. }));
        let invalid = r#"{"error":"Invalid","message":"Email address is invalid"}"#;
        assert_eq!(
            p.interpret(answer(422, invalid)),
            Outcome::Rejected { field: Some(Field::Email), message: "Email address is invalid".into() }
        );
        assert!(matches!(p.interpret(answer(502, "")), Outcome::Retry { .. }));
    }

    #[test]
    fn endpoints_must_be_https_except_on_this_machine() {
        for ok in ["https://lists.example/subscribe", "http://127.0.0.1:8787/subscribe", "http://localhost/x"] {
            assert_eq!(check_endpoint(ok), Ok(()), "{ok}");
        }
        for bad in [
            "http://lists.example/s",
            "javascript:alert(1)",
            "https://",
            "/subscribe",
            "http://localhost.evil.example/",
            "https://a.example/\"x",
        ] {
            assert!(check_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn settings_decode_from_the_site_file() {
        let p: Provider = serde_json::from_str(r#"{"kind":"kit","form_id":"1","api_key":"k"}"#).unwrap();
        assert_eq!(p, Provider::Kit { form_id: "1".into(), api_key: "k".into() });
        assert!(serde_json::from_str::<Provider>(r#"{"kind":"smoke_signals"}"#).is_err());
        assert!(serde_json::from_str::<Provider>(r#"{"kind":"json","endpoint":"x","typo":1}"#).is_err());
        let message = |json: &str| serde_json::from_str::<Provider>(json).unwrap_err().to_string();
        assert!(message(r#"{"kind":"kit","form_id":"1"}"#).starts_with("missing field `api_key`"));
        // A field of another provider is refused, not silently ignored.
        assert!(message(r#"{"kind":"json","endpoint":"x","username":"u"}"#)
            .starts_with("unknown field `username`, expected `kind`, `endpoint`"));
        assert!(message(r#"{"kind":"pigeon"}"#).starts_with("unknown variant `pigeon`"));
        for p in [
            Provider::Json { endpoint: "https://a.example/s".into() },
            Provider::Form { endpoint: "https://a.example/f".into() },
            Provider::Buttondown { username: "u".into() },
            Provider::Mailchimp { action: "https://x.us1.list-manage.com/subscribe/post?u=1&id=2".into() },
            Provider::Kit { form_id: "7".into(), api_key: "k".into() },
        ] {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<Provider>(&json).unwrap(), p, "{json}");
        }
    }

    #[test]
    fn messages_are_plain_text() {
        assert_eq!(clean_message("<script>alert(1)</script>Hi &lt;you&gt;\n\n there"), "alert(1)Hi <you> there");
        assert_eq!(clean_message(&"x".repeat(1000)).len(), 300);
    }
}
