//! The mailing-list providers a static site can talk to straight from the browser. Each
//! adapter builds the request the provider documents and reads its answer; the app only
//! carries the request over the network.

use serde::{Deserialize, Serialize};

use super::{form_encode, Field, Signup};
use crate::contract::Topic;

/// Where signups go, from `[newsletter.provider]` in the site settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "RawProvider")]
pub enum Provider {
    /// POST of a JSON document to an endpoint that speaks Masthead's signup webhook
    /// (docs/CONTRACT.md), such as `masthead-build signup-endpoint` or a serverless function.
    Json { endpoint: String },
    /// POST of the same fields form-encoded, for form back ends (Formspree, Basin, a CGI…).
    Form { endpoint: String },
    /// Buttondown's embed-subscribe form endpoint for the newsletter's username.
    Buttondown { username: String },
    /// Mailchimp's hosted signup form: the `action` address of its embedded form code,
    /// `https://<dc>.list-manage.com/subscribe/post?u=…&id=…`.
    Mailchimp { action: String },
    /// A Kit (ConvertKit) form: its id and the account's public API key (the public key is
    /// meant to be shown in pages; never put the secret key here).
    Kit { form_id: String, api_key: String },
}

/// `[newsletter.provider]` as written: read as one flat record, not through serde's
/// internally tagged enums, which buffer the value in a generic tree first (a large part
/// of the reader's wasm for five small settings).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvider {
    kind: String,
    endpoint: Option<String>,
    username: Option<String>,
    action: Option<String>,
    form_id: Option<String>,
    api_key: Option<String>,
}

impl TryFrom<RawProvider> for Provider {
    type Error = String;
    fn try_from(raw: RawProvider) -> Result<Self, String> {
        let RawProvider { kind, endpoint, username, action, form_id, api_key } = raw;
        let wanted: &[&str] = match kind.as_str() {
            "json" | "form" => &["endpoint"],
            "buttondown" => &["username"],
            "mailchimp" => &["action"],
            "kit" => &["form_id", "api_key"],
            other => {
                return Err(format!(
                    "unknown variant `{other}`, expected one of `json`, `form`, `buttondown`, `mailchimp`, `kit`"
                ))
            }
        };
        let fields = [
            ("endpoint", endpoint),
            ("username", username),
            ("action", action),
            ("form_id", form_id),
            ("api_key", api_key),
        ];
        for (name, value) in &fields {
            match (wanted.contains(name), value.is_some()) {
                (true, false) => return Err(format!("missing field `{name}`")),
                (false, true) => {
                    let expected: Vec<String> = wanted.iter().map(|f| format!("`{f}`")).collect();
                    return Err(format!("unknown field `{name}`, expected `kind`, {}", expected.join(", ")));
                }
                _ => {}
            }
        }
        let [endpoint, username, action, form_id, api_key] = fields.map(|(_, value)| value.unwrap_or_default());
        Ok(match kind.as_str() {
            "json" => Provider::Json { endpoint },
            "form" => Provider::Form { endpoint },
            "buttondown" => Provider::Buttondown { username },
            "mailchimp" => Provider::Mailchimp { action },
            _ => Provider::Kit { form_id, api_key },
        })
    }
}

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
    /// Checks the settings when the site is built and again when the app reads them.
    pub fn check(&self) -> Result<(), String> {
        match self {
            Provider::Json { endpoint } | Provider::Form { endpoint } => check_endpoint(endpoint),
            Provider::Buttondown { username } => {
                if !username.is_empty() && username.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                    Ok(())
                } else {
                    Err(format!("newsletter.provider.username {username:?} is not a Buttondown username"))
                }
            }
            Provider::Mailchimp { action } => {
                check_endpoint(action)?;
                let host = host_of(action).unwrap_or_default();
                if !host.ends_with(".list-manage.com") || !action.contains("/subscribe/post?") {
                    return Err(format!(
                        "newsletter.provider.action {action:?} is not a Mailchimp form action \
                         (https://<dc>.list-manage.com/subscribe/post?u=…&id=…)"
                    ));
                }
                match (query_value(action, "u"), query_value(action, "id")) {
                    (Some(_), Some(_)) => Ok(()),
                    _ => Err(format!("newsletter.provider.action {action:?} lacks its u= and id= parameters")),
                }
            }
            Provider::Kit { form_id, api_key } => {
                if form_id.is_empty() || !form_id.chars().all(|c| c.is_ascii_digit()) {
                    Err(format!("newsletter.provider.form_id {form_id:?} is not a Kit form id (digits)"))
                } else if api_key.trim().is_empty() {
                    Err("newsletter.provider.api_key is empty: give the Kit account's public API key".into())
                } else {
                    Ok(())
                }
            }
        }
    }

    /// The origin the browser talks to, for the Content-Security-Policy (connect-src, or
    /// script-src for Mailchimp's JSONP).
    pub fn origin(&self) -> Option<String> {
        let url = match self {
            Provider::Json { endpoint } | Provider::Form { endpoint } => endpoint.as_str(),
            Provider::Buttondown { .. } => BUTTONDOWN,
            Provider::Mailchimp { action } => action.as_str(),
            Provider::Kit { .. } => KIT,
        };
        let scheme_end = url.find("://")? + 3;
        let host_end = url[scheme_end..].find(['/', '?', '#']).map_or(url.len(), |i| scheme_end + i);
        Some(url[..host_end].to_owned())
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
            Provider::Json { endpoint } => {
                let body = WebhookBody {
                    email: &signup.email,
                    first_name: signup.first_name.as_deref(),
                    topics: topic_ids,
                    consent: true,
                    consent_at: &signup.consent_at,
                    idempotency_key: cx.key,
                    source: cx.source,
                };
                HttpRequest {
                    url: endpoint.clone(),
                    transport: Transport::Cors,
                    headers: vec![
                        ("content-type", "application/json".into()),
                        ("accept", "application/json".into()),
                        ("idempotency-key", cx.key.to_owned()),
                    ],
                    body: serde_json::to_string(&body).ok(),
                }
            }
            Provider::Form { endpoint } => {
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
                HttpRequest {
                    url: endpoint.clone(),
                    transport: Transport::Cors,
                    headers: vec![
                        ("content-type", "application/x-www-form-urlencoded".into()),
                        ("accept", "application/json".into()),
                    ],
                    body: Some(form_encode(&pairs)),
                }
            }
            Provider::Buttondown { username } => {
                let mut pairs = vec![("email".to_owned(), signup.email.clone()), ("embed".to_owned(), "1".to_owned())];
                if let Some(name) = &signup.first_name {
                    pairs.push(("metadata__first_name".into(), name.clone()));
                }
                pairs.extend(topic_ids.into_iter().map(|t| ("tag".to_owned(), t)));
                HttpRequest {
                    url: format!("{BUTTONDOWN}/api/emails/embed-subscribe/{username}"),
                    transport: Transport::NoCors,
                    headers: vec![("content-type", "application/x-www-form-urlencoded".into())],
                    body: Some(form_encode(&pairs)),
                }
            }
            Provider::Mailchimp { action } => {
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
                if let (Some(u), Some(id)) = (query_value(action, "u"), query_value(action, "id")) {
                    pairs.push((format!("b_{u}_{id}"), String::new()));
                }
                HttpRequest {
                    url: format!("{url}&{}", form_encode(&pairs)),
                    transport: Transport::Jsonp { callback_param: "c" },
                    headers: Vec::new(),
                    body: None,
                }
            }
            Provider::Kit { form_id, api_key } => {
                let tags = topic_ids.join(",");
                let body = KitBody {
                    api_key,
                    email: &signup.email,
                    first_name: signup.first_name.as_deref(),
                    tags: (!tags.is_empty()).then_some(tags),
                };
                HttpRequest {
                    url: format!("{KIT}/v3/forms/{form_id}/subscribe"),
                    transport: Transport::Cors,
                    headers: vec![
                        ("content-type", "application/json; charset=utf-8".into()),
                        ("accept", "application/json".into()),
                    ],
                    body: serde_json::to_string(&body).ok(),
                }
            }
        }
    }

    /// Reads the provider's answer.
    pub fn interpret(&self, answer: HttpAnswer<'_>) -> Outcome {
        match self {
            Provider::Json { .. } | Provider::Form { .. } => interpret_webhook(answer),
            Provider::Buttondown { .. } => match answer.status {
                0 | 200..=399 => Outcome::Sent,
                status => http_failure(status, answer, None),
            },
            Provider::Mailchimp { .. } => interpret_mailchimp(answer.body),
            Provider::Kit { .. } => interpret_kit(answer),
        }
    }
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

/// The fields of every provider's JSON answer that Masthead reads; the rest is ignored.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Answer {
    /// Webhook: pending, subscribed, already_subscribed, invalid.
    status: Option<String>,
    field: Option<String>,
    message: Option<String>,
    /// Mailchimp: success or error, and its message.
    result: Option<String>,
    msg: Option<String>,
    /// Kit.
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

const BUTTONDOWN: &str = "https://buttondown.com";
const KIT: &str = "https://api.convertkit.com";

fn check_endpoint(url: &str) -> Result<(), String> {
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|p| url.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '/'])));
    let ok = (url.starts_with("https://") || local)
        && host_of(url).is_some_and(|h| !h.is_empty())
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\' || c == '"');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "newsletter endpoint {url:?} must be an https:// address (http:// only for 127.0.0.1 or localhost)"
        ))
    }
}

fn host_of(url: &str) -> Option<&str> {
    let rest = &url[url.find("://")? + 3..];
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    Some(&rest[..end])
}

fn query_value<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let query = url.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')).filter(|v| !v.is_empty())
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
fn interpret_webhook(answer: HttpAnswer<'_>) -> Outcome {
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

/// Mailchimp's JSONP argument: `{"result": "success" | "error", "msg": "…"}`. Error
/// messages about a field start with its index (`0 - ` is the email address) and may
/// contain HTML.
fn interpret_mailchimp(body: &str) -> Outcome {
    let Ok(value) = serde_json::from_str::<Answer>(body) else {
        return Outcome::Retry { after_ms: None, reason: "Mailchimp gave an answer that could not be read.".into() };
    };
    let msg = clean_message(value.msg.as_deref().unwrap_or_default());
    let lower = msg.to_lowercase();
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

/// Kit's answer to `POST /v3/forms/<id>/subscribe`: `{"subscription": {"state": …}}`, where
/// "inactive" means a confirmation email was sent and "active" means subscribed; errors
/// carry `{"error": …, "message": …}`.
fn interpret_kit(answer: HttpAnswer<'_>) -> Outcome {
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
                    let field = message.to_lowercase().contains("email").then_some(Field::Email);
                    Outcome::Rejected { field, message }
                }
                other => other,
            }
        }
    }
}

/// A provider's message as plain text: tags dropped, the common entities decoded,
/// whitespace collapsed, at most 300 characters.
pub fn clean_message(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    let mut in_tag = false;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.chars().take(300).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signup::form_decode;
    use serde_json::{json, Value};

    fn signup() -> Signup {
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
